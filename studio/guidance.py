"""Guidance in the editor: advice beside fields and in a panel, turn-taking suggestions and chart.

The rules, suggestions and timeline live in ``session_model``; this module only
draws them and applies one-click changes to the draft (in callbacks, so widgets
redraw from the new draft).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.context import FormCtx
from form.introspect import Path, dotted
from form.messages import Problem
from form.render import plain
from session_model.advice import Advice, Fix
from session_model.advice_ga import advise_any, replay
from session_model.apis import api_of
from session_model.shapes import to_flat
from session_model.timeline import Timeline, TurnSettings, compute, describe_sample, settings_from
from session_model.turn_suggestions import SUGGESTIONS, Suggestion
from studio import draft
from studio.turn_chart import turn_chart

ADVICE_PANEL = "editor:advice"  # the advice panel (open or not)
TURN_SECTION = "Conversation and turn-taking"
NOTE_LEVEL = {"error": "error", "warning": "warning", "tip": "info"}
BADGE = {"error": ":red-badge[error]", "warning": ":orange-badge[warning]", "tip": ":blue-badge[tip]"}


@dataclass
class View:
    """The editor's draft as one run sees it: validated, advised on, ready to draw (a page's run defines no classes)."""

    session: BaseModel | None
    problems: list[Problem]
    advice: list[Advice]
    form: FormCtx


def assess(data: dict[str, Any]) -> tuple[BaseModel | None, list[Problem], list[Advice]]:
    """The draft validated (the session, or None and the problems) and advised on.

    Remembered while the draft is unchanged, under one look at it: comparing a long draft
    (a hundred tools) with the one last assessed is itself a fraction of a millisecond.
    """
    # ``draft.check``: the sidebar has usually validated this draft already in the same run.
    session, problems, advice = draft.per_draft("assess", data, lambda d: (*draft.check(d), advise_any(d)))
    return session, list(problems), list(advice)


def flat_view(data: Mapping[str, Any]) -> dict[str, Any]:
    """The draft as the flat shape reads it: the suggestions and the chart read turn-taking from there."""
    return dict(data) if api_of(data).key == "flat" else to_flat(dict(data)).data


def _suggest(suggestion: Suggestion, data: Mapping[str, Any]) -> dict[str, Any]:
    if api_of(data).key == "flat":
        return suggestion.apply(data)
    return replay(Fix(suggestion.title, suggestion.apply)).apply(data)


def notes_for(advice: list[Advice]) -> dict[Path, list[tuple[str, str]]]:
    """Advice as form notes, drawn beside the first field each piece concerns."""
    notes: dict[Path, list[tuple[str, str]]] = {}
    for item in advice:
        if item.paths:
            notes.setdefault(item.paths[0], []).append((NOTE_LEVEL[item.severity], item.message))
    return notes


def apply_change(state: MutableMapping[str, Any], change: Callable[[Mapping[str, Any]], dict[str, Any]]) -> None:
    """Replace the draft by ``change(draft)`` (undo-able from the sidebar); use as a callback."""
    draft.replace(state, change(state.get(draft.DRAFT_KEY, {})))
    st.rerun()  # the whole page: the button may sit in a fragment, and every section changed


def turn_inputs(data: Mapping[str, Any]) -> object:
    """What the turn-taking extras draw from: the settings the suggestions set, and turn detection."""
    names = sorted({"turn_detection", *(name for s in SUGGESTIONS for name in s.settings)})
    view = flat_view(data)
    return [(name, view.get(name)) for name in names]


def render_panel(advice: list[Advice]) -> None:
    """The advice panel: every finding, the fields it concerns and its one-click fix."""
    state = st.session_state
    serious = sum(a.severity in ("error", "warning") for a in advice)
    counts = ", ".join(
        f"{n} {s}{'s' if n != 1 else ''}"
        for s in ("error", "warning", "tip")
        if (n := sum(a.severity == s for a in advice))
    )
    title = f"**Advice** · {counts or 'nothing to report'}"
    # The title carries the counts; the findings are drawn only while the panel is open (it
    # opens by itself the first time there is an error or a warning).
    panel = st.expander(title, expanded=bool(serious), icon=":material/lightbulb:", key=ADVICE_PANEL, on_change="rerun")
    if not panel.open:
        return
    with panel:
        if not advice:
            st.success("Nothing in these settings looks risky.", icon=":material/thumb_up:")
        for index, item in enumerate(advice):
            fields = ", ".join(f"`{dotted(p)}`" for p in item.paths)
            with st.container(border=True, key=f"advice-{item.rule}-{index}"):
                st.markdown(f"{BADGE[item.severity]} {plain(item.message)}  \n{fields}")
                if item.fix is not None:
                    st.button(
                        item.fix.label,
                        key=f"advice:fix:{item.rule}:{index}",
                        icon=":material/auto_fix_high:",
                        on_click=_fix_callback(state, item.fix),
                    )


def _fix_callback(state: MutableMapping[str, Any], fix: Fix) -> Callable[[], None]:
    return lambda: apply_change(state, fix.apply)


def _suggestion_callback(state: MutableMapping[str, Any], suggestion: Suggestion) -> Callable[[], None]:
    return lambda: apply_change(state, lambda data: _suggest(suggestion, data))


@functools.lru_cache(maxsize=64)
def _timeline_chart(settings: TurnSettings) -> tuple[Timeline, str]:
    """The timeline and its chart as Vega-Lite JSON, built once per distinct settings."""
    timeline = compute(settings)
    return timeline, json.dumps(turn_chart(timeline))


def render_turn_taking() -> None:
    """Suggested settings for common situations and the turn-taking chart, for the turn-taking section."""
    state = st.session_state
    current = flat_view(state.get(draft.DRAFT_KEY, {}))
    # Captions, not markdown tooltips: each of those is a button named only "Help".
    st.markdown("**Suggested settings**")
    st.caption(
        "Each button sets turn-taking (and noise reduction where the microphone matters) for that "
        "situation. Undo from the sidebar."
    )
    columns = st.columns(2)
    for index, suggestion in enumerate(SUGGESTIONS):
        columns[index % 2].button(
            suggestion.title,
            key=f"turns:suggest:{suggestion.id}",
            help=suggestion.why,
            width="stretch",
            type="primary" if suggestion.matches(current) else "secondary",
            on_click=_suggestion_callback(state, suggestion),
        )
    timeline, spec = _timeline_chart(settings_from(current.get("turn_detection"), "turn_detection" in current))
    st.markdown("**What a caller experiences**")
    st.caption(
        "A sample caller who pauses to think, then a door bangs. Hover a bar for its times. Semantic VAD "
        "decides from meaning, so its waits are rough."
    )
    st.vega_lite_chart(spec=json.loads(spec), width="stretch", alt=timeline.summary)
    st.caption(plain(describe_sample()))
    st.markdown(plain(timeline.summary))

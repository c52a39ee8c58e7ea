"""The sidebar's API target picker: switching converts the draft and reports what moved or was left out.

The target is read from the draft (see ``session_model.apis``). A switch replaces the
draft with its conversion (undo from the sidebar) and keeps a report, shown until it
is dismissed, in the same words as the import report.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from form.introspect import dotted
from form.render import plain
from session_model import apis
from session_model.shapes import Converted, json_text
from studio import draft

PICKER = "sidebar:target"
REPORT = "sidebar:target_report"  # (title, [(kind, where, text)]) of the last switch


def report_lines(converted: Converted) -> list[tuple[str, str, str]]:
    """The conversion report as (kind, where, plain sentence) lines: moved, converted, left out, unreadable."""
    lines: list[tuple[str, str, str]] = []
    for change in converted.changes:
        source, target = dotted(change.source), dotted(change.target)
        if change.before != change.after:
            lines.append(("converted", target, f"{json_text(change.before)} became {json_text(change.after)}"))
        if source != target:
            lines.append(("moved", target, f"moved from {source}"))
    for drop in converted.drops:
        lines.append(("left out", dotted(drop.path), f"{json_text(drop.value)} was left out: {drop.reason}"))
    for unknown in converted.unknown:
        lines.append(("left out", dotted(unknown.path), unknown.reason or "not a setting of this target"))
    for issue in converted.issues:
        lines.append(("problem", dotted(issue.path), issue.message))
    return lines


def switch(state: MutableMapping[str, Any], key: str) -> None:
    """Convert the draft to the target ``key`` (undo-able) and keep the report."""
    current = draft.current(state)
    target = apis.APIS[key]
    source = draft.target(current)
    if source.key == target.key:
        return
    converted = apis.convert(current, target)
    draft.replace(state, converted.data)
    state[REPORT] = (f"Switched from {source.title} to {target.title}", report_lines(converted))


def _picked(state: MutableMapping[str, Any]) -> None:
    switch(state, state[PICKER])
    st.rerun()  # every section of the form changes


def render(state: MutableMapping[str, Any]) -> None:
    """The target picker, the retirement note for the flat target, and the last switch's report."""
    current = draft.target(draft.current(state))
    state[PICKER] = current.key  # the draft is the truth: an import or a preset may have changed it
    st.selectbox(
        "API target",
        list(apis.APIS),
        format_func=lambda k: apis.APIS[k].title,
        key=PICKER,
        help="Which Realtime session the draft is written for. Switching converts the draft and lists "
        "what moved and what could not be carried; Undo brings the old draft back.",
        on_change=lambda: _picked(state),
    )
    if not current.current:
        st.warning(
            f"OpenAI retired this shape on {apis.RETIRED_ON}; the API refuses it. Switch to "
            f"{apis.DEFAULT.title} to deploy this persona.",
            icon=":material/history:",
        )
    kept = state.get(REPORT)
    if kept:
        title, lines = kept
        with st.expander(plain(title), expanded=True, icon=":material/swap_horiz:"):
            if not lines:
                st.caption("Everything was carried over unchanged.")
            for kind, where, text in lines:
                st.markdown(f"**{plain(kind)}** · `{where.replace('`', '')}`: {plain(text)}")
            st.button("Dismiss", key="sidebar:target_dismiss", on_click=lambda: state.pop(REPORT, None))

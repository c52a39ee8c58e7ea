"""The persona builder page's workings: answers kept beside the draft, compiled into instructions.

The answers live in ``st.session_state[BUILDER_KEY]`` (a JSON-shaped dict, never
exported). While the builder is in charge, the draft's ``instructions`` follow the
compiled text; switching to free text leaves the text alone for the user to edit.
``extras``/``restore`` give the persona library what to store with a saved persona.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import streamlit as st

from form.messages import validate
from form.render import FormCtx, render_form
from form.state import load_draft, refresh_widgets
from session_model.persona import PersonaBrief, compile_instructions, load_answers
from studio import draft

BUILDER_KEY = "persona_builder"
MODE_KEY = "persona_builder_mode"
PREFIX = "pb"
FREE_TEXT_KEY = "pb:free_text"
WRITTEN_KEY = "persona_builder_written"  # the text the builder last wrote into the draft
BUILDER, FREE = "builder", "free"
MODES = {BUILDER: "Use the builder", FREE: "Edit the text freely"}


def answers(state: Mapping[str, Any]) -> dict[str, Any]:
    """The builder's answers (empty when never opened)."""
    return state.get(BUILDER_KEY) or {}


def extras(state: Mapping[str, Any]) -> dict[str, Any]:
    """What to save with a persona so that reopening the builder restores it (JSON-ready)."""
    return {BUILDER_KEY: answers(state), MODE_KEY: mode(state)}


def restore(state: MutableMapping[str, Any], saved: Mapping[str, Any] | None) -> None:
    """Put saved builder answers back (call in a callback, before the builder is drawn)."""
    saved = saved or {}
    load_draft(state, BUILDER_KEY, PREFIX, load_answers(saved.get(BUILDER_KEY)))
    state[MODE_KEY] = saved.get(MODE_KEY) if saved.get(MODE_KEY) in MODES else BUILDER
    state[WRITTEN_KEY] = compile_instructions(state[BUILDER_KEY])


def mode(state: Mapping[str, Any]) -> str:
    """Who writes the instructions now: the builder, or the user (free text)."""
    if state.get(MODE_KEY) in MODES:
        return state[MODE_KEY]
    # Never let a first visit overwrite instructions that were written by hand.
    has_text = bool((state.get(draft.DRAFT_KEY) or {}).get("instructions"))
    return FREE if has_text and not answers(state) else BUILDER


def sync(state: MutableMapping[str, Any]) -> str | None:
    """Bring the draft's instructions in line with the builder; return a note if the mode had to change.

    Call before the builder's widgets are drawn (answers changed by callbacks are already in place).
    """
    current = state.setdefault(MODE_KEY, mode(state))  # the first visit decides, then it sticks
    if current != BUILDER:
        return None
    text = (state.get(draft.DRAFT_KEY) or {}).get("instructions") or ""
    written = state.get(WRITTEN_KEY)
    if text and written is not None and text != written:
        state[MODE_KEY] = FREE  # edited elsewhere (the editor, an import): never overwrite it
        return "The instructions were changed outside the builder, so you are now editing the text freely."
    compiled = compile_instructions(answers(state))
    if compiled and compiled != text:
        _set_instructions(state, compiled)
    if compiled:
        state[WRITTEN_KEY] = compiled
    return None


def _set_instructions(state: MutableMapping[str, Any], text: str) -> None:
    current = draft.current(state)
    if text:
        current["instructions"] = text
    else:
        current.pop("instructions", None)
    refresh_widgets(state, draft.PREFIX, ("instructions",))


def _switch_mode(state: MutableMapping[str, Any]) -> None:
    if state.get("pb:mode") not in MODES:  # clicking the selected option deselects it; keep the mode
        return
    state[MODE_KEY] = state["pb:mode"]
    compiled = compile_instructions(answers(state))
    if state[MODE_KEY] == BUILDER and compiled and compiled != state.get(draft.DRAFT_KEY, {}).get("instructions"):
        replaced = dict(state.get(draft.DRAFT_KEY, {}), instructions=compiled)
        draft.replace(state, replaced)  # undo-able from the sidebar: the free text is not lost
    if state[MODE_KEY] == BUILDER and compiled:
        state[WRITTEN_KEY] = compiled


def _free_text_changed(state: MutableMapping[str, Any]) -> None:
    _set_instructions(state, state[FREE_TEXT_KEY])


def render() -> None:
    """Draw the builder: answers on the left, the instructions they compile to on the right."""
    state = st.session_state
    if draft.target(draft.current(state)).key == "transcription":
        # A transcription session has no agent, so there are no instructions to write.
        st.info(
            "This draft is a transcription session: it only writes down speech, so it has no persona or "
            "instructions. Choose the Realtime target in the sidebar to design a voice agent.",
            icon=":material/info:",
        )
        return
    state.setdefault(BUILDER_KEY, {})
    note = sync(state)
    current = mode(state)
    state["pb:mode"] = current
    st.segmented_control(
        "How to write the instructions",
        list(MODES),
        format_func=MODES.get,
        key="pb:mode",
        on_change=_switch_mode,
        args=(state,),
        help="The builder writes the instructions from your answers. Switch to free text at any time to "
        "edit the result by hand; your answers are kept, and switching back rewrites the text from them.",
    )
    if note:
        st.info(note, icon=":material/info:")
    _, problems = validate(PersonaBrief, answers(state))
    compiled = compile_instructions(answers(state))
    left, right = st.columns([3, 2], gap="large")
    with left:
        render_form(FormCtx(state, BUILDER_KEY, PREFIX, problems), PersonaBrief)
    with right:
        st.subheader("Instructions")
        text = state.get(draft.DRAFT_KEY, {}).get("instructions") or ""
        if current == BUILDER:
            st.caption("Written from your answers; this is what the persona will be told.")
            if compiled:
                st.code(compiled, language="markdown", wrap_lines=True)
            else:
                st.info("Answer a question on the left to start the instructions.", icon=":material/edit_note:")
            st.caption(f"{len(compiled.split())} words")
        else:
            st.caption("You are editing the text yourself; the answers on the left are kept but not applied.")
            state[FREE_TEXT_KEY] = text
            st.text_area(
                "Instructions",
                key=FREE_TEXT_KEY,
                height=420,
                on_change=_free_text_changed,
                args=(state,),
            )
            if compiled and compiled != text:
                st.caption("The text differs from what the builder would write.")

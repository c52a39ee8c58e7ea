"""The presets gallery: a card per built-in persona, and "start from this" into the draft."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from form.names import named
from form.render import plain
from session_model import describe
from session_model.presets import Preset, by_id, presets
from studio import draft, extras

STARTED_KEY = "gallery:started"
COLUMNS = 3


def start_from(state: MutableMapping[str, Any], preset_id: str) -> None:
    """Make a preset the draft (undo-able from the sidebar); builder answers start empty."""
    preset = by_id(preset_id)
    draft.replace(state, preset.draft())
    extras.restore(state, None)
    state[STARTED_KEY] = preset.name


def _card(preset: Preset) -> None:
    state = st.session_state
    with st.container(border=True, height="stretch"):
        st.markdown(f"#### {plain(preset.name)}")
        st.write(plain(preset.description))
        st.caption(
            f":material/record_voice_over: {plain(describe.voice(preset.session))}  \n"
            f":material/swap_horiz: {plain(describe.turn_taking(preset.session))}"
        )
        tools = len(preset.session.get("tools") or [])
        if tools:
            st.caption(f":material/build: {tools} tool(s)")
        st.button(
            named("Start from this", f"preset: {preset.name}"),  # ten cards: each button names its preset
            key=f"gallery:start:{preset.id}",
            icon=":material/play_arrow:",
            on_click=start_from,
            args=(state, preset.id),
        )


def render() -> None:
    """Draw the gallery, three cards to a row."""
    state = st.session_state
    started = state.pop(STARTED_KEY, None)
    # Always a slot for the message, filled or not: a message inserted above the cards would move
    # them in the page's element tree, the browser would redraw them, and the button just pressed
    # would lose the keyboard focus.
    notice = st.empty()
    if started:
        notice.success(
            f'"{started}" is now your draft. Open the editor to adjust it, or undo from the sidebar.',
            icon=":material/check_circle:",
        )
    found = presets()
    for start in range(0, len(found), COLUMNS):
        for col, preset in zip(st.columns(COLUMNS), found[start : start + COLUMNS], strict=False):
            with col:
                _card(preset)

"""Team presets on the Presets page: saved versions an admin published for the team, each a starting point.

A team preset is a version in the library (``store.Library.publish``); starting from one
loads it into the draft exactly as a built-in preset does (undo-able from the sidebar), with
the builder answers saved beside that version. Admins un-publish from the card; the store
refuses anyone else, whatever the page shows.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from form.names import named
from form.render import plain
from session_model import describe
from store import StoreError, TeamPreset
from studio import auth, draft, extras, library

NOTICE_KEY = "team:notice"  # (kind, text) left by the last action on a team preset
COLUMNS = 3


def start_from(state: MutableMapping[str, Any], preset_id: int) -> None:
    """Make a team preset the draft (undo-able from the sidebar), with the builder answers saved beside it."""
    try:
        preset = library.library().team_preset(preset_id)
    except StoreError as exc:
        state[NOTICE_KEY] = ("error", f"{exc} Your draft is unchanged.")
        return
    draft.replace(state, preset.draft())
    extras.restore(state, preset.extras)
    state[NOTICE_KEY] = (
        "success",
        f'"{preset.title}" is now your draft. Open the editor to adjust it, or undo from the sidebar.',
    )


def unpublish(state: MutableMapping[str, Any], preset_id: int) -> None:
    """Take a team preset off the page (admins); the saved version stays in the library."""
    try:
        gone = library.library().unpublish(preset_id, by=auth.actor())
    except StoreError as exc:
        state[NOTICE_KEY] = ("error", str(exc))
        return
    state[NOTICE_KEY] = (
        "success",
        f'Un-published the team preset "{gone.title}". Version {gone.version} of "{gone.persona}" stays in the '
        "library.",
    )


def _card(preset: TeamPreset, can_manage: bool) -> None:
    state = st.session_state
    with st.container(border=True, height="stretch"):
        st.markdown(f"#### {plain(preset.title)}")
        if preset.description:
            st.write(plain(preset.description))
        st.caption(
            f":material/record_voice_over: {plain(describe.voice(preset.session))}  \n"
            f":material/swap_horiz: {plain(describe.turn_taking(preset.session))}"
        )
        if not preset.api.current:
            st.caption(f":orange-badge[{preset.api.title}]")
        st.caption(
            f":material/folder_open: “{plain(preset.persona)}” version {preset.version} · published by "
            f"{plain(preset.published_by)} on {preset.published_at:%Y-%m-%d}"
        )
        st.button(
            named("Start from this", f"team preset: {preset.title}"),
            key=f"team:start:{preset.id}",
            icon=":material/play_arrow:",
            on_click=start_from,
            args=(state, preset.id),
        )
        if can_manage:
            st.button(
                named("Un-publish", f"team preset: {preset.title}"),
                key=f"team:unpublish:{preset.id}",
                icon=":material/unpublished:",
                on_click=unpublish,
                args=(state, preset.id),
            )


def render() -> None:
    """The "Team presets" group: its heading, what the last action did, and a card per published preset."""
    with st.container(key="team_presets"):
        _render_group(st.session_state)


def _render_group(state: MutableMapping[str, Any]) -> None:
    st.subheader("Team presets", anchor="team-presets")
    # A slot for the message whether there is one or not, so the cards keep their place (and the
    # focus stays on the button just pressed), as in the built-in gallery.
    notice = st.empty()
    kind, text = state.pop(NOTICE_KEY, (None, ""))
    if kind == "success":
        notice.success(plain(text), icon=":material/check_circle:")
    elif kind == "error":
        notice.error(plain(text), icon=":material/error:")
    lib = library.open_or_explain()
    if lib is None:
        return
    try:
        found = lib.team_presets()
    except StoreError as exc:
        st.error(f"{exc} The built-in presets below still work.", icon=":material/database_off:")
        return
    me = auth.actor()
    if not found:
        who = "You can publish" if me.can("team presets") else "Admins publish"
        st.caption(f"No team presets yet. {who} a saved version from the Library page.")
        return
    st.caption("Saved versions published by the team's admins, newest first.")
    for start in range(0, len(found), COLUMNS):
        for col, preset in zip(st.columns(COLUMNS), found[start : start + COLUMNS], strict=False):
            with col:
                _card(preset, me.can("team presets"))

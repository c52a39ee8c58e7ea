"""The sidebar every page shares: the draft's status and starting over."""

from __future__ import annotations

import streamlit as st

from studio import draft, links


def render() -> None:
    """Draw the shared sidebar."""
    state = st.session_state
    current = state.setdefault(draft.DRAFT_KEY, {})
    with st.sidebar:
        st.markdown("### Realtime Session Studio")
        st.caption("Design voice-agent personas and export a config the Realtime API accepts.")
        session, problems = draft.check(current)
        if session is not None:
            st.success(f"Draft is valid · {len(current)} setting(s) set", icon=":material/check_circle:")
        else:
            st.error(f"Draft has {len(problems)} problem(s)", icon=":material/error:")
        st.button(
            "Start a blank draft",
            icon=":material/note_add:",
            key="sidebar:new",
            on_click=lambda: draft.replace(state, {}),
            disabled=not current,
        )
        if draft.PREVIOUS_KEY in state:
            st.button(
                "Undo: bring back the previous draft",
                icon=":material/undo:",
                key="sidebar:undo",
                on_click=lambda: draft.undo_replace(state),
            )
        links.render_share()

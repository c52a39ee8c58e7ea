"""The sidebar every page shares: the draft's status and starting over."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

import streamlit as st

from form.context import shows
from studio import draft, links, target_switch

# The status is a fragment, so an editor section can rerun it after a change without
# rerunning the page (see pages/editor.py).
FRAGMENT = "studio:sidebar"


def _whole_page(change: Callable[[], Any]) -> Callable[[], None]:
    """A callback that changes the whole draft: it reruns the page, not just the sidebar."""

    def run() -> None:
        change()
        st.rerun()

    return run


def render() -> None:
    """Draw the shared sidebar."""
    with st.sidebar:
        st.markdown("### Realtime Session Studio")
        st.caption("Design voice-agent personas and export a config the Realtime API accepts.")
        _status()


def _shown(state: MutableMapping[str, Any]) -> str:
    """What the status shows of the draft: an edit that leaves this alone does not rerun it."""
    current = draft.current(state)
    return _showing(current, draft.check(current))


def _showing(current: dict[str, Any], checked: draft.Checked) -> str:
    session, problems = checked
    target = draft.target(current).title
    return repr((session is None, len(problems), _settings(current), draft.is_blank(current), target))


def _settings(current: dict[str, Any]) -> int:
    return len([k for k in current if k != "type"])


@st.fragment(key=FRAGMENT)
def _status() -> None:
    state = st.session_state
    current = draft.current(state)
    session, problems = draft.check(current)
    settings = _settings(current)
    shows(state, FRAGMENT, _shown, _showing(current, (session, problems)))  # the draft is not looked at again
    if session is not None:
        st.success(f"Draft is valid · {settings} setting(s) set", icon=":material/check_circle:")
    else:
        st.error(f"Draft has {len(problems)} problem(s)", icon=":material/error:")
    target_switch.render(state)
    st.button(
        "Start a blank draft",
        icon=":material/note_add:",
        key="sidebar:new",
        help="A new draft for the same API target, nothing set",
        on_click=_whole_page(lambda: draft.replace(state, draft.target(current).blank)),
        disabled=draft.is_blank(current),
    )
    if draft.PREVIOUS_KEY in state:
        st.button(
            "Undo: bring back the previous draft",
            icon=":material/undo:",
            key="sidebar:undo",
            on_click=_whole_page(lambda: draft.undo_replace(state)),
        )
    links.render_share()

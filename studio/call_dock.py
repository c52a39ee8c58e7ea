"""Where a live call lives: a fixed place in the sidebar, drawn on every page, so a call keeps running across pages.

Streamlit keeps an element mounted while it stays at the same place in the page from one run
to the next. ``app.py`` reserves this place before any page draws and fills it after the
page ran, so the call's browser side (the WebRTC connection, the microphone, the agent's
voice) survives a move to the editor, and the edits made there reach the running call.
Light on purpose: ``studio.live`` (the SDK, the call's events) is imported only once a call exists.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

CALL = "live:call"  # the current call: id, secret, where to post, cap, the running session, the outbox
FROM_DRAFT = "draft"  # a call whose settings follow the draft (mid-call edits are sent)


def reserve() -> DeltaGenerator:
    """The dock's place: the first thing in the sidebar, the same on every page."""
    return st.sidebar.container()


def fill(place: DeltaGenerator) -> None:
    """Draw the call (after the page ran, so this run's edits reach it), when there is one."""
    if not st.session_state.get(CALL):
        return
    from studio import live  # only once a call was started: it brings the SDK and the event reducer

    with place:
        live.render_dock()


def follows_draft(state: Mapping[str, Any]) -> bool:
    """A call is running with the draft's settings: an edit anywhere should reach it in this run."""
    call = state.get(CALL)
    return bool(call) and call.get("source") == FROM_DRAFT and not call.get("stop") and not call.get("over")


def forget(state: MutableMapping[str, Any]) -> None:
    """No call any more (for a new tab's state, or tests)."""
    state.pop(CALL, None)

"""The studio's current draft in ``st.session_state``, and its validation."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from form.messages import Problem, validate
from form.state import load_draft
from session_model import RealtimeSession
from session_model.export import export_session

DRAFT_KEY = "draft"
PREVIOUS_KEY = "draft_previous"
PREFIX = "f"


def check(draft: dict[str, Any]) -> tuple[RealtimeSession | None, list[Problem]]:
    """Validate a draft: the session and no problems, or None and the problems in plain words."""
    session, problems = validate(RealtimeSession, draft)
    return session, problems  # type: ignore[return-value]


def exported(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The export of a draft, or None while it is invalid."""
    session, _ = check(draft)
    return export_session(session) if session is not None else None


def replace(state: MutableMapping[str, Any], data: dict[str, Any]) -> None:
    """Make ``data`` the draft, keeping the old one so the user can undo."""
    state[PREVIOUS_KEY] = state.get(DRAFT_KEY, {})
    load_draft(state, DRAFT_KEY, PREFIX, data)


def undo_replace(state: MutableMapping[str, Any]) -> None:
    """Bring back the draft that the last ``replace`` put aside."""
    previous = state.pop(PREVIOUS_KEY, None)
    if previous is not None:
        load_draft(state, DRAFT_KEY, PREFIX, previous)

"""The studio's current draft in ``st.session_state``, and its validation."""

from __future__ import annotations

import marshal
import threading
from collections import OrderedDict
from collections.abc import Callable, MutableMapping
from typing import Any, TypeVar

from pydantic import BaseModel

from form.messages import Problem
from form.state import load_draft
from session_model import apis
from session_model.export import dumps, export_session

T = TypeVar("T")
DRAFT_KEY = "draft"
PREVIOUS_KEY = "draft_previous"
PREFIX = "f"
ORIGIN_KEY = "library_origin"  # {"name", "version"}: the saved version the draft was opened from or saved as
ORIGIN_DRAFT = "library_origin_draft"  # the draft object that origin belongs to


Checked = tuple[BaseModel | None, list[Problem]]
# The sidebar, the page and the share link each ask about the same draft in one run (and a
# change's callback asks before the fragments it reruns do), and a long draft takes tens of
# milliseconds to validate. Answers are remembered per draft object: the draft itself (so
# its id is not reused), its fingerprint when asked, and the answer.
_MEMO_MAX = 64
_MEMO_LOCK = threading.Lock()
_MEMOS: dict[str, OrderedDict[int, tuple[dict[str, Any], bytes | str, Any]]] = {}


def fingerprint(value: Any) -> bytes | str:
    """Comparable content of a JSON-shaped value: equal fingerprints mean equal content, types included.

    Taken a few times a run, so it must be cheap for a long draft: marshal's format 2 (no
    shared references, so the same content always gives the same bytes) writes 128 tools in a
    quarter of the time ``repr`` takes, and tells ``True`` from ``1`` and ``1.0`` as ``repr``
    does. A value marshal cannot write falls back to its ``repr``.
    """
    try:
        return marshal.dumps(value, 2)
    except ValueError:
        return repr(value)


def per_draft(name: str, draft: dict[str, Any], compute: Callable[[dict[str, Any]], T]) -> T:
    """``compute(draft)``, remembered (under ``name``) while the draft object holds the same content."""
    text = fingerprint(draft)
    with _MEMO_LOCK:
        memo = _MEMOS.setdefault(name, OrderedDict())
        kept = memo.get(id(draft))
        if kept is not None and kept[0] is draft and kept[1] == text:
            memo.move_to_end(id(draft))
            return kept[2]
    answer = compute(draft)
    with _MEMO_LOCK:
        memo[id(draft)] = (draft, text, answer)
        while len(memo) > _MEMO_MAX:
            memo.popitem(last=False)
    return answer


def target(draft: dict[str, Any]) -> apis.Api:
    """The API target the draft is written for (read from its ``type``)."""
    return apis.api_of(draft)


def validate(draft: dict[str, Any]) -> Checked:
    """Validate a draft against its target (each time): the session and no problems, or None and the problems."""
    _, session, problems = apis.check(draft)
    return session, problems


def check(draft: dict[str, Any]) -> Checked:
    """Validate a draft against its target: the session and no problems, or None and the problems in plain words."""
    session, problems = per_draft("check", draft, validate)
    return session, list(problems)  # a copy: callers add to it


def exported(draft: dict[str, Any]) -> dict[str, Any] | None:
    """The export of a draft, or None while it is invalid."""
    session, _ = check(draft)
    return export_session(session) if session is not None else None


# The preview's JSON text, remembered per validated session object (``check`` hands out the
# same object while the draft is unchanged): a long tool list takes milliseconds to write out.
_TEXTS: OrderedDict[int, tuple[BaseModel, str]] = OrderedDict()


def exported_text(session: BaseModel) -> str:
    """A validated session exported as the preview's JSON text."""
    with _MEMO_LOCK:
        kept = _TEXTS.get(id(session))
        if kept is not None and kept[0] is session:
            return kept[1]
    text = dumps(export_session(session))
    with _MEMO_LOCK:
        _TEXTS[id(session)] = (session, text)
        while len(_TEXTS) > _MEMO_MAX:
            _TEXTS.popitem(last=False)
    return text


def current(state: MutableMapping[str, Any]) -> dict[str, Any]:
    """The draft, started as a blank current-API session in a new tab."""
    if DRAFT_KEY not in state:
        state[DRAFT_KEY] = apis.blank_draft()
    return state[DRAFT_KEY]


def is_blank(data: dict[str, Any]) -> bool:
    """Nothing set yet: a blank draft of any target."""
    return not data or set(data) == {"type"}


def replace(state: MutableMapping[str, Any], data: dict[str, Any]) -> None:
    """Make ``data`` the draft, keeping the old one so the user can undo."""
    state[PREVIOUS_KEY] = state.get(DRAFT_KEY, {})
    load_draft(state, DRAFT_KEY, PREFIX, data)


def undo_replace(state: MutableMapping[str, Any]) -> None:
    """Bring back the draft that the last ``replace`` put aside."""
    previous = state.pop(PREVIOUS_KEY, None)
    if previous is not None:
        load_draft(state, DRAFT_KEY, PREFIX, previous)


def origin(state: MutableMapping[str, Any]) -> dict[str, Any]:
    """The saved version the current draft came from, or {} once the draft was replaced by another one.

    Edits change the draft dict in place; a blank draft, a preset, an import or a share link
    put a new dict in its place (``form.state.load_draft``), which ends the link.
    """
    if state.get(ORIGIN_DRAFT) is not state.get(DRAFT_KEY):
        return {}
    return state.get(ORIGIN_KEY) or {}


def set_origin(state: MutableMapping[str, Any], name: str, version: int) -> None:
    """Remember that the current draft is (a descendant of) this saved version."""
    state[ORIGIN_KEY] = {"name": name, "version": version}
    state[ORIGIN_DRAFT] = state.get(DRAFT_KEY)

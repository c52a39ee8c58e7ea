"""The export policy, in one place: what a validated session looks like as JSON."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from session_model.models import RealtimeSession


def export_session(session: RealtimeSession) -> dict[str, Any]:
    """Return the session as a JSON-ready dict.

    Unset fields are left out (the server keeps its default); an explicit ``null``
    is kept, because it switches a feature off (``turn_detection: null`` is
    push-to-talk). Keys follow the model's field order, so output is stable.
    """
    return session.model_dump(mode="json", exclude_unset=True)


def dumps(data: Any) -> str:
    """Serialise exported data the same way everywhere: two-space indent, UTF-8 kept."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _drop_meaningless_defaults(node: Any) -> None:
    # Fields default to None only to mean "unset"; a schema saying "default: null"
    # for a field that does not accept null would mislead editors.
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                if isinstance(prop, dict) and "default" in prop and prop["default"] is None:
                    accepts_null = any(
                        isinstance(alt, dict) and alt.get("type") == "null" for alt in prop.get("anyOf", [])
                    )
                    if not accepts_null:
                        del prop["default"]
        for value in node.values():
            _drop_meaningless_defaults(value)
    elif isinstance(node, list):
        for value in node:
            _drop_meaningless_defaults(value)


@functools.cache
def _schema() -> dict[str, Any]:
    schema = RealtimeSession.model_json_schema(mode="validation")
    _drop_meaningless_defaults(schema)
    return schema


def session_json_schema() -> dict[str, Any]:
    """The JSON Schema of the flat session (computed once per process; a fresh copy each call)."""
    return copy.deepcopy(_schema())

"""The export policy, in one place: what a validated session looks like as JSON, and its JSON Schema."""

from __future__ import annotations

import copy
import functools
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from form.hints import UI
from session_model.ga import GARealtimeSession, GATranscriptionSession
from session_model.models import RealtimeSession

SchemaShape = Literal["current", "flat"]
SCHEMA_SHAPES: tuple[SchemaShape, ...] = ("current", "flat")


def export_session(session: BaseModel) -> dict[str, Any]:
    """Return a validated session (of any target) as a JSON-ready dict.

    Unset fields are left out (the server keeps its default); an explicit ``null``
    is kept, because it switches a feature off (``turn_detection: null`` is
    push-to-talk). Keys follow the model's field order, so output is stable.
    """
    return session.model_dump(mode="json", exclude_unset=True)


def dumps(data: Any) -> str:
    """Serialise exported data the same way everywhere: two-space indent, UTF-8 kept."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _drop_null_defaults(node: Any) -> None:
    # A field defaults to None only to mean "unset: the server's default applies" (server VAD
    # for turn detection, for one). A schema saying "default: null" would tell editors that
    # leaving it out means null, which switches some features off.
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                if isinstance(prop, dict) and "default" in prop and prop["default"] is None:
                    del prop["default"]
        for value in node.values():
            _drop_null_defaults(value)
    elif isinstance(node, list):
        for value in node:
            _drop_null_defaults(value)


def unavailable_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Fields a model declares but cannot carry (``UI(unavailable=...)``): never exported, never in its schema."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(m, UI) and m.unavailable for m in info.metadata)
    )


def _drop_unavailable(schema: dict[str, Any], models: tuple[type[BaseModel], ...]) -> None:
    defs = schema.get("$defs", {})
    for model in models:
        node = defs.get(model.__name__, schema if schema.get("title") == model.__name__ else None)
        if node is None:
            continue
        for name in unavailable_fields(model):
            node.get("properties", {}).pop(name, None)
            if name in node.get("required", []):
                node["required"].remove(name)


GA_SESSION = Annotated[GARealtimeSession | GATranscriptionSession, Field(discriminator="type")]


@functools.cache
def _schema(shape: SchemaShape) -> dict[str, Any]:
    if shape == "flat":
        schema = RealtimeSession.model_json_schema(mode="validation")
    else:
        schema = TypeAdapter(GA_SESSION).json_schema(mode="validation")
        schema = {
            "title": "Realtime session (current API)",
            "description": 'A session of the current Realtime API: "type": "realtime" for a voice agent, '
            '"transcription" for speech to text only.',
            **schema,
        }
        _drop_unavailable(schema, (GARealtimeSession, GATranscriptionSession))
    _drop_null_defaults(schema)
    return schema


def session_json_schema(shape: SchemaShape = "current") -> dict[str, Any]:
    """The JSON Schema of a session: the current API (both types, told apart by ``type``) or the beta flat one.

    Computed once per process; a fresh copy each call.
    """
    return copy.deepcopy(_schema(shape))

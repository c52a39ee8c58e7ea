"""Export targets: every form a deployment may need, always built from the validated model.

Each target starts from ``export_session`` (the one export policy) and says what it
could not carry for this session ("temperature has no nested equivalent"), so the
studio can show that beside the export instead of dropping it silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from session_model import snippets
from session_model.export import dumps, export_session, session_json_schema
from session_model.models import RealtimeSession
from session_model.shapes import SERVER_ONLY, Drop, to_nested


@dataclass(frozen=True)
class Export:
    """The text of one export and the values it had to leave out."""

    text: str
    data: Any  # the JSON value (None for code)
    left_out: tuple[Drop, ...] = ()  # values this target cannot carry: the server will not see them
    omitted: tuple[Drop, ...] = ()  # values left out because sending them would change nothing


@dataclass(frozen=True)
class Target:
    """One export: what it is for, how to save it, and how to build it."""

    key: str
    title: str
    purpose: str
    cannot_carry: str
    language: str  # for syntax highlighting: json, python, javascript, bash
    file_name: str
    mime: str
    build: Callable[[RealtimeSession], Export]


def _json(data: Any, left_out: list[Drop] | tuple[Drop, ...] = ()) -> Export:
    return Export(dumps(data), data, tuple(left_out))


def _is_default(value: Any, default: Any) -> bool:
    if default is None or default is PydanticUndefined:
        return False  # no declared default: a set value always says something
    if isinstance(default, BaseModel):
        default = default.model_dump(mode="json")
    return value == default


def differing(model: BaseModel, exported: dict[str, Any]) -> dict[str, Any]:
    """The exported values of ``model`` that differ from the declared field defaults, recursively.

    "Default" means the value declared on the model's field, which is the server's documented
    default (temperature 0.8, speed 1.0, pcm16, tool choice auto, threshold 0.5, ...). A field
    without a declared default (voice, instructions, turn-taking, ...) stays whenever it is set,
    and so does an explicit null, because it switches a feature off. The ``type`` tag of a
    variant always stays: it says which variant the other values belong to.
    """
    out: dict[str, Any] = {}
    fields = type(model).model_fields
    for key, value in exported.items():
        current = getattr(model, key)
        if key != "type" and _is_default(value, fields[key].default):
            continue
        if isinstance(current, BaseModel) and isinstance(value, dict):
            value = differing(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            value = [
                differing(item, data) if isinstance(item, BaseModel) else data
                for item, data in zip(current, value, strict=True)
            ]
        out[key] = value
    return out


def _without_server_only(flat: dict[str, Any]) -> tuple[dict[str, Any], list[Drop]]:
    kept = {k: v for k, v in flat.items() if k not in SERVER_ONLY}
    return kept, [Drop((k,), v, SERVER_ONLY[k]) for k, v in flat.items() if k in SERVER_ONLY]


def nested_session(session: RealtimeSession) -> tuple[dict[str, Any], list[Drop]]:
    """The session in the nested shape, and what that shape could not carry."""
    converted = to_nested(export_session(session))
    return converted.data, converted.drops


# Off in a session that is just starting; the typed request parameters for creating one accept
# no null for them, so a new session's body leaves these nulls out (nothing changes).
OFF_WHEN_NEW: tuple[tuple[str, ...], ...] = (
    ("audio", "input", "noise_reduction"),
    ("audio", "input", "transcription"),
    ("include",),
)


def new_session(session: RealtimeSession) -> tuple[dict[str, Any], list[Drop], list[Drop]]:
    """The nested session as the body that starts a new session (client secret, code): data, losses, omissions."""
    nested, left_out = nested_session(session)
    omitted: list[Drop] = []
    for path in OFF_WHEN_NEW:
        parent = nested
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None  # type: ignore[assignment]
        if isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] is None:
            del parent[path[-1]]
            omitted.append(Drop(path, None, "a new session starts with it off, so the null is not needed"))
    for side in ("input", "output"):
        if nested.get("audio", {}).get(side) == {}:
            del nested["audio"][side]
    if nested.get("audio") == {}:
        del nested["audio"]
    return nested, left_out, omitted


def _flat(session: RealtimeSession) -> Export:
    return _json(export_session(session))


def _flat_minimal(session: RealtimeSession) -> Export:
    return _json(differing(session, export_session(session)))


def _session_update(session: RealtimeSession) -> Export:
    flat, left_out = _without_server_only(export_session(session))
    return _json({"type": "session.update", "session": flat}, left_out)


def _nested(session: RealtimeSession) -> Export:
    return _json(*nested_session(session))


def _nested_session_update(session: RealtimeSession) -> Export:
    nested, left_out = nested_session(session)
    return _json({"type": "session.update", "session": nested}, left_out)


def _client_secret(session: RealtimeSession) -> Export:
    nested, left_out, omitted = new_session(session)
    body = {"session": nested}
    return Export(dumps(body), body, tuple(left_out), tuple(omitted))


def _code(render: Callable[[dict[str, Any]], str]) -> Callable[[RealtimeSession], Export]:
    def build(session: RealtimeSession) -> Export:
        nested, left_out, omitted = new_session(session)
        return Export(render(nested), None, tuple(left_out), tuple(omitted))

    return build



def _schema(session: RealtimeSession) -> Export:
    return _json(session_json_schema())


_NESTED_LIMITS = "Temperature has no nested equivalent, and server-only fields (id, object, expires_at) are not sent."

TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("flat", "Flat", "The session object in the flat shape, every setting you set.",
               "Carries every setting.", "json", "session.json", "application/json", _flat),
        Target("flat-minimal", "Flat, changes only",
               "Only what differs from the defaults: settings left at their documented default value "
               "(temperature 0.8, speed 1.0, pcm16, tool choice auto, ...) are left out, which changes nothing "
               "for the server. Settings without a documented default, and every explicit null, stay.",
               "Carries every setting that changes something.", "json", "session.changes.json",
               "application/json", _flat_minimal),
        Target("session-update", "session.update (flat)",
               "The event older code sends over its WebSocket to apply the session.",
               "Server-only fields (id, object, expires_at) are not sent.", "json", "session-update.json",
               "application/json", _session_update),
        Target("nested", "Nested", 'The session object in the newer nested shape ("type": "realtime").',
               _NESTED_LIMITS, "json", "session.nested.json", "application/json", _nested),
        Target("nested-session-update", "session.update (nested)",
               "The event current code sends over WebRTC or WebSocket to apply the session.",
               _NESTED_LIMITS, "json", "session-update.nested.json", "application/json", _nested_session_update),
        Target("client-secret", "Client secret",
               f"The HTTP body for POST {snippets.CLIENT_SECRETS_URL}: a short-lived key for a browser or phone "
               "app whose calls start with this session.",
               _NESTED_LIMITS, "json", "client-secret-request.json", "application/json", _client_secret),
        Target("python", "Python", "A script using the official openai package: mint a client secret, or apply "
               "the session on a live connection.", _NESTED_LIMITS, "python", "apply_session.py",
               "text/x-python", _code(snippets.python_snippet)),
        Target("javascript", "JS / TS",
               "Node code using the official openai package to mint a client secret, and the update a running "
               "call sends.", _NESTED_LIMITS, "javascript", "applySession.js", "text/javascript",
               _code(snippets.javascript_snippet)),
        Target("curl", "curl", "One command that creates a client secret carrying the session.", _NESTED_LIMITS,
               "bash", "create-client-secret.sh", "text/x-shellscript", _code(snippets.curl_snippet)),
        Target("schema", "JSON Schema", "The schema of the flat session, for editors and CI checks.",
               "Describes the flat shape only.", "json", "realtime-session.schema.json",
               "application/schema+json", _schema),
    )
}


def build(key: str, session: RealtimeSession) -> Export:
    """Build one export of a validated session."""
    return TARGETS[key].build(session)

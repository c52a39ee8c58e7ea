"""Export targets: every form a deployment may need, always built from the validated model.

The current API comes first: ``session.update``, the session object, the body of
``POST /v1/realtime/client_secrets``, the session sent with a WebRTC offer to
``POST /v1/realtime/calls``, code (Python, JavaScript, curl) and the JSON Schema. The
retired beta (flat) shapes follow as legacy targets. A draft of one target exported to
another is converted (``shapes``), and each export says what it could not carry for this
session ("the current API has no temperature setting"), so the studio can show that
beside the export instead of dropping it silently. Credentials stay ``${NAME}``
placeholders in JSON exports; the code exports read the environment instead.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from session_model import snippets
from session_model.apis import RETIRED_ON
from session_model.export import dumps, export_session, session_json_schema
from session_model.ga import GATranscriptionSession
from session_model.models import RealtimeSession
from session_model.shapes import SERVER_ONLY, Drop, to_flat, to_nested

LEGACY_HEADING = f"Legacy (retired {RETIRED_ON})"
ALL = frozenset({"realtime", "transcription", "flat"})
CONVERSATION = frozenset({"realtime", "flat"})  # the shapes of a voice agent (a transcription session is none)


@dataclass(frozen=True)
class Export:
    """The text of one export and the values it had to leave out."""

    text: str
    data: Any  # the JSON value (None for code)
    left_out: tuple[Drop, ...] = ()  # values this target cannot carry: the server will not see them
    omitted: tuple[Drop, ...] = ()  # values left out because sending them would change nothing
    credentials: tuple[str, ...] = ()  # environment variables named by ``${NAME}`` credential placeholders


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
    build: Callable[[BaseModel], Export]
    apis: frozenset[str] = ALL  # the draft targets (``apis.APIS`` keys) it makes sense for
    legacy: bool = False  # a retired shape: listed after the current ones, under LEGACY_HEADING


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


# --- The session in each API's shape --------------------------------------------------------


def current_session(session: BaseModel) -> tuple[dict[str, Any], list[Drop]]:
    """The session as the current API takes it, and what a beta (flat) draft could not carry into it."""
    if isinstance(session, RealtimeSession):
        converted = to_nested(export_session(session))
        return converted.data, converted.drops
    return export_session(session), []


def flat_session(session: BaseModel) -> tuple[dict[str, Any], list[Drop]]:
    """The session in the retired beta (flat) shape, and what a current-API draft could not carry into it."""
    if isinstance(session, RealtimeSession):
        return export_session(session), []
    converted = to_flat(export_session(session))
    return converted.data, converted.drops


# Off in a session that is just starting; the typed request parameters for creating one accept
# no null for them, so a new session's body leaves these nulls out (nothing changes).
OFF_WHEN_NEW: tuple[tuple[str, ...], ...] = (
    ("audio", "input", "noise_reduction"),
    ("audio", "input", "transcription"),
    ("include",),
)


def new_session(session: BaseModel) -> tuple[dict[str, Any], list[Drop], list[Drop]]:
    """The session as the body that starts a new one (client secret, calls, code): data, losses, omissions."""
    data, left_out = current_session(session)
    data = copy.deepcopy(data)
    omitted: list[Drop] = []
    for path in OFF_WHEN_NEW:
        parent = data
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None  # type: ignore[assignment]
        if isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] is None:
            del parent[path[-1]]
            omitted.append(Drop(path, None, "a new session starts with it off, so the null is not needed"))
    audio = data.get("audio")
    if isinstance(audio, dict):
        for side in ("input", "output"):
            if audio.get(side) == {}:
                del audio[side]
        if audio == {}:
            del data["audio"]
    return data, left_out, omitted


def _json(data: Any, left_out: list[Drop] | tuple[Drop, ...] = (), omitted: list[Drop] | tuple[Drop, ...] = (),
          credentials: tuple[str, ...] = ()) -> Export:
    return Export(dumps(data), data, tuple(left_out), tuple(omitted), credentials)


def _names(session: dict[str, Any]) -> tuple[str, ...]:
    return snippets.credential_names(session)


# --- Current API ---------------------------------------------------------------------------------


def _session_update(session: BaseModel) -> Export:
    data, left_out = current_session(session)
    return _json({"type": "session.update", "session": data}, left_out, credentials=_names(data))


def _session(session: BaseModel) -> Export:
    data, left_out = current_session(session)
    return _json(data, left_out, credentials=_names(data))


def _client_secret(session: BaseModel) -> Export:
    data, left_out, omitted = new_session(session)
    body = {"expires_after": dict(snippets.EXPIRES_AFTER), "session": data}
    return _json(body, left_out, omitted, _names(data))


def _calls(session: BaseModel) -> Export:
    data, left_out, omitted = new_session(session)
    return _json(data, left_out, omitted, _names(data))


def _python(session: BaseModel) -> Export:
    data, left_out, omitted = new_session(session)
    return Export(snippets.python_snippet(data), None, tuple(left_out), tuple(omitted), _names(data))


def _javascript(session: BaseModel) -> Export:
    data, left_out, omitted = new_session(session)
    update, _ = current_session(session)  # a running call needs the nulls that switch things off
    return Export(snippets.javascript_snippet(data, update), None, tuple(left_out), tuple(omitted), _names(data))


def _curl(session: BaseModel) -> Export:
    data, left_out, omitted = new_session(session)
    return Export(snippets.curl_snippet(data), None, tuple(left_out), tuple(omitted), _names(data))


def _schema(session: BaseModel) -> Export:
    return _json(session_json_schema("current"))


# --- Legacy: the retired beta (flat) shape --------------------------------------------------------


def _without_server_only(flat: dict[str, Any]) -> tuple[dict[str, Any], list[Drop]]:
    kept = {k: v for k, v in flat.items() if k not in SERVER_ONLY}
    return kept, [Drop((k,), v, SERVER_ONLY[k]) for k, v in flat.items() if k in SERVER_ONLY]


def _flat(session: BaseModel) -> Export:
    return _json(*flat_session(session))


def _flat_minimal(session: BaseModel) -> Export:
    data, left_out = flat_session(session)
    try:
        model = session if isinstance(session, RealtimeSession) else RealtimeSession.model_validate(data)
    except ValidationError:
        return _json(data, left_out)  # a value the flat model bounds differently: every setting, as converted
    return _json(differing(model, data), left_out)


def _flat_session_update(session: BaseModel) -> Export:
    data, left_out = flat_session(session)
    kept, server_only = _without_server_only(data)
    return _json({"type": "session.update", "session": kept}, [*left_out, *server_only])


def _flat_schema(session: BaseModel) -> Export:
    return _json(session_json_schema("flat"))


_CONVERTED = "A beta (flat) draft is converted: temperature has no equivalent in the current API."
_CREDENTIALS = " MCP credentials stay ${NAME} placeholders."
_CODE_CREDENTIALS = " MCP credentials are read from the environment variables their placeholders name."
_TO_FLAT = ("A current-API draft is converted: MCP tools, reasoning, truncation and newer transcription options "
            "have no beta equivalent.")

TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("session-update", "session.update",
               "The event your code sends over a WebRTC data channel, WebSocket or SIP connection to apply the "
               "session to a call.",
               _CONVERTED + _CREDENTIALS, "json", "session-update.json", "application/json", _session_update),
        Target("nested", "Session object",
               'The session object alone ("type": "realtime" or "transcription"), as the calls accept endpoint '
               "and the other bodies embed it.",
               _CONVERTED + _CREDENTIALS, "json", "session.json", "application/json", _session),
        Target("client-secret", "Client secret",
               f"The HTTP body for POST {snippets.CLIENT_SECRETS_URL}: a short-lived key (valid "
               f"{snippets.EXPIRES_AFTER['seconds']} seconds) for a browser or phone app whose sessions start "
               "with this configuration.",
               _CONVERTED + _CREDENTIALS, "json", "client-secret-request.json", "application/json", _client_secret),
        Target("calls", "calls (WebRTC)",
               f"The session your server sends with a browser's SDP offer to POST {snippets.CALLS_URL}: a "
               'multipart form whose "sdp" field is the offer and whose "session" field is this JSON; the answer '
               "is the SDP answer.",
               _CONVERTED + _CREDENTIALS, "json", "calls-session.json", "application/json", _calls,
               apis=CONVERSATION),
        Target("python", "Python",
               "A script using the official openai package: mint a client secret, answer a WebRTC offer, or apply "
               "the session on a live connection.",
               _CONVERTED + _CODE_CREDENTIALS, "python", "start_session.py", "text/x-python", _python),
        Target("javascript", "JS / TS",
               "Node code using the official openai package to mint a client secret, and the update a running "
               "call sends.",
               _CONVERTED + _CODE_CREDENTIALS, "javascript", "startSession.js", "text/javascript", _javascript),
        Target("curl", "curl", "One command that creates a client secret carrying the session.",
               _CONVERTED + _CODE_CREDENTIALS, "bash", "create-client-secret.sh", "text/x-shellscript", _curl),
        Target("schema", "JSON Schema",
               'The schema of a current-API session (both types, told apart by "type"), for editors and CI checks.',
               "Describes the current API.", "json", "realtime-session.schema.json", "application/schema+json",
               _schema),
        Target("flat", "Flat session", "The session object in the retired beta (flat) shape, every setting set.",
               _TO_FLAT, "json", "session.flat.json", "application/json", _flat, apis=CONVERSATION, legacy=True),
        Target("flat-minimal", "Flat, changes only",
               "Only what differs from the defaults: settings left at their documented default value "
               "(temperature 0.8, speed 1.0, pcm16, tool choice auto, ...) are left out, which changes nothing "
               "for the server. Settings without a documented default, and every explicit null, stay.",
               _TO_FLAT, "json", "session.flat.changes.json", "application/json", _flat_minimal,
               apis=CONVERSATION, legacy=True),
        Target("flat-session-update", "session.update (flat)",
               "The event older code sent over its WebSocket to apply a beta session.",
               _TO_FLAT + " Server-only fields (id, object, expires_at) are not sent.", "json",
               "session-update.flat.json", "application/json", _flat_session_update, apis=CONVERSATION,
               legacy=True),
        Target("flat-schema", "Flat JSON Schema", "The schema of the beta (flat) session.",
               "Describes the beta (flat) shape only.", "json", "realtime-session.flat.schema.json",
               "application/schema+json", _flat_schema, apis=CONVERSATION, legacy=True),
    )
}


def api_key_of(session: BaseModel) -> str:
    """The target (``apis.APIS`` key) a validated session is written for."""
    if isinstance(session, RealtimeSession):
        return "flat"
    return "transcription" if isinstance(session, GATranscriptionSession) else "realtime"


def targets_for(api_key: str, legacy: bool | None = None) -> list[Target]:
    """The exports that make sense for a draft of this target; only the current or legacy ones if asked."""
    return [t for t in TARGETS.values() if api_key in t.apis and (legacy is None or t.legacy is legacy)]


def build(key: str, session: BaseModel) -> Export:
    """Build one export of a validated session."""
    return TARGETS[key].build(session)

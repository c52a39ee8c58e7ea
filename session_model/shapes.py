"""The shapes a session config arrives in, and conversion between the beta (flat) shape and the current API.

The flat shape is the model's own (``RealtimeSession``); the nested ("GA") shape puts
audio settings under ``audio.input`` / ``audio.output`` and renames a few fields.
Every mapping fact lives in the tables below; both directions read them. Pure: no
validation here (the model does that after conversion), only moving, renaming and
telling the user what could not be carried.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from form.messages import closest
from session_model.loading import describe_json_type
from session_model.models import TOOL_CHOICE_MODES, RealtimeSession

Path = tuple[str | int, ...]

# --- Mapping tables ------------------------------------------------------------------

# Flat field -> where the current API keeps it. Fields not listed keep their name at the top level.
MOVED: dict[str, Path] = {
    "modalities": ("output_modalities",),
    "max_response_output_tokens": ("max_output_tokens",),
    "input_audio_format": ("audio", "input", "format"),
    "input_audio_noise_reduction": ("audio", "input", "noise_reduction"),
    "input_audio_transcription": ("audio", "input", "transcription"),
    "turn_detection": ("audio", "input", "turn_detection"),
    "output_audio_format": ("audio", "output", "format"),
    "voice": ("audio", "output", "voice"),
    "speed": ("audio", "output", "speed"),
}

# A custom voice: the beta shape wrote its id as the voice; the current API takes {"id": ...}.
CUSTOM_VOICE_PREFIX = "voice_"

# Flat audio format <-> nested format object.
FORMATS: dict[str, dict[str, Any]] = {
    "pcm16": {"type": "audio/pcm", "rate": 24000},
    "g711_ulaw": {"type": "audio/pcmu"},
    "g711_alaw": {"type": "audio/pcma"},
}

# Why a field cannot be carried, by field name; shared by import and export.
SERVER_ONLY: dict[str, str] = {
    "id": "the server assigns the session id; a config you send never includes it",
    "object": "the server labels what it sends back; a config you send never includes it",
    "expires_at": "the server sets when a session expires; a config you send never includes it",
    "client_secret": "a short-lived key the server issued for one connection; it is not part of the persona",
}
NO_NESTED_EQUIVALENT: dict[str, str] = {
    "temperature": "the current API has no temperature setting (the model sets it)",
}
NO_FLAT_EQUIVALENT: dict[str, str] = {
    "truncation": "the beta (flat) shape cannot say how old conversation turns are trimmed",
    "reasoning": "the beta (flat) shape has no reasoning settings",
    "parallel_tool_calls": "the beta (flat) shape cannot allow parallel tool calls",
    "audio.input.noise_reduction.strength": "the beta (flat) shape has no noise reduction strength",
    "audio.input.transcription.delay": "the beta (flat) shape has no transcript delay setting",
    "audio.input.transcription.keywords": "the beta (flat) shape has no transcript keywords",
    "audio.input.transcription.languages": "the beta (flat) shape takes one language, not a list",
    "tool_choice.mcp": "the beta (flat) shape cannot force a tool of an MCP server",
    "tools.mcp": "the beta (flat) shape has no MCP server tools, only functions",
    "audio.output.voice.id": (
        f'the beta (flat) shape names a custom voice only by an id starting with "{CUSTOM_VOICE_PREFIX}"'
    ),
}
FUNCTION_NAMED_AS_MODE = (
    'the beta (flat) shape forces a function by its name alone, and "{name}" there is a mode, not a function: '
    "forcing it would change what the agent does; choose another tool choice, or rename the function"
)
ENVELOPE: dict[str, str] = {
    "event_id": "it labels one event on the wire, not the session",
    "expires_after": "how long a client secret lives is chosen when it is created, not part of the session",
    "value": "it is the client secret itself, valid for one connection only",
    "expires_at": "it is when the client secret stops working, not part of the session",
}

# Keys the nested shape knows at each level (for unknown keys and "did you mean").
NESTED_KEYS: dict[Path, tuple[str, ...]] = {
    (): (
        "type",
        "model",
        "instructions",
        "output_modalities",
        "audio",
        "max_output_tokens",
        "tools",
        "tool_choice",
        "tracing",
        "prompt",
        "include",
        *SERVER_ONLY,
        *(k for k in NO_FLAT_EQUIVALENT if "." not in k),
    ),
    ("audio",): ("input", "output"),
    ("audio", "input"): ("format", "noise_reduction", "transcription", "turn_detection"),
    ("audio", "output"): ("format", "voice", "speed"),
}
# Keys only one shape uses: they decide the shape of a session that does not say.
NESTED_ONLY = frozenset(
    {"audio", "output_modalities", "max_output_tokens", "truncation", "reasoning", "parallel_tool_calls"}
)
FLAT_ONLY = frozenset({*MOVED, "temperature"})


# --- Shapes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A way a config can be written down, named in plain words."""

    key: str
    name: str
    nested: bool


SHAPES: dict[str, Shape] = {
    s.key: s
    for s in (
        Shape("flat", "a session of the beta (flat) shape, retired 2026-05-12", False),
        Shape("flat-session-update", 'a "session.update" event with a beta (flat) session', False),
        Shape(
            "flat-server-event", "a server event (session.created / session.updated) with a beta (flat) session", False
        ),
        Shape("nested", "a session of the current API", True),
        Shape("nested-session-update", 'a "session.update" event of the current API', True),
        Shape("nested-server-event", "a server event (session.created / session.updated) of the current API", True),
        Shape("client-secret-request", "the body of a client secret request (current API)", True),
        Shape("client-secret-response", "a client secret response from the server (current API)", True),
    )
}
SERVER_EVENTS = ("session.created", "session.updated")
SESSION_TYPES = ("realtime", "transcription")


class ShapeError(ValueError):
    """The input is a JSON object, but not a session in any shape this studio reads."""


@dataclass(frozen=True)
class Detected:
    """The shape of an input, the session found in it, and envelope keys that were set aside."""

    shape: Shape
    session: dict[str, Any]
    envelope: dict[str, Any] = field(default_factory=dict)  # keys around the session, by name
    path: Path = ()  # where the session sits in the input


def _looks_nested(session: dict[str, Any]) -> bool:
    if session.get("type") in SESSION_TYPES:
        return True
    nested = sum(key in NESTED_ONLY for key in session)
    return nested > sum(key in FLAT_ONLY for key in session)


def _inner(data: dict[str, Any], what: str) -> dict[str, Any]:
    inner = data.get("session")
    if not isinstance(inner, dict):
        found = "nothing" if inner is None else describe_json_type(inner)
        raise ShapeError(f'this looks like {what}, but its "session" should be an object ({{...}}); found {found}')
    return inner


def detect(data: dict[str, Any]) -> Detected:
    """Find which shape a parsed JSON object is in, or raise ``ShapeError`` saying why it is none."""
    kind = data.get("type")
    if kind == "session.update" or kind in SERVER_EVENTS:
        inner = _inner(data, f'a "{kind}" event')
        nested = _looks_nested(inner)
        prefix = "nested" if nested else "flat"
        suffix = "session-update" if kind == "session.update" else "server-event"
        rest = {k: v for k, v in data.items() if k not in ("type", "session")}
        return Detected(SHAPES[f"{prefix}-{suffix}"], inner, rest, ("session",))
    if isinstance(kind, str) and kind not in SESSION_TYPES and "." in kind:
        raise ShapeError(f'this is a "{kind[:60]}" event, not a session; paste a session or a session.update event')
    if kind is not None and kind not in SESSION_TYPES:
        raise ShapeError(
            f'"type" must be "realtime" (a voice agent) or "transcription" (speech to text) for a '
            f"session; found {json_text(kind)}"
        )
    if kind is None and isinstance(data.get("session"), dict):
        outer = set(data) - {"session"}
        if outer <= {"expires_after"}:
            return Detected(
                SHAPES["client-secret-request"],
                _inner(data, "a client secret request"),
                {k: data[k] for k in outer},
                ("session",),
            )
        if outer <= {"value", "expires_at"}:
            return Detected(
                SHAPES["client-secret-response"],
                _inner(data, "a client secret response"),
                {k: data[k] for k in outer},
                ("session",),
            )
    return Detected(SHAPES["nested" if _looks_nested(data) else "flat"], data)


# --- Conversion ------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A value that was rewritten to fit the other shape (``audio/pcmu`` -> ``g711_ulaw``)."""

    source: Path
    target: Path
    before: Any
    after: Any


@dataclass(frozen=True)
class Drop:
    """A value the target shape cannot carry, and why."""

    path: Path
    value: Any
    reason: str


@dataclass(frozen=True)
class Unknown:
    """A key neither shape knows at that place, with the known key it probably meant."""

    path: Path
    suggestion: str | None = None
    reason: str | None = None  # set when the key is known, but only to the other shape


@dataclass(frozen=True)
class Issue:
    """A value the conversion could not read (the model never sees it in that form)."""

    path: Path
    message: str


@dataclass
class Converted:
    """The result of a conversion: the data and everything the user should hear about it."""

    data: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})  # type: ignore[assignment]
    node[path[-1]] = value  # type: ignore[index]


def format_to_nested(value: str) -> dict[str, Any]:
    """``g711_ulaw`` -> ``{"type": "audio/pcmu"}``."""
    return dict(FORMATS[value])


def format_to_flat(value: Any) -> str:
    """``{"type": "audio/pcmu"}`` -> ``g711_ulaw``; raise ``ValueError`` with a plain reason otherwise."""
    if not isinstance(value, dict):
        raise ValueError(f'must be an object such as {{"type": "audio/pcm"}}; found {describe_json_type(value)}')
    kind = value.get("type")
    for name, nested in FORMATS.items():
        if kind == nested["type"]:
            extra = sorted(set(value) - set(nested) - {"rate"})
            if extra:
                raise ValueError(f'has unknown key "{extra[0]}"; an audio format has only "type" and "rate"')
            if kind == "audio/pcm" and value.get("rate", 24000) != 24000:
                raise ValueError(f"must use a rate of 24000 Hz (the only one the API plays); found {value['rate']!r}")
            if kind != "audio/pcm" and "rate" in value:
                raise ValueError(f'"rate" only applies to "audio/pcm"; {kind} is always 8000 Hz')
            return name
    known = ", ".join(f'"{n["type"]}"' for n in FORMATS.values())
    raise ValueError(f'"type" must be one of {known}; found {json_text(kind)}')


def json_text(value: Any) -> str:
    """A value as the user would write it in JSON (short)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _modalities(value: Any, with_audio: list[str]) -> Any:
    """Speech or text only, in the target's words; anything unreadable is passed on for validation to name."""
    if isinstance(value, list) and value and all(v in ("text", "audio") for v in value):
        return with_audio if "audio" in value else ["text"]
    return value


def to_nested(flat: dict[str, Any]) -> Converted:
    """Convert a flat session (as exported) to the nested shape, listing what it cannot carry."""
    out = Converted({"type": "realtime"})
    for key, value in flat.items():
        if key in SERVER_ONLY:
            out.drops.append(Drop((key,), value, SERVER_ONLY[key]))
        elif key in NO_NESTED_EQUIVALENT:
            out.drops.append(Drop((key,), value, NO_NESTED_EQUIVALENT[key]))
        elif key in MOVED:
            target = MOVED[key]
            new = value
            if key in ("input_audio_format", "output_audio_format") and isinstance(value, str) and value in FORMATS:
                new = format_to_nested(value)
            elif key == "modalities":
                new = _modalities(value, ["audio"])  # the current API takes one value; audio brings a transcript
            elif key == "voice" and isinstance(value, str) and value.startswith(CUSTOM_VOICE_PREFIX):
                new = {"id": value}  # the beta shape wrote a custom voice as its bare id
            if new != value or target != (key,):
                out.changes.append(Change((key,), target, value, new))
            _set(out.data, target, new)
        elif key == "tool_choice" and isinstance(value, str) and value not in TOOL_CHOICE_MODES:
            new = {"type": "function", "name": value}
            out.changes.append(Change((key,), (key,), value, new))
            out.data[key] = new
        else:
            out.data[key] = value
    out.data = _in_nested_order(out.data, ())
    return out


def _in_nested_order(node: dict[str, Any], where: Path) -> dict[str, Any]:
    """Sort keys the way the nested shape is usually written (input before output, format first)."""
    order = NESTED_KEYS.get(where)
    if order is None:
        return node
    ranked = sorted(node, key=lambda k: order.index(k) if k in order else len(order))
    return {k: _in_nested_order(node[k], (*where, k)) if isinstance(node[k], dict) else node[k] for k in ranked}


_FLAT_BY_NESTED: dict[Path, str] = {path: name for name, path in MOVED.items()}


def nested_to_flat_path(path: Path) -> Path:
    """Where a nested path lives in the flat shape (``audio.output.voice`` -> ``voice``)."""
    for length in (3, 1):
        if tuple(path[:length]) in _FLAT_BY_NESTED:
            return (_FLAT_BY_NESTED[tuple(path[:length])], *path[length:])
    return path


def flat_to_nested_path(path: Path) -> Path:
    """Where a flat field path lives in the nested shape (``turn_detection.threshold`` ->
    ``audio.input.turn_detection.threshold``)."""
    if path and isinstance(path[0], str) and path[0] in MOVED:
        return (*MOVED[path[0]], *path[1:])
    return path


def _check_unknown(out: Converted, node: dict[str, Any], where: Path) -> dict[str, Any]:
    """Report keys the nested shape does not know at ``where``; return the known part."""
    known = NESTED_KEYS[where]
    kept = {}
    for key, value in node.items():
        if key in known:
            kept[key] = value
        else:
            out.unknown.append(_unknown_nested(key, where, known))
    return kept


def _unknown_nested(key: str, where: Path, known: tuple[str, ...]) -> Unknown:
    # A flat name inside a nested session is a common mix-up: point at its nested place.
    if where == () and key in MOVED:
        place = ".".join(map(str, MOVED[key]))
        return Unknown((key,), place, f"it is a name of the beta (flat) shape; the current API keeps it at {place}")
    if where == () and key in NO_NESTED_EQUIVALENT:
        return Unknown((key,), None, f"it is a setting of the beta (flat) shape; {NO_NESTED_EQUIVALENT[key]}")
    candidates = [*known, *NO_NESTED_EQUIVALENT] if where == () else list(known)
    guess = closest(key, candidates)
    if guess in NO_NESTED_EQUIVALENT:
        return Unknown((key,), guess, f"{guess} is a setting of the beta (flat) shape; {NO_NESTED_EQUIVALENT[guess]}")
    return Unknown((*where, key), guess)


def _take_object(out: Converted, parent: dict[str, Any], key: str, where: Path) -> dict[str, Any]:
    if key not in parent:
        return {}
    value = parent[key]
    if value is None:
        # null does not switch audio off, and leaving it out silently would hide a mistake.
        out.issues.append(Issue((*where, key), "must be an object ({...}) or left out; null is not accepted here"))
        return {}
    if not isinstance(value, dict):
        out.issues.append(Issue((*where, key), f"must be an object ({{...}}); found {describe_json_type(value)}"))
        return {}
    return _check_unknown(out, value, (*where, key))


def _tool_choice_to_flat(out: Converted, value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if value.get("type") == "function" and value.get("name") in TOOL_CHOICE_MODES:
        out.drops.append(Drop(("tool_choice",), value, FUNCTION_NAMED_AS_MODE.format(name=value["name"])))
        return _DROPPED
    if value.get("type") == "function" and isinstance(value.get("name"), str) and set(value) == {"type", "name"}:
        out.changes.append(Change(("tool_choice",), ("tool_choice",), value, value["name"]))
        return value["name"]
    if value.get("type") == "mcp":
        out.drops.append(Drop(("tool_choice",), value, NO_FLAT_EQUIVALENT["tool_choice.mcp"]))
        return _DROPPED
    out.issues.append(
        Issue(
            ("tool_choice",),
            f'must be "auto", "none", "required" or {{"type": "function", "name": "..."}}; found {json_text(value)}',
        )
    )
    return _DROPPED


_DROPPED: Any = object()


def _tools_to_flat(out: Converted, value: Any) -> Any:
    if not isinstance(value, list):
        return value
    kept = []
    for index, tool in enumerate(value):
        if isinstance(tool, dict) and tool.get("type") == "mcp":
            out.drops.append(Drop(("tools", index), tool, NO_FLAT_EQUIVALENT["tools.mcp"]))
        else:
            kept.append(tool)
    return kept


def _subtract(out: Converted, node: dict[str, Any], where: Path, keys: Iterable[str]) -> dict[str, Any]:
    """Drop keys the flat shape lacks from a nested sub-object (noise reduction strength, ...)."""
    if not isinstance(node, dict):
        return node
    kept = dict(node)
    for key in keys:
        if key in kept:
            dotted = ".".join(map(str, (*where, key)))
            out.drops.append(Drop((*where, key), kept.pop(key), NO_FLAT_EQUIVALENT[dotted]))
    return kept


def to_flat(nested: dict[str, Any]) -> Converted:
    """Convert a nested session to the flat shape, listing what it cannot carry and what it cannot read."""
    out = Converted({})
    top = _check_unknown(out, nested, ())
    if "type" in top and top["type"] != "realtime":
        found = json_text(top["type"])
        out.issues.append(Issue(("type",), f'must be "realtime" for a conversation session; found {found}'))
    audio = _take_object(out, top, "audio", ())
    sides = {side: _take_object(out, audio, side, ("audio",)) for side in ("input", "output")}
    values: dict[Path, Any] = {}
    for key, value in top.items():
        if key in ("type", "audio"):
            continue
        if key in SERVER_ONLY:
            out.drops.append(Drop((key,), value, SERVER_ONLY[key]))
        elif key in NO_FLAT_EQUIVALENT:
            out.drops.append(Drop((key,), value, NO_FLAT_EQUIVALENT[key]))
        else:
            values[(key,)] = value
    for side, node in sides.items():
        for key, value in node.items():
            values[("audio", side, key)] = value
    for path, value in values.items():
        name = _FLAT_BY_NESTED.get(path, str(path[0]))
        new = value
        if path == ("output_modalities",):
            new = _modalities(value, ["text", "audio"])
        elif path[-1] == "format":
            try:
                new = format_to_flat(value)
            except ValueError as exc:
                out.issues.append(Issue(path, str(exc)))
                continue
        elif path == ("audio", "output", "voice") and isinstance(value, dict) and set(value) == {"id"}:
            if not (isinstance(value["id"], str) and value["id"].startswith(CUSTOM_VOICE_PREFIX)):
                # Written as a plain name, it would come back as a built-in voice of that name.
                out.drops.append(Drop(path, value, NO_FLAT_EQUIVALENT["audio.output.voice.id"]))
                continue
            new = value["id"]
        elif path == ("audio", "input", "noise_reduction"):
            new = _subtract(out, value, path, ["strength"])
        elif path == ("audio", "input", "transcription"):
            new = _subtract(out, value, path, ["delay", "keywords", "languages"])
        elif path == ("tool_choice",):
            new = _tool_choice_to_flat(out, value)
        elif path == ("tools",):
            new = _tools_to_flat(out, value)
        if new is _DROPPED:
            continue
        # tools and tool_choice report their own rewrites (and drops) above.
        if path not in (("tools",), ("tool_choice",)) and (path != (name,) or new != value):
            out.changes.append(Change(path, (name,), value, new))
        out.data[name] = new
    # Follow the flat model's field order, so an import reads like the studio's own export.
    order = list(RealtimeSession.model_fields)
    out.data = {k: out.data[k] for k in sorted(out.data, key=lambda k: order.index(k) if k in order else len(order))}
    return out

"""A live call with the current draft: what the server mints, what a call's events mean, what may change mid-call.

Pure: no Streamlit here. The studio's server reads the API key, fills the MCP credential
placeholders from its own environment and mints a short-lived client secret with the
official SDK; the browser opens the WebRTC call with that secret only. The browser
forwards the call's events (and the events it sent) in order; ``reduce`` turns them into
a transcript, an event log, the function calls to answer and the approvals to give.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from pydantic import BaseModel

from session_model import snippets
from session_model.ga import GARealtimeSession
from session_model.targets import current_session, new_session

DEFAULT_BASE_URL = "https://api.openai.com/v1"
CAP_VARIABLE = "STUDIO_CALL_CAP_SECONDS"
DEFAULT_CAP_SECONDS = 300
CAP_BOUNDS = (10, 3600)
# The API takes 10..7200 seconds; a key for one call from the page needs much less.
MAX_SECRET_SECONDS = 600
# Set to 1 on the server to send MCP credentials in calls started from the browser (see ``held_back``).
CREDENTIALS_VARIABLE = "STUDIO_CALLS_WITH_MCP_CREDENTIALS"

# Settings the API lets a running call change. The model, the audio formats and the output
# modalities are fixed when the call starts; the voice is fixed once the agent has spoken.
MUTABLE_PATHS: tuple[tuple[str, ...], ...] = (
    ("instructions",),
    ("audio", "input", "turn_detection"),
    ("audio", "input", "transcription"),
    ("audio", "input", "noise_reduction"),
    ("audio", "output", "speed"),
    ("tools",),
    ("tool_choice",),
    ("max_output_tokens",),
    ("truncation",),
)
VOICE_PATH = ("audio", "output", "voice")


class CannotCall(Exception):
    """A reason, in one plain sentence, why this draft cannot start a call now."""


@dataclass(frozen=True)
class Settings:
    """Where calls go and how long they may last, read from the server's environment."""

    api_key: str | None
    base_url: str
    cap_seconds: int
    notes: tuple[str, ...] = ()

    @property
    def calls_url(self) -> str:
        """Where the browser posts its SDP offer (``POST {base}/realtime/calls``)."""
        return f"{self.base_url}/realtime/calls"


def settings(env: Mapping[str, str], secrets: Mapping[str, Any] | None = None) -> Settings:
    """Read ``OPENAI_API_KEY`` (environment first, then secrets), ``OPENAI_BASE_URL`` and the call cap."""
    secrets = secrets or {}
    key = env.get("OPENAI_API_KEY") or secrets.get("OPENAI_API_KEY") or None
    base = (env.get("OPENAI_BASE_URL") or secrets.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    cap, notes = DEFAULT_CAP_SECONDS, []
    text = env.get(CAP_VARIABLE) or str(secrets.get(CAP_VARIABLE) or "")
    if text:
        try:
            cap = int(text)
        except ValueError:
            notes.append(f"{CAP_VARIABLE} is not a whole number of seconds; calls stop after {cap} seconds.")
        else:
            low, high = CAP_BOUNDS
            if not low <= cap <= high:
                cap = min(max(cap, low), high)
                notes.append(f"{CAP_VARIABLE} must be between {low} and {high} seconds; calls stop after {cap}.")
    return Settings(str(key) if key else None, str(base), cap, tuple(notes))


def over_cap(started_at: float, now: float, cap_seconds: int) -> bool:
    """Whether a call started at ``started_at`` has reached its time cap at ``now`` (seconds)."""
    return now - started_at >= cap_seconds


def remaining(started_at: float, now: float, cap_seconds: int) -> float:
    """Seconds left before the cap ends the call (never below zero)."""
    return max(0.0, started_at + cap_seconds - now)


def callable_session(api_key: str, session: BaseModel | None, problems: list[Any]) -> GARealtimeSession:
    """The validated current-API realtime session of a draft, or ``CannotCall`` saying why not."""
    if api_key == "transcription":
        raise CannotCall("A transcription session only writes down speech: there is no agent to talk to. "
                         "Switch the draft to a Realtime session to try it live.")
    if api_key == "flat":
        raise CannotCall("This draft is in the retired beta (flat) shape, which the API refuses. "
                         "Switch it to the current Realtime API to try it live.")
    if session is None or not isinstance(session, GARealtimeSession):
        count = len(problems)
        raise CannotCall(f"The draft has {count} problem{'s' if count != 1 else ''} to fix in the editor "
                         "before it can start a call.")
    return session


def _fill(value: Any, env: Mapping[str, str], missing: list[str]) -> Any:
    ref = snippets.with_env_refs({"tools": [{"type": "mcp", "authorization": value}]})["tools"][0]["authorization"]
    if not isinstance(ref, snippets.EnvRef):
        return value
    if not env.get(ref.name):
        missing.append(ref.name)
        return value
    return f"{ref.scheme}{env[ref.name]}"


def with_credentials(session: dict[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """The session with each MCP ``${NAME}`` placeholder replaced by ``env[NAME]`` (a copy).

    Raises ``CannotCall`` naming every variable the server's environment lacks.
    """
    out = copy.deepcopy(session)
    missing: list[str] = []
    for tool in out.get("tools") or []:
        if isinstance(tool, dict) and tool.get("type") == "mcp":
            if "authorization" in tool:
                tool["authorization"] = _fill(tool["authorization"], env, missing)
            if isinstance(tool.get("headers"), dict):
                tool["headers"] = {k: _fill(v, env, missing) for k, v in tool["headers"].items()}
    if missing:
        names = ", ".join(dict.fromkeys(missing))
        raise CannotCall(f"The MCP servers need {names} in the studio server's environment; set "
                         f"{'them' if len(set(missing)) > 1 else 'it'} and restart the studio to try them live.")
    return out


def _needs_credentials(tool: Any) -> bool:
    is_mcp = isinstance(tool, dict) and tool.get("type") == "mcp"
    return is_mcp and bool(tool.get("authorization") or tool.get("headers"))


def sends_credentials(env: Mapping[str, str]) -> bool:
    """Whether the server's operator chose to send MCP credentials in calls started from the browser."""
    return env.get(CREDENTIALS_VARIABLE, "").strip().lower() in ("1", "true", "yes")


def held_back(session: Mapping[str, Any], env: Mapping[str, str]) -> list[str]:
    """The MCP servers a call from the browser leaves out, by label: those that need credentials.

    The API tells the browser about the session it runs (``session.created``), so a credential
    sent with the session could reach the page. Unless the operator sets
    ``STUDIO_CALLS_WITH_MCP_CREDENTIALS=1``, servers that need one stay out of test calls.
    """
    if sends_credentials(env):
        return []
    return [str(t.get("server_label") or "") for t in session.get("tools") or [] if _needs_credentials(t)]


def without_credentialed_servers(session: dict[str, Any]) -> dict[str, Any]:
    """A copy of the session without the MCP servers that need credentials (and a choice that forces one)."""
    out = copy.deepcopy(session)
    dropped = {t.get("server_label") for t in out.get("tools") or [] if _needs_credentials(t)}
    if not dropped:
        return out
    out["tools"] = [t for t in out["tools"] if not _needs_credentials(t)]
    choice = out.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "mcp" and choice.get("server_label") in dropped:
        del out["tool_choice"]
    return out


def mint_request(session: GARealtimeSession, env: Mapping[str, str], seconds: int = MAX_SECRET_SECONDS
                 ) -> dict[str, Any]:
    """The arguments of ``client.realtime.client_secrets.create``: the draft's GA export for a call.

    MCP servers that need credentials are left out (``held_back``), unless the operator
    opted in; then the credentials are filled from the server's environment.
    """
    data, _, _ = new_session(session)
    seconds = max(10, min(int(seconds), MAX_SECRET_SECONDS))
    body = with_credentials(data, env) if sends_credentials(env) else without_credentialed_servers(data)
    return {"expires_after": {"anchor": "created_at", "seconds": seconds}, "session": body}


@dataclass(frozen=True)
class Minted:
    """A client secret for one call: the ``ek_`` value and when it expires (Unix seconds)."""

    value: str
    expires_at: int


def mint(client: Any, request: dict[str, Any]) -> Minted:
    """Create the client secret with the official SDK's client (``openai.OpenAI``)."""
    answer = client.realtime.client_secrets.create(**request)
    return Minted(answer.value, int(answer.expires_at))


def start_session(session: GARealtimeSession) -> dict[str, Any]:
    """The session as a running call holds it (the nulls that switch features off kept), for later updates."""
    data, _ = current_session(session)
    return data


# --- Change and hear --------------------------------------------------------------------------------


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return _UNSET
        data = data[part]
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = copy.deepcopy(value)


class _Unset:
    def __repr__(self) -> str:
        return "unset"


_UNSET = _Unset()


def _paths(data: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if isinstance(data, dict) and data and prefix[:1] != ("tools",):
        return [p for key, value in data.items() for p in _paths(value, (*prefix, key))]
    return [prefix]


def _label(path: tuple[str, ...]) -> str:
    return ".".join(path)


@dataclass(frozen=True)
class Update:
    """What a running call is sent after an edit, and what is held back with the reason."""

    session: dict[str, Any] | None
    sent: tuple[str, ...] = ()
    held: tuple[tuple[str, str], ...] = ()


def mid_call_update(running: dict[str, Any], edited: dict[str, Any], agent_spoke: bool) -> Update:
    """The ``session.update`` a running call needs after an edit (only what the API lets a call change)."""
    out: dict[str, Any] = {"type": "realtime"}
    sent: list[str] = []
    held: list[tuple[str, str]] = []
    changed = {p for p in _paths(edited) + _paths(running) if p and _get(edited, p) != _get(running, p)}
    for path in sorted(changed):
        here = next((m for m in (*MUTABLE_PATHS, VOICE_PATH) if path[: len(m)] == m), None)
        label = _label(here or path)
        if here is None:
            held.append((label, "is fixed when a call starts; it applies to the next call"))
            continue
        if label in sent or any(label == h for h, _ in held):
            continue
        value = _get(edited, here)
        if value is _UNSET:
            held.append((label, "was removed; a running call cannot go back to the server default, "
                                "so it applies to the next call"))
        elif here == VOICE_PATH and agent_spoke:
            held.append((label, "the voice cannot change once the agent has spoken; it applies to the next call"))
        elif here == ("tools",) and snippets.credential_names({"tools": value}):
            held.append((label, "MCP servers with credentials are set up by the server when a call starts "
                                "(the browser never holds their keys); it applies to the next call"))
        else:
            _put(out, here, value)
            sent.append(label)
    return Update(out if sent else None, tuple(sent), tuple(held))


def applied(running: dict[str, Any], update: Update) -> dict[str, Any]:
    """The running session once ``update`` was sent."""
    out = copy.deepcopy(running)
    for label in update.sent:
        path = tuple(label.split("."))
        _put(out, path, _get(update.session, path))
    return out


# --- Tools in the loop ---------------------------------------------------------------------------


def function_tools(session: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The session's function tools by name."""
    return {t["name"]: t for t in session.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"}


def check_arguments(tool: Mapping[str, Any] | None, arguments: str) -> list[str]:
    """Problems of a function call's arguments against the tool's JSON Schema, in plain words ([] when fine)."""
    if tool is None:
        return ["the persona has no function tool by this name"]
    try:
        value = json.loads(arguments or "{}")
    except json.JSONDecodeError as exc:
        return [f"the arguments are not JSON ({exc.msg} at character {exc.pos})"]
    schema = tool.get("parameters") or {"type": "object"}
    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        validator_class.check_schema(schema)
    except jsonschema.SchemaError as exc:
        return [f"the tool's parameters are not a valid JSON Schema: {exc.message}"]
    problems = []
    for error in sorted(validator_class(schema).iter_errors(value), key=lambda e: list(map(str, e.absolute_path))):
        where = ".".join(map(str, error.absolute_path))
        problems.append(f"{where}: {error.message}" if where else error.message)
    return problems


def output_events(call_id: str, output: str) -> list[dict[str, Any]]:
    """The client events that answer a function call and let the agent go on."""
    return [
        {"type": "conversation.item.create",
         "item": {"type": "function_call_output", "call_id": call_id, "output": output}},
        {"type": "response.create"},
    ]


def approval_events(request_id: str, approve: bool) -> list[dict[str, Any]]:
    """The client event that answers an MCP approval request."""
    return [{"type": "conversation.item.create",
             "item": {"type": "mcp_approval_response", "approval_request_id": request_id, "approve": approve}}]


def text_events(text: str) -> list[dict[str, Any]]:
    """The client events that say ``text`` as the user and ask for a reply."""
    return [
        {"type": "conversation.item.create",
         "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}},
        {"type": "response.create"},
    ]


# --- The event log -----------------------------------------------------------------------------------


@dataclass
class Line:
    """One turn of the transcript."""

    who: str  # "You" or "Agent"
    text: str
    how: str  # "spoken" or "typed"


@dataclass
class FunctionCall:
    """A function the agent called, its arguments, what is wrong with them, and whether it was answered."""

    call_id: str
    name: str
    arguments: str
    problems: list[str] = field(default_factory=list)
    answered: bool = False


@dataclass
class Approval:
    """An MCP tool call waiting for the person's approval."""

    request_id: str
    server_label: str
    name: str
    arguments: str
    answer: bool | None = None


@dataclass
class McpCall:
    """A call the agent made to a tool of an MCP server, with what the server answered (or its error)."""

    item_id: str
    server_label: str
    name: str
    arguments: str
    output: str | None = None
    error: str | None = None


@dataclass
class CallLog:
    """What a call's events add up to."""

    lines: list[Line] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    calls: list[FunctionCall] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    mcp_calls: list[McpCall] = field(default_factory=list)
    agent_spoke: bool = False
    tokens: int = 0
    started: bool = False
    ended: str | None = None  # why the call ended, once it has
    errors: list[str] = field(default_factory=list)

    @property
    def waiting(self) -> list[FunctionCall]:
        """Function calls not answered yet."""
        return [c for c in self.calls if not c.answered]


def _usage(response: Mapping[str, Any]) -> str:
    usage = response.get("usage") or {}
    parts = [f"{usage[k]} {k.removesuffix('_tokens')}" for k in ("input_tokens", "output_tokens") if k in usage]
    return f"{usage.get('total_tokens', 0)} tokens" + (f" ({', '.join(parts)})" if parts else "")


def _item_text(item: Mapping[str, Any]) -> str:
    return " ".join(str(c.get("text") or "") for c in item.get("content") or [] if isinstance(c, dict)).strip()


def _note_session_update(log: CallLog, session: Mapping[str, Any]) -> None:
    changed = [_label(p) for p in _paths(session) if p and p != ("type",)]
    log.events.append(f"session.update sent: {', '.join(changed) or 'nothing'}")


def _note_mcp_call(log: CallLog, item: Mapping[str, Any]) -> None:
    error = item.get("error")
    if isinstance(error, dict):
        error = error.get("message") or error.get("type") or "failed"
    call = McpCall(str(item.get("id") or ""), str(item.get("server_label") or ""), str(item.get("name") or ""),
                   str(item.get("arguments") or ""), None if item.get("output") is None else str(item["output"]),
                   None if error is None else str(error))
    if any(c.item_id == call.item_id for c in log.mcp_calls):
        return
    log.mcp_calls.append(call)
    outcome = f"failed: {call.error}" if call.error is not None else "answered"
    log.events.append(f"MCP call: {call.server_label} › {call.name} {outcome}")


def reduce(entries: list[Mapping[str, Any]], tools: Mapping[str, dict[str, Any]]) -> CallLog:
    """Fold a call's events, in the order the browser saw them, into a transcript, an event log and open tasks.

    Each entry is ``{"direction": "in" | "out" | "local", "event": {...}}``: server events,
    events the browser sent, and the browser's own notes (``call.started``, ``call.ended``).
    ``tools`` are the call's function tools by name, whose schemas check the arguments.
    """
    log = CallLog()
    for entry in entries:
        event = entry.get("event") or {}
        kind = str(event.get("type", ""))
        direction = entry.get("direction")
        if direction == "local":
            if kind == "call.started":
                log.started = True
                log.events.append("call started")
            elif kind == "call.ended":
                log.ended = str(event.get("reason") or "stopped")
                log.events.append(f"call ended: {log.ended}")
            continue
        if direction == "out":
            item = event.get("item") or {}
            if kind == "session.update":
                _note_session_update(log, event.get("session") or {})
            elif kind == "conversation.item.create" and item.get("type") == "message":
                log.lines.append(Line("You", _item_text(item), "typed"))
            elif kind == "conversation.item.create" and item.get("type") == "function_call_output":
                for call in log.calls:
                    if call.call_id == item.get("call_id"):
                        call.answered = True
                log.events.append(f"function result sent for {item.get('call_id')}")
            elif kind == "conversation.item.create" and item.get("type") == "mcp_approval_response":
                for approval in log.approvals:
                    if approval.request_id == item.get("approval_request_id"):
                        approval.answer = bool(item.get("approve"))
                log.events.append(f"MCP call {'approved' if item.get('approve') else 'denied'}")
            continue
        if kind in ("session.created", "session.updated", "input_audio_buffer.speech_started",
                    "input_audio_buffer.speech_stopped"):
            log.events.append(kind)
        elif kind == "conversation.item.input_audio_transcription.completed":
            log.lines.append(Line("You", str(event.get("transcript") or "").strip(), "spoken"))
        elif kind == "response.output_audio_transcript.done":
            log.agent_spoke = True
            log.lines.append(Line("Agent", str(event.get("transcript") or "").strip(), "spoken"))
        elif kind == "response.output_audio.done":
            log.agent_spoke = True
        elif kind == "response.output_text.done":
            log.lines.append(Line("Agent", str(event.get("text") or "").strip(), "typed"))
        elif kind == "response.function_call_arguments.done":
            call_id = str(event.get("call_id") or "")
            if all(c.call_id != call_id for c in log.calls):
                name, arguments = str(event.get("name") or ""), str(event.get("arguments") or "")
                log.calls.append(FunctionCall(call_id, name, arguments, check_arguments(tools.get(name), arguments)))
                log.events.append(f"function call: {name}")
        elif kind in ("conversation.item.added", "conversation.item.done"):
            item = event.get("item") or {}
            request_id = str(item.get("id") or "")
            if item.get("type") == "mcp_approval_request" and all(a.request_id != request_id for a in log.approvals):
                log.approvals.append(Approval(request_id, str(item.get("server_label") or ""),
                                              str(item.get("name") or ""), str(item.get("arguments") or "")))
                log.events.append(f"MCP approval requested: {item.get('server_label')} › {item.get('name')}")
            elif item.get("type") == "mcp_call" and kind == "conversation.item.done":
                _note_mcp_call(log, item)
            elif item.get("type") == "mcp_list_tools" and kind == "conversation.item.done":
                count = len(item.get("tools") or [])
                log.events.append(f"MCP tools listed: {item.get('server_label')} ({count} tool{'s' * (count != 1)})")
        elif kind == "response.done":
            response = event.get("response") or {}
            log.tokens += int((response.get("usage") or {}).get("total_tokens") or 0)
            log.events.append(f"response.done: {response.get('status', 'completed')}, {_usage(response)}")
        elif kind == "error":
            message = str((event.get("error") or {}).get("message") or "unknown error")
            log.errors.append(message)
            log.events.append(f"error: {message}")
    return log


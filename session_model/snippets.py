"""Code that starts or applies a session: Python with the official ``openai`` package, JavaScript/TypeScript, curl.

Each snippet embeds the session exactly as ``targets`` exports it, so what a deployer
pastes is what the contract tests checked, with one difference: a credential (an MCP
server's ``authorization`` or a header value) is a ``${NAME}`` placeholder in the JSON
exports, and the code reads the environment variable ``NAME`` instead
(``os.environ["NAME"]``, ``process.env.NAME``, ``"$NAME"``). The Python snippet is
executed against a fake client in the tests; the curl snippet is run with a fake ``curl``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

CLIENT_SECRETS_URL = "https://api.openai.com/v1/realtime/client_secrets"
CALLS_URL = "https://api.openai.com/v1/realtime/calls"
# The SDK's connect() needs a model in the URL; used only when the draft names none.
FALLBACK_MODEL = "gpt-realtime"
# How long a minted client secret stays valid, in seconds (the API's default; 10 to 7200).
EXPIRES_AFTER: dict[str, Any] = {"anchor": "created_at", "seconds": 600}

# "${NAME}" or "Scheme ${NAME}": the two forms the GA model accepts for a credential.
_PLACEHOLDER = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9-]* )?\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}$")


@dataclass(frozen=True)
class EnvRef:
    """A credential the code reads from the environment: an optional scheme word, then the variable."""

    scheme: str
    name: str


def _credential(value: Any) -> Any:
    match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
    return EnvRef(match["scheme"] or "", match["name"]) if match else value


def with_env_refs(session: dict[str, Any]) -> dict[str, Any]:
    """The session with each MCP credential placeholder replaced by an ``EnvRef`` (a copy; the input is kept)."""
    tools = session.get("tools")
    if not isinstance(tools, list):
        return session
    out_tools = []
    for tool in tools:
        if isinstance(tool, dict) and tool.get("type") == "mcp":
            tool = dict(tool)
            if "authorization" in tool:
                tool["authorization"] = _credential(tool["authorization"])
            if isinstance(tool.get("headers"), dict):
                tool["headers"] = {k: _credential(v) for k, v in tool["headers"].items()}
        out_tools.append(tool)
    return {**session, "tools": out_tools}


def credential_names(session: dict[str, Any]) -> tuple[str, ...]:
    """The environment variables a session's credential placeholders name, in order, each once."""
    names: list[str] = []
    for tool in with_env_refs(session).get("tools") or []:
        if isinstance(tool, dict):
            for value in [tool.get("authorization"), *(tool.get("headers") or {}).values()]:
                if isinstance(value, EnvRef) and value.name not in names:
                    names.append(value.name)
    return tuple(names)


def python_literal(data: Any, indent: int = 0) -> str:
    """A JSON value as a Python literal laid out like JSON (``true`` -> ``True``); credentials read the environment."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(data, EnvRef):
        read = f'os.environ["{data.name}"]'
        return f"{json.dumps(data.scheme)} + {read}" if data.scheme else read
    if isinstance(data, dict) and data:
        items = [f"{inner}{python_literal(k)}: {python_literal(v, indent + 4)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f",\n{pad}}}"
    if isinstance(data, list) and data:
        items = [f"{inner}{python_literal(v, indent + 4)}" for v in data]
        return "[\n" + ",\n".join(items) + f",\n{pad}]"
    if data is None or isinstance(data, bool):
        return repr(data)
    # JSON string and number literals are valid Python literals with the same value.
    return json.dumps(data, ensure_ascii=False)


def js_literal(data: Any, indent: int = 0) -> str:
    """A JSON value as a JavaScript literal laid out like JSON; credentials read ``process.env``."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(data, EnvRef):
        read = f"process.env.{data.name}"
        return f"{json.dumps(data.scheme)} + {read}" if data.scheme else read
    if isinstance(data, dict) and data:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {js_literal(v, indent + 2)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(data, list) and data:
        items = [f"{inner}{js_literal(v, indent + 2)}" for v in data]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(data, ensure_ascii=False)


def _needs(names: tuple[str, ...]) -> str:
    return "" if not names else f" and {', '.join(names)} (credentials of the MCP servers)"


def python_snippet(session: dict[str, Any]) -> str:
    """A runnable Python script: mint a client secret, answer a WebRTC offer, or apply the session on a connection."""
    names = credential_names(session)
    literal = python_literal(with_env_refs(session))
    realtime = session.get("type") != "transcription"
    if not realtime:
        rest = '''

if __name__ == "__main__":
    create_client_secret()
    print("Client secret created.")
'''
    else:
        if session.get("model"):
            connect = 'with client.realtime.connect(model=SESSION["model"]) as connection:'
        else:
            connect = (f'# The config names no model, and connect() needs one.\n    '
                       f'with client.realtime.connect(model="{FALLBACK_MODEL}") as connection:')
        rest = f'''


def answer_webrtc_offer(sdp_offer: str) -> str:
    """For a WebRTC call your server sets up: send the browser's SDP offer with the session, return the answer."""
    answer = client.realtime.calls.create(sdp=sdp_offer, session=SESSION)
    return answer.text


def apply_to_connection() -> None:
    """For a server-side agent: open a Realtime connection and apply the session to it."""
    {connect}
        connection.session.update(session=SESSION)
        for event in connection:
            if event.type == "session.updated":
                print("Session applied.")
                return
            if event.type == "error":
                raise RuntimeError(event.error.message)


if __name__ == "__main__":
    apply_to_connection()
'''
    return f'''"""Start a Realtime session designed in Realtime Session Studio.

Needs the official SDK (pip install openai) and OPENAI_API_KEY in the environment{_needs(names)}.
"""

import os

from openai import OpenAI

SESSION = {literal}

client = OpenAI()


def create_client_secret() -> str:
    """For a browser or phone app: a short-lived key whose sessions start with this configuration."""
    secret = client.realtime.client_secrets.create(
        expires_after={python_literal(EXPIRES_AFTER, 8)},
        session=SESSION,
    )
    return secret.value{rest}'''


def javascript_snippet(session: dict[str, Any], update: dict[str, Any] | None = None) -> str:
    """JavaScript that is also valid TypeScript: mint a client secret on the server; the update for a live call.

    ``update`` is the session a running call is sent; it keeps the nulls that switch a feature
    off (transcription, noise reduction), which a new session's body leaves out.
    """
    names = credential_names(session)
    body = js_literal(with_env_refs(session))
    if update is None or update == session:
        update_text = "export const sessionUpdate = { type: \"session.update\", session };"
    else:
        update_text = (f'export const sessionUpdate = {{\n  type: "session.update",\n  session: '
                       f"{js_literal(with_env_refs(update), 2)},\n}};")
    return f"""// Start a Realtime session designed in Realtime Session Studio.
// Server side: Node 18+ with the official SDK (npm install openai) and OPENAI_API_KEY set{_needs(names)}.
import OpenAI from "openai";

const session = {body};

const client = new OpenAI();

// For a browser or phone app: a short-lived key whose sessions start with this configuration.
export async function createClientSecret() {{
  const secret = await client.realtime.clientSecrets.create({{
    expires_after: {js_literal(EXPIRES_AFTER, 4)},
    session,
  }});
  return secret.value;
}}

// On a call that is already running, send this over its WebRTC data channel or WebSocket:
//   channel.send(JSON.stringify(sessionUpdate));
{update_text}
"""


def _heredoc_text(data: Any) -> str:
    """JSON for an unquoted here-document: the shell expands ``${NAME}`` of credentials and nothing else."""
    if isinstance(data, EnvRef):
        return json.dumps(f"{data.scheme}${{{data.name}}}")
    if isinstance(data, dict):
        return "{" + ", ".join(f"{_heredoc_text(k)}: {_heredoc_text(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(_heredoc_text(v) for v in data) + "]"
    text = json.dumps(data, ensure_ascii=False)
    # Inside an unquoted here-document, \ $ and ` are special: escape them in every other value.
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("`", "\\`")


def curl_snippet(session: dict[str, Any]) -> str:
    """A curl command that creates a client secret carrying the session (the body read from a here-document)."""
    names = credential_names(session)
    body = {"expires_after": EXPIRES_AFTER, "session": session}
    if names:
        # Unquoted, so the shell fills in the credentials; every other $ is escaped.
        text = _heredoc_text({"expires_after": EXPIRES_AFTER, "session": with_env_refs(session)})
        marker = "JSON"
    else:
        # A quoted here-document passes the JSON untouched: no shell quoting of the instructions' quotes.
        text = json.dumps(body, indent=2, ensure_ascii=False)
        marker = "'JSON'"
    return f"""# Create a short-lived client secret whose sessions start with this configuration.
# Needs OPENAI_API_KEY in the environment{_needs(names)}; the answer's "value" is the key for your app.
curl -sS {CLIENT_SECRETS_URL} \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -H "Content-Type: application/json" \\
  --data-binary @- <<{marker}
{text}
JSON
"""

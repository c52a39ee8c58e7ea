"""Code that applies a session: Python with the official ``openai`` package, JavaScript/TypeScript, curl.

Each snippet embeds the nested session exactly as ``targets`` exports it, so what a
deployer pastes is what the contract tests checked. The Python snippet is executed
against a fake client in the tests; the curl snippet is run with a fake ``curl``.
"""

from __future__ import annotations

import json
from typing import Any

CLIENT_SECRETS_URL = "https://api.openai.com/v1/realtime/client_secrets"
# The SDK's connect() needs a model in the URL; used only when the draft names none.
FALLBACK_MODEL = "gpt-realtime"


def python_literal(data: Any, indent: int = 0) -> str:
    """A JSON value as a Python literal laid out like JSON (``true`` -> ``True``)."""
    pad, inner = " " * indent, " " * (indent + 4)
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


def python_snippet(session: dict[str, Any]) -> str:
    """A runnable Python script: mint a client secret, or apply the session on a live connection."""
    if session.get("model"):
        connect = 'with client.realtime.connect(model=SESSION["model"]) as connection:'
    else:
        connect = (f'# The config names no model, and connect() needs one.\n    '
                   f'with client.realtime.connect(model="{FALLBACK_MODEL}") as connection:')
    return f'''"""Apply a Realtime session designed in Realtime Session Studio.

Needs the official SDK (pip install openai) and OPENAI_API_KEY in the environment.
"""

from openai import OpenAI

SESSION = {python_literal(session)}

client = OpenAI()


def create_client_secret() -> str:
    """For a browser or phone app: a short-lived key whose calls start with this session."""
    secret = client.realtime.client_secrets.create(session=SESSION)
    return secret.value


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


def javascript_snippet(session: dict[str, Any]) -> str:
    """JavaScript that is also valid TypeScript: mint a client secret on the server; the update for a live call."""
    body = json.dumps(session, indent=2, ensure_ascii=False)
    return f"""// Apply a Realtime session designed in Realtime Session Studio.
// Server side: Node 18+ with the official SDK (npm install openai) and OPENAI_API_KEY set.
import OpenAI from "openai";

const session = {body};

const client = new OpenAI();

// For a browser or phone app: a short-lived key whose calls start with this session.
export async function createClientSecret() {{
  const secret = await client.realtime.clientSecrets.create({{ session }});
  return secret.value;
}}

// On a call that is already running, send this over its WebRTC data channel or WebSocket:
//   channel.send(JSON.stringify(sessionUpdate));
export const sessionUpdate = {{ type: "session.update", session }};
"""


def curl_snippet(session: dict[str, Any]) -> str:
    """A curl command that creates a client secret carrying the session (the body read from a here-document)."""
    text = json.dumps({"session": session}, indent=2, ensure_ascii=False)
    # A quoted here-document passes the JSON untouched: no shell quoting of the instructions' quotes.
    return f"""# Create a short-lived client secret whose calls start with this session.
# Needs OPENAI_API_KEY in the environment; the answer's "value" is the key for your app.
curl -sS {CLIENT_SECRETS_URL} \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -H "Content-Type: application/json" \\
  --data-binary @- <<'JSON'
{text}
JSON
"""

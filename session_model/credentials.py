"""MCP credentials are never data: find and hide a literal token wherever a draft could be kept.

The GA models refuse a literal ``authorization`` or header value (see ``ga.py``), so nothing
literal is ever exported, shared or saved as a version. A draft being edited may still hold
one for a moment (it is invalid then); ``scrub`` hides it before the draft is autosaved, so
the library never stores it either. Pure: no Streamlit.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from session_model.ga import AUTHORIZATION_PATTERN, HEADER_VALUE_PATTERN

HIDDEN = "(hidden: a literal token is never kept; name an environment variable such as ${MCP_TOKEN})"
_AUTHORIZATION = re.compile(AUTHORIZATION_PATTERN)


def _literal_header(value: Any) -> bool:
    return isinstance(value, str) and not HEADER_VALUE_PATTERN.match(value)


def literal_credentials(session: Any) -> list[tuple[str | int, ...]]:
    """Where a session holds a literal MCP credential (a token or header value that is not ``${NAME}``)."""
    found: list[tuple[str | int, ...]] = []
    tools = session.get("tools") if isinstance(session, dict) else None
    for index, tool in enumerate(tools if isinstance(tools, list) else []):
        if not isinstance(tool, dict) or tool.get("type") != "mcp":
            continue
        token = tool.get("authorization")
        if isinstance(token, str) and token != HIDDEN and not _AUTHORIZATION.match(token):
            found.append(("tools", index, "authorization"))
        headers = tool.get("headers")
        for name, value in (headers.items() if isinstance(headers, dict) else []):
            if value != HIDDEN and _literal_header(value):
                found.append(("tools", index, "headers", name))
    return found


def scrub(session: Any) -> Any:
    """A copy of a draft with every literal MCP credential replaced by a note saying why it is hidden."""
    places = literal_credentials(session)
    if not places:
        return session
    out = copy.deepcopy(session)
    for path in places:
        node = out
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = HIDDEN
    return out

"""Current-API sessions, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module ga`` measures it. Tools are a union told apart by their
``type``: when a validated session is written out, each tool must be written by its own
model. Written by the other one, pydantic still produces the same dict but warns that the
value "may not be as expected" on every export, so these tests turn warnings into errors. A
tool that is not an object at all is refused like a malformed function tool, never a crash.
"""

from __future__ import annotations

import warnings

import pytest
from pydantic import ValidationError

from session_model.ga import GARealtimeSession

# Written from the API reference (/work/shared/ga_session.md): a function tool and an MCP server.
SESSION = {
    "type": "realtime",
    "tools": [
        {"type": "function", "name": "lookup_order", "description": "Find an order by its number."},
        {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"},
    ],
}


def test_a_function_tool_and_an_mcp_server_are_written_out_without_warnings():
    session = GARealtimeSession.model_validate(SESSION)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert session.model_dump(mode="json", exclude_unset=True) == SESSION
        assert session.model_dump(exclude_unset=True) == SESSION


def test_an_mcp_server_alone_is_written_out_without_warnings():
    only_mcp = {"type": "realtime", "tools": [SESSION["tools"][1]]}
    session = GARealtimeSession.model_validate(only_mcp)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert session.model_dump_json(exclude_unset=True) == (
            '{"type":"realtime","tools":[{"type":"mcp","server_label":"docs",'
            '"server_url":"https://docs.example.com/mcp"}]}'
        )


def test_a_tool_that_is_not_an_object_is_refused_as_a_function_tool_not_a_crash():
    with pytest.raises(ValidationError) as info:
        GARealtimeSession.model_validate({"type": "realtime", "tools": ["lookup_order", None]})
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [
        (("tools", 0, "function"), "model_type"),
        (("tools", 1, "function"), "model_type"),
    ]

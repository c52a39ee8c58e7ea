"""Tool parameter schemas are checked once per distinct schema; the answers never change."""

from __future__ import annotations

from bench.corpus import function_tool
from session_model.models import FunctionTool, _schema_failure


def test_tool_schema_checks_give_the_same_answer_when_repeated():
    bad = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "one"}}}
    first = _schema_failure(bad)
    assert first is not None and first == _schema_failure(dict(bad))
    assert _schema_failure(function_tool(3)["parameters"]) is None
    # Not plain JSON (a tuple where JSON Schema wants a list): checked as given, never mixed up with a list.
    assert _schema_failure({"type": "object", "required": ("a",)}) is not None
    assert _schema_failure({"type": "object", "required": ["a"]}) is None
    assert FunctionTool.model_validate({"name": "x", "parameters": {"type": "object", "required": ["a"]}})

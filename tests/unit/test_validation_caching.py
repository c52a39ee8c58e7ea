"""Validation work is remembered (tool schemas, a draft checked twice in a run); the answers never change."""

from __future__ import annotations

from bench.corpus import full_config, function_tool
from session_model.models import FunctionTool, _schema_failure
from studio.draft import check


def test_tool_schema_checks_give_the_same_answer_when_repeated():
    bad = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "one"}}}
    first = _schema_failure(bad)
    assert first is not None and first == _schema_failure(dict(bad))
    assert _schema_failure(function_tool(3)["parameters"]) is None
    # Not plain JSON (a tuple where JSON Schema wants a list): checked as given, never mixed up with a list.
    assert _schema_failure({"type": "object", "required": ("a",)}) is not None
    assert _schema_failure({"type": "object", "required": ["a"]}) is None
    assert FunctionTool.model_validate({"name": "x", "parameters": {"type": "object", "required": ["a"]}})


def test_a_draft_checked_twice_unchanged_gives_the_same_answer_without_validating_again():
    draft = full_config(tools=3)
    session, problems = check(draft)
    again, problems_again = check(draft)
    assert again is session and problems == problems_again == []


def test_a_changed_draft_is_validated_again():
    draft = full_config(tools=1)
    assert check(draft)[0] is not None
    draft["temperature"] = 1.5
    session, problems = check(draft)
    assert session is None and [p.path for p in problems] == [("temperature",)]
    problems.clear()  # a caller changing its list does not change the next answer
    assert [p.path for p in check(draft)[1]] == [("temperature",)]
    draft["tools"][0]["parameters"]["type"] = "array"  # a change deep inside counts too
    draft["temperature"] = 0.8
    assert [p.path for p in check(draft)[1]] == [("tools", 0, "parameters")]


def test_an_equal_draft_in_another_object_gets_its_own_answer():
    first, second = full_config(tools=2), full_config(tools=2)
    assert check(first)[0] is not check(second)[0]
    assert check(first)[0] == check(second)[0]

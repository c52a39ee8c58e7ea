"""Validation work is remembered (tool schemas, a draft checked twice in a run); the answers never change."""

from __future__ import annotations

import copy

import pytest

from session_model import apis
from session_model.models import FunctionTool, _check_schema_text, _schema_failure
from studio import draft as studio_draft
from studio.draft import check

TOOL = {
    "type": "function",
    "name": "lookup_order",
    "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
}
DRAFT = {"type": "realtime", "instructions": "Help.", "audio": {"output": {"speed": 1.1}}, "tools": [TOOL]}


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every draft the studio actually validated (the cache's misses), in order."""
    seen: list[dict] = []
    real = apis.check

    def counting(data):
        seen.append(copy.deepcopy(data))
        return real(data)

    monkeypatch.setattr(studio_draft.apis, "check", counting)
    return seen


def test_tool_schema_checks_are_remembered_and_give_the_same_answer():
    bad = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "one"}}}
    _check_schema_text.cache_clear()
    first = _schema_failure(bad)
    assert first == ("properties/n/minimum", "'one' is not of type 'number'")
    assert _schema_failure(dict(bad)) == first
    assert _check_schema_text.cache_info().hits == 1  # the second check was not done again
    # Not plain JSON (a tuple where JSON Schema wants a list): checked as given, never mixed up with a list.
    assert _schema_failure({"type": "object", "required": ("a",)}) is not None
    assert _schema_failure({"type": "object", "required": ["a"]}) is None
    assert FunctionTool.model_validate(TOOL).name == "lookup_order"


def test_a_draft_checked_twice_unchanged_is_validated_once(validations):
    data = copy.deepcopy(DRAFT)
    session, problems = check(data)
    again, problems_again = check(data)
    assert session is not None and problems == []
    assert again is session and problems_again == []
    assert validations == [DRAFT]


def test_a_changed_draft_is_validated_again(validations):
    data = copy.deepcopy(DRAFT)
    assert check(data)[0] is not None
    data["audio"]["output"]["speed"] = 2.0
    session, problems = check(data)
    assert session is None and [p.path for p in problems] == [("audio", "output", "speed")]
    problems.clear()  # a caller changing its list does not change the next answer
    assert [p.path for p in check(data)[1]] == [("audio", "output", "speed")]
    data["tools"][0]["parameters"]["type"] = "array"  # a change deep inside counts too
    data["audio"]["output"]["speed"] = 1.0
    assert [p.path for p in check(data)[1]] == [("tools", 0, "parameters")]
    assert len(validations) == 3  # first, speed 2.0 (asked twice, validated once), then the tool change


def test_an_equal_draft_in_another_object_gets_its_own_answer(validations):
    first, second = copy.deepcopy(DRAFT), copy.deepcopy(DRAFT)
    assert check(first)[0] is not check(second)[0]
    assert check(first)[0] == check(second)[0]
    assert len(validations) == 2


def test_a_value_changed_to_another_type_that_compares_equal_is_validated_again(validations):
    # 1, 1.0 and True are equal in Python, yet a strict session accepts only one of them:
    # the remembered answer must not be handed out for the other two.
    data = copy.deepcopy(DRAFT)
    data["audio"]["output"]["speed"] = 1
    answers = []
    for value in (1, 1.0, True, 1):
        data["audio"]["output"]["speed"] = value
        session, problems = check(data)
        answers.append((session is None, [p.path for p in problems]))
    assert answers[2] == (True, [("audio", "output", "speed")])  # True is not a speed
    assert answers[1] == (False, [])
    assert len(validations) == 4  # every change of type was looked at afresh


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"a": 1}, {"a": True}),
        ({"a": 1}, {"a": 1.0}),
        ({"a": 0.0}, {"a": -0.0}),
        ({"a": "1"}, {"a": 1}),
        ({"a": [1, 2]}, {"a": [2, 1]}),
        ({"a": {"x": 1}}, {"a": {"x": 1, "y": None}}),
        ({"a": None}, {}),
    ],
)
def test_fingerprints_tell_apart_what_a_session_tells_apart(before, after):
    assert studio_draft.fingerprint(before) != studio_draft.fingerprint(after)
    assert studio_draft.fingerprint(before) == studio_draft.fingerprint(copy.deepcopy(before))


def test_a_fingerprint_is_the_same_however_the_value_is_shared():
    # marshal's newer formats mark objects referenced twice; format 2 writes content only.
    name = "lookup_order" * 3
    shared = {"a": name, "b": name}
    separate = {"a": "lookup_order" * 3, "b": "".join(["lookup_order"] * 3)}
    assert studio_draft.fingerprint(shared) == studio_draft.fingerprint(separate)


def test_a_value_marshal_cannot_write_is_fingerprinted_by_its_repr():
    class Odd:
        def __repr__(self) -> str:
            return "Odd()"

    assert studio_draft.fingerprint({"a": Odd()}) == repr({"a": Odd()})

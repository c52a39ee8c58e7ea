"""The flat session model, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module models`` measures it. These pin which values a repeated
list names, where and why a tool's parameters are not a JSON Schema (and how much of
jsonschema's reason is kept), which schemas share one cached check, and the prompt cache
breakpoint a prompt variable's content may carry (from the SDK's ``PromptCacheBreakpoint``:
``mode`` is always "explicit", ``ttl`` is "30m" or "12h" or left out).
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from session_model import RealtimeSession
from session_model.models import FunctionTool, _check_schema, _check_schema_text, refuse_repeats


def messages(data: dict[str, Any]) -> list[tuple[tuple, str, str]]:
    """Each error's location, kind and message."""
    with pytest.raises(ValidationError) as info:
        RealtimeSession.model_validate(data)
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in info.value.errors()]


# ---- repeated list entries ------------------------------------------------------------------


def test_a_repeated_list_names_only_the_repeated_values_in_order():
    with pytest.raises(PydanticCustomError) as caught:
        refuse_repeats(["voice", "audio", "text", "audio", "voice"])
    assert caught.value.message() == "lists audio, voice more than once"
    assert refuse_repeats(["text", "audio"]) == ["text", "audio"]
    assert refuse_repeats(None) is None


def test_repeated_modalities_name_the_repeated_one_only():
    assert messages({"modalities": ["text", "audio", "text"]}) == [
        (("modalities",), "list_repeats", "lists text more than once")
    ]


# ---- tool parameters ------------------------------------------------------------------------


def test_a_schema_that_is_not_an_object_is_wrong_at_the_top_level():
    # The 2020-12 metaschema takes an object or a boolean.
    assert _check_schema(5) == ("the top level", "5 is not of type 'object', 'boolean'")


def test_a_long_reason_is_cut_to_two_hundred_characters():
    where, reason = _check_schema({"type": "x" * 300})
    assert where == "type"
    # jsonschema quotes the bad value first: the quote and 199 of the 300 letters are kept.
    assert reason == "'" + "x" * 199


def tool(parameters: dict[str, Any]) -> dict[str, Any]:
    return {"name": "lookup_order", "parameters": parameters}


def test_the_same_schema_in_another_key_order_is_checked_once():
    _check_schema_text.cache_clear()
    first = {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}
    second = {"required": ["order_id"], "properties": {"order_id": {"type": "string"}}, "type": "object"}
    FunctionTool.model_validate(tool(first))
    FunctionTool.model_validate(tool(second))
    info = _check_schema_text.cache_info()
    assert (info.misses, info.hits, info.currsize) == (1, 1, 1)


def test_a_schema_holding_a_value_json_cannot_write_is_checked_as_given_and_not_cached():
    _check_schema_text.cache_clear()
    parameters = {"type": "object", "properties": {"count": {"type": "number", "maximum": math.inf}}}
    assert FunctionTool.model_validate(tool(parameters)).parameters["properties"]["count"]["maximum"] == math.inf
    parameters = {"type": "object", "properties": {"count": {"type": "number", "maximum": math.nan}}}
    assert math.isnan(FunctionTool.model_validate(tool(parameters)).parameters["properties"]["count"]["maximum"])
    assert _check_schema_text.cache_info().currsize == 0


def test_a_schema_holding_a_value_json_cannot_write_is_still_refused_when_wrong():
    parameters = {"type": "object", "properties": {"count": {"type": 5, "maximum": math.nan}}}
    with pytest.raises(ValidationError) as info:
        FunctionTool.model_validate(tool(parameters))
    [error] = info.value.errors()
    assert (error["loc"], error["type"]) == (("parameters",), "json_schema_invalid")
    assert error["msg"].startswith("is not a valid JSON Schema: at properties/count/type, ")


# ---- prompt cache breakpoints ---------------------------------------------------------------

BREAKPOINT_REFUSED = (
    'variable "guest" (input_text): "prompt_cache_breakpoint" must be {"mode": "explicit"}, '
    'with an optional "ttl" of 30m or 12h'
)


def prompt(breakpoint: Any) -> dict[str, Any]:
    content = {"type": "input_text", "text": "Ada", "prompt_cache_breakpoint": breakpoint}
    return {"prompt": {"id": "pmpt_1", "variables": {"guest": content}}}


@pytest.mark.parametrize(
    "breakpoint",
    [{"mode": "explicit"}, {"mode": "explicit", "ttl": "30m"}, {"mode": "explicit", "ttl": "12h"}],
    ids=["no-ttl", "30m", "12h"],
)
def test_a_cache_breakpoint_the_sdk_allows_is_accepted(breakpoint):
    session = RealtimeSession.model_validate(prompt(breakpoint))
    assert session.prompt.variables["guest"]["prompt_cache_breakpoint"] == breakpoint


@pytest.mark.parametrize(
    "breakpoint",
    [
        {"mode": "implicit"},
        {"ttl": "30m"},
        {"mode": "explicit", "ttl": "1h"},
        {"mode": "explicit", "ttl": "12H"},
        {"mode": "explicit", "ttl": "30m", "scope": "org"},
        "explicit",
    ],
    ids=["other-mode", "no-mode", "other-ttl", "ttl-in-capitals", "extra-key", "not-an-object"],
)
def test_a_cache_breakpoint_the_sdk_refuses_is_refused_with_the_shape_it_needs(breakpoint):
    assert messages(prompt(breakpoint)) == [(("prompt", "variables"), "prompt_variable_shape", BREAKPOINT_REFUSED)]

"""The session model accepts what the API accepts and rejects the rest, with the right location."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from session_model import RealtimeSession
from session_model.known import KNOWN_MODELS, KNOWN_TRANSCRIPTION_MODELS, KNOWN_VOICES


def errors(data: dict[str, Any]) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        RealtimeSession.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


def messages(data: dict[str, Any]) -> list[tuple[tuple, str, str]]:
    """Each error's location, kind and message."""
    with pytest.raises(ValidationError) as info:
        RealtimeSession.model_validate(data)
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in info.value.errors()]


def assert_accepted(data: dict[str, Any]) -> None:
    """The model takes ``data`` as it is: valid, and exported back unchanged."""
    assert RealtimeSession.model_validate(data).model_dump(mode="json", exclude_unset=True) == data


def vad(**fields: Any) -> dict[str, Any]:
    return {"turn_detection": {"type": "server_vad", **fields}}


# (config builder, lowest valid, highest valid, just below, just above, where the error is)
BOUNDED = [
    ("temperature", lambda v: {"temperature": v}, 0.6, 1.2, 0.59, 1.21, ("temperature",)),
    ("speed", lambda v: {"speed": v}, 0.25, 1.5, 0.24, 1.51, ("speed",)),
    ("threshold", lambda v: vad(threshold=v), 0, 1, -0.01, 1.01, ("turn_detection", "server_vad", "threshold")),
    ("max tokens", lambda v: {"max_response_output_tokens": v}, 1, 4096, 0, 4097,
     ("max_response_output_tokens", "limit")),
    ("idle timeout", lambda v: vad(idle_timeout_ms=v), 5000, 30000, 4999, 30001,
     ("turn_detection", "server_vad", "idle_timeout_ms")),
]


@pytest.mark.parametrize(("name", "build", "low", "high", "below", "above", "loc"), BOUNDED,
                         ids=[b[0] for b in BOUNDED])
def test_bounds_accept_both_edges_and_reject_just_outside(name, build, low, high, below, above, loc):
    RealtimeSession.model_validate(build(low))
    RealtimeSession.model_validate(build(high))
    assert messages(build(below)) == [(loc, "greater_than_equal", f"Input should be greater than or equal to {low}")]
    assert messages(build(above)) == [(loc, "less_than_equal", f"Input should be less than or equal to {high}")]


@pytest.mark.parametrize("field", ["prefix_padding_ms", "silence_duration_ms"])
def test_milliseconds_are_non_negative(field):
    RealtimeSession.model_validate(vad(**{field: 0}))
    assert errors(vad(**{field: -1})) == [(("turn_detection", "server_vad", field), "greater_than_equal")]


def test_expires_at_is_non_negative_integer():
    RealtimeSession.model_validate({"expires_at": 0})
    assert errors({"expires_at": -5}) == [(("expires_at",), "greater_than_equal")]


def test_max_tokens_accepts_inf_and_nothing_else_as_text():
    assert RealtimeSession.model_validate({"max_response_output_tokens": "inf"}).max_response_output_tokens == "inf"
    assert errors({"max_response_output_tokens": "infinite"}) == [
        (("max_response_output_tokens", "inf"), "literal_error")
    ]


ENUMS = [
    ("input_audio_format", ["pcm16", "g711_ulaw", "g711_alaw"]),
    ("output_audio_format", ["pcm16", "g711_ulaw", "g711_alaw"]),
]


@pytest.mark.parametrize(("field", "values"), ENUMS)
def test_audio_formats_accept_every_listed_value_and_reject_others(field, values):
    for value in values:
        RealtimeSession.model_validate({field: value})
    assert errors({field: "mp3"}) == [((field,), "literal_error")]


@pytest.mark.parametrize("eagerness", ["low", "medium", "high", "auto"])
def test_semantic_vad_accepts_every_eagerness(eagerness):
    assert_accepted({"turn_detection": {"type": "semantic_vad", "eagerness": eagerness}})


def test_semantic_vad_rejects_unknown_eagerness():
    loc = ("turn_detection", "semantic_vad", "eagerness")
    assert errors({"turn_detection": {"type": "semantic_vad", "eagerness": "eager"}}) == [(loc, "literal_error")]


@pytest.mark.parametrize("kind", ["near_field", "far_field"])
def test_noise_reduction_kinds(kind):
    assert_accepted({"input_audio_noise_reduction": {"type": kind}})


def test_noise_reduction_rejects_unknown_kind():
    assert errors({"input_audio_noise_reduction": {"type": "medium_field"}}) == [
        (("input_audio_noise_reduction", "type"), "literal_error")
    ]


@pytest.mark.parametrize("modalities", [["text"], ["audio"], ["text", "audio"], ["audio", "text"]])
def test_modalities_accept_non_empty_sets(modalities):
    assert_accepted({"modalities": modalities})


@pytest.mark.parametrize(
    ("modalities", "loc", "code"),
    [([], ("modalities",), "too_short"), (["text", "text"], ("modalities",), "list_repeats"),
     (["video"], ("modalities", 0), "literal_error")],
)
def test_modalities_reject_empty_repeated_or_unknown(modalities, loc, code):
    assert errors({"modalities": modalities}) == [(loc, code)]


def test_include_accepts_logprobs_once_and_null():
    RealtimeSession.model_validate({"include": ["item.input_audio_transcription.logprobs"]})
    RealtimeSession.model_validate({"include": None})
    assert messages({"include": ["item.input_audio_transcription.logprobs"] * 2}) == [
        (("include",), "list_repeats", "lists item.input_audio_transcription.logprobs more than once")
    ]
    assert messages({"include": ["everything"]}) == [
        (("include", 0), "literal_error", "Input should be 'item.input_audio_transcription.logprobs'")
    ]


@pytest.mark.parametrize("voice", [*KNOWN_VOICES, "my-custom-voice"])
def test_voice_accepts_known_and_custom_ids(voice):
    assert RealtimeSession.model_validate({"voice": voice}).voice == voice


@pytest.mark.parametrize("model", [*KNOWN_MODELS, "gpt-realtime-next"])
def test_model_accepts_known_and_custom_ids(model):
    assert_accepted({"model": model})


@pytest.mark.parametrize("model", [*KNOWN_TRANSCRIPTION_MODELS, "my-whisper"])
def test_transcription_model_accepts_known_and_custom_ids(model):
    assert_accepted({"input_audio_transcription": {"model": model, "language": "en"}})


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [("", "string_too_short", "String should have at least 1 character"),
     (7, "string_type", "Input should be a valid string"),
     (None, "string_type", "Input should be a valid string")],
)
def test_voice_rejects_empty_non_text_and_null(value, code, message):
    found = messages({"voice": value})
    # Neither a known voice nor a custom id: both alternatives of the union say why.
    assert [(loc[0], kind) for loc, kind, _ in found] == [("voice", "literal_error"), ("voice", code)]
    assert found[0][2].startswith("Input should be 'alloy', 'ash'")
    assert found[1] == (("voice", "constrained-str"), code, message)


def test_transcription_language_must_be_two_letter_code():
    assert errors({"input_audio_transcription": {"language": "english"}}) == [
        (("input_audio_transcription", "language"), "string_pattern_mismatch")
    ]


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        ({"temprature": 0.8}, ("temprature",)),
        ({"turn_detection": {"type": "server_vad", "eagerness": "low"}}, ("turn_detection", "server_vad", "eagerness")),
        ({"tools": [{"name": "a", "strict": True}]}, ("tools", 0, "strict")),
        ({"tracing": {"workflow": "x"}}, ("tracing", "custom", "workflow")),
        ({"prompt": {"id": "pmpt_1", "vars": {}}}, ("prompt", "vars")),
    ],
)
def test_unknown_keys_are_rejected_where_they_are(data, loc):
    assert errors(data) == [(loc, "extra_forbidden")]


@pytest.mark.parametrize(
    ("data", "loc", "code"),
    [
        ({"temperature": "0.8"}, ("temperature",), "float_type"),
        ({"temperature": True}, ("temperature",), "float_type"),
        ({"speed": "1"}, ("speed",), "float_type"),
        ({"max_response_output_tokens": True}, ("max_response_output_tokens", "limit"), "int_type"),
        ({"max_response_output_tokens": 100.5}, ("max_response_output_tokens", "limit"), "int_type"),
        ({"turn_detection": {"type": "server_vad", "create_response": 1}},
         ("turn_detection", "server_vad", "create_response"), "bool_type"),
        ({"turn_detection": {"type": "server_vad", "silence_duration_ms": "500"}},
         ("turn_detection", "server_vad", "silence_duration_ms"), "int_type"),
        ({"instructions": 42}, ("instructions",), "string_type"),
        ({"expires_at": "1700000000"}, ("expires_at",), "int_type"),
    ],
)
def test_types_are_as_strict_as_the_api(data, loc, code):
    assert errors(data) == [(loc, code)]


def test_whole_numbers_are_accepted_for_decimal_fields():
    assert RealtimeSession.model_validate({"temperature": 1}).temperature == 1.0


def test_turn_detection_is_a_union_on_type():
    server = RealtimeSession.model_validate({"turn_detection": {"type": "server_vad", "threshold": 0.7}})
    semantic = RealtimeSession.model_validate({"turn_detection": {"type": "semantic_vad"}})
    assert type(server.turn_detection).__name__ == "ServerVad"
    assert type(semantic.turn_detection).__name__ == "SemanticVad"
    assert RealtimeSession.model_validate({"turn_detection": None}).turn_detection is None
    assert errors({"turn_detection": {"type": "push_to_talk"}}) == [(("turn_detection",), "union_tag_invalid")]
    assert errors({"turn_detection": {"threshold": 0.5}}) == [(("turn_detection",), "union_tag_not_found")]


def test_idle_timeout_belongs_to_server_vad_only():
    RealtimeSession.model_validate(vad(idle_timeout_ms=None))
    assert errors({"turn_detection": {"type": "semantic_vad", "idle_timeout_ms": 6000}}) == [
        (("turn_detection", "semantic_vad", "idle_timeout_ms"), "extra_forbidden")
    ]


def tool(name: str, **extra: Any) -> dict[str, Any]:
    return {"type": "function", "name": name, "description": "d", "parameters": {"type": "object"}, **extra}


def test_tool_names_must_be_unique():
    assert errors({"tools": [tool("lookup"), tool("lookup")]}) == [(("tools",), "tool_name_repeated")]


@pytest.mark.parametrize("name", ["has space", "", "x" * 65, "émoji"])
def test_tool_names_must_be_well_formed(name):
    assert errors({"tools": [tool(name)]}) == [(("tools", 0, "name"), "string_pattern_mismatch")]


@pytest.mark.parametrize("name", ["a", "lookup_order", "get-weather", "x" * 64])
def test_well_formed_tool_names_pass(name):
    assert_accepted({"tools": [tool(name)]})


@pytest.mark.parametrize("choice", ["auto", "none", "required", "lookup"])
def test_tool_choice_is_a_mode_or_a_defined_tool(choice):
    assert_accepted({"tools": [tool("lookup")], "tool_choice": choice})


def test_tool_choice_naming_an_undefined_tool_is_rejected():
    assert errors({"tools": [tool("lookup")], "tool_choice": "cancel"}) == [(("tool_choice",), "tool_choice_unknown")]


@pytest.mark.parametrize(
    ("parameters", "code"),
    [
        ({"type": "strng"}, "json_schema_invalid"),
        ({"type": "object", "properties": {"a": {"type": 5}}}, "json_schema_invalid"),
        ({"type": "object", "required": "a"}, "json_schema_invalid"),
        ({"type": "array"}, "json_schema_not_object"),
        ("not an object", "dict_type"),
    ],
)
def test_tool_parameters_must_be_an_object_json_schema(parameters, code):
    assert errors({"tools": [tool("a", parameters=parameters)]}) == [(("tools", 0, "parameters"), code)]


def test_tool_type_is_exported_even_when_omitted():
    session = RealtimeSession.model_validate({"tools": [{"name": "a"}]})
    assert session.model_dump(exclude_unset=True)["tools"] == [{"type": "function", "name": "a"}]


def test_tracing_is_auto_a_configuration_or_null():
    RealtimeSession.model_validate({"tracing": "auto"})
    RealtimeSession.model_validate({"tracing": None})
    RealtimeSession.model_validate({"tracing": {"workflow_name": "w", "group_id": "g", "metadata": {"k": [1]}}})
    assert errors({"tracing": "manual"}) == [(("tracing", "auto"), "literal_error")]


def test_prompt_needs_an_id_and_well_shaped_variables():
    RealtimeSession.model_validate({"prompt": {"id": "pmpt_1", "version": "3", "variables": {"name": "Ada"}}})
    RealtimeSession.model_validate(
        {"prompt": {"id": "pmpt_1", "variables": {"doc": {"type": "input_text", "text": "hi"}}}}
    )
    assert errors({"prompt": {"version": "1"}}) == [(("prompt", "id"), "missing")]
    assert errors({"prompt": {"id": "pmpt_1", "variables": {"x": {"type": "video"}}}}) == [
        (("prompt", "variables"), "prompt_variable_shape")
    ]


def test_server_only_fields_are_accepted_from_copied_sessions():
    data = {"id": "sess_123", "object": "realtime.session", "expires_at": 1_700_000_000}
    assert RealtimeSession.model_validate(data).model_dump(exclude_unset=True) == data
    assert errors({"object": "realtime.response"}) == [(("object",), "literal_error")]

"""Shape detection and the flat <-> nested conversion tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_model.shapes import (
    ShapeError,
    detect,
    flat_to_nested_path,
    format_to_flat,
    nested_to_flat_path,
    to_flat,
    to_nested,
)

SHAPES = Path(__file__).resolve().parents[1] / "corpus" / "shapes"


def sample(name: str) -> dict:
    return json.loads((SHAPES / f"{name}.json").read_text())


@pytest.mark.parametrize(
    ("file", "shape", "nested", "path"),
    [
        ("flat_session", "flat", False, ()),
        ("flat_session_update", "flat-session-update", False, ("session",)),
        ("flat_session_created", "flat-server-event", False, ("session",)),
        ("nested_session", "nested", True, ()),
        ("nested_session_update", "nested-session-update", True, ("session",)),
        ("nested_session_updated", "nested-server-event", True, ("session",)),
        ("client_secret_request", "client-secret-request", True, ("session",)),
        ("client_secret_response", "client-secret-response", True, ("session",)),
    ],
)
def test_every_sample_shape_is_detected_and_named(file, shape, nested, path):
    detected = detect(sample(file))
    assert detected.shape.key == shape
    assert detected.shape.nested is nested
    assert detected.path == path
    assert detected.shape.name  # named in plain words for the user


def test_event_envelope_keys_are_set_aside():
    detected = detect(sample("flat_session_update"))
    assert detected.envelope == {"event_id": "event_123"}
    assert "type" not in detected.envelope and "session" not in detected.envelope


def test_nested_session_without_type_is_recognised_by_its_keys():
    detected = detect({"audio": {"output": {"voice": "ash"}}, "output_modalities": ["audio"]})
    assert detected.shape.key == "nested"


@pytest.mark.parametrize(
    "data",
    [{"type": "transcription"}, {"type": "session.update", "session": {"type": "transcription"}},
     {"session": {"type": "transcription"}}],
)
def test_a_transcription_session_is_a_session_of_the_current_api(data):
    detected = detect(data)
    assert detected.shape.nested and detected.session == {"type": "transcription"}


def test_an_empty_object_is_an_empty_flat_session():
    assert detect({}).shape.key == "flat"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"type": "response.create", "response": {}}, '"response.create" event, not a session'),
        ({"type": "session.update", "session": "voice=ash"}, 'its "session" should be an object'),
        ({"type": "session.update"}, "found nothing"),
        ({"type": "conversation"}, '"type" must be "realtime" (a voice agent) or "transcription" (speech to text) '
                                   'for a session; found "conversation"'),
    ],
)
def test_inputs_that_are_no_session_say_why(data, says):
    with pytest.raises(ShapeError) as info:
        detect(data)
    assert says in str(info.value)


# --- flat -> nested: the table of the field reference, one row per field ---------------------

@pytest.mark.parametrize(
    ("flat", "nested"),
    [
        ({"modalities": ["text", "audio"]}, {"output_modalities": ["audio"]}),
        ({"modalities": ["audio"]}, {"output_modalities": ["audio"]}),
        ({"modalities": ["text"]}, {"output_modalities": ["text"]}),
        ({"input_audio_format": "pcm16"}, {"audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}}}}),
        ({"input_audio_format": "g711_ulaw"}, {"audio": {"input": {"format": {"type": "audio/pcmu"}}}}),
        ({"output_audio_format": "g711_alaw"}, {"audio": {"output": {"format": {"type": "audio/pcma"}}}}),
        ({"input_audio_noise_reduction": {"type": "far_field"}},
         {"audio": {"input": {"noise_reduction": {"type": "far_field"}}}}),
        ({"input_audio_noise_reduction": None}, {"audio": {"input": {"noise_reduction": None}}}),
        ({"input_audio_transcription": {"model": "whisper-1"}},
         {"audio": {"input": {"transcription": {"model": "whisper-1"}}}}),
        ({"turn_detection": None}, {"audio": {"input": {"turn_detection": None}}}),
        ({"turn_detection": {"type": "semantic_vad", "eagerness": "low"}},
         {"audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}}}),
        ({"voice": "marin", "speed": 1.2}, {"audio": {"output": {"voice": "marin", "speed": 1.2}}}),
        ({"max_response_output_tokens": 300}, {"max_output_tokens": 300}),
        ({"max_response_output_tokens": "inf"}, {"max_output_tokens": "inf"}),
        ({"tool_choice": "required"}, {"tool_choice": "required"}),
        ({"tools": [{"type": "function", "name": "f"}], "tool_choice": "f"},
         {"tools": [{"type": "function", "name": "f"}], "tool_choice": {"type": "function", "name": "f"}}),
        ({"instructions": "Hi", "model": "gpt-realtime", "tracing": "auto", "include": None, "prompt": {"id": "p"}},
         {"instructions": "Hi", "model": "gpt-realtime", "tracing": "auto", "include": None, "prompt": {"id": "p"}}),
    ],
)
def test_flat_to_nested_follows_the_field_reference(flat, nested):
    result = to_nested(flat)
    assert result.data == {"type": "realtime", **nested}
    assert result.drops == []


@pytest.mark.parametrize("field", ["temperature", "id", "object", "expires_at"])
def test_fields_the_nested_shape_cannot_carry_are_dropped_with_a_reason(field):
    value = {"temperature": 0.9, "id": "sess_1", "object": "realtime.session", "expires_at": 1}[field]
    result = to_nested({field: value})
    assert result.data == {"type": "realtime"}
    [drop] = result.drops
    assert drop.path == (field,) and drop.value == value and drop.reason


def test_temperature_reason_says_the_current_api_has_none():
    [drop] = to_nested({"temperature": 1.0}).drops
    assert drop.reason == "the current API has no temperature setting (the model sets it)"


def test_audio_settings_are_written_input_before_output_and_format_first():
    result = to_nested({"speed": 1.1, "turn_detection": None, "voice": "ash", "input_audio_format": "pcm16"})
    assert list(result.data["audio"]) == ["input", "output"]
    assert list(result.data["audio"]["input"]) == ["format", "turn_detection"]
    assert list(result.data["audio"]["output"]) == ["voice", "speed"]


# Written from the migration table of the API reference, not from the module's own tables.
@pytest.mark.parametrize(
    ("flat", "nested"),
    [
        (("modalities",), ("output_modalities",)),
        (("max_response_output_tokens",), ("max_output_tokens",)),
        (("input_audio_format",), ("audio", "input", "format")),
        (("input_audio_noise_reduction", "type"), ("audio", "input", "noise_reduction", "type")),
        (("input_audio_transcription", "language"), ("audio", "input", "transcription", "language")),
        (("turn_detection", "threshold"), ("audio", "input", "turn_detection", "threshold")),
        (("output_audio_format",), ("audio", "output", "format")),
        (("voice",), ("audio", "output", "voice")),
        (("speed",), ("audio", "output", "speed")),
        (("instructions",), ("instructions",)),
        (("tools", 0, "name"), ("tools", 0, "name")),
    ],
)
def test_paths_map_both_ways_as_the_reference_says(flat, nested):
    assert flat_to_nested_path(flat) == nested
    assert nested_to_flat_path(nested) == flat


def test_a_custom_voice_id_is_wrapped_in_an_object_for_the_current_api():
    result = to_nested({"voice": "voice_1234"})
    assert result.data == {"type": "realtime", "audio": {"output": {"voice": {"id": "voice_1234"}}}}
    assert to_nested({"voice": "marin"}).data["audio"]["output"]["voice"] == "marin"


# --- nested -> flat ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("flat", "nested"),
    [("pcm16", {"type": "audio/pcm", "rate": 24000}), ("g711_ulaw", {"type": "audio/pcmu"}),
     ("g711_alaw", {"type": "audio/pcma"})],
)
def test_audio_formats_convert_both_ways(flat, nested):
    assert format_to_flat(nested) == flat
    assert to_nested({"input_audio_format": flat}).data["audio"]["input"]["format"] == nested


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ({"type": "audio/pcm", "rate": 16000}, "24000"),
        ({"type": "audio/opus"}, '"type" must be one of'),
        ("pcm16", "must be an object"),
        ({"type": "audio/pcmu", "rate": 8000}, '"rate" only applies'),
        ({"type": "audio/pcma", "bits": 8}, 'unknown key "bits"'),
    ],
)
def test_unreadable_audio_formats_are_issues_not_guesses(value, says):
    result = to_flat({"type": "realtime", "audio": {"input": {"format": value}}})
    [issue] = result.issues
    assert issue.path == ("audio", "input", "format")
    assert says in issue.message
    assert "input_audio_format" not in result.data


def test_nested_sample_converts_to_the_flat_session_it_means():
    result = to_flat(sample("nested_session"))
    assert result.data == {
        "instructions": "You are a cheerful barista taking coffee orders.",
        "model": "gpt-realtime",
        "max_response_output_tokens": 500,
        "modalities": ["text", "audio"],
        "voice": "marin",
        "speed": 1.1,
        "output_audio_format": "g711_ulaw",
        "turn_detection": {"type": "semantic_vad", "eagerness": "low"},
        "input_audio_format": "g711_ulaw",
        "input_audio_noise_reduction": {"type": "far_field"},
        "input_audio_transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
        "tools": [
            {
                "type": "function",
                "name": "place_order",
                "description": "Send the order to the bar.",
                "parameters": {
                    "type": "object",
                    "properties": {"items": {"type": "array", "items": {"type": "string"}}},
                },
            }
        ],
        "tool_choice": "place_order",
    }
    assert not result.drops and not result.unknown and not result.issues
    pcmu = [c for c in result.changes if c.source == ("audio", "input", "format")]
    assert pcmu[0].before == {"type": "audio/pcmu"} and pcmu[0].after == "g711_ulaw"


@pytest.mark.parametrize(
    ("nested", "dropped"),
    [
        ({"truncation": "auto"}, ("truncation",)),
        ({"reasoning": {"effort": "low"}}, ("reasoning",)),
        ({"parallel_tool_calls": True}, ("parallel_tool_calls",)),
        ({"audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 0.4}}}},
         ("audio", "input", "noise_reduction", "strength")),
        ({"audio": {"input": {"transcription": {"model": "gpt-transcribe", "keywords": ["Acme"]}}}},
         ("audio", "input", "transcription", "keywords")),
        ({"tools": [{"type": "mcp", "server_label": "docs"}]}, ("tools", 0)),
        ({"tool_choice": {"type": "mcp", "server_label": "docs"}}, ("tool_choice",)),
        ({"id": "sess_1"}, ("id",)),
        ({"client_secret": {"value": "ek_1"}}, ("client_secret",)),
    ],
)
def test_nested_only_fields_are_dropped_with_a_reason(nested, dropped):
    result = to_flat({"type": "realtime", **nested})
    assert [d.path for d in result.drops] == [dropped]
    assert all(d.reason for d in result.drops)
    assert not result.issues and not result.unknown


def test_custom_voice_object_becomes_the_voice_id():
    result = to_flat({"type": "realtime", "audio": {"output": {"voice": {"id": "voice_1234"}}}})
    assert result.data == {"voice": "voice_1234"}


@pytest.mark.parametrize(
    ("nested", "path", "suggestion"),
    [
        ({"instrutions": "x"}, ("instrutions",), "instructions"),
        ({"temprature": 1}, ("temprature",), "temperature"),
        ({"voice": "ash"}, ("voice",), "audio.output.voice"),
        ({"audio": {"ouput": {}}}, ("audio", "ouput"), "output"),
        ({"audio": {"input": {"fromat": {}}}}, ("audio", "input", "fromat"), "format"),
        ({"colour": "red"}, ("colour",), None),
    ],
)
def test_unknown_nested_keys_are_reported_with_did_you_mean(nested, path, suggestion):
    result = to_flat({"type": "realtime", **nested})
    [unknown] = result.unknown
    assert unknown.path == path
    assert unknown.suggestion == suggestion


@pytest.mark.parametrize("mode", ["none", "auto", "required"])
def test_forcing_a_function_named_like_a_mode_is_dropped_not_turned_into_the_mode(mode):
    result = to_flat({"type": "realtime", "tools": [{"type": "function", "name": mode}],
                      "tool_choice": {"type": "function", "name": mode}})
    assert "tool_choice" not in result.data
    [drop] = result.drops
    assert drop.path == ("tool_choice",)
    assert drop.reason == (
        f'the beta (flat) shape forces a function by its name alone, and "{mode}" there is a mode, not a function: '
        "forcing it would change what the agent does; choose another tool choice, or rename the function")


@pytest.mark.parametrize("nested", [{"audio": None}, {"audio": {"input": None}}])
def test_a_null_audio_group_is_an_issue_not_ignored(nested):
    result = to_flat({"type": "realtime", **nested})
    [issue] = result.issues
    assert issue.message == "must be an object ({...}) or left out; null is not accepted here"


def test_a_nested_group_that_is_not_an_object_is_an_issue():
    result = to_flat({"type": "realtime", "audio": ["input"]})
    assert [(i.path, "must be an object" in i.message) for i in result.issues] == [(("audio",), True)]

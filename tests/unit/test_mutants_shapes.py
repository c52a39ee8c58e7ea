"""Shape conversion, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module shapes`` measures it. These pin what a conversion tells the
user, word for word and value for value: the changes, drops, unknown keys and issues of
``to_flat``, and the reasons ``format_to_flat`` gives. The mapping facts (format objects, where
a flat key lives in the current API, the tool choice forms) are written from the API reference
(/work/shared/ga_session.md); the plain-word type names ("a piece of text") are
``loading.describe_json_type``'s, which has its own tests.
"""

from __future__ import annotations

import pytest

from session_model.shapes import (
    Change,
    Drop,
    Issue,
    ShapeError,
    Unknown,
    detect,
    format_to_flat,
    json_text,
    nested_to_flat_path,
    to_flat,
    to_nested,
)

# ---- audio formats --------------------------------------------------------------------------


def test_pcm_without_a_rate_is_pcm16():
    assert format_to_flat({"type": "audio/pcm"}) == "pcm16"
    assert format_to_flat({"type": "audio/pcm", "rate": 24000}) == "pcm16"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("pcm16", 'must be an object such as {"type": "audio/pcm"}; found a piece of text'),
        (
            {"type": "audio/wav"},
            '"type" must be one of "audio/pcm", "audio/pcmu", "audio/pcma"; found "audio/wav"',
        ),
        ({"rate": 8000}, '"type" must be one of "audio/pcm", "audio/pcmu", "audio/pcma"; found null'),
    ],
    ids=["text", "unknown-type", "no-type"],
)
def test_a_format_that_is_not_one_of_the_three_says_which_ones_exist(value, reason):
    with pytest.raises(ValueError) as caught:
        format_to_flat(value)
    assert str(caught.value) == reason


# ---- modalities and paths -------------------------------------------------------------------


@pytest.mark.parametrize("value", [[], ["video"], "audio"], ids=["empty", "unknown", "not-a-list"])
def test_modalities_that_cannot_be_read_are_passed_on_for_validation(value):
    assert to_flat({"type": "realtime", "output_modalities": value}).data == {"modalities": value}


def test_a_path_under_a_renamed_top_level_key_is_renamed():
    assert nested_to_flat_path(("output_modalities", 0)) == ("modalities", 0)
    assert nested_to_flat_path(("max_output_tokens",)) == ("max_response_output_tokens",)
    assert nested_to_flat_path(("audio", "input", "turn_detection", "threshold")) == ("turn_detection", "threshold")


# ---- unknown keys ---------------------------------------------------------------------------


def test_a_flat_name_in_a_current_api_session_points_at_its_new_place():
    assert to_flat({"type": "realtime", "voice": "ash"}).unknown == [
        Unknown(
            ("voice",),
            "audio.output.voice",
            "it is a name of the beta (flat) shape; the current API keeps it at audio.output.voice",
        )
    ]


def test_temperature_is_named_as_a_beta_setting_at_the_top_level_only():
    reason = "it is a setting of the beta (flat) shape; the current API has no temperature setting (the model sets it)"
    assert to_flat({"type": "realtime", "temperature": 0.8}).unknown == [Unknown(("temperature",), None, reason)]
    # Inside audio.input it is just an unknown key, and nothing there is close to it.
    assert to_flat({"type": "realtime", "audio": {"input": {"temperature": 0.8}}}).unknown == [
        Unknown(("audio", "input", "temperature"), None)
    ]
    assert to_flat({"type": "realtime", "audio": {"input": {"temprature": 0.8}}}).unknown == [
        Unknown(("audio", "input", "temprature"), None)
    ]


def test_a_misspelt_temperature_is_recognised_and_explained():
    assert to_flat({"type": "realtime", "temprature": 0.8}).unknown == [
        Unknown(
            ("temprature",),
            "temperature",
            "temperature is a setting of the beta (flat) shape; the current API has no temperature setting "
            "(the model sets it)",
        )
    ]


# ---- issues, drops and changes --------------------------------------------------------------


def test_audio_that_is_not_an_object_is_an_issue_naming_what_was_found():
    assert to_flat({"type": "realtime", "audio": "loud"}).issues == [
        Issue(("audio",), "must be an object ({...}); found a piece of text")
    ]


def test_a_session_of_another_type_is_an_issue_and_no_type_is_none():
    assert to_flat({"type": "transcription"}).issues == [
        Issue(("type",), 'must be "realtime" for a conversation session; found "transcription"')
    ]
    converted = to_flat({"output_modalities": ["audio"]})
    assert (converted.data, converted.issues) == ({"modalities": ["text", "audio"]}, [])


def test_a_forced_function_becomes_its_name_and_the_change_is_listed():
    forced = {"type": "function", "name": "lookup_order"}
    converted = to_flat({"type": "realtime", "tool_choice": forced})
    assert converted.data == {"tool_choice": "lookup_order"}
    assert converted.changes == [Change(("tool_choice",), ("tool_choice",), forced, "lookup_order")]


@pytest.mark.parametrize(
    ("choice", "found"),
    [
        ({"type": "custom", "name": "lookup_order"}, '{"type": "custom", "name": "lookup_order"}'),
        (
            {"type": "function", "name": "lookup_order", "strict": True},
            '{"type": "function", "name": "lookup_order", "strict": true}',
        ),
    ],
    ids=["other-type", "extra-key"],
)
def test_a_tool_choice_object_of_another_form_is_an_issue_quoting_it(choice, found):
    converted = to_flat({"type": "realtime", "tool_choice": choice})
    assert converted.data == {}
    assert converted.changes == []
    assert converted.issues == [
        Issue(
            ("tool_choice",),
            'must be "auto", "none", "required" or {"type": "function", "name": "..."}; found ' + found,
        )
    ]


def test_dropped_values_are_kept_in_the_report():
    converted = to_flat(
        {
            "type": "realtime",
            "id": "sess_123",
            "audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 0.5}}},
        }
    )
    assert converted.drops == [
        Drop(("id",), "sess_123", "the server assigns the session id; a config you send never includes it"),
        Drop(
            ("audio", "input", "noise_reduction", "strength"),
            0.5,
            "the beta (flat) shape has no noise reduction strength",
        ),
    ]
    assert converted.data == {"input_audio_noise_reduction": {"type": "near_field"}}


def test_a_value_that_cannot_be_read_does_not_stop_the_ones_after_it():
    converted = to_flat(
        {
            "type": "realtime",
            "audio": {"input": {"format": "pcm16"}, "output": {"voice": {"id": "my_voice"}, "speed": 1.1}},
            "instructions": "Hi",
        }
    )
    assert converted.issues == [
        Issue(("audio", "input", "format"), 'must be an object such as {"type": "audio/pcm"}; found a piece of text')
    ]
    assert converted.drops == [
        Drop(
            ("audio", "output", "voice"),
            {"id": "my_voice"},
            'the beta (flat) shape names a custom voice only by an id starting with "voice_"',
        )
    ]
    assert converted.data == {"instructions": "Hi", "speed": 1.1}


def test_a_custom_voice_id_that_is_not_text_is_dropped():
    converted = to_flat({"type": "realtime", "audio": {"output": {"voice": {"id": 5}}}})
    assert (converted.data, [d.path for d in converted.drops]) == ({}, [("audio", "output", "voice")])
    assert to_flat({"type": "realtime", "audio": {"output": {"voice": {"id": "voice_123"}}}}).data == {
        "voice": "voice_123"
    }


def test_transcript_settings_the_beta_lacks_are_each_dropped_with_their_reason():
    transcription = {"model": "gpt-transcribe", "delay": "low", "languages": ["en", "fr"], "keywords": ["Acme"]}
    converted = to_flat({"type": "realtime", "audio": {"input": {"transcription": transcription}}})
    where = ("audio", "input", "transcription")
    assert converted.drops == [
        Drop((*where, "delay"), "low", "the beta (flat) shape has no transcript delay setting"),
        Drop((*where, "keywords"), ["Acme"], "the beta (flat) shape has no transcript keywords"),
        Drop((*where, "languages"), ["en", "fr"], "the beta (flat) shape takes one language, not a list"),
    ]
    assert converted.data == {"input_audio_transcription": {"model": "gpt-transcribe"}}


def test_only_renamed_moved_or_rewritten_values_are_listed_as_changes():
    forced = {"type": "function", "name": "lookup_order"}
    mcp = {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"}
    converted = to_flat(
        {
            "type": "realtime",
            "instructions": "Hi",
            "output_modalities": ["audio"],
            "audio": {"output": {"voice": "ash"}},
            "tools": [{"type": "function", "name": "lookup_order"}, mcp],
            "tool_choice": forced,
        }
    )
    assert converted.changes == [
        Change(("output_modalities",), ("modalities",), ["audio"], ["text", "audio"]),
        Change(("tool_choice",), ("tool_choice",), forced, "lookup_order"),
        Change(("audio", "output", "voice"), ("voice",), "ash", "ash"),
    ]


def test_a_flat_session_comes_out_in_the_flat_model_s_field_order():
    converted = to_flat(
        {
            "type": "realtime",
            "tools": [{"type": "function", "name": "lookup_order"}],
            "instructions": "Hi",
            "audio": {"output": {"voice": "ash"}},
        }
    )
    # RealtimeSession lists instructions, then voice (Voice and speech), then tools.
    assert list(converted.data) == ["instructions", "voice", "tools"]


# ---- flat to nested -------------------------------------------------------------------------


def test_nested_keys_come_in_the_reference_order_and_unknown_ones_last():
    converted = to_nested({"foo": 1, "voice": "ash", "instructions": "Hi"})
    assert list(converted.data) == ["type", "instructions", "audio", "foo"]
    assert to_nested({"audio": "loud"}).data == {"type": "realtime", "audio": "loud"}


def test_a_voice_named_like_a_format_stays_a_voice():
    assert to_nested({"voice": "pcm16"}).data == {"type": "realtime", "audio": {"output": {"voice": "pcm16"}}}


def test_every_moved_or_rewritten_value_is_listed_as_a_change():
    converted = to_nested(
        {"instructions": "Hi", "voice": "ash", "output_audio_format": "g711_ulaw", "tool_choice": "lookup_order"}
    )
    assert converted.changes == [
        Change(("voice",), ("audio", "output", "voice"), "ash", "ash"),
        Change(("output_audio_format",), ("audio", "output", "format"), "g711_ulaw", {"type": "audio/pcmu"}),
        Change(("tool_choice",), ("tool_choice",), "lookup_order", {"type": "function", "name": "lookup_order"}),
    ]


# ---- detecting the shape --------------------------------------------------------------------


def test_an_event_whose_session_is_not_an_object_says_what_was_found():
    with pytest.raises(ShapeError) as caught:
        detect({"type": "session.update", "session": "instructions: Hi"})
    assert str(caught.value) == (
        'this looks like a "session.update" event, but its "session" should be an object ({...}); found a piece of text'
    )


def test_a_long_event_type_is_quoted_to_sixty_characters():
    kind = "response." + "x" * 60  # 69 characters: the first 60 are "response." and 51 x
    with pytest.raises(ShapeError) as caught:
        detect({"type": kind})
    assert str(caught.value) == (
        f'this is a "response.{"x" * 51}" event, not a session; paste a session or a session.update event'
    )


def test_json_text_keeps_letters_and_cuts_at_sixty_characters():
    assert json_text("Grüße") == '"Grüße"'
    assert json_text("x" * 58) == '"' + "x" * 58 + '"'  # 60 characters: kept whole
    assert json_text("x" * 59) == '"' + "x" * 58 + "…"  # 61 characters: 59 kept, then an ellipsis

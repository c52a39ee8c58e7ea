"""Validation errors become plain sentences located at the field the user edits."""

from __future__ import annotations

import pytest

from form.messages import validate
from session_model import RealtimeSession

CASES = [
    ({"temperature": 1.5}, "temperature", "Temperature must be between 0.6 and 1.2; you entered 1.5."),
    ({"temperature": "0.8"}, "temperature", 'you entered the text "0.8" (write numbers without quotes)'),
    ({"speed": True}, "speed", "you entered true (a yes/no value)"),
    ({"temprature": 1.0}, "temprature", 'did you mean "temperature"?'),
    ({"voice": 5}, "voice", "Voice must be text"),
    ({"max_response_output_tokens": 5000}, "max_response_output_tokens", "must be between 1 and 4096"),
    ({"max_response_output_tokens": "lots"}, "max_response_output_tokens", 'a whole number from 1 to 4096 or "inf"'),
    (
        {"turn_detection": {"type": "server_vad", "idle_timeout_ms": 100}},
        "turn_detection.idle_timeout_ms",
        "must be between 5000 and 30000; you entered 100",
    ),
    (
        {"turn_detection": {"type": "semantic_vad", "threshold": 0.5}},
        "turn_detection.threshold",
        '"threshold" only applies to Server VAD (silence)',
    ),
    ({"turn_detection": {"type": "vad"}}, "turn_detection", '"server_vad" or "semantic_vad"'),
    ({"tools": [{"name": "a b"}]}, "tools[0].name", "letters, digits"),
    ({"tools": [{"name": "a"}, {"name": "a"}]}, "tools", 'tools 1 and 2 are both called "a"'),
    ({"tool_choice": "lookup"}, "tool_choice", '"lookup" is none of these'),
    ({"prompt": {}}, "prompt.id", "Stored prompt › Prompt id is required."),
    ({"modalities": []}, "modalities", "needs at least 1 item"),
    ({"input_audio_format": "mp3"}, "input_audio_format", '"pcm16", "g711_ulaw", "g711_alaw"'),
    ({"tracing": "on"}, "tracing", '"auto" or a group of settings'),
]


@pytest.mark.parametrize(("data", "where", "text"), CASES, ids=[c[1] + ":" + c[2][:20] for c in CASES])
def test_problem_names_the_field_and_says_what_is_wrong(data, where, text):
    session, problems = validate(RealtimeSession, data)
    assert session is None
    assert [p.where for p in problems] == [where]
    assert text in problems[0].message


def test_a_valid_config_has_no_problems():
    session, problems = validate(RealtimeSession, {"voice": "coral", "temperature": 0.8})
    assert problems == [] and session is not None


def test_not_an_object_is_reported_at_the_top_level():
    _, problems = validate(RealtimeSession, ["voice"])
    assert problems[0].where == "(top level)"
    assert "JSON object" in problems[0].message

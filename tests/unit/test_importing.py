"""The import report: what would be loaded, converted, dropped, unknown and invalid, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_model.importing import ImportReport, import_config
from session_model.loading import MAX_INPUT_BYTES, MAX_NESTING
from session_model.models import RealtimeSession

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def report_of(data: object) -> ImportReport:
    return import_config(json.dumps(data))


def lines(findings) -> dict[str, str]:
    return {f.where: f.message for f in findings}


def test_a_valid_flat_session_loads_as_it_is():
    data = json.loads((CORPUS / "valid" / "support_agent.json").read_text())
    report = report_of(data)
    assert report.clean
    assert report.shape.key == "flat"
    assert report.data == data
    assert report.loaded == tuple(data)
    assert not report.converted and not report.dropped


@pytest.mark.parametrize("path", sorted((CORPUS / "shapes").glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_shape_imports_into_a_valid_draft(path):
    report = import_config(path.read_bytes())
    assert report.readable, report.error
    assert not report.problems and not report.unknown, (report.problems, report.unknown)
    RealtimeSession.model_validate(report.data)


def test_nested_update_reports_each_conversion_old_to_new():
    report = import_config((CORPUS / "shapes" / "nested_session.json").read_bytes())
    converted = lines(report.converted)
    assert converted["audio.input.format"] == '{"type": "audio/pcmu"} became input_audio_format "g711_ulaw"'
    assert converted["audio.output.voice"] == "moved to voice"
    assert converted["output_modalities"] == '["audio"] became modalities ["text", "audio"]'
    assert converted["tool_choice"] == '{"type": "function", "name": "place_order"} became tool_choice "place_order"'
    assert converted["max_output_tokens"] == "moved to max_response_output_tokens"


def test_server_event_drops_server_only_fields_and_says_why():
    report = import_config((CORPUS / "shapes" / "nested_session_updated.json").read_bytes())
    dropped = lines(report.dropped)
    assert set(dropped) == {"event_id", "session.object", "session.id", "session.expires_at", "session.truncation"}
    assert "server assigns the session id" in dropped["session.id"]
    assert "trimmed" in dropped["session.truncation"]
    assert "one event" in dropped["event_id"]
    assert not {"id", "object", "expires_at"} & set(report.data)


def test_flat_server_event_drops_id_object_and_expiry_too():
    report = import_config((CORPUS / "shapes" / "flat_session_created.json").read_bytes())
    assert set(lines(report.dropped)) == {"event_id", "session.id", "session.object", "session.expires_at"}
    assert report.data["tracing"] == "auto"


def test_unknown_flat_key_gets_did_you_mean_and_is_left_out():
    report = report_of({"temprature": 0.9, "voice": "ash"})
    assert lines(report.unknown) == {"temprature": '"temprature" is not a known setting; did you mean "temperature"?'}
    assert report.data == {"voice": "ash"}
    assert not report.problems and not report.clean


def test_unknown_keys_deep_inside_are_found_and_left_out():
    report = report_of({"turn_detection": {"type": "server_vad", "silence_duraton_ms": 700}})
    [(where, message)] = lines(report.unknown).items()
    assert where == "turn_detection.silence_duraton_ms"
    assert 'did you mean "silence_duration_ms"?' in message
    assert report.data == {"turn_detection": {"type": "server_vad"}}


def test_unknown_nested_key_reported_where_the_user_wrote_it():
    report = report_of({"type": "session.update", "session": {"type": "realtime", "audio": {"output": {"voise": "x"}}}})
    assert lines(report.unknown) == {
        "session.audio.output.voise": '"voise" is not a known setting in session.audio.output; did you mean "voice"?'
    }


def test_temperature_in_a_nested_session_explains_the_shape_mix_up():
    report = report_of({"type": "realtime", "temperature": 0.9})
    [message] = lines(report.unknown).values()
    assert "flat-shape setting" in message and "no temperature" in message


def test_validation_problems_are_listed_by_field_in_the_input_s_terms():
    report = report_of({"type": "realtime", "audio": {"output": {"speed": 3}, "input": {"format": {"type": "x"}}}})
    problems = lines(report.problems)
    assert problems["audio.output.speed"] == "Speaking speed must be between 0.25 and 1.5; you entered 3."
    assert problems["audio.input.format"].startswith('Audio format in: "type" must be one of')
    assert report.readable and not report.clean


def test_summary_names_the_shape_and_counts():
    report = import_config((CORPUS / "shapes" / "flat_session_update.json").read_bytes())
    assert report.summary() == (
        'Read a "session.update" event with a flat session: 10 settings loaded, 0 converted, 1 dropped, '
        "0 unknown keys, no problems."
    )


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"", "empty"),
        (b"voice: ash", "not valid JSON"),
        (b"[1, 2]", "found a list"),
        (b'"voice"', "found a piece of text"),
        (b'{"voice": "ash", "voice": "coral"}', "appears twice"),
        (b"\xff\xfe{", "UTF"),
        (b"[" * (MAX_NESTING + 1) + b"]" * (MAX_NESTING + 1), "nested"),
        (b" " * (MAX_INPUT_BYTES + 1), "MB"),
        (b'{"type": "conversation.item.create"}', "not a session"),
    ],
)
def test_malformed_input_gives_one_clear_message_and_nothing_to_load(raw, says):
    report = import_config(raw)
    assert not report.readable
    assert says in report.error
    assert report.data == {} and report.shape is None
    assert report.summary().startswith("Nothing can be imported:")


def test_byte_order_mark_is_removed_and_noted():
    report = import_config(b'\xef\xbb\xbf{"voice": "ash"}')
    assert report.clean and report.notes

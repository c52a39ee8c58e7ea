"""The import report: what would be loaded, converted, dropped, unknown and invalid, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_model.apis import APIS
from session_model.importing import ImportReport, conversion_report, import_config
from session_model.loading import MAX_INPUT_BYTES, MAX_NESTING

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
def test_every_sample_shape_imports_into_a_valid_draft_of_its_own_target(path):
    report = import_config(path.read_bytes())
    assert report.readable, report.error
    assert not report.problems and not report.unknown, (report.problems, report.unknown)
    assert report.target.key == ("flat" if path.stem.startswith("flat") else "realtime")
    report.target.model.model_validate(report.data)


def test_a_current_api_session_loads_unchanged():
    data = json.loads((CORPUS / "shapes" / "nested_session.json").read_text())
    report = report_of(data)
    assert report.clean and report.target.key == "realtime"
    assert report.data == data
    assert not report.converted and not report.dropped and report.conversion is None


def test_a_transcription_session_is_imported_not_refused():
    data = {
        "type": "transcription",
        "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper", "delay": "low"}}},
    }
    report = report_of({"type": "session.update", "event_id": "e1", "session": data})
    assert report.clean and report.target.key == "transcription"
    assert report.data == data
    assert lines(report.dropped) == {"event_id": '"e1" was left out: it labels one event on the wire, not the session'}


def test_what_the_current_api_carries_is_never_dropped():
    session = {
        "type": "realtime",
        "max_output_tokens": "inf",
        "reasoning": {"effort": "high"},
        "truncation": {"type": "retention_ratio", "retention_ratio": 0.5},
        "audio": {
            "input": {
                "noise_reduction": {"type": "far_field", "strength": 0.3},
                "transcription": {"languages": ["en", "fr"], "keywords": ["Acme"], "delay": "low"},
            },
            "output": {"voice": {"id": "voice_abc"}},
        },
        "tools": [{"type": "mcp", "server_label": "d", "server_url": "https://d.example", "authorization": "${T}"}],
    }
    report = report_of({"expires_after": {"anchor": "created_at", "seconds": 600}, "session": session})
    assert report.clean and report.data == session


def test_a_current_session_without_its_type_gets_it_and_says_so():
    report = report_of({"audio": {"output": {"voice": "ash"}}})
    assert report.data == {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    assert lines(report.converted) == {
        "type": 'added "type": "realtime": the current API needs it, and the other settings are those of a voice agent'
    }


def test_server_event_drops_server_only_fields_and_says_why():
    report = import_config((CORPUS / "shapes" / "nested_session_updated.json").read_bytes())
    assert lines(report.dropped) == {
        "event_id": '"event_C9G8pjSJCfRNEhMEnYAVy" was left out: it labels one event on the wire, not the session',
        "session.object": '"realtime.session" was left out: the server labels what it sends back; a config you send '
        "never includes it",
        "session.id": '"sess_C9G8l3zp50uFv4qgxfJ8o" was left out: the server assigns the session id; a config you '
        "send never includes it",
        "session.expires_at": "1756324625 was left out: the server sets when a session expires; a config you send "
        "never includes it",
    }
    assert report.data["truncation"] == "auto"  # carried by the current API: kept
    assert not {"id", "object", "expires_at"} & set(report.data)


def test_client_secret_response_drops_the_secret_and_its_expiry():
    report = import_config((CORPUS / "shapes" / "client_secret_response.json").read_bytes())
    dropped = lines(report.dropped)
    assert dropped["value"] == (
        '"ek_68af296e8e408191a1120ab6383263c2" was left out: it is the client secret itself, '
        "valid for one connection only"
    )
    assert dropped["expires_at"] == (
        "1756310470 was left out: it is when the client secret stops working, not part of the session"
    )
    assert "ek_" not in json.dumps(report.data)


def test_a_flat_import_stays_flat_and_offers_its_conversion():
    report = import_config((CORPUS / "shapes" / "flat_session.json").read_bytes())
    assert report.target.key == "flat" and report.data["temperature"] == 0.9
    conversion = report.conversion
    assert conversion.target.key == "realtime" and conversion.source.key == "flat"
    assert conversion.data == {
        "type": "realtime",
        "instructions": "You are a cheerful barista taking coffee orders.",
        "audio": {
            "input": {
                "format": {"type": "audio/pcmu"},
                "turn_detection": {"type": "server_vad", "silence_duration_ms": 600},
            },
            "output": {"voice": "coral"},
        },
    }
    assert lines(conversion.dropped) == {
        "temperature": "0.9 was left out: the current API has no temperature setting (the model sets it)"
    }
    assert lines(conversion.converted)["input_audio_format"] == (
        '"g711_ulaw" became audio.input.format {"type": "audio/pcmu"}'
    )


def test_conversion_report_for_a_target_switch_says_what_cannot_be_carried():
    draft = {
        "type": "realtime",
        "reasoning": {"effort": "low"},
        "audio": {"output": {"voice": {"id": "voice_9"}}},
        "tool_choice": {"type": "mcp", "server_label": "d"},
        "tools": [{"type": "mcp", "server_label": "d", "server_url": "https://d.example"}],
    }
    report = conversion_report(draft, APIS["flat"])
    assert report.data == {"voice": "voice_9"}  # the MCP tool was the only tool: no empty list is left
    assert lines(report.dropped) == {
        "reasoning": '{"effort": "low"} was left out: the beta (flat) shape has no reasoning settings',
        "tool_choice": '{"type": "mcp", "server_label": "d"} was left out: the beta (flat) shape cannot force a tool '
        "of an MCP server",
        "tools.0": '{"type": "mcp", "server_label": "d", "server_url": "https:/… was left out: the beta (flat) '
        "shape has no MCP server tools, only functions",
    }
    assert report.summary().startswith("Realtime (current API) to Realtime beta, flat (retired 2026-05-12): ")
    back = conversion_report(report.data, APIS["realtime"])
    assert back.data["audio"] == {"output": {"voice": {"id": "voice_9"}}}  # a custom voice is wrapped back
    to_transcription = conversion_report(draft, APIS["transcription"])
    assert to_transcription.data == {"type": "transcription"}
    assert set(lines(to_transcription.dropped)) == {"reasoning", "audio.output", "tool_choice", "tools"}


def test_forcing_a_function_named_like_a_mode_is_dropped_on_the_way_to_flat():
    draft = {
        "type": "realtime",
        "tools": [{"type": "function", "name": "none"}],
        "tool_choice": {"type": "function", "name": "none"},
    }
    report = conversion_report(draft, APIS["flat"])
    assert "tool_choice" not in report.data
    assert lines(report.dropped)["tool_choice"].startswith(
        '{"type": "function", "name": "none"} was left out: the beta (flat) shape forces a function by its name '
        'alone, and "none" there is a mode'
    )


def test_audio_null_is_reported_not_ignored():
    assert lines(report_of({"type": "realtime", "audio": None}).problems) == {
        "audio": "Audio must be a group of settings (a JSON object); you entered null."
    }
    assert lines(conversion_report({"type": "realtime", "audio": None}, APIS["flat"]).problems) == {
        "audio": "must be an object ({...}) or left out; null is not accepted here"
    }


def test_unknown_key_reported_where_the_user_wrote_it():
    report = report_of({"type": "session.update", "session": {"type": "realtime", "audio": {"output": {"voise": "x"}}}})
    assert lines(report.unknown) == {
        "session.audio.output.voise": '"voise" is not a known setting in audio.output; did you mean "voice"?'
    }


def test_a_flat_key_in_a_current_session_says_where_it_lives_now():
    report = report_of({"type": "realtime", "voice": "ash", "temperature": 0.9})
    assert lines(report.unknown) == {
        "voice": '"voice" belongs in audio.output.voice in the current API; move it there.'
    }
    assert lines(report.problems) == {
        "temperature": "Temperature is not part of the current API, which removed it (the model sets it): remove it, "
        "or choose the beta (flat) target to keep it.",
    }


def test_validation_problems_are_listed_by_field_in_the_input_s_terms():
    report = report_of(
        {
            "type": "realtime",
            "tools": [{"type": "mcp", "server_label": "d", "server_url": "x"}],
            "audio": {"output": {"speed": 3}},
        }
    )
    assert lines(report.problems) == {
        "audio.output.speed": "Speaking speed must be between 0.25 and 1.5; you entered 3.",
        "tools.0.server_url": 'Tools › item 1 › Server address (URL) is not in the expected form; you entered "x". '
        "The web address of the MCP server, starting with https://.",
    }
    assert report.readable and not report.clean


def test_summary_names_the_shape_the_target_and_counts():
    report = import_config((CORPUS / "shapes" / "flat_session_update.json").read_bytes())
    assert report.summary() == (
        'Read a "session.update" event with a beta (flat) session as Realtime beta, flat (retired 2026-05-12): '
        "10 settings loaded, 0 converted, 1 dropped, 0 unknown keys, no problems."
    )


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

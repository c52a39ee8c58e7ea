"""The export policy, pinned by golden files: unset omitted, null kept, stable key order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session_model import RealtimeSession
from session_model.export import dumps, export_session, session_json_schema

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "export"
CASES = sorted(p.name.removesuffix(".in.json") for p in GOLDEN.glob("*.in.json"))


@pytest.mark.parametrize("case", CASES)
def test_export_matches_golden_file(case):
    data = json.loads((GOLDEN / f"{case}.in.json").read_text())
    expected = (GOLDEN / f"{case}.out.json").read_text()
    assert dumps(export_session(RealtimeSession.model_validate(data))) + "\n" == expected


def test_export_is_the_same_whatever_the_input_key_order():
    data = json.loads((GOLDEN / "full.in.json").read_text())
    reversed_data = dict(reversed(list(data.items())))
    first = dumps(export_session(RealtimeSession.model_validate(data)))
    assert dumps(export_session(RealtimeSession.model_validate(reversed_data))) == first


def test_explicit_null_is_kept_and_unset_is_omitted():
    exported = export_session(RealtimeSession.model_validate({"turn_detection": None}))
    assert exported == {"turn_detection": None}
    assert "turn_detection" not in export_session(RealtimeSession.model_validate({}))


def test_export_validates_again_to_the_same_export():
    data = json.loads((GOLDEN / "full.in.json").read_text())
    once = export_session(RealtimeSession.model_validate(data))
    assert export_session(RealtimeSession.model_validate(once)) == once


def test_flat_schema_describes_every_field_with_bounds_and_no_null_defaults():
    schema = session_json_schema("flat")
    assert set(schema["properties"]) == set(RealtimeSession.model_fields)
    assert schema["properties"]["temperature"]["minimum"] == 0.6
    assert schema["properties"]["temperature"]["default"] == 0.8
    assert "default" not in schema["properties"]["voice"]
    assert "default" not in schema["properties"]["turn_detection"]  # unset means server VAD, not null
    assert schema["additionalProperties"] is False


def test_current_schema_is_both_session_types_told_apart_by_type():
    schema = session_json_schema()
    assert schema["oneOf"] == [{"$ref": "#/$defs/GARealtimeSession"}, {"$ref": "#/$defs/GATranscriptionSession"}]
    assert schema["discriminator"] == {"propertyName": "type", "mapping": {
        "realtime": "#/$defs/GARealtimeSession", "transcription": "#/$defs/GATranscriptionSession"}}
    realtime = schema["$defs"]["GARealtimeSession"]
    assert "temperature" not in realtime["properties"]  # UI(unavailable=...): the current API removed it
    assert realtime["required"] == ["type"]
    assert realtime["properties"]["max_output_tokens"]["oneOf"] == [
        {"type": "integer", "minimum": 1, "maximum": 4096}, {"type": "string", "const": "inf"}]
    turn = schema["$defs"]["AudioInput"]["properties"]["turn_detection"]
    assert "default" not in turn and {"type": "null"} in turn["anyOf"]
    assert schema["$defs"]["AudioOutput"]["properties"]["speed"]["maximum"] == 1.5
    assert schema["$defs"]["GATranscriptionSession"]["additionalProperties"] is False


def test_no_schema_says_a_field_defaults_to_null():
    for shape in ("current", "flat"):
        assert '"default": null' not in json.dumps(session_json_schema(shape))

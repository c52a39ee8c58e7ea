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


def test_schema_describes_every_field_with_bounds_and_no_false_null_defaults():
    schema = session_json_schema()
    assert set(schema["properties"]) == set(RealtimeSession.model_fields)
    assert schema["properties"]["temperature"]["minimum"] == 0.6
    assert schema["properties"]["temperature"]["default"] == 0.8
    assert "default" not in schema["properties"]["voice"]
    assert schema["additionalProperties"] is False

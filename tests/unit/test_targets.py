"""Export targets: built from the validated model, and each says what it could not carry."""

from __future__ import annotations

import ast
import json

import pytest

from session_model.export import export_session
from session_model.ga import GARealtimeSession
from session_model.models import RealtimeSession
from session_model.snippets import python_literal
from session_model.targets import TARGETS, build, differing, targets_for


def session(**data) -> RealtimeSession:
    return RealtimeSession.model_validate(data)


def test_every_target_has_a_title_purpose_file_and_limit_statement():
    for target in TARGETS.values():
        assert target.title and target.purpose and target.cannot_carry and target.file_name and target.mime


def test_flat_is_exactly_the_export_policy():
    s = session(voice="ash", turn_detection=None, temperature=0.8)
    assert build("flat", s).data == {"temperature": 0.8, "voice": "ash", "turn_detection": None}
    assert json.loads(build("flat", s).text) == {"temperature": 0.8, "voice": "ash", "turn_detection": None}


@pytest.mark.parametrize(
    ("data", "minimal"),
    [
        ({"temperature": 0.8, "speed": 1.0, "voice": "ash"}, {"voice": "ash"}),
        ({"modalities": ["text", "audio"], "input_audio_format": "pcm16", "tool_choice": "auto"}, {}),
        ({"max_response_output_tokens": "inf", "tools": []}, {}),
        ({"turn_detection": {"type": "server_vad", "threshold": 0.5, "silence_duration_ms": 800}},
         {"turn_detection": {"type": "server_vad", "silence_duration_ms": 800}}),
        ({"turn_detection": {"type": "semantic_vad", "eagerness": "auto", "create_response": True}},
         {"turn_detection": {"type": "semantic_vad"}}),
        ({"turn_detection": None, "input_audio_noise_reduction": None}, {"turn_detection": None,
                                                                          "input_audio_noise_reduction": None}),
        ({"tools": [{"type": "function", "name": "f"}]}, {"tools": [{"type": "function", "name": "f"}]}),
        ({"temperature": 0.9, "speed": 1.25}, {"temperature": 0.9, "speed": 1.25}),
    ],
)
def test_changes_only_leaves_out_values_equal_to_their_declared_default(data, minimal):
    s = session(**data)
    assert differing(s, export_session(s)) == minimal
    assert build("flat-minimal", s).data == minimal


def test_changes_only_means_the_same_session_to_the_server():
    s = session(temperature=0.8, speed=1.3, turn_detection={"type": "server_vad", "threshold": 0.5})
    minimal = RealtimeSession.model_validate(build("flat-minimal", s).data)
    for name in RealtimeSession.model_fields:
        assert getattr(minimal, name) == getattr(s, name)


def ga(**data):
    return GARealtimeSession.model_validate({"type": "realtime", **data})


def test_flat_session_update_wraps_the_session_and_leaves_out_server_only_fields():
    export = build("flat-session-update", session(voice="ash", id="sess_1", expires_at=5))
    assert export.data == {"type": "session.update", "session": {"voice": "ash"}}
    assert [d.path for d in export.left_out] == [("id",), ("expires_at",)]


def test_a_flat_draft_s_current_api_exports_are_its_conversion():
    s = session(voice="ash", temperature=1.0)
    assert build("nested", s).data == {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    assert build("session-update", s).data == {
        "type": "session.update", "session": {"type": "realtime", "audio": {"output": {"voice": "ash"}}}}
    assert build("client-secret", s).data == {
        "expires_after": {"anchor": "created_at", "seconds": 600},
        "session": {"type": "realtime", "audio": {"output": {"voice": "ash"}}},
    }
    for key in ("nested", "session-update", "client-secret", "calls", "python", "javascript", "curl"):
        assert [(d.path, d.value) for d in build(key, s).left_out] == [(("temperature",), 1.0)], key


def test_a_current_draft_s_legacy_exports_are_its_conversion_and_say_what_they_lose():
    s = ga(reasoning={"effort": "low"}, audio={"output": {"voice": {"id": "voice_1"}}})
    export = build("flat", s)
    assert export.data == {"voice": "voice_1"}
    assert [(d.path, d.reason) for d in export.left_out] == [
        (("reasoning",), "the beta (flat) shape has no reasoning settings")]


def test_new_session_body_leaves_out_nulls_that_are_already_off_but_updates_keep_them():
    s = ga(audio={"input": {"transcription": None, "noise_reduction": None, "turn_detection": None}}, include=None)
    update = build("session-update", s).data["session"]
    assert update == {"type": "realtime", "audio": {"input": {"noise_reduction": None, "transcription": None,
                                                              "turn_detection": None}}, "include": None}
    body = build("client-secret", s)
    assert body.data["session"] == {"type": "realtime", "audio": {"input": {"turn_detection": None}}}
    assert {d.path[-1] for d in body.omitted} == {"noise_reduction", "transcription", "include"}
    assert body.left_out == ()  # nothing the server would have acted on is lost


def test_calls_body_is_the_session_sent_with_the_offer():
    assert build("calls", ga(model="gpt-realtime-2")).data == {"type": "realtime", "model": "gpt-realtime-2"}


def test_the_tabs_of_each_target():
    assert [t.key for t in targets_for("realtime", legacy=False)] == [
        "session-update", "nested", "client-secret", "calls", "python", "javascript", "curl", "schema"]
    assert [t.key for t in targets_for("realtime", legacy=True)] == [
        "flat", "flat-minimal", "flat-session-update", "flat-schema"]
    assert [t.key for t in targets_for("transcription")] == [
        "session-update", "nested", "client-secret", "python", "javascript", "curl", "schema"]
    assert [t.key for t in targets_for("flat")] == [t.key for t in targets_for("realtime")]


def test_the_schema_tab_describes_both_session_types_of_the_current_api():
    schema = build("schema", session()).data
    assert schema["discriminator"]["propertyName"] == "type"
    assert set(schema["discriminator"]["mapping"]) == {"realtime", "transcription"}
    assert "temperature" not in schema["$defs"]["GARealtimeSession"]["properties"]
    assert build("flat-schema", session()).data["title"] == "RealtimeSession"


CREDENTIALED = {"tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://crm.example/mcp",
                           "authorization": "${CRM_TOKEN}", "headers": {"X-Key": "Bearer ${CRM_KEY}"}}]}


def test_json_exports_carry_credential_placeholders_and_name_them():
    export = build("client-secret", ga(**CREDENTIALED))
    assert export.data["session"]["tools"][0]["authorization"] == "${CRM_TOKEN}"
    assert export.credentials == ("CRM_TOKEN", "CRM_KEY")


def test_code_exports_read_credentials_from_the_environment():
    s = ga(**CREDENTIALED)
    python = build("python", s).text
    assert '"authorization": os.environ["CRM_TOKEN"],' in python
    assert '"X-Key": "Bearer " + os.environ["CRM_KEY"],' in python
    javascript = build("javascript", s).text
    assert '"authorization": process.env.CRM_TOKEN,' in javascript
    assert '"X-Key": "Bearer " + process.env.CRM_KEY' in javascript
    curl = build("curl", s).text
    assert '"authorization": "${CRM_TOKEN}"' in curl and "<<JSON\n" in curl
    for text in (python, javascript):
        assert "${CRM_TOKEN}" not in text


@pytest.mark.parametrize("value", [{"a": True, "b": None, "c": [1, 2.5, "x\n\"y\""]}, {}, [], "ü ✓", 0])
def test_python_literal_has_the_same_value_as_the_json(value):
    assert ast.literal_eval(python_literal(value)) == value


def test_python_snippet_without_a_model_says_which_it_uses():
    code = build("python", ga(audio={"output": {"voice": "ash"}})).text
    assert 'connect(model="gpt-realtime")' in code and "names no model" in code
    code = build("python", ga(model="gpt-realtime-mini")).text
    assert 'connect(model=SESSION["model"])' in code
    compile(code, "apply_session.py", "exec")

"""Export targets: built from the validated model, and each says what it could not carry."""

from __future__ import annotations

import ast
import json

import pytest

from session_model.export import export_session, session_json_schema
from session_model.models import RealtimeSession
from session_model.snippets import python_literal
from session_model.targets import TARGETS, build, differing


def session(**data) -> RealtimeSession:
    return RealtimeSession.model_validate(data)


def test_every_target_has_a_title_purpose_file_and_limit_statement():
    for target in TARGETS.values():
        assert target.title and target.purpose and target.cannot_carry and target.file_name and target.mime


def test_flat_is_exactly_the_export_policy():
    s = session(voice="ash", turn_detection=None, temperature=0.8)
    assert build("flat", s).data == export_session(s) == {"temperature": 0.8, "voice": "ash", "turn_detection": None}
    assert json.loads(build("flat", s).text) == export_session(s)


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


def test_flat_session_update_wraps_the_session_and_leaves_out_server_only_fields():
    export = build("session-update", session(voice="ash", id="sess_1", expires_at=5))
    assert export.data == {"type": "session.update", "session": {"voice": "ash"}}
    assert [d.path for d in export.left_out] == [("id",), ("expires_at",)]


def test_nested_session_update_and_client_secret_wrap_the_nested_session():
    s = session(voice="ash", temperature=1.0)
    nested = build("nested", s).data
    assert nested == {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    assert build("nested-session-update", s).data == {"type": "session.update", "session": nested}
    assert build("client-secret", s).data == {"session": nested}
    for key in ("nested", "nested-session-update", "client-secret", "python", "javascript", "curl"):
        assert [(d.path, d.value) for d in build(key, s).left_out] == [(("temperature",), 1.0)], key


def test_new_session_body_leaves_out_nulls_that_are_already_off_but_updates_keep_them():
    s = session(input_audio_transcription=None, input_audio_noise_reduction=None, include=None, turn_detection=None)
    update = build("nested-session-update", s).data["session"]
    assert update["audio"]["input"] == {"noise_reduction": None, "transcription": None, "turn_detection": None}
    assert update["include"] is None
    body = build("client-secret", s)
    assert body.data == {"session": {"type": "realtime", "audio": {"input": {"turn_detection": None}}}}
    assert {d.path[-1] for d in body.omitted} == {"noise_reduction", "transcription", "include"}
    assert body.left_out == ()  # nothing the server would have acted on is lost


def test_the_schema_target_is_the_session_schema():
    assert build("schema", session()).data == session_json_schema()


@pytest.mark.parametrize("value", [{"a": True, "b": None, "c": [1, 2.5, "x\n\"y\""]}, {}, [], "ü ✓", 0])
def test_python_literal_has_the_same_value_as_the_json(value):
    assert ast.literal_eval(python_literal(value)) == value


def test_python_snippet_without_a_model_says_which_it_uses():
    code = build("python", session(voice="ash")).text
    assert 'connect(model="gpt-realtime")' in code and "names no model" in code
    code = build("python", session(model="gpt-realtime-mini")).text
    assert 'connect(model=SESSION["model"])' in code
    compile(code, "apply_session.py", "exec")

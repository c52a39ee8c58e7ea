"""The editor page, driven in process: widgets edit the draft, the preview and export follow.

A new tab starts on the current (GA) realtime session; the flat beta shape is a legacy
target a draft can still be switched to (tests at the end).
"""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest
from openai.types.realtime import RealtimeSessionCreateRequest, RealtimeTranscriptionSessionCreateRequest
from pydantic import BaseModel

from tests.app.conftest import draft, error_texts, open_studio, section_titles, show_section, unescape, widget_keys

BLANK = {"type": "realtime"}


def preview(at) -> dict:
    return json.loads(at.code[-1].value)


def download_disabled(at) -> bool:
    [button] = at.get("download_button")  # the editor page has exactly one
    return button.proto.disabled


def caption_texts(at) -> list[str]:
    return [unescape(c.value) for c in at.caption]


def test_a_new_tab_starts_on_the_current_api_with_nothing_set(app):
    assert draft(app) == BLANK
    assert preview(app) == BLANK
    assert not download_disabled(app)
    assert any("Valid" in s.value for s in app.success)
    assert app.selectbox(key="sidebar:target").value == "realtime"


def test_speed_slider_writes_the_nested_output_setting(app):
    show_section(app, 'Voice and speech')
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    assert draft(app) == {"type": "realtime", "audio": {"output": {"speed": 1.2}}}
    assert preview(app) == {"type": "realtime", "audio": {"output": {"speed": 1.2}}}
    assert app.number_input(key="f.audio.output.speed:number").value == 1.2


def test_reset_returns_a_nested_field_to_the_server_default_and_leaves_no_empty_groups(app):
    show_section(app, 'Voice and speech')
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    app.button(key="f.audio.output.speed:reset").click().run()
    assert draft(app) == BLANK
    assert app.slider(key="f.audio.output.speed:slider").value == 1.0


def test_switching_turn_detection_variants_restores_earlier_values(app):
    show_section(app, 'Conversation and turn-taking')
    mode = "f.audio.input.turn_detection:presence"
    where = "f.audio.input.turn_detection"

    def turn() -> Any:
        return draft(app)["audio"]["input"]["turn_detection"]

    app.radio(key=mode).set_value("server_vad").run()
    app.slider(key=f"{where}.threshold:slider").set_value(0.72).run()
    app.number_input(key=f"{where}.silence_duration_ms:number").set_value(800).run()
    app.radio(key=mode).set_value("semantic_vad").run()
    assert turn() == {"type": "semantic_vad"}
    app.radio(key=f"{where}.eagerness").set_value("low").run()
    app.radio(key=mode).set_value("__null__").run()
    assert turn() is None
    assert preview(app) == {"type": "realtime", "audio": {"input": {"turn_detection": None}}}
    app.radio(key=mode).set_value("server_vad").run()
    assert turn() == {"type": "server_vad", "threshold": 0.72, "silence_duration_ms": 800}
    assert app.slider(key=f"{where}.threshold:slider").value == 0.72
    app.radio(key=mode).set_value("semantic_vad").run()
    assert turn() == {"type": "semantic_vad", "eagerness": "low"}
    app.radio(key=mode).set_value("__unset__").run()
    assert draft(app) == BLANK


def test_out_of_range_entry_shows_a_plain_error_and_blocks_export(app):
    show_section(app, 'Voice and speech')
    app.number_input(key="f.audio.output.speed:number").set_value(2.0).run()
    assert any("Speaking speed must be between 0.25 and 1.5; you entered 2.0." in t for t in error_texts(app))
    assert download_disabled(app)
    assert any("1 problem(s) to fix" in text for text in error_texts(app))
    app.number_input(key="f.audio.output.speed:number").set_value(1.1).run()
    assert download_disabled(app) is False
    assert preview(app) == {"type": "realtime", "audio": {"output": {"speed": 1.1}}}


def test_a_built_in_voice_or_a_typed_name_is_text_and_a_custom_voice_is_an_id_object(app):
    show_section(app, 'Voice and speech')
    voice = "f.audio.output.voice"
    app.radio(key=f"{voice}:presence").set_value("str").run()
    app.selectbox(key=f"{voice}:pick").set_value("marin").run()
    assert draft(app) == {"type": "realtime", "audio": {"output": {"voice": "marin"}}}
    app.radio(key=f"{voice}:presence").set_value("custom").run()
    app.text_input(key=f"{voice}.id").input("voice_7f3a").run()
    assert preview(app) == {"type": "realtime", "audio": {"output": {"voice": {"id": "voice_7f3a"}}}}
    app.radio(key=f"{voice}:presence").set_value("str").run()
    assert draft(app)["audio"]["output"]["voice"] == "marin"  # each kind keeps what was entered for it


def test_temperature_is_shown_disabled_with_the_reason_it_is_gone(app):
    assert app.number_input(key="f.temperature").disabled
    assert any("removed temperature" in text and "beta (flat) target" in text for text in caption_texts(app))
    assert "temperature" not in draft(app)


def test_function_and_mcp_tools_can_be_added_named_and_chosen(app):
    show_section(app, 'Tools')
    app.button(key="f.tools:add:function").click().run()
    assert draft(app)["tools"] == [{"type": "function"}]
    assert any("Function name is required." in text for text in error_texts(app))
    app.text_input(key="f.tools.0.name").input("lookup_order").run()
    app.button(key="f.tools:add:mcp").click().run()
    assert draft(app)["tools"][1] == {"type": "mcp"}
    app.text_input(key="f.tools.1.server_label").input("docs").run()
    app.text_input(key="f.tools.1.server_url").input("https://docs.example.com/mcp").run()
    app.text_input(key="f.tools.1.authorization").input("${DOCS_MCP_TOKEN}").run()
    assert not download_disabled(app)
    assert preview(app)["tools"] == [
        {"type": "function", "name": "lookup_order"},
        {
            "type": "mcp",
            "server_label": "docs",
            "server_url": "https://docs.example.com/mcp",
            "authorization": "${DOCS_MCP_TOKEN}",
        },
    ]
    app.button(key="f.tools.1:up").click().run()
    assert [t["type"] for t in draft(app)["tools"]] == ["mcp", "function"]
    app.button(key="f.tools.0:remove").click().run()
    assert draft(app)["tools"] == [{"type": "function", "name": "lookup_order"}]


def test_a_literal_mcp_token_is_refused_with_a_message_and_kept_in_the_box(app):
    show_section(app, 'Tools')
    app.button(key="f.tools:add:mcp").click().run()
    app.text_input(key="f.tools.0.server_label").input("crm").run()
    app.text_input(key="f.tools.0.server_url").input("https://crm.example.com/mcp").run()
    app.text_input(key="f.tools.0.authorization").input("abc123secret").run()
    assert any("Access token (environment variable)" in text for text in error_texts(app))
    assert download_disabled(app)
    assert app.text_input(key="f.tools.0.authorization").value == "abc123secret"


def test_tool_parameters_json_editor_keeps_bad_text_and_reports_it(app):
    show_section(app, 'Tools')
    app.button(key="f.tools:add:function").click().run()
    app.text_input(key="f.tools.0.name").input("lookup").run()
    app.text_area(key="f.tools.0.parameters").input('{"type": "object",').run()
    assert any("not valid JSON" in text and "Your text is kept" in text for text in error_texts(app))
    assert app.text_area(key="f.tools.0.parameters").value == '{"type": "object",'
    assert download_disabled(app)
    app.text_area(key="f.tools.0.parameters").input('{"type": "object", "properties": {}}').run()
    assert draft(app)["tools"][0]["parameters"] == {"type": "object", "properties": {}}
    assert not download_disabled(app)


def test_nullable_groups_offer_unset_off_and_on(app):
    show_section(app, 'Audio input')
    key = "f.audio.input.noise_reduction:presence"
    assert app.radio(key=key).options == ["Server default", "Off", "On"]
    app.radio(key=key).set_value("__null__").run()
    assert draft(app) == {"type": "realtime", "audio": {"input": {"noise_reduction": None}}}
    app.radio(key=key).set_value("__on__").run()
    app.radio(key="f.audio.input.noise_reduction.type").set_value("far_field").run()
    assert preview(app) == {"type": "realtime", "audio": {"input": {"noise_reduction": {"type": "far_field"}}}}


# ---- every field of the SDK's two GA session types has a widget ---------------------------------
#
# The oracle is the official SDK's own types, walked field by field, not our model.


def _sdk_models(annotation: Any, item: str = "") -> list[tuple[type[BaseModel], str]]:
    """The pydantic models an SDK annotation can hold, each with ``.*`` when it sits in a list."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _sdk_models(typing.get_args(annotation)[0], item)
    if origin is dict:
        return []  # a map is edited as a whole (name -> value rows, or JSON)
    if origin is list:
        return [m for arg in typing.get_args(annotation) for m in _sdk_models(arg, ".*")]
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        return [m for arg in typing.get_args(annotation) for m in _sdk_models(arg, item)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, item)]
    return []


def sdk_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field path of an SDK type; list items as ``tools.*``, variants merged."""
    paths = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.add(path)
        for inner, item in _sdk_models(info.annotation):
            paths |= sdk_paths(inner, f"{path}{item}.")
    return paths


FULL_A = {
    "type": "realtime",
    "model": "gpt-realtime-2",
    "instructions": "Hi",
    "reasoning": {"effort": "low"},
    "max_output_tokens": 300,
    "output_modalities": ["audio"],
    "audio": {
        "input": {
            "format": {"type": "audio/pcm", "rate": 24000},
            "noise_reduction": {"type": "near_field", "strength": 0.5},
            "transcription": {"model": "gpt-transcribe", "language": "en", "languages": ["en"], "keywords": ["x"]},
            "turn_detection": {"type": "server_vad", "idle_timeout_ms": 6000},
        },
        "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": {"id": "voice_1"}, "speed": 1.1},
    },
    "tools": [
        {"type": "function", "name": "f", "description": "d", "parameters": {"type": "object"}},
        {
            "type": "mcp",
            "server_label": "m",
            "server_url": "https://m.example.com",
            "allowed_tools": {"tool_names": ["a"], "read_only": True},
            "require_approval": {"always": {"tool_names": ["a"]}, "never": {"read_only": True}},
            "headers": {"X-Key": "${M_KEY}"},
        },
    ],
    "tool_choice": {"type": "mcp", "server_label": "m", "name": "a"},
    "parallel_tool_calls": True,
    "truncation": {"type": "retention_ratio", "retention_ratio": 0.5, "token_limits": {"post_instructions": 900}},
    "tracing": {"workflow_name": "w", "group_id": "g", "metadata": {"k": "v"}},
    "prompt": {"id": "pmpt_1", "version": "2", "variables": {"a": "b"}},
    "include": ["item.input_audio_transcription.logprobs"],
}
FULL_B = {
    "type": "realtime",
    "audio": {"input": {"turn_detection": {"type": "semantic_vad"}, "transcription": {"delay": "low"}}},
    "tool_choice": {"type": "function", "name": "f"},
    "tools": [{"type": "function", "name": "f"}],
}


def keys_for(path: str, keys: set[str]) -> bool:
    return any(k == f"f.{path}" or k.startswith(f"f.{path}:") or k.startswith(f"f.{path}.") for k in keys)


def drawn_keys(data: dict) -> set[str]:
    """The widget keys of every section of the editor, opened one by one with the navigator (tools open)."""
    at = open_studio(state={"draft": json.loads(json.dumps(data))})
    keys: set[str] = set()
    for title in section_titles(at):
        show_section(at, title)
        if title == "Tools":
            for index in range(len(data.get("tools", []))):
                at.button(key=f"f.tools.{index}:open").click().run()
                at.run()  # a list button reruns its section only; the whole page again for every key
        keys |= widget_keys(at)
    return keys


def test_every_field_of_the_sdk_realtime_session_has_a_widget():
    keys = drawn_keys(FULL_A) | drawn_keys(FULL_B)
    concrete = {p.replace("tools.*", "tools.0") for p in sdk_paths(RealtimeSessionCreateRequest)}
    concrete |= {p.replace("tools.*", "tools.1") for p in sdk_paths(RealtimeSessionCreateRequest)}
    fixed_tags = {p for p in concrete if p.endswith(".type") or p == "type" or p.endswith(".rate")}
    # Function-only fields are looked for on tool 0, MCP-only ones on tool 1.
    mcp_only = {
        "server_label",
        "allowed_callers",
        "allowed_tools",
        "authorization",
        "connector_id",
        "defer_loading",
        "headers",
        "require_approval",
        "server_description",
        "server_url",
        "tunnel_id",
    }
    missing = sorted(
        p
        for p in concrete - fixed_tags
        if not keys_for(p, keys)
        and not (p.startswith("tools.0.") and p.split(".")[2] in mcp_only)
        and not (p.startswith("tools.1.") and p.split(".")[2] not in mcp_only)
    )
    assert missing == []


def test_every_field_of_the_sdk_transcription_session_has_a_widget():
    full = {
        "type": "transcription",
        "audio": {
            "input": {
                "format": {"type": "audio/pcmu"},
                "noise_reduction": {"type": "far_field", "strength": 1.0},
                "transcription": {"model": "gpt-transcribe", "keywords": ["a"], "languages": ["en"]},
                "turn_detection": {"type": "server_vad"},
            }
        },
        "include": ["item.input_audio_transcription.logprobs"],
    }
    semantic = json.loads(json.dumps(full))
    semantic["audio"]["input"]["turn_detection"] = {"type": "semantic_vad"}
    keys = drawn_keys(full) | drawn_keys(semantic)
    paths = sdk_paths(RealtimeTranscriptionSessionCreateRequest)
    missing = sorted(p for p in paths if not p.endswith((".type", ".rate")) and p != "type" and not keys_for(p, keys))
    assert missing == []


# ---- switching target ---------------------------------------------------------------------------


def test_switching_to_the_beta_target_converts_reports_and_can_be_undone(app):
    show_section(app, 'Voice and speech')
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    show_section(app, "Tools")
    app.button(key="f.tools:add:mcp").click().run()
    app.text_input(key="f.tools.0.server_label").input("docs").run()
    app.text_input(key="f.tools.0.server_url").input("https://docs.example.com/mcp").run()
    app.selectbox(key="sidebar:target").set_value("flat").run()
    assert draft(app) == {"speed": 1.2}
    report = " ".join(unescape(m.value) for m in app.markdown)
    assert "`audio.output.speed` moved to speed" in report
    assert "`tools.0`" in report and "the beta (flat) shape has no MCP server tools" in report
    assert [unescape(e.label) for e in app.expander if e.label.startswith("Switched from")] == [
        "Switched from Realtime (current API) to Realtime beta, flat (retired 2026-05-12)"
    ]
    assert any("retired" in w.value for w in app.warning)
    # The temperature slider is back on the beta target.
    show_section(app, "Persona")
    app.slider(key="f.temperature:slider").set_value(1.05).run()
    assert draft(app) == {"speed": 1.2, "temperature": 1.05}
    app.button(key="sidebar:undo").click().run()
    assert not [e for e in app.expander if e.label.startswith("Switched from")]  # the report went with the draft
    assert draft(app)["type"] == "realtime"
    assert draft(app)["tools"][0]["server_label"] == "docs"
    assert app.selectbox(key="sidebar:target").value == "realtime"


def test_switching_to_transcription_keeps_the_input_and_drops_what_it_cannot_carry(app):
    show_section(app, 'Conversation and turn-taking')
    app.radio(key="f.audio.input.turn_detection:presence").set_value("__null__").run()
    show_section(app, "Persona")
    app.text_area(key="f.instructions").input("Be brief.").run()
    app.selectbox(key="sidebar:target").set_value("transcription").run()
    assert draft(app) == {"type": "transcription", "audio": {"input": {"turn_detection": None}}}
    report = " ".join(unescape(m.value) for m in app.markdown)
    assert '`instructions` "Be brief." was left out: a transcription session only writes down speech' in report


@pytest.fixture
def flat_app():
    """The studio on a draft of the retired flat (beta) shape."""
    return open_studio(state={"draft": {"voice": "alloy"}})


def test_the_beta_target_keeps_its_temperature_slider(flat_app):
    flat_app.slider(key="f.temperature:slider").set_value(1.05).run()
    assert draft(flat_app) == {"voice": "alloy", "temperature": 1.05}
    assert preview(flat_app) == {"voice": "alloy", "temperature": 1.05}
    assert flat_app.selectbox(key="sidebar:target").value == "flat"


def test_the_beta_target_reports_its_own_bounds_in_plain_words(flat_app):
    flat_app.number_input(key="f.temperature:number").set_value(1.5).run()
    assert "Temperature must be between 0.6 and 1.2; you entered 1.5." in error_texts(flat_app)
    assert download_disabled(flat_app)


def test_a_flat_key_pasted_into_a_ga_draft_says_where_it_lives_now():
    at = open_studio(state={"draft": {"type": "realtime", "voice": "marin"}})
    shown = [unescape(m.value) for m in at.markdown]
    assert any('"voice" belongs in audio.output.voice in the current API; move it there.' in t for t in shown)

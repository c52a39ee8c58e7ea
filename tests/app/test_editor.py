"""The editor page, driven in process: widgets edit the draft, the preview and export follow."""

from __future__ import annotations

import json

from session_model import RealtimeSession
from session_model.models import FunctionTool, PromptReference, ServerVad, TracingConfiguration, Transcription
from tests.app.conftest import draft, error_texts, widget_keys


def preview(at) -> dict:
    return json.loads(at.code[-1].value)


def download_disabled(at) -> bool:
    [button] = at.get("download_button")  # the editor page has exactly one
    return button.proto.disabled


def test_fresh_editor_is_valid_and_exports_nothing_set(app):
    assert draft(app) == {}
    assert preview(app) == {}
    assert not download_disabled(app)
    assert any("Valid" in s.value for s in app.success)


def test_temperature_slider_sets_the_draft_and_the_preview(app):
    app.slider(key="f.temperature:slider").set_value(1.05).run()
    assert draft(app) == {"temperature": 1.05}
    assert preview(app) == {"temperature": 1.05}
    assert app.number_input(key="f.temperature:number").value == 1.05


def test_reset_button_returns_a_field_to_the_server_default(app):
    app.slider(key="f.speed:slider").set_value(1.2).run()
    assert draft(app) == {"speed": 1.2}
    app.button(key="f.speed:reset").click().run()
    assert draft(app) == {}
    assert app.slider(key="f.speed:slider").value == 1.0


def test_switching_turn_detection_variants_restores_earlier_values(app):
    mode = "f.turn_detection:presence"
    app.radio(key=mode).set_value("server_vad").run()
    app.slider(key="f.turn_detection.threshold:slider").set_value(0.72).run()
    app.number_input(key="f.turn_detection.silence_duration_ms:number").set_value(800).run()
    app.radio(key=mode).set_value("semantic_vad").run()
    assert draft(app)["turn_detection"] == {"type": "semantic_vad"}
    app.radio(key="f.turn_detection.eagerness").set_value("low").run()
    app.radio(key=mode).set_value("__null__").run()
    assert draft(app)["turn_detection"] is None
    assert preview(app) == {"turn_detection": None}
    app.radio(key=mode).set_value("server_vad").run()
    assert draft(app)["turn_detection"] == {"type": "server_vad", "threshold": 0.72, "silence_duration_ms": 800}
    assert app.slider(key="f.turn_detection.threshold:slider").value == 0.72
    app.radio(key=mode).set_value("semantic_vad").run()
    assert draft(app)["turn_detection"] == {"type": "semantic_vad", "eagerness": "low"}
    app.radio(key=mode).set_value("__unset__").run()
    assert "turn_detection" not in draft(app)


def test_out_of_range_entry_shows_a_plain_error_and_blocks_export(app):
    app.number_input(key="f.temperature:number").set_value(1.5).run()
    assert "Temperature must be between 0.6 and 1.2; you entered 1.5." in error_texts(app)
    assert download_disabled(app)
    assert any("1 problem(s) to fix" in text for text in error_texts(app))
    app.number_input(key="f.temperature:number").set_value(1.1).run()
    assert download_disabled(app) is False
    assert preview(app) == {"temperature": 1.1}


def test_custom_voice_is_typed_after_choosing_custom(app):
    app.selectbox(key="f.voice:pick").set_value("coral").run()
    assert draft(app) == {"voice": "coral"}
    app.selectbox(key="f.voice:pick").set_value("Custom…").run()
    app.text_input(key="f.voice:custom").input("studio-voice-7").run()
    assert draft(app) == {"voice": "studio-voice-7"}
    assert preview(app) == {"voice": "studio-voice-7"}


def test_tools_can_be_added_named_reordered_and_removed(app):
    app.button(key="f.tools:add").click().run()
    assert draft(app)["tools"] == [{"type": "function"}]
    assert "Tools › item 1 › Function name is required." in error_texts(app)
    app.text_input(key="f.tools.0.name").input("lookup_order").run()
    app.button(key="f.tools:add").click().run()
    app.text_input(key="f.tools.1.name").input("cancel_order").run()
    app.button(key="f.tools.1:up").click().run()
    assert [t["name"] for t in draft(app)["tools"]] == ["cancel_order", "lookup_order"]
    app.selectbox(key="f.tool_choice:pick").set_value("lookup_order").run()
    assert draft(app)["tool_choice"] == "lookup_order"
    app.button(key="f.tools.1:remove").click().run()
    assert [t["name"] for t in draft(app)["tools"]] == ["cancel_order"]
    assert any("lookup_order" in text and "none of these" in text for text in error_texts(app))


def test_tool_parameters_json_editor_keeps_bad_text_and_reports_it(app):
    app.button(key="f.tools:add").click().run()
    app.text_input(key="f.tools.0.name").input("lookup").run()
    app.text_area(key="f.tools.0.parameters").input('{"type": "object",').run()
    assert any("not valid JSON" in text and "Your text is kept" in text for text in error_texts(app))
    assert app.text_area(key="f.tools.0.parameters").value == '{"type": "object",'
    assert download_disabled(app)
    app.text_area(key="f.tools.0.parameters").input('{"type": "object", "properties": {}}').run()
    assert draft(app)["tools"][0]["parameters"] == {"type": "object", "properties": {}}
    assert not download_disabled(app)


def test_nullable_sections_offer_unset_off_and_on(app):
    key = "f.input_audio_noise_reduction:presence"
    assert app.radio(key=key).options == ["Server default", "Off", "On"]
    app.radio(key=key).set_value("__null__").run()
    assert draft(app) == {"input_audio_noise_reduction": None}
    app.radio(key=key).set_value("__on__").run()
    app.radio(key="f.input_audio_noise_reduction.type").set_value("far_field").run()
    assert preview(app) == {"input_audio_noise_reduction": {"type": "far_field"}}


def turn_everything_on(app) -> None:
    for key, value in [
        ("f.turn_detection:presence", "server_vad"),
        ("f.input_audio_noise_reduction:presence", "__on__"),
        ("f.input_audio_transcription:presence", "__on__"),
        ("f.prompt:presence", "__on__"),
        ("f.tracing:presence", "custom"),
        ("f.max_response_output_tokens:presence", "limit"),
        ("f.include:presence", "__set__"),
        ("f.turn_detection.idle_timeout_ms:presence", "__set__"),
        ("f.prompt.version:presence", "__set__"),
        ("f.prompt.variables:presence", "__set__"),
    ]:
        # A change reruns only its section (a fragment), and AppTest's tree then holds only
        # what reran; a plain run draws the whole page again, so the next section is there.
        app.radio(key=key).set_value(value).run()
        app.run()
    app.button(key="f.tools:add").click().run()
    app.run()


def keys_for(path: str, keys: set[str]) -> list[str]:
    return [k for k in keys if k == f"f.{path}" or k.startswith(f"f.{path}:")]


def test_every_field_of_the_session_has_a_widget(app):
    turn_everything_on(app)
    keys = widget_keys(app)
    nested = {
        "turn_detection": ServerVad,
        "input_audio_transcription": Transcription,
        "prompt": PromptReference,
        "tracing": TracingConfiguration,
        "tools.0": FunctionTool,
    }
    missing = [name for name in RealtimeSession.model_fields if not keys_for(name, keys)]
    for prefix, model in nested.items():
        missing += [f"{prefix}.{name}" for name in model.model_fields
                    if name != "type" and not keys_for(f"{prefix}.{name}", keys)]
    assert missing == []


def test_semantic_vad_fields_have_widgets(app):
    app.radio(key="f.turn_detection:presence").set_value("semantic_vad").run()
    keys = widget_keys(app)
    for name in ("eagerness", "create_response", "interrupt_response"):
        assert keys_for(f"turn_detection.{name}", keys), name

"""The built-in personas: at least eight, each a valid file with a one-line description, covering real uses."""

from __future__ import annotations

import copy
import json

import pytest

from session_model import describe
from session_model.advice_ga import GA_RULE_IDS, advise_any
from session_model.presets import FOLDER, PresetError, by_id, load_preset, presets


def test_there_are_at_least_ten_presets_with_unique_ids_and_names():
    found = presets()
    assert len(found) >= 10
    assert len({p.id for p in found}) == len(found) == len({p.name for p in found})


@pytest.mark.parametrize("preset", presets(), ids=lambda p: p.id)
def test_every_preset_is_on_the_current_api_valid_and_has_no_advice_errors_or_warnings(preset):
    assert preset.session["type"] in ("realtime", "transcription")
    if preset.session["type"] == "realtime":
        assert preset.session.get("instructions")
    assert 20 <= len(preset.description) <= 160
    advice = advise_any(preset.session)
    assert [a.message for a in advice if a.severity == "error"] == []
    # No preset leans on a model whose shutdown is announced, or on options its model ignores.
    assert [a.message for a in advice if a.rule in GA_RULE_IDS and a.severity != "tip"] == []


@pytest.mark.parametrize(
    ("preset_id", "expected"),
    [
        (
            "phone_support",
            {"audio.input.format": {"type": "audio/pcmu"}, "audio.output.format": {"type": "audio/pcmu"}},
        ),
        ("museum_kiosk", {"audio.input.noise_reduction": {"type": "far_field"}}),
        ("walkie_talkie", {"audio.input.turn_detection": None}),
        ("text_assistant", {"output_modalities": ["text"]}),
        ("language_tutor", {"audio.input.turn_detection": {"type": "semantic_vad", "eagerness": "low"}}),
        ("docs_expert", {"model": "gpt-realtime-2.1", "reasoning": {"effort": "low"}, "tools.0.type": "mcp"}),
        ("meeting_scribe", {"type": "transcription", "audio.input.transcription.languages": ["en", "fr"]}),
    ],
)
def test_presets_cover_the_situations_they_are_named_for(preset_id: str, expected: dict):
    session = by_id(preset_id).session
    found = {}
    for key in expected:
        parts = [int(p) if p.isdigit() else p for p in key.split(".")]
        node = session
        for part in parts:
            node = node[part]
        found[key] = node
    assert found == expected


def test_the_concierge_has_tools_and_phone_support_uses_server_vad():
    assert len(by_id("concierge").session["tools"]) >= 2
    assert by_id("phone_support").session["audio"]["input"]["turn_detection"]["type"] == "server_vad"


def test_the_docs_expert_names_its_mcp_token_by_environment_variable():
    [mcp] = by_id("docs_expert").session["tools"]
    assert mcp["authorization"] == "${ACME_DOCS_MCP_TOKEN}"


def test_a_preset_draft_is_a_copy():
    tools = copy.deepcopy(by_id("concierge").session["tools"])
    assert len(tools) >= 1
    draft = by_id("concierge").draft()
    draft["tools"].clear()
    draft["tools"].append({"type": "function", "name": "added"})
    assert by_id("concierge").session["tools"] == tools


def test_an_invalid_preset_file_is_reported_with_its_name(tmp_path):
    path = tmp_path / "99_broken.json"
    session = {"type": "realtime", "audio": {"output": {"speed": 9}}}
    path.write_text(json.dumps({"name": "B", "description": "d", "session": session}))
    with pytest.raises(PresetError, match="99_broken.json: audio.output.speed: .*Speaking speed must be between"):
        load_preset(path)
    path.write_text(json.dumps({"name": "B", "session": {}}))
    with pytest.raises(PresetError, match="exactly the keys"):
        load_preset(path)


def test_preset_files_live_beside_the_loader():
    assert sorted(p.name for p in FOLDER.glob("*.json"))[0].startswith("10_")


@pytest.mark.parametrize(
    ("session", "voice", "turns"),
    [
        ({}, "the server's standard voice, natural pace", "Server default: answers after a short silence (0.5 s)"),
        ({"voice": "ash", "speed": 1.2, "turn_detection": None}, "ash, faster than natural (1.2×)", "Push-to-talk"),
        ({"modalities": ["text"], "voice": "ash"}, "No voice: replies in text only", "Replies to each written"),
        (
            {"turn_detection": {"type": "server_vad", "threshold": 0.8, "interrupt_response": False}},
            "natural pace",
            "Answers after 0.5 s of silence, ignores quiet background sound, cannot be interrupted",
        ),
        (
            {"turn_detection": {"type": "semantic_vad", "eagerness": "high"}},
            "natural",
            "Listens to meaning: replies quickly",
        ),
        ({"turn_detection": "odd", "speed": "fast"}, "natural pace", "Not readable yet"),
        (
            {"type": "realtime", "audio": {"output": {"voice": {"id": "voice_9"}, "speed": 0.9}}},
            "voice_9, slower than natural (0.9×)",
            "Server default: answers after a short silence",
        ),
        (
            {"type": "transcription", "audio": {"input": {"turn_detection": None}}},
            "No voice: transcription only",
            "Transcribes when your app says a piece is complete",
        ),
    ],
)
def test_voice_and_turn_taking_are_summed_up_in_plain_words(session: dict, voice: str, turns: str):
    assert voice in describe.voice(session)
    assert describe.turn_taking(session).startswith(turns)

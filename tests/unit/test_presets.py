"""The built-in personas: at least eight, each a valid file with a one-line description, covering real uses."""

from __future__ import annotations

import json

import pytest

from session_model import describe
from session_model.advice import advise
from session_model.presets import FOLDER, PresetError, by_id, load_preset, presets


def test_there_are_at_least_eight_presets_with_unique_ids_and_names():
    found = presets()
    assert len(found) >= 8
    assert len({p.id for p in found}) == len(found) == len({p.name for p in found})


@pytest.mark.parametrize("preset", presets(), ids=lambda p: p.id)
def test_every_preset_is_valid_with_instructions_and_no_advice_errors(preset):
    assert preset.session.get("instructions")
    assert 20 <= len(preset.description) <= 160
    assert [a.rule for a in advise(preset.session) if a.severity == "error"] == []


@pytest.mark.parametrize(
    ("preset_id", "expected"),
    [
        ("phone_support", {"input_audio_format": "g711_ulaw", "output_audio_format": "g711_ulaw"}),
        ("museum_kiosk", {"input_audio_noise_reduction": {"type": "far_field"}}),
        ("walkie_talkie", {"turn_detection": None}),
        ("text_assistant", {"modalities": ["text"]}),
        ("language_tutor", {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}),
    ],
)
def test_presets_cover_the_situations_they_are_named_for(preset_id: str, expected: dict):
    session = by_id(preset_id).session
    assert {key: session.get(key) for key in expected} == expected


def test_the_concierge_has_tools_and_phone_support_uses_server_vad():
    assert len(by_id("concierge").session["tools"]) >= 2
    assert by_id("phone_support").session["turn_detection"]["type"] == "server_vad"


def test_a_preset_draft_is_a_copy():
    draft = by_id("concierge").draft()
    draft["tools"].clear()
    assert by_id("concierge").session["tools"]


def test_an_invalid_preset_file_is_reported_with_its_name(tmp_path):
    path = tmp_path / "99_broken.json"
    path.write_text(json.dumps({"name": "B", "description": "d", "session": {"speed": 9}}))
    with pytest.raises(PresetError, match="99_broken.json: speed: Speaking speed must be between"):
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
    ],
)
def test_voice_and_turn_taking_are_summed_up_in_plain_words(session: dict, voice: str, turns: str):
    assert voice in describe.voice(session)
    assert describe.turn_taking(session).startswith(turns)

"""Advice on current-API drafts, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module advice_ga`` measures it. These pin how a fix written for
the flat shape is replayed on a GA draft: where a flat path lives (``ga_path``), and that a
setting the fix removes goes from its GA place, taking with it the containers it emptied.
"""

from __future__ import annotations

from session_model.advice import Fix
from session_model.advice_ga import ga_path, replay

# Written from the API reference: where the beta's flat keys live in a current-API session.
DRAFT = {
    "type": "realtime",
    "tools": [
        {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"},
        {"type": "function", "name": "lookup"},
        {"type": "mcp", "server_label": "crm", "server_url": "https://crm.example.com/mcp"},
        {"type": "function", "name": "book"},
    ],
}


def test_a_flat_function_index_skips_the_mcp_servers_before_it():
    assert ga_path(DRAFT, ("tools", 0, "name")) == ("tools", 1, "name")
    assert ga_path(DRAFT, ("tools", 1)) == ("tools", 3)
    assert ga_path(DRAFT, ("tools", 5, "name")) == ("tools", 5, "name")  # past the functions: kept as given
    assert ga_path({"tools": "not a list"}, ("tools", 0)) == ("tools", 0)


def test_moved_settings_and_others_keep_their_place():
    assert ga_path(DRAFT, ("voice",)) == ("audio", "output", "voice")
    assert ga_path(DRAFT, ("turn_detection", "threshold")) == ("audio", "input", "turn_detection", "threshold")
    assert ga_path(DRAFT, ("instructions",)) == ("instructions",)
    assert ga_path(DRAFT, ("tools",)) == ("tools",)
    assert ga_path(DRAFT, ()) == ()


def drop(key: str) -> Fix:
    return Fix(f"Remove {key}", lambda data: {k: v for k, v in data.items() if k != key})


def test_a_removal_takes_the_setting_and_the_containers_it_emptied():
    draft = {"type": "realtime", "audio": {"input": {"transcription": {"model": "whisper-1"}}}}
    assert replay(drop("input_audio_transcription")).apply(draft) == {"type": "realtime"}


def test_a_removal_keeps_containers_that_still_hold_settings():
    draft = {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {
            "input": {"transcription": {"model": "whisper-1"}, "format": {"type": "audio/pcm", "rate": 24000}},
            "output": {"voice": "marin"},
        },
    }
    fixed = replay(drop("input_audio_transcription")).apply(draft)
    assert fixed == {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}}, "output": {"voice": "marin"}},
    }
    assert "transcription" in draft["audio"]["input"]  # the draft given is not changed


def test_removing_the_only_voice_leaves_the_input_alone():
    draft = {"type": "realtime", "audio": {"input": {"noise_reduction": None}, "output": {"voice": "marin"}}}
    fixed = replay(drop("voice")).apply(draft)
    assert fixed == {"type": "realtime", "audio": {"input": {"noise_reduction": None}}}


def test_a_top_level_removal_leaves_audio_alone():
    draft = {"type": "realtime", "instructions": "Be brief.", "audio": {"output": {"voice": "marin"}}}
    assert replay(drop("instructions")).apply(draft) == {"type": "realtime", "audio": {"output": {"voice": "marin"}}}

"""The editor's finder: every setting of the current session by title, API name or help, best match first."""

from __future__ import annotations

import pytest

from session_model.ga import GARealtimeSession
from studio import navigator


@pytest.mark.parametrize(
    ("query", "section", "path"),
    [
        ("idle_timeout_ms", "Conversation and turn-taking", "audio.input.turn_detection.idle_timeout_ms"),
        ("nudge", "Conversation and turn-taking", "audio.input.turn_detection.idle_timeout_ms"),
        ("voice id", "Voice and speech", "audio.output.voice.id"),
        ("Speaking speed", "Voice and speech", "audio.output.speed"),
        ("sil", "Conversation and turn-taking", "audio.input.turn_detection.silence_duration_ms"),
        ("noise_reduction.type", "Audio input", "audio.input.noise_reduction.type"),
        ("server_label", "Tools", "tools.server_label"),
        ("retention ratio", "Advanced", "truncation.retention_ratio"),
        ("temperature", "Persona", "temperature"),
    ],
)
def test_the_best_match_is_the_setting_people_mean(query, section, path):
    best = navigator.find(GARealtimeSession, query)[0]
    assert (best.section, best.dotted) == (section, path)


def test_words_match_the_start_of_a_word_not_its_middle():
    assert [s.dotted for s in navigator.find(GARealtimeSession, "voice id")] == [
        "audio.output.voice.id", "audio.output.voice"]
    assert navigator.find(GARealtimeSession, "arp") == []  # "warp", "sharp": nothing starts with it
    assert navigator.find(GARealtimeSession, "  ") == []


def test_a_setting_shown_only_after_a_choice_lands_on_that_choice():
    [nudge] = navigator.find(GARealtimeSession, "idle_timeout_ms")
    assert nudge.hidden and nudge.focus == "f.audio.input.turn_detection"
    [speed] = navigator.find(GARealtimeSession, "audio.output.speed")
    assert not speed.hidden and speed.focus == "f.audio.output.speed"


def test_every_setting_is_indexed_once_and_fixed_tags_are_left_out():
    found = navigator.settings(GARealtimeSession)
    assert len({(s.dotted, s.label) for s in found}) == len(found)
    assert not [s for s in found if s.path[-1] == "type" and s.dotted != "audio.input.noise_reduction.type"]
    assert {"instructions", "audio.output.voice", "tools.parameters", "tracing.workflow_name"} <= {
        s.dotted for s in found}

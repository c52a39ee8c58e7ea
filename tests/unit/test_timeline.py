"""The turn-taking timeline: what a caller experiences for given settings, as numbers."""

from __future__ import annotations

import pytest

from form.messages import validate
from session_model import RealtimeSession
from session_model.timeline import LANES, SAMPLE, TurnSettings, compute, settings_from
from session_model.turn_suggestions import SUGGESTIONS, by_id


def lane(timeline, name):
    return [(b.start_ms, b.end_ms) for b in timeline.bars if b.lane == name]


def test_default_silence_cuts_the_caller_off_during_a_thinking_pause():
    tl = compute(TurnSettings())
    assert tl.turns[0].end_ms == 2900 + 500
    assert tl.turns[0].cut_off
    assert "cuts in" in tl.summary
    assert lane(tl, "Agent speaks")[0] == (3400, 4500)  # interrupted when the caller carries on


def test_longer_silence_moves_the_end_of_the_turn():
    short, long = compute(TurnSettings(silence_duration_ms=400)), compute(TurnSettings(silence_duration_ms=1000))
    assert long.turns[0].end_ms - short.turns[0].end_ms == 600
    assert lane(short, "Silence that ends the turn") != lane(long, "Silence that ends the turn")


def test_a_patient_setting_waits_for_the_finished_sentence():
    tl = compute(TurnSettings(silence_duration_ms=1700))
    assert len(tl.turns) == 1 and not tl.turns[0].cut_off
    assert "once the caller has finished" in tl.summary


@pytest.mark.parametrize(("threshold", "heard_noise"), [(0.25, True), (0.5, False)])
def test_threshold_decides_whether_the_door_counts_as_speech(threshold, heard_noise):
    tl = compute(TurnSettings(threshold=threshold))
    assert any(b.label == "noise!" for b in tl.bars) is heard_noise
    assert ("background noise" in tl.summary) is heard_noise


def test_threshold_above_every_sound_means_the_caller_is_never_heard():
    tl = compute(TurnSettings(threshold=1.0))
    assert tl.turns == () and "never hears" in tl.summary


def test_prefix_padding_is_drawn_before_detected_speech():
    tl = compute(TurnSettings(prefix_padding_ms=150))
    assert lane(tl, "Audio kept before speech")[0] == (50, 200)


def test_idle_nudge_fires_after_the_agent_finishes():
    tl = compute(TurnSettings(silence_duration_ms=1700, idle_timeout_ms=6000))
    agent_end = lane(tl, "Agent speaks")[-1][1]
    assert f"Idle nudge at {(agent_end + 6000) / 1000:.1f} s" in tl.summary
    assert lane(tl, "Idle nudge")[0][0] == agent_end


def test_no_automatic_reply_means_no_agent_bar():
    tl = compute(TurnSettings(create_response=False))
    assert lane(tl, "Agent speaks") == [] and "does not reply" in tl.summary


def test_without_interruptions_the_agent_talks_over_the_caller():
    tl = compute(TurnSettings(interrupt_response=False))
    start, end = lane(tl, "Agent speaks")[0]
    assert end - start == 2500


def test_semantic_low_eagerness_waits_through_the_pauses():
    tl = compute(settings_from({"type": "semantic_vad", "eagerness": "low"}))
    assert len(tl.turns) == 1 and not tl.turns[0].cut_off and "roughly" in tl.summary


def test_push_to_talk_has_no_automatic_turns():
    tl = compute(settings_from(None))
    assert tl.turns == () and {b.lane for b in tl.bars} == {"Caller"}


@pytest.mark.parametrize(
    ("value", "present", "expected"),
    [
        (None, False, TurnSettings()),
        ("garbage", True, TurnSettings()),
        ({"type": "server_vad", "threshold": "x", "silence_duration_ms": -5}, True,
         TurnSettings(silence_duration_ms=0)),
        ({"type": "server_vad", "idle_timeout_ms": 1}, True, TurnSettings(idle_timeout_ms=5000)),
        ({"type": "semantic_vad", "eagerness": "sometimes"}, True, TurnSettings(mode="semantic_vad")),
    ],
)
def test_settings_are_read_from_drafts_that_may_be_invalid(value, present, expected):
    assert settings_from(value, present) == expected


def test_every_bar_sits_on_a_known_lane_inside_the_chart():
    for settings in (TurnSettings(), TurnSettings(threshold=0.2, idle_timeout_ms=30000)):
        tl = compute(settings)
        assert {b.lane for b in tl.bars} <= set(LANES)
        assert all(0 <= b.start_ms <= b.end_ms <= tl.end_ms for b in tl.bars)
    assert lane(compute(TurnSettings()), "Caller") == [(s.start_ms, s.end_ms) for s in SAMPLE]


@pytest.mark.parametrize("suggestion", SUGGESTIONS, ids=lambda s: s.id)
def test_suggestions_are_valid_and_keep_the_rest_of_the_draft(suggestion):
    draft = {"voice": "ash", "turn_detection": None}
    applied = suggestion.apply(draft)
    session, problems = validate(RealtimeSession, applied)
    assert problems == [] and session is not None
    assert applied["voice"] == "ash" and suggestion.matches(applied) and not suggestion.matches(draft)
    assert draft == {"voice": "ash", "turn_detection": None}


def test_suggestion_lookup_by_id():
    assert by_id("learner").settings["turn_detection"]["eagerness"] == "low"
    with pytest.raises(KeyError):
        by_id("nope")


def test_chart_has_one_row_per_bar_in_seconds():
    from studio.turn_chart import chart_rows, turn_chart

    tl = compute(TurnSettings())
    rows = chart_rows(tl)
    assert len(rows) == len(tl.bars) and rows[0] == {"lane": "Caller", "start": 0.2, "end": 1.3,
                                                     "label": "I need to move"}
    spec = turn_chart(tl)
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, tl.end_ms / 1000]
    # The rows travel inside each layer: rows at the top level would make Streamlit load pandas.
    assert "data" not in spec and all(layer["data"]["values"] == rows for layer in spec["layer"])


@pytest.mark.parametrize("mode", ["server_vad", "semantic_vad", "off"])
def test_chart_spec_is_valid_vega_lite(mode):
    import json
    from importlib import resources

    import jsonschema

    from studio.turn_chart import turn_chart

    # The Vega-Lite schema that Altair (a Streamlit dependency) ships with the version Streamlit draws.
    schema = json.loads(resources.files("altair.vegalite.v6.schema").joinpath("vega-lite-schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(turn_chart(compute(TurnSettings(mode=mode))))

"""Advice rules: each one fires on the draft that should trigger it and stays quiet on its twin."""

from __future__ import annotations

import copy

import pytest

from session_model.advice import RULES, advise, rule_ids
from session_model.turn_suggestions import SUGGESTIONS

BRIEF = {"instructions": "You are Sam, a calm booking assistant."}
LOGPROBS = "item.input_audio_transcription.logprobs"
TOOL = {"type": "function", "name": "lookup_order", "description": "Find an order by its number.",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}}}
NO_ARGS = {"type": "object", "properties": {}, "additionalProperties": False}


def vad(**settings) -> dict:
    return {"turn_detection": {"type": "server_vad", **settings}}


# rule id -> (a draft that triggers it, a close draft that does not)
CASES: dict[str, tuple[dict, dict]] = {
    "tool-choice-unknown": ({"tool_choice": "get_weather", "tools": [TOOL]},
                            {"tool_choice": "lookup_order", "tools": [TOOL]}),
    "tool-choice-required-without-tools": ({"tool_choice": "required"}, {"tool_choice": "required", "tools": [TOOL]}),
    "tools-never-used": ({"tool_choice": "none", "tools": [TOOL]}, {"tool_choice": "none"}),
    "tool-without-description": ({"tools": [{**TOOL, "description": "  "}]}, {"tools": [TOOL]}),
    "tool-parameters-accept-anything": ({"tools": [{"name": "ping", "description": "Check."}]},
                                        {"tools": [{"name": "ping", "description": "Check.", "parameters": NO_ARGS}]}),
    "turn-taking-off": ({"turn_detection": None}, {}),
    "replies-not-automatic": (vad(create_response=False), vad(create_response=True)),
    "idle-timeout-needs-server-vad": ({"turn_detection": {"type": "semantic_vad", "idle_timeout_ms": 6000}},
                                      vad(idle_timeout_ms=6000)),
    "silence-very-short": (vad(silence_duration_ms=200), vad(silence_duration_ms=300)),
    "silence-very-long": (vad(silence_duration_ms=2000), vad(silence_duration_ms=1500)),
    "threshold-very-high": (vad(threshold=0.95), vad(threshold=0.8)),
    "threshold-very-low": (vad(threshold=0.1), vad(threshold=0.2)),
    "prefix-padding-short": (vad(prefix_padding_ms=50), vad(prefix_padding_ms=100)),
    "phone-line-audio": ({"input_audio_format": "g711_ulaw", "output_audio_format": "g711_ulaw"},
                         {"input_audio_format": "pcm16", "output_audio_format": "pcm16"}),
    "audio-formats-differ": ({"input_audio_format": "g711_alaw"}, {"input_audio_format": "g711_alaw",
                                                                  "output_audio_format": "g711_alaw"}),
    "text-only-voice-settings": ({"modalities": ["text"], "voice": "ash", "speed": 1.1}, {"modalities": ["text"]}),
    "speed-extreme": ({"speed": 1.5}, {"speed": 1.2}),
    "voice-fixed-once-live": ({"voice": "marin"}, {"voice": "marin", "modalities": ["text"]}),
    "short-reply-limit": ({"max_response_output_tokens": 100}, {"max_response_output_tokens": 800}),
    "temperature-far-from-recommended": ({"temperature": 1.2}, {"temperature": 1.0}),
    "logprobs-without-transcript": ({"include": [LOGPROBS]},
                                    {"include": [LOGPROBS], "input_audio_transcription": {"model": "whisper-1"}}),
    "tracing-fixed-once-live": ({"tracing": "auto"}, {"tracing": None}),
    "instructions-empty": ({"instructions": "   "}, {"prompt": {"id": "pmpt_1"}}),
    "instructions-very-long": ({"instructions": "word " * 1001}, {"instructions": "word " * 1000}),
    "prompt-variables-shape": ({"prompt": {"id": "pmpt_1", "variables": {"guest": 3}}},
                               {"prompt": {"id": "pmpt_1", "variables": {"guest": "Ada"}}}),
}


def fired(data: dict) -> set[str]:
    return {a.rule for a in advise(data)}


def test_there_are_at_least_fifteen_rules_and_each_has_a_case():
    assert len(RULES) >= 15
    assert set(CASES) == set(rule_ids())


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_fires_on_its_trigger(rule_id):
    trigger, _ = CASES[rule_id]
    assert rule_id in fired({**BRIEF, **trigger})


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_stays_quiet_on_its_twin(rule_id):
    _, quiet = CASES[rule_id]
    assert rule_id not in fired({**BRIEF, **quiet})


@pytest.mark.parametrize("rule_id", [r for r in CASES if any(
    a.fix for a in advise({**BRIEF, **CASES[r][0]}) if a.rule == r)])
def test_one_click_fix_removes_the_advice_and_leaves_the_input_alone(rule_id):
    draft = {**BRIEF, **CASES[rule_id][0]}
    before = copy.deepcopy(draft)
    fix = next(a.fix for a in advise(draft) if a.rule == rule_id)
    fixed = fix.apply(draft)
    assert draft == before
    assert rule_id not in fired(fixed)


def test_every_advice_names_fields_and_speaks_in_sentences():
    for rule_id, (trigger, _) in CASES.items():
        for item in advise({**BRIEF, **trigger}):
            assert item.paths and all(item.paths), rule_id
            assert item.message.endswith("."), item.message
            assert item.severity in ("error", "warning", "tip")


def test_errors_come_before_warnings_and_tips():
    data = {"tool_choice": "required", "speed": 1.5, "turn_detection": None}
    assert [a.severity for a in advise(data)] == ["error", "warning", "warning", "tip"]


def test_a_clean_persona_gets_no_advice():
    assert advise({**BRIEF, "temperature": 0.8, "turn_detection": {"type": "semantic_vad"}}) == []


def test_a_validated_session_is_advised_like_its_export():
    from session_model import RealtimeSession

    session = RealtimeSession.model_validate({"tool_choice": "none", "tools": [TOOL], **BRIEF})
    assert [a.rule for a in advise(session)] == ["tools-never-used"]


# A draft of the wrong shape (half-typed JSON, a hand-edited import) gets the advice that still
# makes sense for it, and no rule crashes on a value of the wrong type.
WRONG_SHAPES = [
    ({"turn_detection": "server_vad"}, ["instructions-empty"]),
    ({"turn_detection": {"type": "server_vad", "threshold": "loud", "silence_duration_ms": True}},
     ["instructions-empty"]),
    ({"tools": "lookup", "tool_choice": 3}, ["instructions-empty"]),
    ({"tools": [None, 4, {"name": 5, "parameters": []}]},
     ["tool-without-description", "tool-parameters-accept-anything", "instructions-empty"]),
    ({"prompt": {"id": "p", "variables": [["a", "b"]]}}, ["prompt-variables-shape"]),
    ({"modalities": "text", "speed": "fast", "include": "all"}, ["instructions-empty"]),
    ({"instructions": 42, "max_response_output_tokens": "lots"}, ["instructions-empty"]),
]


@pytest.mark.parametrize(("odd", "expected"), WRONG_SHAPES)
def test_rules_survive_drafts_of_the_wrong_shape(odd, expected):
    before = copy.deepcopy(odd)
    advice = advise(odd)
    assert sorted(a.rule for a in advice) == sorted(expected)
    for item in advice:
        if item.fix is not None:
            fixed = item.fix.apply(odd)
            assert odd == before, f"the fix for {item.rule} changed its input"
            assert item.rule not in fired(fixed)


def test_the_fix_for_a_parameter_list_of_the_wrong_type_writes_an_empty_object_schema():
    data = {"tools": [None, 4, {"name": 5, "parameters": []}]}
    fix = next(a.fix for a in advise(data) if a.rule == "tool-parameters-accept-anything")
    assert fix.apply(data)["tools"][2]["parameters"] == NO_ARGS


def test_non_dict_input_and_a_blank_draft_have_no_advice():
    assert advise(["not", "a", "session"]) == []
    assert advise({}) == []  # not started yet: no nagging about instructions


def test_prompt_variables_fix_rewrites_pairs_and_braces():
    data = {"prompt": {"id": "p", "variables": [{"name": "{guest}", "value": 3}]}}
    fix = next(a.fix for a in advise(data) if a.rule == "prompt-variables-shape")
    assert fix.apply(data)["prompt"]["variables"] == {"guest": "3"}


def test_suggested_turn_taking_raises_no_warnings():
    for suggestion in SUGGESTIONS:
        assert [a.rule for a in advise(suggestion.apply(BRIEF))] == [], suggestion.id

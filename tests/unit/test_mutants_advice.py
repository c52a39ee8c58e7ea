"""Advice rules, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module advice`` measures it. These pin how a rule is registered,
how a draft of the wrong shape is read (a tool without a name, a semantic VAD carrying Server
VAD keys, a format that is not text), the exact wording where a number is turned into words,
what a one-click fix writes (and that it never shares a value with its input or a later fix),
and which prompt variables can be repaired.
"""

from __future__ import annotations

from typing import Any

from session_model import advice
from session_model.advice import advise, removing, setting

BRIEF = {"instructions": "You are Sam, a calm booking assistant."}


def found(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Each advice on ``data`` plus a brief, as (rule, message)."""
    return [(a.rule, a.message) for a in advise({**BRIEF, **data})]


def rule_fix(data: dict[str, Any], rule: str) -> advice.Fix | None:
    [item] = [a for a in advise({**BRIEF, **data}) if a.rule == rule]
    return item.fix


# ---- registering a rule ---------------------------------------------------------------------


def test_a_rule_is_registered_with_its_id_severity_title_and_check(monkeypatch):
    monkeypatch.setattr(advice, "RULES", [])

    def check(data):
        yield ("Said.", (("voice",),), None)

    assert advice.rule("demo-rule", "tip", "A demo rule")(check) is check
    assert advice.RULES == [advice.Rule("demo-rule", "tip", "A demo rule", check)]
    assert advise({"voice": "marin"}) == [advice.Advice("demo-rule", "tip", "Said.", (("voice",),), None)]


# ---- drafts of the wrong shape --------------------------------------------------------------

UNKNOWN_CHOICE = (
    'Tool use is set to "lookup_order", but no tool has that name. The agent cannot call a function that does '
    "not exist, so the session will be refused. Add the tool or pick another choice."
)


def test_a_tool_choice_is_unknown_when_the_only_tools_have_no_name_or_are_not_objects():
    tools = [{"description": "Find an order."}, None, "lookup_order"]
    assert ("tool-choice-unknown", UNKNOWN_CHOICE) in found({"tool_choice": "lookup_order", "tools": tools})


def test_server_vad_advice_ignores_those_keys_on_semantic_vad():
    odd = {"type": "semantic_vad", "silence_duration_ms": 100, "threshold": 0.95, "prefix_padding_ms": 10}
    assert found({"turn_detection": odd}) == []


def test_a_format_that_is_not_text_counts_as_the_default_pcm16():
    assert found({"input_audio_format": 5, "output_audio_format": "pcm16"}) == []


def test_a_session_replying_with_text_and_audio_still_speaks():
    assert [rule for rule, _ in found({"modalities": ["text", "audio"], "voice": "marin"})] == ["voice-fixed-once-live"]
    assert [rule for rule, _ in found({"modalities": ["audio"], "speed": 1.5})] == ["speed-extreme"]


# ---- numbers in words -----------------------------------------------------------------------


def test_a_long_silence_is_said_in_seconds_to_one_decimal():
    # 1551 ms is 1.551 s: "1.6 s" (1551 / 1001 would round to 1.5).
    assert found({"turn_detection": {"type": "server_vad", "silence_duration_ms": 1551}}) == [
        (
            "silence-very-long",
            "Every reply starts at least 1.6 s after the caller stops talking. Patient for people who pause a "
            "lot, but most callers will find the agent slow and may repeat themselves.",
        )
    ]


# ---- one-click fixes ------------------------------------------------------------------------


def test_setting_a_field_creates_the_objects_on_its_way():
    fix = setting("Use 0.5 (the default)", ("turn_detection", "threshold"), 0.5)
    assert fix.label == "Use 0.5 (the default)"
    assert fix.apply({}) == {"turn_detection": {"threshold": 0.5}}
    assert fix.apply({"turn_detection": "server_vad"}) == {"turn_detection": {"threshold": 0.5}}


def test_a_set_value_is_never_shared_between_two_applications():
    fix = setting("Say it takes no arguments", ("parameters",), {"type": "object", "properties": {}})
    first = fix.apply({})
    first["parameters"]["properties"]["x"] = {"type": "string"}
    assert fix.apply({}) == {"parameters": {"type": "object", "properties": {}}}


def test_removing_a_field_that_is_not_set_changes_nothing():
    fix = removing("Remove the idle timeout", ("turn_detection", "idle_timeout_ms"), ("voice",))
    assert fix.label == "Remove the idle timeout"
    assert fix.apply({"turn_detection": {"type": "semantic_vad"}}) == {"turn_detection": {"type": "semantic_vad"}}


def test_removing_nothing_returns_a_copy_that_shares_nothing_with_the_input():
    draft = {"turn_detection": {"type": "server_vad"}}
    out = removing("Nothing to remove").apply(draft)
    out["turn_detection"]["type"] = "semantic_vad"
    assert draft == {"turn_detection": {"type": "server_vad"}}


def test_the_phone_line_fix_writes_pcm16_both_ways():
    draft = {"input_audio_format": "g711_ulaw", "output_audio_format": "g711_alaw"}
    fix = rule_fix(draft, "phone-line-audio")
    assert fix.label == "Use pcm16 (apps and browsers)"
    assert fix.apply(draft) == {"input_audio_format": "pcm16", "output_audio_format": "pcm16"}


# ---- prompt variables -----------------------------------------------------------------------

NOT_FILLED = "The stored prompt's placeholders will not be filled: "


def variables(value: Any) -> dict[str, Any]:
    return {"prompt": {"id": "pmpt_1", "variables": value}}


def test_a_name_in_braces_is_named_and_repaired():
    draft = variables({"{guest}": "Ada"})
    assert found(draft) == [
        ("prompt-variables-shape", NOT_FILLED + '"{guest}" is written with braces; use the bare name.')
    ]
    assert rule_fix(draft, "prompt-variables-shape").apply(draft)["prompt"]["variables"] == {"guest": "Ada"}


def test_a_name_with_one_brace_is_not_a_name_in_braces():
    assert found(variables({"guest}": "Ada", "{room": "12"})) == []


def test_an_object_needs_a_content_type_from_the_reference():
    assert found(variables({"guest": {"type": "input_text", "text": "Ada"}})) == []
    draft = variables({"guest": {"text": "Ada"}})
    assert found(draft) == [
        (
            "prompt-variables-shape",
            NOT_FILLED + '"guest" is an object without a "type" of input_text, input_image, input_file.',
        )
    ]
    assert rule_fix(draft, "prompt-variables-shape") is None


def test_name_value_pairs_are_repaired_keeping_letters_next_to_braces():
    draft = variables([{"name": "{GUEST_X}", "value": "Ada"}, {"name": "room", "value": 12}])
    fixed = rule_fix(draft, "prompt-variables-shape").apply(draft)
    assert fixed["prompt"]["variables"] == {"GUEST_X": "Ada", "room": "12"}


def test_a_list_that_is_not_all_name_value_pairs_is_not_repaired():
    for odd in ([["name", "value"]], [{"name": "guest", "value": "Ada"}, "stray"]):
        assert rule_fix(variables(odd), "prompt-variables-shape") is None


def test_numbers_become_text_but_true_and_objects_do_not():
    draft = variables({"guest": {"type": "input_text", "text": "Ada"}, "room": 12})
    fixed = rule_fix(draft, "prompt-variables-shape").apply(draft)
    assert fixed["prompt"]["variables"] == {"guest": {"type": "input_text", "text": "Ada"}, "room": "12"}
    assert rule_fix(variables({"vip": True}), "prompt-variables-shape") is None
    assert rule_fix(variables({"guest": {"text": "Ada"}, "room": 12}), "prompt-variables-shape") is None


def test_a_name_that_is_not_text_is_kept_as_given():
    # Only a Python caller can build this (JSON names are always text); the rule must not crash on it.
    draft = variables({7: 12})
    assert found(draft) == [("prompt-variables-shape", NOT_FILLED + '"7" is not text.')]
    assert rule_fix(draft, "prompt-variables-shape").apply(draft)["prompt"]["variables"] == {7: "12"}

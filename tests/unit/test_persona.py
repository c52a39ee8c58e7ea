"""The persona builder's answers compile into instructions text; stored answers read back safely."""

from __future__ import annotations

import pytest

from session_model.persona import PersonaBrief, compile_instructions, load_answers

FULL = {
    "identity": "Maya, the front-desk voice of Harbor Bistro.",
    "task": "Take, change and cancel table bookings.",
    "demeanor": "patient and reassuring",
    "tone": "warm, conversational.",
    "enthusiasm": "warm",
    "formality": "friendly",
    "emotion": "some feeling",
    "filler_words": "none",
    "pacing": "slow",
    "pronunciations": [{"word": "Nguyen", "say_as": "win"}],
    "other_rules": "Never quote prices.\n\n- Repeat dates back to the caller.",
}


def test_full_answers_compile_into_sections_in_a_fixed_order():
    text = compile_instructions(FULL)
    assert text == (
        "# Identity\nMaya, the front-desk voice of Harbor Bistro.\n\n"
        "# Task\nTake, change and cancel table bookings.\n\n"
        "# Personality and tone\n"
        "- Demeanor: patient and reassuring.\n"
        "- Tone: warm, conversational.\n"
        "- Sound pleased to help, without overdoing it.\n"
        "- Be friendly and plain-spoken, as with a neighbour.\n"
        "- Show some feeling where it fits, such as sympathy when something went wrong.\n"
        '- Never use filler words such as "um" or "uh".\n'
        "- Speak in short sentences with room to breathe; never rush.\n\n"
        '# Pronunciation\n- Say "Nguyen" like "win".\n\n'
        "# Rules\n- Never quote prices.\n- Repeat dates back to the caller."
    )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ""),
        ({"identity": "   "}, ""),
        ({"pacing": "brisk"}, "# Personality and tone\n- Keep it brisk: get to the point and keep replies short."),
        ({"pronunciations": [{"word": "Nguyen"}]}, ""),  # half-filled rows are left out until complete
        ({"enthusiasm": "bogus", "tone": 3}, ""),
    ],
)
def test_partial_or_odd_answers_compile_to_what_is_usable(answers, expected):
    assert compile_instructions(answers) == expected


def test_a_validated_brief_compiles_like_its_dict():
    assert compile_instructions(PersonaBrief.model_validate(FULL)) == compile_instructions(FULL)


def test_every_level_has_a_sentence():
    for name in ("enthusiasm", "formality", "emotion", "filler_words", "pacing"):
        for level in PersonaBrief.model_fields[name].annotation.__args__:
            assert compile_instructions({name: level}).count("\n- ") == 1, (name, level)


def test_stored_answers_keep_what_is_valid_and_drop_the_rest():
    assert load_answers(FULL) == FULL
    assert load_answers({"identity": "Maya", "pacing": "warp speed", "unknown": 1}) == {"identity": "Maya"}
    assert load_answers("not a dict") == {}

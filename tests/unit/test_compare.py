"""Comparing two sessions: plain labels from the model, unset vs null vs value, nested settings, word diff."""

from __future__ import annotations

from session_model import compare
from session_model.presets import by_id


def table(left: dict, right: dict) -> list[tuple[str, str, str, bool]]:
    return [(r.label, r.left_text, r.right_text, r.differs) for r in compare.rows(left, right)]


def test_rows_use_field_titles_and_choice_labels():
    rows = table({"output_audio_format": "g711_ulaw", "voice": "ash"}, {"voice": "ash"})
    assert rows == [
        ("Voice", "ash", "ash", False),
        (
            "Audio format out",
            "g711_ulaw (phone line, US/Japan)",
            "not set: server default is pcm16 (high quality, 24 kHz)",
            True,
        ),
    ]


def test_unset_null_and_value_are_three_different_things():
    rows = table({"turn_detection": None}, {})
    assert rows == [("Turn-taking", "Off (push-to-talk)", "not set (server default)", True)]
    assert compare.differences({"temperature": 0.8}, {}) != []  # the same behaviour, but a different export


def test_same_kind_of_turn_taking_is_compared_setting_by_setting():
    left = {"turn_detection": {"type": "server_vad", "silence_duration_ms": 500}}
    right = {"turn_detection": {"type": "server_vad", "silence_duration_ms": 1200, "threshold": 0.7}}
    assert table(left, right) == [
        ("Turn-taking", "Server VAD (silence)", "Server VAD (silence)", False),
        ("Turn-taking › Speech threshold", "not set: server default is 0.5", "0.7", True),
        ("Turn-taking › Silence that ends a turn (ms)", "500", "1,200", True),
    ]


def test_different_kinds_of_turn_taking_are_one_row_in_words():
    rows = table(by_id("language_tutor").session, by_id("walkie_talkie").session)
    turn = next(r for r in rows if r[0] == "Turn-taking")
    assert turn == ("Turn-taking", "Semantic VAD (meaning); Eagerness to reply: low", "Off (push-to-talk)", True)


def test_tools_are_matched_by_position_and_named():
    left = {"tools": [{"type": "function", "name": "lookup_order", "description": "Find an order"}]}
    right = {
        "tools": [
            {"type": "function", "name": "lookup_order", "description": "Find an order by number"},
            {"type": "function", "name": "refund"},
        ]
    }
    rows = table(left, right)
    assert ("Tools", "1 item", "2 items", True) in rows
    assert ("Tools › item 1 (lookup_order) › When to use it", "Find an order", "Find an order by number", True) in rows
    assert ("Tools › item 2 (refund)", "not there", "Tool type: function; Function name: refund", True) in rows


def test_an_invalid_draft_can_still_be_compared():
    rows = table({"speed": "fast", "colour": "red", "turn_detection": 3}, {"speed": 1.0})
    assert ("Speaking speed", "fast", "1", True) in rows
    assert ('"colour"', "red", "not set (server default)", True) in rows
    assert ("Turn-taking", "3", "not set (server default)", True) in rows


def test_identical_sessions_have_no_differences():
    session = by_id("concierge").session
    assert compare.differences(session, session) == []
    assert all(not r.differs for r in compare.rows(session, session))


def test_word_diff_marks_removed_and_added_words_and_keeps_spacing():
    diff = compare.word_diff("Be brief and kind.\nNever guess.", "Be brief, warm and kind.\nNever guess.")
    assert diff == [
        ("same", "Be "),
        ("removed", "brief"),
        ("added", "brief, warm"),
        ("same", " and kind.\nNever guess."),
    ]
    before = "".join(t for op, t in diff if op != "added")
    after = "".join(t for op, t in diff if op != "removed")
    assert (before, after) == ("Be brief and kind.\nNever guess.", "Be brief, warm and kind.\nNever guess.")


def test_word_diff_of_empty_and_identical_texts():
    assert compare.word_diff("", "Hello there") == [("added", "Hello there")]
    assert compare.word_diff("same words", "same words") == [("same", "same words")]
    assert compare.word_diff("", "") == []

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
    left = {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}
    assert table(left, {"turn_detection": None}) == [
        ("Turn-taking", "Semantic VAD (meaning); Eagerness to reply: low", "Off (push-to-talk)", True)
    ]


def test_presets_of_the_current_api_are_compared_by_the_current_editor_labels():
    rows = table(by_id("language_tutor").session, by_id("walkie_talkie").session)
    turn = next(r for r in rows if r[0] == "Turn-taking")
    assert turn == (
        "Turn-taking",
        "Semantic VAD (meaning); Eagerness to reply: low",
        "Off (push-to-talk)",
        True,
    )
    assert rows[0] == ("Session type", "Realtime (current API)", "Realtime (current API)", False)


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


# ---- across targets: flat beta, current realtime, current transcription ---------------------------


def paths(left: dict, right: dict) -> list[tuple[tuple, str, str, bool]]:
    return [(r.path, r.left_text, r.right_text, r.differs) for r in compare.rows(left, right)]


FLAT = {
    "temperature": 0.7,
    "voice": "ash",
    "output_audio_format": "g711_ulaw",
    "modalities": ["text", "audio"],
    "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
}
REALTIME = {
    "type": "realtime",
    "output_modalities": ["audio"],
    "audio": {
        "input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 800}},
        "output": {"voice": "marin", "format": {"type": "audio/pcmu"}},
    },
}
TRANSCRIPTION = {
    "type": "transcription",
    "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}, "turn_detection": None}},
}


def test_a_flat_session_is_compared_in_the_current_shape_with_temperature_marked():
    assert table(FLAT, REALTIME) == [
        ("Session type", "Realtime beta, flat (retired 2026-05-12)", "Realtime (current API)", True),
        ("Temperature", "0.7 (not in the current API)", "not in the current API", True),
        ("Reply with", "Speech (with a transcript)", "Speech (with a transcript)", False),
        ("Turn-taking", "Server VAD (silence)", "Server VAD (silence)", False),
        ("Turn-taking › Silence that ends a turn (ms)", "500", "800", True),
        ("Voice", "ash", "marin", True),
        (
            "Audio format out",
            "G.711 μ-law (phone line, US/Japan)",
            "G.711 μ-law (phone line, US/Japan)",
            False,
        ),
    ]


def test_rows_across_shapes_carry_the_current_paths():
    assert [p for p, *_ in paths(REALTIME, FLAT)] == [
        ("type",),
        ("temperature",),
        ("output_modalities",),
        ("audio", "input", "turn_detection"),
        ("audio", "input", "turn_detection", "silence_duration_ms"),
        ("audio", "output", "voice"),
        ("audio", "output", "format"),
    ]


def test_transcription_against_realtime_shows_what_only_one_side_has_as_absent():
    realtime = {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {"input": {"turn_detection": None}, "output": {"voice": "marin"}},
    }
    assert table(TRANSCRIPTION, realtime) == [
        ("Session type", "Transcription (current API)", "Realtime (current API)", True),
        ("Instructions", "not in a transcription session", "Be brief.", True),
        ("Turn-taking", "Off (push-to-talk)", "Off (push-to-talk)", False),
        (
            "Transcript of the caller",
            "Transcription model: gpt-4o-transcribe (shuts down 2027-02-26)",
            "not set (server default)",
            True,
        ),
        ("Output audio", "not in a transcription session", "Voice: marin", True),
    ]


def test_transcription_against_flat_marks_temperature_and_compares_the_transcript():
    flat = {"temperature": 0.5, "input_audio_transcription": {"model": "whisper-1"}}
    assert paths(TRANSCRIPTION, flat) == [
        (("type",), "Transcription (current API)", "Realtime beta, flat (retired 2026-05-12)", True),
        (("temperature",), "not in the current API", "0.5 (not in the current API)", True),
        (("audio", "input", "turn_detection"), "Off (push-to-talk)", "not set (server default)", True),
        (
            ("audio", "input", "transcription", "model"),
            "gpt-4o-transcribe (shuts down 2027-02-26)",
            "whisper-1 (shuts down 2027-02-26)",
            True,
        ),
    ]


def test_two_transcription_sessions_use_their_own_labels():
    other = {"type": "transcription", "audio": {"input": {"transcription": {"model": "whisper-1"}}}}
    assert table(TRANSCRIPTION, other) == [
        ("Session type", "Transcription (current API)", "Transcription (current API)", False),
        (
            "Transcription › Transcription model",
            "gpt-4o-transcribe (shuts down 2027-02-26)",
            "whisper-1 (shuts down 2027-02-26)",
            True,
        ),
        ("Turn-taking", "Off (your app commits the audio)", "not set (server default)", True),
    ]


def test_a_flat_session_and_its_conversion_differ_only_in_their_type():
    flat = {"voice": "coral", "speed": 1.2, "input_audio_format": "g711_alaw", "max_response_output_tokens": 300}
    current = {
        "type": "realtime",
        "max_output_tokens": 300,
        "audio": {"input": {"format": {"type": "audio/pcma"}}, "output": {"voice": "coral", "speed": 1.2}},
    }
    assert [(r.label, r.left_text, r.right_text) for r in compare.differences(flat, current)] == [
        ("Session type", "Realtime beta, flat (retired 2026-05-12)", "Realtime (current API)")
    ]


def test_current_tools_of_both_kinds_are_matched_by_position_and_named():
    left = {"type": "realtime", "tools": [{"type": "mcp", "server_label": "docs", "server_url": "https://a.example"}]}
    right = {
        "type": "realtime",
        "tools": [
            {"type": "mcp", "server_label": "docs", "server_url": "https://b.example"},
            {"type": "function", "name": "lookup"},
        ],
    }
    rows = table(left, right)
    assert ("Tools › item 1 (docs) › Server address (URL)", "https://a.example", "https://b.example", True) in rows
    assert ("Tools › item 2 (lookup)", "not there", "Tool type: function; Function name: lookup", True) in rows


def test_an_invalid_flat_draft_still_compares_with_a_current_session():
    rows = table({"speed": "fast", "colour": "red"}, {"type": "realtime", "audio": {"output": {"speed": 1.0}}})
    assert rows == [
        ("Session type", "Realtime beta, flat (retired 2026-05-12)", "Realtime (current API)", True),
        ("Speaking speed", "fast", "1", True),
        ('"colour"', "red", "not set (server default)", True),
    ]


def test_a_flat_tracing_configuration_compares_with_a_current_session():
    # Across targets a tracing configuration has no "type" tag to name its kind (this once raised KeyError).
    flat = {"tracing": {"workflow_name": "kiosk", "group_id": "north"}}
    assert table(flat, {"type": "realtime"})[1:] == [
        ("Tracing", "Workflow name: kiosk; Group id: north", "not set (server default)", True),
    ]

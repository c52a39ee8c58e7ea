"""Safe loading refuses what Python's json module lets through, with a plain reason and no traceback."""

from __future__ import annotations

import io

import pytest

from form.jsontext import parse_strict
from form.messages import Problem, validate, visible
from form.render import WORD_JOINER, plain
from session_model import RealtimeSession
from session_model.loading import MAX_INPUT_BYTES, InputError, load_object, read_bounded, read_source


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"expires_at": ' + b"1" * 5000 + b"}", "a number has 5000 digits"),
        (b'{"tracing": {"metadata": {"x": 1e400}}}', "the number 1e400 is too large"),
        (b'{"tracing": {"metadata": {"x": -1e400}}}', "the number -1e400 is too large"),
        (b'{"instructions": "\\ud800"}', 'the text at "instructions" contains a broken character escape'),
        (b'{"a\\nb": 1, "a\\nb": 2}', 'the key "a\\nb" appears twice'),
    ],
)
def test_loader_refuses_what_pythons_parser_lets_through(raw, reason):
    with pytest.raises(InputError) as caught:
        load_object(raw)
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_surrogate_pair_is_an_ordinary_character():
    assert load_object(b'{"instructions": "\\ud83d\\ude00"}').data == {"instructions": "\U0001f600"}


def test_bounded_read_never_reads_past_the_limit():
    class Counting(io.BytesIO):
        asked: list[int] = []

        def read(self, size: int = -1) -> bytes:
            self.asked.append(size)
            return super().read(size)

    big = Counting(b" " * (MAX_INPUT_BYTES * 3))
    with pytest.raises(InputError, match="the limit is 2 MB"):
        read_bounded(big)
    assert big.asked == [MAX_INPUT_BYTES + 1]
    assert read_bounded(io.BytesIO(b"{}")) == b"{}"


def test_text_stdin_is_read_with_the_same_bound():
    class TextOnly(io.StringIO):
        pass  # no .buffer, like a test double or an embedded console

    with pytest.raises(InputError, match="the limit is 2 MB"):
        read_source("-", TextOnly("x" * (MAX_INPUT_BYTES + 10)))
    assert read_source("-", TextOnly("{}")) == b"{}"


@pytest.mark.parametrize(
    ("data", "where", "shown"),
    [
        ({"a\nb": 1}, "a\\nb", '"a\\nb" is not a known setting'),
        ({"temperature": "1\n2"}, "temperature", 'you entered the text "1\\n2"'),
        ({"tool_choice": "x\ry"}, "tool_choice", '"x\\ry" is none of these'),
    ],
)
def test_user_text_with_line_breaks_never_splits_a_message(data, where, shown):
    _, problems = validate(RealtimeSession, data)
    [problem] = problems
    assert problem.where == where
    assert shown in problem.message
    assert "\n" not in problem.message and "\r" not in problem.message


def test_visible_leaves_ordinary_text_alone_and_escapes_invisible_characters():
    assert visible("Grüße, 日本語 ok") == "Grüße, 日本語 ok"
    assert visible("a\tb\u200bc\x00") == "a\\tb\\u200bc\\u0000"
    assert Problem(("x\ny",), "m").where == "x\\ny"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"x": NaN}', "NaN is not a number JSON allows"),
        ('{"x": -Infinity}', "-Infinity is not a number JSON allows"),
        ('{"x": 1e999}', "too large"),
        ('{"x": ' + "9" * 5000 + "}", "5000 digits"),
        ('{"x": 1, "x": 2}', 'the key "x" appears twice'),
    ],
)
def test_json_boxes_in_the_form_accept_strict_json_only(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_strict(text)
    assert parse_strict('{"x": [1, 2.5, "y", null, true]}') == {"x": [1, 2.5, "y", None, True]}


@pytest.mark.parametrize("text", ["see http://127.0.0.1:9/x", "www.example.com", "write to a@b.co", "HTTPS://X.ORG"])
def test_plain_text_never_becomes_a_link(text):
    """Streamlit links bare addresses even when escaped; a word joiner keeps them text, looking the same."""
    shown = plain(text)
    assert "://" not in shown.replace("\\", "") and "www." not in shown and "a@b" not in shown
    assert shown.replace(WORD_JOINER, "").replace("\\", "") == text


def test_plain_leaves_ordinary_messages_alone():
    assert plain("Temperature must be between 0.6 and 1.2.") == "Temperature must be between 0.6 and 1.2."

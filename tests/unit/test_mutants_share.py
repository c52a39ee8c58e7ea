"""Share links, pinned where mutation testing found the tests loose (``python -m bench.mutation --module share``).

Each test names what it pins: the exact bytes of a code (compact UTF-8 JSON, zlib at level 9,
unpadded URL-safe base64), the size limits at their edge, which refusal a damaged link gets,
and how many problems an unshareable config lists.
"""

from __future__ import annotations

import base64
import zlib

import pytest

from session_model import share

# Written out by hand: the flat session's keys in the API reference's order, no spaces, text as UTF-8.
GREETING = {"instructions": "Grüße aus Köln ☕", "voice": "coral"}
GREETING_JSON = '{"instructions":"Grüße aus Köln ☕","voice":"coral"}'.encode()


def packed_bytes(code: str) -> bytes:
    """The zlib stream inside a code (tag off, padding restored)."""
    body = code.removeprefix(share.FORMAT)
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def test_a_code_holds_compact_utf8_json_at_maximum_compression():
    code = share.encode(GREETING)
    assert zlib.decompress(packed_bytes(code)) == GREETING_JSON
    # A zlib header of 78 DA says "best compression" (RFC 1950, FLEVEL 3).
    assert packed_bytes(code)[:2] == b"\x78\xda"
    assert code == "1." + base64.urlsafe_b64encode(zlib.compress(GREETING_JSON, 9)).decode().rstrip("=")


def test_a_code_ending_in_x_keeps_its_last_character():
    # Found by trying instructions until the unpadded base64 ended in "X" (an ordinary base64 letter).
    data = {"instructions": "Greet the visitor by name 104."}
    code = share.encode(data)
    assert code == "1.eNqrVsrMKy4pKk0uyczPK1ayUnIvSk0tUSjJSFUoyyzOLMkvUkiqVMhLzE1VMDQw0VOqBQDE5hEX"
    assert share.decode(code) == data


def test_a_code_exactly_at_the_limit_is_made_and_opened(monkeypatch):
    code = share.encode(GREETING)
    monkeypatch.setattr(share, "MAX_CODE_CHARS", len(code))
    assert share.encode(GREETING) == code
    assert share.decode(code) == GREETING
    monkeypatch.setattr(share, "MAX_CODE_CHARS", len(code) - 1)
    with pytest.raises(share.ShareError, match="too large for a link"):
        share.encode(GREETING)
    with pytest.raises(share.ShareError, match="too long"):
        share.decode(code)


@pytest.mark.parametrize(
    "code",
    ["1.abc$def", "1.abc+defg", "1.abcde", "1.abcdefghi"],
    ids=["bad-char-length-3", "bad-char-length-0", "length-5", "length-9"],
)
def test_a_character_or_length_a_link_never_has_gets_its_own_refusal(code):
    with pytest.raises(share.ShareError, match="it has characters or a length a link never has"):
        share.decode(code)


def test_link_keeps_a_base_url_that_ends_in_x():
    assert share.link("https://studio.example/ROOMX", "1.abc") == "https://studio.example/ROOMX/?share=1.abc"
    assert share.link("https://studio.example/ROOMX//", "1.abc") == "https://studio.example/ROOMX/?share=1.abc"


def test_an_unshareable_config_lists_three_problems_and_counts_the_rest():
    five = {"speed": 9, "temperature": 5, "voice": 3, "modalities": "x", "tool_choice": 7}
    with pytest.raises(share.ShareError) as caught:
        share.encode(five)
    message = str(caught.value)
    assert message.endswith("you entered 3. (and 2 more).")
    assert "Temperature must be between 0.6 and 1.2; you entered 5.; Reply with must be a list" in message
    assert "Speaking speed" not in message and "Tool use" not in message


def test_three_problems_are_all_listed_with_no_count():
    three = {"speed": 9, "temperature": 5, "voice": 3}
    with pytest.raises(share.ShareError) as caught:
        share.encode(three)
    message = str(caught.value)
    assert message.endswith("Speaking speed must be between 0.25 and 1.5; you entered 9..")
    assert "Temperature" in message and "Voice" in message and "more)" not in message


def test_one_problem_is_the_whole_list():
    with pytest.raises(share.ShareError) as caught:
        share.encode({"speed": 9})
    assert str(caught.value) == (
        "Only a valid config can be shared; fix these first: "
        "Speaking speed must be between 0.25 and 1.5; you entered 9.."
    )

"""Share links: round trip, only what differs from defaults, and clear refusals of cut, edited or huge links."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session_model import share
from session_model.presets import presets

KIOSK = {
    "instructions": "Answer visitors' questions. «Ünïcödé» and emoji 🎧 survive.",
    "voice": "coral",
    "turn_detection": {"type": "server_vad", "threshold": 0.8, "idle_timeout_ms": 15000},
    "input_audio_noise_reduction": {"type": "far_field"},
}


def pack(raw: bytes) -> str:
    return share.FORMAT + base64.urlsafe_b64encode(zlib.compress(raw)).rstrip(b"=").decode()


@pytest.mark.parametrize("preset", presets(), ids=lambda p: p.id)
def test_every_preset_survives_a_round_trip(preset):
    code = share.encode(preset.session)
    assert share.decode(code) == preset.session
    assert len(code) <= share.MAX_CODE_CHARS


def test_round_trip_keeps_explicit_nulls_and_leaves_defaults_out():
    data = {"voice": "echo", "turn_detection": None}
    decoded = share.decode(share.encode(data))
    assert decoded == data and list(decoded) == ["voice", "turn_detection"]
    assert share.decode(share.encode({})) == {}


def test_the_code_is_url_safe_and_compressed():
    code = share.encode(KIOSK)
    assert code.startswith("1.") and set(code[2:]) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    long_text = {"instructions": "Please be kind and patient. " * 200}
    assert len(share.encode(long_text)) < len(json.dumps(long_text)) / 10


def test_link_puts_the_code_in_the_share_parameter():
    assert share.link("http://127.0.0.1:8501/", "1.abc") == "http://127.0.0.1:8501/?share=1.abc"


def test_an_invalid_config_cannot_be_shared():
    with pytest.raises(share.ShareError, match="Only a valid config can be shared.*between 0.25 and 1.5"):
        share.encode({"speed": 9})


def test_a_config_too_large_for_a_link_is_refused_with_what_to_do_instead():
    words = " ".join(f"w{i:05d}x{(i * 7919) % 100003}" for i in range(4000))  # barely compressible
    with pytest.raises(share.ShareError, match="too large for a link.*Save it in the library"):
        share.encode({"instructions": words})


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "empty"),
        ("x" * (share.MAX_CODE_CHARS + 1), "too long"),
        ("2.eNqrVg", "not a share link made by this studio"),
        ("1.abc$def", "changed or cut"),
        ("1.abcde", "changed or cut"),  # a length base64 never has
        ("1.AAAAAAAA", "damaged"),
        (share.encode(KIOSK)[:-6], "cut short"),
        (pack(b"[1, 2, 3]"), "does not hold a config: expected a JSON object"),
        (pack(b"{not json"), "does not hold a config: this is not valid JSON"),
        (pack(b'{"speed": 9, "voice": "coral"}'), "not valid: Speaking speed must be between 0.25 and 1.5"),
        (pack(b'{"speed": 1, "speed": 2}'), "appears twice"),
        (pack(b" " * (share.MAX_JSON_BYTES + 10) + b"{}"), "unpacks to more than 256 KB"),
    ],
    ids=[
        "empty",
        "oversized",
        "other-format",
        "bad-char",
        "bad-length",
        "garbage",
        "truncated",
        "not-object",
        "not-json",
        "invalid",
        "duplicate-key",
        "zip-bomb",
    ],
)
def test_tampered_or_oversized_links_are_refused_in_plain_words(code: str, message: str):
    with pytest.raises(share.ShareError, match=message) as caught:
        share.decode(code)
    assert "draft is unchanged" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEFGHIJabcdefghij0123456789-_.", max_size=200))
def test_any_text_either_decodes_to_a_valid_config_or_raises_share_error(code: str):
    try:
        result = share.decode(code)
    except share.ShareError:
        return
    assert isinstance(result, dict)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=60), st.integers(min_value=0, max_value=255))
def test_flipping_a_character_never_crashes(position: int, replacement: int):
    code = share.encode(KIOSK)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    changed = code[:position] + alphabet[replacement % 64] + code[position + 1 :]
    try:
        assert isinstance(share.decode(changed), dict)
    except share.ShareError:
        pass

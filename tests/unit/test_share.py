"""Share links: round trip, only the settings that were set, and clear refusals of cut, edited or huge links."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from session_model import RealtimeSession, share
from session_model.ga import GARealtimeSession, GATranscriptionSession
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


def unpack(code: str) -> dict:
    """What a share code carries, unpacked by hand (the link format: tag, URL-safe base64, zlib, JSON)."""
    body = code.removeprefix(share.FORMAT)
    return json.loads(zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))))


def test_a_link_leaves_unset_settings_out_and_keeps_explicit_nulls():
    data = {"voice": "echo", "turn_detection": None}
    code = share.encode(data)
    assert unpack(code) == {"voice": "echo", "turn_detection": None}
    assert share.decode(code) == {"voice": "echo", "turn_detection": None}
    assert unpack(share.encode({})) == {}
    assert share.decode(share.encode({})) == {}


@pytest.mark.parametrize(
    "data",
    [
        # Each value is the API reference's server default: set explicitly, it stays in the link.
        {"voice": "alloy", "temperature": 0.8, "turn_detection": None},
        {"type": "realtime", "output_modalities": ["audio"], "audio": {"output": {"voice": "alloy", "speed": 1.0}}},
    ],
    ids=["flat", "current-api"],
)
def test_a_link_keeps_a_setting_set_to_its_default_value(data):
    code = share.encode(data)
    assert unpack(code) == data
    assert share.decode(code) == data


def test_a_hand_packed_link_opens_as_the_config_it_holds():
    code = pack(b'{"voice": "coral", "speed": 1.25}')
    assert share.decode(code) == {"voice": "coral", "speed": 1.25}


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


def assert_valid_config(data: dict) -> None:
    """A decoded link is a session one of the three session models accepts as it is (no unknown keys)."""
    kinds = {"realtime": GARealtimeSession, "transcription": GATranscriptionSession}
    kinds[data["type"]].model_validate(data) if "type" in data else RealtimeSession.model_validate(data)


@settings(max_examples=200, deadline=None)
@example(share.encode(KIOSK))
@example(pack(b'{"speed": 9, "voice": "coral"}'))
@example(pack(b'{"type": "realtime", "audio": {"output": {"speed": 1.5}}}'))
@given(st.text(alphabet="ABCDEFGHIJabcdefghij0123456789-_.", max_size=200))
def test_any_text_either_decodes_to_a_valid_config_or_raises_share_error(code: str):
    try:
        result = share.decode(code)
    except share.ShareError as refused:
        assert str(refused).endswith("Nothing was loaded; your draft is unchanged."), refused
        return
    assert_valid_config(result)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=60), st.integers(min_value=0, max_value=255))
def test_flipping_a_character_never_crashes(position: int, replacement: int):
    code = share.encode(KIOSK)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    changed = code[:position] + alphabet[replacement % 64] + code[position + 1 :]
    try:
        result = share.decode(changed)
    except share.ShareError as refused:
        assert str(refused).endswith("Nothing was loaded; your draft is unchanged."), refused
        return
    assert_valid_config(result)

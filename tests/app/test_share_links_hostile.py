"""Tampered, forged and hostile share links (tests/corpus/share/cases.toml): refused in plain words,
and the draft in the tab stays as it was."""

from __future__ import annotations

import base64
import tomllib
import zlib
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from session_model import share
from tests.app.conftest import ROOT, studio_with_draft, unescape

CASES = tomllib.loads((ROOT / "tests" / "corpus" / "share" / "cases.toml").read_text(encoding="utf-8"))["case"]
GOOD = share.encode({"voice": "coral", "instructions": "Greet callers by name.", "temperature": 0.9})
DRAFT = {"voice": "ash", "instructions": "My unsaved work."}


def pack(payload: bytes) -> str:
    """Pack bytes exactly as the studio packs a config, so the payload itself is what is tested."""
    return share.FORMAT + base64.urlsafe_b64encode(zlib.compress(payload, 9)).rstrip(b"=").decode("ascii")


def code_of(case: dict) -> str:
    """The link code a case describes."""
    if "code" in case:
        return case["code"]
    if "code_repeat" in case:
        head, unit, count = case["code_repeat"]
        return head + unit * count
    if "cut" in case:
        return GOOD[: -case["cut"]]
    if "flip" in case:
        at = len(share.FORMAT) + case["flip"]
        return GOOD[:at] + ("A" if GOOD[at] != "A" else "B") + GOOD[at + 1 :]
    if "raw_base64" in case:
        return share.FORMAT + base64.urlsafe_b64encode(case["raw_base64"].encode()).rstrip(b"=").decode()
    if "payload_repeat" in case:
        unit, count = case["payload_repeat"]
        return pack(("{" + unit * count + "}").encode())
    if "payload_nest" in case:
        depth = case["payload_nest"]
        return pack(b'{"a": ' * depth + b"1" + b"}" * depth)
    return pack(case["payload"].encode("utf-8"))


def test_the_good_link_opens():
    assert share.decode(GOOD)["voice"] == "coral"
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_a_bad_link_is_refused_in_plain_words(case):
    with pytest.raises(share.ShareError) as refused:
        share.decode(code_of(case))
    assert case["message"] in str(refused.value)
    assert "Nothing was loaded; your draft is unchanged." in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppTest]:
    with studio_with_draft(tmp_path_factory.mktemp("share-hostile"), DRAFT) as at:
        yield at


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_opening_a_bad_link_in_the_app_says_why_and_keeps_the_draft(studio, case):
    studio.query_params["share"] = code_of(case)
    studio.run()
    assert not studio.exception, studio.exception
    assert studio.session_state["draft"] == DRAFT
    assert "share" not in studio.query_params  # read once: a reload does not try again
    assert any(case["message"] in unescape(e.value) for e in studio.error), [e.value for e in studio.error]

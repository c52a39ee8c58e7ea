"""The Library page with versions of different API shapes: the target in words, loading keeps the shape,
a flat version opens converted to the current API with a report, and undo brings the old draft back."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from store import Library
from tests.app.conftest import draft

FLAT = {"temperature": 0.6, "voice": "echo", "output_audio_format": "g711_ulaw", "turn_detection": None}
# FLAT in the current shape, written out by hand from the mapping in /work/shared/ga_session.md.
FLAT_CONVERTED = {
    "type": "realtime",
    "audio": {"input": {"turn_detection": None}, "output": {"format": {"type": "audio/pcmu"}, "voice": "echo"}},
}
CURRENT = {"type": "realtime", "instructions": "Greet visitors.", "audio": {"output": {"voice": "marin"}}}
MY_DRAFT = {"type": "realtime", "audio": {"output": {"voice": "cedar"}}}


def stored() -> Library:
    return Library(os.environ["STUDIO_DATABASE_URL"])


@pytest.fixture
def walkie(app: AppTest) -> AppTest:
    """The library page with "Walkie" open: version 1 flat (beta), version 2 current; my own draft in the editor."""
    library = stored()
    library.save("Walkie", FLAT, note="beta")
    library.save("Walkie", CURRENT, note="current")
    library.close()
    app.session_state["draft"] = dict(MY_DRAFT)
    app.session_state["lib:selected"] = "Walkie"
    app.switch_page("pages/library.py").run()
    assert not app.exception, app.exception
    return app


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_each_version_names_its_target_in_words(walkie: AppTest):
    at = walkie
    versions = at.selectbox(key="lib:version")
    assert versions.options[0].startswith("v2 (newest) · Realtime (current API) · ")
    assert versions.options[1].startswith("v1 · Realtime beta, flat (retired 2026-05-12) · ")
    assert "Saved for :green-badge[Realtime (current API)]" in markdown(at)
    assert "lib:load_converted" not in [b.key for b in at.button]  # already current: nothing to convert
    versions.set_value(1).run()
    assert "Saved for :orange-badge[Realtime beta, flat (retired 2026-05-12)]" in markdown(at)
    assert any("retired beta shape" in c.value for c in at.caption)
    assert at.button(key="lib:load_converted").label == "Open converted to the current API"


def test_loading_a_flat_version_keeps_it_flat(walkie: AppTest):
    at = walkie
    at.selectbox(key="lib:version").set_value(1).run()
    at.button(key="lib:load").click().run()
    assert draft(at) == FLAT
    assert "The draft is written for :orange-badge[Realtime beta, flat (retired 2026-05-12)]" in markdown(at)


def test_a_flat_version_opens_converted_with_a_report_and_undo_brings_my_draft_back(walkie: AppTest):
    at = walkie
    at.selectbox(key="lib:version").set_value(1).run()
    at.button(key="lib:load_converted").click().run()
    assert not at.exception, at.exception
    assert draft(at) == FLAT_CONVERTED
    assert any('Opened "Walkie" version 1 converted to the current API' in s.value for s in at.success)
    report = markdown(at)
    assert (
        '"Walkie" version 1, converted from Realtime beta, flat (retired 2026-05-12) to Realtime (current API)'
        in report
    )
    assert "**Moved or rewritten** (3)" in report
    assert "- **Voice**: moved from voice to audio.output.voice" in report
    assert (
        "- **Audio format out**: moved from output_audio_format to audio.output.format; "
        '"g711_ulaw" became {"type": "audio/pcmu"}' in report
    )
    assert "- **Turn-taking**: moved from turn_detection to audio.input.turn_detection" in report
    assert "**Not carried, and why** (1)" in report
    assert "- **Temperature**: 0.6 was left out: " in report
    assert "The draft is written for :green-badge[Realtime (current API)]" in report
    assert stored().version("Walkie", 1).session == FLAT  # the saved version is unchanged
    # AppTest draws the sidebar only on the default page; its undo brings back the draft that was replaced.
    at.switch_page("pages/editor.py").run()
    at.button(key="sidebar:undo").click().run()
    assert draft(at) == MY_DRAFT


def test_the_converted_draft_saves_as_a_new_version_of_the_current_shape(walkie: AppTest):
    at = walkie
    at.selectbox(key="lib:version").set_value(1).run()
    at.button(key="lib:load_converted").click().run()
    at.text_input(key="lib:note").input("moved to the current API").run()
    at.button(key="lib:save").click().run()
    assert not at.exception, at.exception
    history = stored().versions("Walkie")
    assert [(v.number, v.shape, v.note) for v in history] == [
        (3, "realtime", "moved to the current API"),
        (2, "realtime", "current"),
        (1, "flat", "beta"),
    ]
    assert stored().version("Walkie", 3).session == FLAT_CONVERTED
    assert "Not carried, and why" not in markdown(at)  # saved: the report has done its job


def test_the_report_can_be_dismissed(walkie: AppTest):
    at = walkie
    at.selectbox(key="lib:version").set_value(1).run()
    at.button(key="lib:load_converted").click().run()
    at.button(key="lib:conversion_dismiss").click().run()
    assert "Not carried, and why" not in markdown(at)
    assert draft(at) == FLAT_CONVERTED

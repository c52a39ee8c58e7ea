"""The Import & export page in process: each shape imported, the report, confirm and undo, every export tab."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from session_model.importing import import_config
from session_model.models import RealtimeSession
from session_model.targets import TARGETS, build
from tests.app.conftest import ROOT, draft, open_studio, unescape

PAGE = "pages/import_export.py"
SHAPES = ROOT / "tests" / "corpus" / "shapes"
VALID = ROOT / "tests" / "corpus" / "valid"


@pytest.fixture
def opened():
    """Open the Import & export page, with ``current`` as the draft if given."""
    return lambda current=None: open_studio(PAGE, None if current is None else {"draft": current})


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="import:text").input(text).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [unescape(e.value) for e in elements]


def markdown(at: AppTest) -> str:
    return "\n".join(texts(at.markdown))


@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.json")), ids=lambda p: p.stem)
def test_each_shape_is_named_and_imported_only_on_confirm(opened, path):
    current = {"voice": "ash", "speed": 1.3}
    at = paste(opened(dict(current)), path.read_text())
    expected = import_config(path.read_bytes())
    assert any(expected.shape.name in text for text in texts(at.info))
    assert draft(at) == current  # nothing replaced before the user confirms
    at.button(key="import:confirm").click().run()
    assert draft(at) == expected.data
    assert at.session_state["draft_previous"] == current
    assert any("Imported" in text for text in texts(at.success))
    assert not at.get("button") or "import:confirm" not in [b.key for b in at.button]


def test_report_lists_conversions_drops_and_loaded_settings(opened):
    at = paste(opened(), (SHAPES / "nested_session_updated.json").read_text())
    text = markdown(at)
    assert "Loaded** (16)" in text and "Speaking speed" in text
    assert 'session.audio.input.format` {"type": "audio/pcm", "rate": 24000} became input_audio_format "pcm16"' in text
    assert "`session.id`" in text and "the server assigns the session id" in text
    assert "`session.truncation`" in text and "trimmed" in text


def test_unknown_keys_get_did_you_mean_and_problems_are_shown_by_field(opened):
    at = paste(opened(), json.dumps({"temprature": 0.9, "speed": 3, "voice": "ash"}))
    assert 'did you mean "temperature"?' in markdown(at)
    assert "`speed` Speaking speed must be between 0.25 and 1.5; you entered 3." in texts(at.error)
    assert any("1 problem(s) above" in text and "fixed in the editor" in text for text in texts(at.warning))
    at.button(key="import:confirm").click().run()
    assert draft(at) == {"speed": 3, "voice": "ash"}  # the unknown key is left out; the bad value stays to fix


@pytest.mark.parametrize(
    ("text", "says"),
    [("{\"voice\": ", "not valid JSON"), ("[1, 2]", "found a list"), ('{"type": "response.create"}', "not a session")],
)
def test_malformed_input_is_explained_and_changes_nothing(opened, text, says):
    at = paste(opened({"voice": "ash"}), text)
    [error] = [e for e in texts(at.error) if "Nothing can be imported" in e]
    assert says in error and "Your draft was not changed." in error
    assert "import:confirm" not in [b.key for b in at.button]
    assert draft(at) == {"voice": "ash"}


def test_sidebar_undo_brings_back_the_draft_an_import_replaced(opened):
    at = paste(opened({"voice": "ash"}), json.dumps({"voice": "coral", "speed": 1.2}))
    at.button(key="import:confirm").click().run()
    assert draft(at) == {"voice": "coral", "speed": 1.2}
    at.button(key="sidebar:undo").click().run()
    assert draft(at) == {"voice": "ash"}


def test_every_export_tab_shows_the_export_with_copy_and_download(opened):
    data = json.loads((VALID / "support_agent.json").read_text())
    at = opened(data)
    session = RealtimeSession.model_validate(data)
    assert [t.label for t in at.tabs] == [t.title for t in TARGETS.values()]
    for tab, target in zip(at.tabs, TARGETS.values(), strict=True):
        [code] = tab.code
        assert code.value == build(target.key, session).text.rstrip("\n")  # st.code drops the last newline
        assert code.language == target.language
        [download] = tab.get("download_button")
        assert not download.proto.disabled
        assert download.proto.label == f"Download {target.file_name}"


def test_tabs_say_what_they_cannot_carry_next_to_the_export(opened):
    at = opened({"temperature": 0.9, "voice": "ash"})
    by_title = {t.label: t for t in at.tabs}
    nested = unescape(by_title["Nested"].warning[0].value)
    assert "Not carried by this export" in nested and "temperature" in nested and "no temperature" in nested
    assert not by_title["Flat"].warning
    assert "Nothing of this draft is left out" in unescape(by_title["Flat"].caption[1].value)


def test_exports_are_disabled_and_explained_while_the_draft_is_invalid(opened):
    at = opened({"speed": 3})
    assert any("1 problem(s), so there is nothing to export yet" in text for text in texts(at.error))
    for tab in at.tabs:
        [download] = tab.get("download_button")
        assert download.proto.disabled
        assert not tab.code

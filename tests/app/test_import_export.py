"""The Import & export page in process: each shape imported, the report, confirm and undo, every export tab."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

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


# What each sample is detected as, written from the samples themselves.
DETECTED = {
    "client_secret_request": "the body of a client secret request (current API)",
    "client_secret_response": "a client secret response from the server (current API)",
    "flat_session": "a session of the beta (flat) shape, retired 2026-05-12",
    "flat_session_created": "a server event (session.created / session.updated) with a beta (flat) session",
    "flat_session_update": 'a "session.update" event with a beta (flat) session',
    "nested_session": "a session of the current API",
    "nested_session_update": 'a "session.update" event of the current API',
    "nested_session_updated": "a server event (session.created / session.updated) of the current API",
}


@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.json")), ids=lambda p: p.stem)
def test_each_shape_is_named_and_imported_only_on_confirm(opened, path):
    current = {"type": "realtime", "audio": {"output": {"voice": "ash", "speed": 1.3}}}
    at = paste(opened(json.loads(json.dumps(current))), path.read_text())
    assert any(DETECTED[path.stem] in text for text in texts(at.info))
    assert draft(at) == current  # nothing replaced before the user confirms
    at.button(key="import:confirm").click().run()
    loaded = draft(at)
    assert loaded["type"] == "realtime"  # a beta (flat) sample is converted by default
    assert "temperature" not in loaded and "id" not in loaded
    assert at.session_state["draft_previous"] == current
    assert any("Imported" in text for text in texts(at.success))
    assert not at.get("button") or "import:confirm" not in [b.key for b in at.button]


def test_a_current_session_loads_exactly_as_written(opened):
    at = paste(opened(), (SHAPES / "nested_session.json").read_text())
    at.button(key="import:confirm").click().run()
    assert draft(at) == json.loads((SHAPES / "nested_session.json").read_text())


def test_a_flat_config_is_converted_by_default_or_kept_flat_on_request(opened):
    text = (SHAPES / "flat_session.json").read_text()
    at = paste(opened(), text)
    assert at.radio(key="import:as").value == "convert"
    shown = markdown(at)
    assert "Converting to the current API" in shown
    assert '`input_audio_format` "g711_ulaw" became audio.input.format' in shown.replace("\\_", "_")
    at.button(key="import:confirm").click().run()
    assert draft(at) == {
        "type": "realtime",
        "instructions": "You are a cheerful barista taking coffee orders.",
        "audio": {"input": {"format": {"type": "audio/pcmu"},
                            "turn_detection": {"type": "server_vad", "silence_duration_ms": 600}},
                  "output": {"voice": "coral"}},
    }
    at = paste(opened(), text)
    at.radio(key="import:as").set_value("keep").run()
    at.button(key="import:confirm").click().run()
    assert draft(at) == json.loads(text)


def test_report_lists_drops_and_loaded_settings(opened):
    at = paste(opened(), (SHAPES / "nested_session_updated.json").read_text())
    text = markdown(at)
    assert "Loaded** (12)" in text and "Reply length limit (tokens)" in text
    assert "`session.id`" in text and "the server assigns the session id" in text
    assert "`session.object`" in text


def test_unknown_keys_get_did_you_mean_and_problems_are_shown_by_field(opened):
    at = paste(opened(), json.dumps({"type": "realtime", "instrutions": "Hi", "audio": {"output": {"speed": 3}}}))
    assert 'did you mean "instructions"?' in markdown(at)
    assert ("`audio.output.speed` Speaking speed must be between 0.25 and 1.5; you entered 3."
            in texts(at.error))
    assert any("1 problem(s) above" in text and "fixed in the editor" in text for text in texts(at.warning))
    at.button(key="import:confirm").click().run()
    # The unknown key is left out; the bad value stays to fix.
    assert draft(at) == {"type": "realtime", "audio": {"output": {"speed": 3}}}


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
    before = {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    at = paste(opened(json.loads(json.dumps(before))), json.dumps({"type": "realtime", "instructions": "Hi"}))
    at.button(key="import:confirm").click().run()
    assert draft(at) == {"type": "realtime", "instructions": "Hi"}
    at.button(key="sidebar:undo").click().run()
    assert draft(at) == before


CURRENT_TABS = ["session.update", "Session object", "Client secret", "calls (WebRTC)", "Python", "JS / TS", "curl",
                "JSON Schema"]
LEGACY_TABS = ["Flat session", "Flat, changes only", "session.update (flat)", "Flat JSON Schema"]
DRAFT = {"type": "realtime", "instructions": "Be brief.", "audio": {"output": {"voice": "marin"}},
         "tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://crm.example/mcp",
                    "authorization": "${CRM_TOKEN}"}]}


def code_of(tab) -> str:
    [code] = tab.code
    return code.value


def test_every_export_tab_shows_the_draft_with_copy_and_download(opened):
    at = opened(json.loads(json.dumps(DRAFT)))
    assert [t.label for t in at.tabs] == CURRENT_TABS + LEGACY_TABS
    tabs = {t.label: t for t in at.tabs}
    assert json.loads(code_of(tabs["Session object"])) == DRAFT
    assert json.loads(code_of(tabs["session.update"])) == {"type": "session.update", "session": DRAFT}
    assert json.loads(code_of(tabs["Client secret"])) == {
        "expires_after": {"anchor": "created_at", "seconds": 600}, "session": DRAFT}
    assert json.loads(code_of(tabs["calls (WebRTC)"])) == DRAFT
    assert json.loads(code_of(tabs["Flat session"])) == {"instructions": "Be brief.", "voice": "marin", "tools": []}
    assert 'os.environ["CRM_TOKEN"]' in code_of(tabs["Python"])
    assert "process.env.CRM_TOKEN" in code_of(tabs["JS / TS"])
    assert "https://api.openai.com/v1/realtime/client_secrets" in code_of(tabs["curl"])
    assert json.loads(code_of(tabs["JSON Schema"]))["title"] == "Realtime session (current API)"
    for tab in at.tabs:
        [download] = tab.get("download_button")
        assert not download.proto.disabled
        assert download.proto.label.startswith("Download ")
    assert "##### Legacy (retired 2026-05-12)" in texts(at.markdown)


def test_json_tabs_say_their_credentials_are_placeholders(opened):
    at = opened(json.loads(json.dumps(DRAFT)))
    tabs = {t.label: t for t in at.tabs}
    [note] = texts(tabs["Client secret"].info)
    assert note.startswith("Credentials are not in this file: `${CRM_TOKEN}` is a placeholder naming an environment "
                           "variable.")
    assert any("set `CRM_TOKEN` where this code runs" in c for c in texts(tabs["Python"].caption))


def test_a_transcription_draft_gets_only_the_tabs_that_fit(opened):
    at = opened({"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"}}}})
    assert [t.label for t in at.tabs] == ["session.update", "Session object", "Client secret", "Python", "JS / TS",
                                          "curl", "JSON Schema"]


def test_tabs_say_what_they_cannot_carry_next_to_the_export(opened):
    at = opened({"temperature": 0.9, "voice": "ash"})
    by_title = {t.label: t for t in at.tabs}
    nested = unescape(by_title["Session object"].warning[0].value)
    assert "Not carried by this export" in nested and "temperature" in nested
    assert "the current API has no temperature setting" in nested
    assert json.loads(code_of(by_title["Session object"])) == {"type": "realtime",
                                                               "audio": {"output": {"voice": "ash"}}}
    assert not by_title["Flat session"].warning
    assert json.loads(code_of(by_title["Flat session"])) == {"temperature": 0.9, "voice": "ash"}


def test_exports_are_disabled_and_explained_while_the_draft_is_invalid(opened):
    at = opened({"type": "realtime", "audio": {"output": {"speed": 3}}})
    assert any("1 problem(s), so there is nothing to export yet" in text for text in texts(at.error))
    for tab in at.tabs:
        [download] = tab.get("download_button")
        assert download.proto.disabled
        assert not tab.code

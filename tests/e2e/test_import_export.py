"""In Chromium: paste a current-API session.update, read the report, confirm, and take every export tab."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import StudioPage

SHAPES = Path(__file__).resolve().parents[1] / "corpus" / "shapes"

# Each tab, and text its code must show for the imported nested_session.json (values of that file).
TAB_SHOWS = {
    "session.update": ['"type": "session.update"', '"voice": "marin"', '"type": "audio/pcmu"'],
    "Session object": ['"instructions": "You are a cheerful barista taking coffee orders."', '"speed": 1.1'],
    "Client secret": ['"expires_after"', '"seconds": 600', '"name": "place_order"'],
    "calls (WebRTC)": ['"model": "gpt-realtime"', '"max_output_tokens": 500'],
    "Python": ["client.realtime.client_secrets.create(", '"voice": "marin",', "client.realtime.calls.create("],
    "JS / TS": ["client.realtime.clientSecrets.create(", '"voice": "marin"'],
    "curl": ["https://api.openai.com/v1/realtime/client_secrets", '"voice": "marin"'],
    "JSON Schema": ['"title": "Realtime session (current API)"'],
    "Flat session": ['"voice": "marin"', '"input_audio_format": "g711_ulaw"', '"tool_choice": "place_order"'],
    "session.update (flat)": ['"type": "session.update"', '"output_audio_format": "g711_ulaw"'],
}


def open_import_export(studio: StudioPage) -> None:
    studio.open()
    studio.page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Import & export").click()
    studio.settle()
    expect(studio.page.get_by_role("heading", name="Import & export")).to_be_visible()


def test_paste_confirm_and_take_every_export(studio: StudioPage, tmp_path):
    page = studio.page
    open_import_export(studio)
    text = (SHAPES / "nested_session.json").read_text()
    box = page.get_by_label("Paste a config (JSON)")
    box.fill(json.dumps({"type": "session.update", "event_id": "event_9", "session": json.loads(text)}))
    box.press("Control+Enter")
    studio.settle()

    expect(page.get_by_text('Detected: a "session.update" event of the current API')).to_be_visible()
    expect(page.get_by_text("it labels one event on the wire, not the session").first).to_be_visible()

    page.get_by_role("button", name="Replace my draft with this import").click()
    studio.settle()
    expect(page.get_by_text("Imported: this is now your draft.")).to_be_visible()
    expect(page.get_by_role("button", name="Undo: bring back the previous draft")).to_be_visible()

    for title, shows in TAB_SHOWS.items():
        page.get_by_role("tab", name=title, exact=True).click()
        panel = page.get_by_role("tabpanel", name=title)
        for snippet in shows:
            expect(panel.get_by_test_id("stCode")).to_contain_text(snippet)
        expect(panel.get_by_role("button", name="Download")).to_be_enabled()

    page.get_by_role("tab", name="session.update", exact=True).click()
    panel = page.get_by_role("tabpanel", name="session.update")
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download session-update.json").click()
    saved = tmp_path / "update.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text()) == {"type": "session.update", "session": json.loads(text)}
    page.screenshot(path=str(tmp_path / "import_export.png"), full_page=True)


def test_uploaded_server_event_is_reported_and_bad_paste_changes_nothing(studio: StudioPage):
    page = studio.page
    open_import_export(studio)
    box = page.get_by_label("Paste a config (JSON)")
    box.fill('{"voice": ')
    box.press("Control+Enter")
    studio.settle()
    expect(page.get_by_text("Nothing can be imported: this is not valid JSON")).to_be_visible()
    expect(page.get_by_role("button", name="Replace my draft with this import")).to_have_count(0)

    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(SHAPES / "flat_session_created.json"))
    studio.settle()
    expect(page.get_by_text("Detected: a server event (session.created / session.updated) with a beta (flat) "
                            "session")).to_be_visible()
    expect(page.get_by_text("Reading the uploaded file flat_session_created.json")).to_be_visible()
    expect(page.get_by_text("the server assigns the session id").first).to_be_visible()
    expect(page.get_by_text("Convert to the current API")).to_be_visible()

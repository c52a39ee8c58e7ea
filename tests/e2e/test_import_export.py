"""In Chromium: paste a nested session.update, read the report, confirm, and take every export tab."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from session_model.importing import import_config
from session_model.models import RealtimeSession
from session_model.targets import TARGETS, build
from tests.e2e.conftest import StudioPage

SHAPES = Path(__file__).resolve().parents[1] / "corpus" / "shapes"


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
    box.fill(text)
    box.press("Control+Enter")
    studio.settle()

    expect(page.get_by_text('Detected: a nested session object (the newer shape, "type": "realtime")')).to_be_visible()
    expect(page.get_by_text('{"type": "audio/pcmu"} became input_audio_format "g711_ulaw"').first).to_be_visible()
    expect(page.get_by_text("Draft is valid · 0 setting(s) set")).to_be_visible()  # untouched until confirm

    page.get_by_role("button", name="Replace my draft with this import").click()
    studio.settle()
    expect(page.get_by_text("Imported: this is now your draft.")).to_be_visible()
    expect(page.get_by_role("button", name="Undo: bring back the previous draft")).to_be_visible()

    session = RealtimeSession.model_validate(import_config(text).data)
    for target in TARGETS.values():
        page.get_by_role("tab", name=target.title, exact=True).click()
        panel = page.get_by_role("tabpanel", name=target.title)
        expect(panel.get_by_test_id("stCode")).to_contain_text(build(target.key, session).text.splitlines()[1].strip())
        expect(panel.get_by_role("button", name=f"Download {target.file_name}")).to_be_enabled()

    page.get_by_role("tab", name="session.update (nested)", exact=True).click()
    panel = page.get_by_role("tabpanel", name="session.update (nested)")
    with page.expect_download() as info:
        panel.get_by_role("button", name="Download session-update.nested.json").click()
    saved = tmp_path / "update.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text()) == build("nested-session-update", session).data
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
    expect(page.get_by_text("Detected: a server event (session.created / session.updated) with a flat session")) \
        .to_be_visible()
    expect(page.get_by_text("Reading the uploaded file flat_session_created.json")).to_be_visible()
    expect(page.get_by_text("the server assigns the session id").first).to_be_visible()

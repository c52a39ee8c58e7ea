"""Browser journeys for the library, compare and share: what a persona designer does over a day."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import StudioPage, wait_for_app

HEADINGS = {"Editor": "Persona editor", "Presets": "Presets", "Library": "Persona library", "Compare": "Compare"}


def go_to(studio: StudioPage, page_title: str) -> None:
    studio.page.get_by_test_id("stSidebarNav").get_by_role("link", name=page_title).click()
    expect(studio.page.get_by_role("heading", name=HEADINGS[page_title], exact=True)).to_be_visible()
    studio.settle()


def start_from_preset(studio: StudioPage, name: str) -> None:
    go_to(studio, "Presets")
    heading = studio.page.get_by_role("heading", name=name)
    card = heading.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")  # the card around it
    card.get_by_role("button", name="Start from this").click()
    studio.settle()
    expect(studio.page.get_by_text(f'"{name}" is now your draft')).to_be_visible()


def type_into(studio: StudioPage, label: str, text: str) -> None:
    box = studio.page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")
    studio.settle()


def preview(studio: StudioPage) -> dict:
    go_to(studio, "Editor")
    expect(studio.page.get_by_test_id("stCode").last).to_contain_text("{")
    return json.loads(studio.preview_text())


def test_save_reload_find_edit_save_again_compare_and_restore(studio: StudioPage, tmp_path: Path):
    page = studio.open().page
    start_from_preset(studio, "Museum kiosk in a noisy hall")

    go_to(studio, "Library")
    type_into(studio, "Name", "Kiosk north hall")
    type_into(studio, "Tags", "museum, noisy")
    type_into(studio, "Change note", "first take")
    page.get_by_role("button", name="Save as a new persona").click()
    studio.settle()
    expect(page.get_by_text('Created "Kiosk north hall" version 1')).to_be_visible()
    page.screenshot(path=str(tmp_path / "library.png"), full_page=True)

    address = page.url
    assert "draft=" in address
    page.reload()
    wait_for_app(page)
    assert page.url == address
    expect(page.get_by_role("button", name="Save as version 2 of “Kiosk north hall”")).to_be_visible()

    type_into(studio, "Search", "museum")
    card = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has_text="Kiosk north hall")
        .filter(has=page.get_by_role("button", name="Open"))
    )
    card.get_by_role("button", name="Open").last.click()
    studio.settle()
    expect(page.get_by_role("heading", name="Kiosk north hall")).to_be_visible()

    assert preview(studio)["audio"]["output"]["voice"] == "coral"
    studio.section("Voice and speech")
    studio.choose_in("f.audio.output.voice:pick", "sage")
    studio.expect_preview_contains('"voice": "sage"')

    go_to(studio, "Library")
    type_into(studio, "Change note", "calmer voice")
    page.get_by_role("button", name="Save as version 2 of “Kiosk north hall”").click()
    studio.settle()
    expect(page.get_by_text('Saved "Kiosk north hall" version 2')).to_be_visible()

    studio.choose("Version", re.compile(r"^v1 "))
    studio.choose("Compare version 1 with", "version 2")
    page.get_by_role("button", name="Compare", exact=True).click()
    studio.settle()
    expect(page.get_by_role("heading", name="Compare", exact=True)).to_be_visible()
    changed = page.locator("tr.cmp-differs")
    expect(changed).to_have_count(1)
    expect(changed.first).to_contain_text("Voice")
    expect(changed.first).to_contain_text("coral")
    expect(changed.first).to_contain_text("sage")
    expect(page.get_by_text("The instructions are the same.")).to_be_visible()
    page.screenshot(path=str(tmp_path / "compare.png"), full_page=True)

    go_to(studio, "Library")
    studio.choose("Version", re.compile(r"^v1 "))
    page.get_by_role("button", name="Load version 1 into the draft").click()
    studio.settle()
    expect(page.get_by_text('Loaded "Kiosk north hall" version 1 into the draft')).to_be_visible()
    assert preview(studio)["audio"]["output"]["voice"] == "coral"


def share_link(studio: StudioPage) -> str:
    studio.page.get_by_test_id("stSidebar").get_by_role("button", name="Share link").click()
    box = studio.page.get_by_test_id("stPopoverBody").get_by_role("textbox")
    expect(box).to_have_value(re.compile(r"\?share=1\."))
    link = box.input_value()
    studio.page.keyboard.press("Escape")
    return link


def test_a_share_link_opens_the_same_config_in_a_new_browser_context(studio: StudioPage, browser: Browser):
    studio.open()
    start_from_preset(studio, "Push-to-talk walkie-talkie")
    mine = preview(studio)
    link = share_link(studio)

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        theirs = StudioPage(other.new_page(), studio.base_url)
        theirs.page.goto(link)
        wait_for_app(theirs.page)
        expect(theirs.page.get_by_text("Opened a shared config")).to_be_visible()
        assert json.loads(theirs.preview_text()) == mine
        assert mine["audio"]["input"]["turn_detection"] is None
        assert "share=" not in theirs.page.url and "draft=" in theirs.page.url
    finally:
        other.close()


def test_a_tampered_share_link_says_so_and_leaves_the_draft_alone(studio: StudioPage, page: Page):
    studio.open()
    link = studio.base_url + "/?share=1.eNqrVkrLz1eyUgpKzEvOULIyMjDQUSpILUrOz0nVUSpJLS4BAD3LDe0"
    page.goto(link[:-7])
    wait_for_app(page)
    expect(page.get_by_text("The share link").first).to_be_visible()
    expect(page.get_by_text("draft is unchanged").first).to_be_visible()
    assert json.loads(studio.preview_text()) == {"type": "realtime"}


def test_a_preset_started_after_the_editor_was_shown_survives_the_next_change(studio: StudioPage):
    # The editor's widgets were drawn once with the blank draft; the browser must not send
    # those old values back after a preset replaced the draft on another page.
    studio.open()
    start_from_preset(studio, "Museum kiosk in a noisy hall")
    go_to(studio, "Editor")
    studio.section("Voice and speech")
    speed = studio.widget("f.audio.output.speed:number").get_by_role("spinbutton")
    speed.fill("1.2")
    speed.press("Enter")
    studio.settle()
    studio.expect_preview_contains('"speed": 1.2')
    session = preview(studio)
    assert session["instructions"].startswith("You are the information kiosk")
    assert session["audio"]["input"]["noise_reduction"] == {"type": "far_field"}
    assert "output_modalities" not in session

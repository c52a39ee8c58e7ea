"""A new user in Chromium: open the studio, set voice, speed and turn-taking, download the JSON."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.e2e.conftest import StudioPage


def test_new_user_sets_voice_speed_and_turn_taking_and_downloads_them(studio: StudioPage, tmp_path):
    page = studio.open().page
    expect(page.get_by_role("heading", name="Persona editor")).to_be_visible()
    expect(page.get_by_text("Valid: ready to export")).to_be_visible()

    studio.choose("Voice", "marin", exact=True)
    studio.expect_preview_contains('"voice": "marin"')

    speed = studio.widget("f.speed:number").get_by_label("Exact value")
    speed.fill("1.25")
    speed.press("Enter")
    studio.settle()
    studio.expect_preview_contains('"speed": 1.25')
    # The preview of a valid draft is sent before the form: wait for the slider too, or the next
    # click would send the slider's old value back (a person cannot click that fast).
    expect(studio.widget("f.speed:slider").get_by_test_id("stSliderThumbValue")).to_have_text("1.25")

    page.get_by_text("Semantic VAD (meaning)", exact=True).click()
    studio.settle()
    page.get_by_text("low", exact=True).click()
    studio.settle()
    studio.expect_preview_contains('"eagerness": "low"')

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download JSON").click()
    target = tmp_path / "session.json"
    download_info.value.save_as(target)
    assert json.loads(target.read_text()) == {
        "voice": "marin",
        "speed": 1.25,
        "turn_detection": {"type": "semantic_vad", "eagerness": "low"},
    }
    page.screenshot(path=str(tmp_path / "editor.png"), full_page=True)


def test_invalid_entry_is_explained_and_export_is_disabled(studio: StudioPage):
    page = studio.open().page
    temperature = studio.widget("f.temperature:number").get_by_label("Exact value")
    temperature.fill("1.5")
    temperature.press("Enter")
    studio.settle()
    expect(page.get_by_text("Temperature must be between 0.6 and 1.2; you entered 1.5.").first).to_be_visible()
    expect(page.get_by_role("button", name="Download JSON")).to_be_disabled()


def test_slider_and_exact_entry_stay_in_step_in_the_browser(studio: StudioPage):
    studio.open()
    exact = studio.widget("f.temperature:number").get_by_label("Exact value")
    exact.fill("1.0")
    exact.press("Enter")
    studio.settle()
    expect(studio.widget("f.temperature:slider").get_by_test_id("stSliderThumbValue")).to_have_text("1.00")
    slider = studio.widget("f.temperature:slider").get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    studio.settle()
    expect(exact).to_have_value("1.01")
    studio.expect_preview_contains('"temperature": 1.01')
    studio.widget("f.temperature:reset").get_by_role("button", name="↺").click()
    studio.settle()
    expect(studio.widget("f.temperature:slider").get_by_test_id("stSliderThumbValue")).to_have_text("0.80")
    studio.expect_preview_contains("{}")

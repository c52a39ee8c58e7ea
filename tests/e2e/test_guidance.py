"""A persona designer moves the silence slider with the keyboard and watches the turn-taking chart change."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import StudioPage

SILENCE_BARS = "[data-testid='stVegaLiteChart'] path[aria-label*='lane: Silence that ends the turn']"


def silence_bars(studio: StudioPage) -> list[str]:
    """The accessible descriptions Vega gives the chart's 'silence that ends the turn' bars (their data)."""
    return studio.page.locator(SILENCE_BARS).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")


def test_silence_slider_redraws_the_turn_taking_chart(studio: StudioPage, tmp_path):
    page = studio.open().page
    studio.section("Conversation and turn-taking")
    page.get_by_text("Server VAD (silence)", exact=True).click()
    studio.settle()
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_attribute("aria-label", re.compile("after 500 ms of silence"))
    expect(page.locator(SILENCE_BARS).first).to_have_attribute("aria-label", re.compile(r"To \(s\): 3\.40"))
    before = silence_bars(studio)

    thumb = page.get_by_role("slider", name="Silence that ends a turn (ms)")
    thumb.focus()
    for value in (550, 600, 650, 700):  # one step at a time: each key press is a rerun of the app
        thumb.press("ArrowRight")
        studio.expect_preview_contains(f'"silence_duration_ms": {value}')

    expect(chart).to_have_attribute("aria-label", re.compile("after 700 ms of silence"), timeout=15_000)
    expect(page.locator(SILENCE_BARS).first).to_have_attribute("aria-label", re.compile(r"To \(s\): 3\.60"))
    assert silence_bars(studio) != before
    expect(page.get_by_text("The turn ends after 700 ms of silence", exact=False)).to_be_visible()
    chart.screenshot(path=str(tmp_path / "chart.png"))


def test_advice_fix_and_suggestion_in_the_browser(studio: StudioPage):
    page = studio.open().page
    studio.section("Conversation and turn-taking")
    page.get_by_role("button", name="Fast sales conversation").click()
    studio.settle()
    studio.expect_preview_contains('"silence_duration_ms": 400')
    page.get_by_text("Off (push-to-talk)", exact=True).click()
    studio.settle()
    expect(page.get_by_text("Turn-taking is off").first).to_be_visible()
    page.get_by_role("button", name="Turn on Server VAD").click()
    studio.settle()
    studio.expect_preview_contains('"type": "server_vad"')
    expect(page.get_by_text("Turn-taking is off")).to_have_count(0)

"""A new user in Chromium: design a persona on the current API and download it, as a deployment sends it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from openai.types.realtime import RealtimeSessionCreateRequest
from playwright.sync_api import expect

from tests.e2e.conftest import StudioPage

ROOT = Path(__file__).resolve().parents[2]


def test_new_user_sets_voice_speed_and_turn_taking_and_downloads_them(studio: StudioPage, tmp_path):
    page = studio.open().page
    expect(page.get_by_role("heading", name="Persona editor")).to_be_visible()
    expect(page.get_by_text("Valid: ready to export")).to_be_visible()

    studio.section("Voice and speech")
    studio.pick_radio("f.audio.output.voice:presence", "Built-in voice")
    studio.choose_in("f.audio.output.voice:pick", "marin")
    studio.expect_preview_contains('"voice": "marin"')

    speed = studio.widget("f.audio.output.speed:number").get_by_label("Exact value")
    speed.fill("1.25")
    speed.press("Enter")
    studio.settle()
    studio.expect_preview_contains('"speed": 1.25')
    # The preview of a valid draft is sent before the form: wait for the slider too, or the next
    # click would send the slider's old value back (a person cannot click that fast).
    expect(studio.widget("f.audio.output.speed:slider").get_by_test_id("stSliderThumbValue")).to_have_text("1.25")

    studio.section("Conversation and turn-taking")
    studio.pick_radio("f.audio.input.turn_detection:presence", "Semantic VAD (meaning)")
    studio.pick_radio("f.audio.input.turn_detection.eagerness", "low")
    studio.expect_preview_contains('"eagerness": "low"')

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download JSON").click()
    target = tmp_path / "session.json"
    download_info.value.save_as(target)
    assert json.loads(target.read_text()) == {
        "type": "realtime",
        "audio": {
            "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}},
            "output": {"voice": "marin", "speed": 1.25},
        },
    }
    page.screenshot(path=str(tmp_path / "editor.png"), full_page=True)


def test_invalid_entry_is_explained_and_export_is_disabled(studio: StudioPage):
    page = studio.open().page
    studio.section("Voice and speech")
    speed = studio.widget("f.audio.output.speed:number").get_by_label("Exact value")
    speed.fill("1.9")
    speed.press("Enter")
    studio.settle()
    expect(page.get_by_text("Speaking speed must be between 0.25 and 1.5; you entered 1.9.").first).to_be_visible()
    expect(page.get_by_role("button", name="Download JSON")).to_be_disabled()


def test_slider_and_exact_entry_stay_in_step_in_the_browser(studio: StudioPage):
    studio.open()
    studio.section("Voice and speech")
    exact = studio.widget("f.audio.output.speed:number").get_by_label("Exact value")
    exact.fill("1.0")
    exact.press("Enter")
    studio.settle()
    expect(studio.widget("f.audio.output.speed:slider").get_by_test_id("stSliderThumbValue")).to_have_text("1.00")
    slider = studio.widget("f.audio.output.speed:slider").get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    studio.settle()
    expect(exact).to_have_value("1.05")
    studio.expect_preview_contains('"speed": 1.05')
    studio.widget("f.audio.output.speed:reset").get_by_role("button", name="↺").click()
    studio.settle()
    expect(studio.widget("f.audio.output.speed:slider").get_by_test_id("stSliderThumbValue")).to_have_text("1.00")
    studio.expect_preview_contains('"type": "realtime"')
    expect(studio.page.get_by_test_id("stCode").last).not_to_contain_text("speed")


def test_reasoning_agent_with_mcp_tool_custom_voice_exported_as_session_update(studio: StudioPage, tmp_path):
    """The issue's journey: gpt-realtime-2 with reasoning, an MCP tool whose token is a placeholder,
    semantic VAD and a custom voice id; the session.update download is parsed by the official SDK."""
    page = studio.open().page
    studio.choose_in("f.model:pick", "gpt-realtime-2")
    studio.pick_radio("f.reasoning.effort", "low")
    studio.section("Voice and speech")
    studio.pick_radio("f.audio.output.voice:presence", "Custom voice (id)")
    studio.fill("f.audio.output.voice.id", "voice_3c9f")
    studio.section("Conversation and turn-taking")
    studio.pick_radio("f.audio.input.turn_detection:presence", "Semantic VAD (meaning)")

    studio.section("Tools")
    studio.widget("f.tools:add:mcp").get_by_role("button").click()
    studio.settle()
    studio.fill("f.tools.0.server_label", "docs")
    studio.fill("f.tools.0.server_url", "https://docs.example.com/mcp")
    studio.fill("f.tools.0.authorization", "hunter2-literal-token")
    expect(page.get_by_text("Access token (environment variable) is not in the expected form").first).to_be_visible()
    expect(page.get_by_role("button", name="Download JSON")).to_be_disabled()
    studio.fill("f.tools.0.authorization", "${DOCS_MCP_TOKEN}")
    expect(page.get_by_text("Valid: ready to export")).to_be_visible()
    studio.expect_preview_contains('"authorization": "${DOCS_MCP_TOKEN}"')

    studio.go_to("Import & export")
    tab = page.get_by_role("tab", name="session.update", exact=True)
    tab.click()
    with page.expect_download() as download_info:
        studio.widget("export:session-update:download").get_by_role("button").click()
    target = tmp_path / "session_update.json"
    download_info.value.save_as(target)
    text = target.read_text()
    event = json.loads(text)
    assert event["type"] == "session.update"
    session = RealtimeSessionCreateRequest.model_validate(event["session"])
    assert session.model == "gpt-realtime-2"
    assert session.reasoning is not None and session.reasoning.effort == "low"
    assert session.audio.output.voice.id == "voice_3c9f"
    assert session.audio.input.turn_detection.type == "semantic_vad"
    [mcp] = session.tools
    assert (mcp.type, mcp.server_label, mcp.server_url) == ("mcp", "docs", "https://docs.example.com/mcp")
    assert mcp.authorization == "${DOCS_MCP_TOKEN}"
    assert "hunter2" not in text


def test_one_section_at_a_time_in_the_address_with_back_forward_links_and_a_finder(studio: StudioPage):
    page = studio.open().page
    expect(studio.widget("f.instructions")).to_be_visible()  # a new draft opens on Persona
    studio.section("Voice and speech")
    expect(page).to_have_url(re.compile(r"section=voice-and-speech"))
    studio.section("Tools")
    expect(studio.widget("f.tools:add:function")).to_be_visible()
    expect(studio.widget("f.audio.output.speed:slider")).to_have_count(0)  # only the chosen section is drawn

    page.go_back()
    studio.settle()
    expect(page).to_have_url(re.compile(r"section=voice-and-speech"))
    expect(studio.widget("f.audio.output.speed:slider")).to_be_visible()
    expect(studio.widget("f.tools:add:function")).to_have_count(0)
    page.go_forward()
    studio.settle()
    expect(studio.widget("f.tools:add:function")).to_be_visible()

    studio.open("?section=audio-input")  # a link opens its section
    expect(studio.widget("f.audio.input.noise_reduction:presence")).to_be_visible()

    finder = page.get_by_label("Find a setting", exact=True)
    finder.fill("speed")
    finder.press("Enter")
    studio.settle()
    page.get_by_role("button", name="Speaking speed").click()
    studio.settle()
    expect(page).to_have_url(re.compile(r"section=voice-and-speech"))
    expect(page.get_by_text("Found Speaking speed")).to_be_visible()
    expect(studio.widget("f.audio.output.speed:slider").get_by_role("slider")).to_be_focused()


def test_going_through_every_section_twice_leaves_the_draft_as_it_was(studio: StudioPage):
    # Each section's widgets are drawn afresh when it is shown again; none of them may write a
    # default of its own into the draft on the way (a regression seen with a fragment-only switch).
    from tests.e2e.test_library import start_from_preset

    studio.open()
    start_from_preset(studio, "Developer docs expert")
    studio.go_to("Editor")
    before = json.loads(studio.preview_text())
    titles = ["Voice and speech", "Conversation and turn-taking", "Audio input", "Tools", "Advanced", "Persona"]
    for title in titles + titles:  # it opens on Persona
        studio.section(title)
    assert json.loads(studio.preview_text()) == before
    expect(studio.page.get_by_text("Valid: ready to export")).to_be_visible()
    if os.environ.get("STUDIO_SCREENSHOTS"):  # the README's picture: the navigator with its badges
        studio.section("Tools")
        studio.page.set_viewport_size({"width": 1400, "height": 1000})
        studio.settle()
        studio.page.screenshot(path=str(ROOT / "docs" / "editor.png"))

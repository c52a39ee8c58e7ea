"""A live call in Chromium against the fake Realtime API: real WebRTC, a fake microphone, no network.

The studio runs with ``OPENAI_API_KEY=sk-test-...`` and ``OPENAI_BASE_URL`` pointing at the fake
(tests/support/fake_realtime.py): the path differs from a real call only by its base URL.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect

from session_model import share
from session_model.presets import presets
from tests.e2e.conftest import RUN_COUNTER, StudioPage
from tests.e2e.test_accessibility import assert_accessible, axe_source  # noqa: F401  (fixture)
from tests.support.fake_realtime import FakeRealtime, fake_realtime
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

KEY = "sk-test-" + "L1veCa11" * 6
MEDIA_ARGS = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
    "--allow-loopback-in-peer-connection",
]
ORDER_TOOL = {
    "type": "function",
    "name": "lookup_order",
    "description": "Find an order by its number",
    "parameters": {"type": "object", "properties": {"order_id": {"type": "integer"}}, "required": ["order_id"]},
}
DRAFT = {
    "type": "realtime",
    "instructions": "You are a shop assistant. Be brief.",
    "audio": {"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 500}},
              "output": {"voice": "marin"}},
    "tools": [ORDER_TOOL],
}
AUDIBLE = re.compile(r"^(0\.0[1-9]|0\.[1-9]|1)")  # a meter's peak level above 1 %
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRealtime]:
    with fake_realtime(KEY) as server:
        yield server


@pytest.fixture(scope="module")
def live_studio(fake: FakeRealtime, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """A studio whose server holds the key and talks to the fake; its log and data folder for the key checks."""
    data = tmp_path_factory.mktemp("live")
    log = data / "streamlit.log"
    env = {"STUDIO_DATABASE_URL": f"sqlite:///{data / 'library.db'}", "STUDIO_DATA_DIR": str(data),
           "OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake.base_url, "STUDIO_CALL_CAP_SECONDS": "120"}
    with streamlit_server("app.py", env=env, log=log) as (url, _process):
        yield url, log, data


@pytest.fixture(scope="module")
def media_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium with a fake microphone, autoplay and loopback WebRTC allowed."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *MEDIA_ARGS])
    yield browser
    browser.close()


@pytest.fixture
def call_page(media_browser: Browser) -> Iterator[Page]:
    context = media_browser.new_context(viewport={"width": 1400, "height": 1000}, permissions=["microphone"])
    context.add_init_script(RUN_COUNTER)
    page = context.new_page()
    yield page
    context.close()


def shadow_text(page: Page) -> str:
    """The whole DOM as HTML, shadow roots included (the call component draws in one)."""
    return page.evaluate("""() => {
      const walk = (root) => Array.from(root.querySelectorAll('*')).map(
        (el) => el.shadowRoot ? el.outerHTML + walk(el.shadowRoot) : '').join('');
      return document.documentElement.outerHTML + walk(document);
    }""")


def events(page: Page):
    return page.get_by_test_id("stCode").filter(has_text="session.created")


def say(studio: StudioPage, text: str) -> None:
    entry = studio.page.get_by_label("Say (type a message)")
    entry.fill(text)
    entry.press("Enter")
    studio.settle()


def test_a_live_call_with_transcripts_tools_and_a_mid_call_change(
    call_page: Page, live_studio: tuple[str, Path, Path], fake: FakeRealtime, axe_source: str  # noqa: F811
):
    url, log, data = live_studio
    requests: list[dict] = []
    call_page.on("request", lambda r: requests.append(
        {"url": r.url, "headers": r.all_headers(), "body": r.post_data or ""}))
    studio = StudioPage(call_page, url).open(f"try_it?{share.PARAM}={share.encode(DRAFT)}")
    page = studio.page
    expect(page.get_by_text("Calls are billed to the OpenAI API key")).to_be_visible()

    page.get_by_role("button", name="Start call").click()
    studio.settle()
    expect(page.locator("section.call")).to_have_attribute("data-state", "live", timeout=30_000)

    # The fake hears about a second of the microphone, then both sides speak.
    transcript = page.get_by_test_id("stMain")
    expect(transcript.get_by_text("Hello from the microphone")).to_be_visible(timeout=30_000)
    expect(transcript.get_by_text("Hello! I heard you.")).to_be_visible()
    expect(events(page)).to_contain_text("input_audio_buffer.speech_started")
    expect(events(page)).to_contain_text("input_audio_buffer.speech_stopped")
    expect(events(page)).to_contain_text("response.done: completed, 42 tokens (30 input, 12 output)")
    expect(page.locator("meter.mic")).to_have_attribute("data-peak", AUDIBLE)
    assert fake.calls[0].mic_frames >= 50

    # A function call whose arguments fit the schema, answered with typed JSON.
    say(studio, 'call the tool lookup_order {"order_id": 7}')
    expect(page.get_by_text("The arguments match the tool's JSON Schema.")).to_be_visible(timeout=20_000)
    page.get_by_label("Result to send (JSON)").fill('{"status": "shipped"}')
    page.get_by_role("button", name="Send result").click()
    studio.settle()
    expect(transcript.get_by_text('The tool said: {"status": "shipped"}')).to_be_visible(timeout=20_000)
    expect(events(page)).to_contain_text("function result sent for call_")

    # The agent's voice reached the page (its replies are a tone, 1 s each; the meter keeps its peak).
    expect(page.locator("meter.agent")).to_have_attribute("data-peak", AUDIBLE)

    # One whose arguments do not: a persona bug, flagged; typed JSON that does not parse is refused.
    say(studio, 'call the tool lookup_order {"order_id": "seven"}')
    expect(page.get_by_text("Persona bug: the arguments do not match the tool's JSON Schema: "
                            "order_id: 'seven' is not of type 'integer'")).to_be_visible(timeout=20_000)
    page.get_by_label("Result to send (JSON)").fill("{not json")
    page.get_by_role("button", name="Send result").click()
    studio.settle()
    expect(page.get_by_text("The result is not JSON")).to_be_visible()
    page.get_by_label("Result to send (JSON)").fill('{"error": "no such order"}')
    page.get_by_role("button", name="Send result").click()
    studio.settle()
    expect(transcript.get_by_text('The tool said: {"error": "no such order"}')).to_be_visible(timeout=20_000)

    # Change the silence duration mid-call: a session.update goes out and the fake confirms it.
    page.get_by_text("Conversation and turn-taking").click()
    thumb = page.get_by_role("slider", name="Silence that ends a turn (ms)")
    thumb.focus()
    thumb.press("ArrowRight")
    studio.settle()
    expect(events(page)).to_contain_text(
        "session.update sent: audio.input.turn_detection.type, audio.input.turn_detection.silence_duration_ms",
        timeout=20_000)
    expect(events(page)).to_contain_text(re.compile(r"session\.update sent[^\n]*\nsession\.updated"))
    updates = [e for e in fake.calls[0].received if e["type"] == "session.update"]
    assert [u["session"]["audio"]["input"]["turn_detection"] for u in updates] == [
        {"type": "server_vad", "silence_duration_ms": 550}]

    # The call lives in the sidebar: it keeps running on the Editor page, and an edit there reaches it.
    studio.go_to("Editor")
    expect(page.locator("section.call")).to_have_attribute("data-state", "live")
    studio.section("Voice and speech")
    expect(page.locator("section.call")).to_have_attribute("data-state", "live")
    speed = page.get_by_role("slider", name="Speaking speed")
    speed.focus()
    speed.press("ArrowRight")
    studio.settle()
    studio.go_to("Try it")
    expect(events(page)).to_contain_text("session.update sent: audio.output.speed", timeout=20_000)
    assert [e["session"] for e in fake.calls[0].received if e["type"] == "session.update"][-1] == {
        "type": "realtime", "audio": {"output": {"speed": 1.05}}}
    expect(page.locator("section.call")).to_have_attribute("data-state", "live")
    assert_accessible(studio, axe_source, "Try it, a call in progress with answered tool calls")

    if os.environ.get("STUDIO_SCREENSHOTS"):  # the README's picture: a call in progress against the fake
        page.set_viewport_size({"width": 1400, "height": 1500})
        page.get_by_role("heading", name="Try it").scroll_into_view_if_needed()
        page.screenshot(path=str(DOCS / "try_it.png"))

    page.locator("section.call").get_by_role("button", name="Stop").click()
    expect(page.locator("section.call")).to_have_attribute("data-state", "ended")
    expect(events(page)).to_contain_text("call ended: stopped by you", timeout=20_000)
    studio.settle()

    # The API key is nowhere the browser can see, nor in the log or the autosave.
    assert KEY not in shadow_text(page)
    assert requests and not [r for r in requests if KEY in json.dumps(r)]
    [offer] = [r for r in requests if r["url"] == f"{fake.base_url}/realtime/calls"]
    assert offer["headers"]["authorization"].startswith("Bearer ek_")
    assert KEY not in log.read_text(errors="replace")
    stored = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert b"lookup_order" in stored  # the autosave is there, and holds the draft
    assert KEY.encode() not in stored
    minted = [r for r in fake.requests if r["path"] == "/v1/realtime/client_secrets"]
    assert [r["headers"]["Authorization"] for r in minted] == [f"Bearer {KEY}"]

    # Keep what you heard: these settings were never saved, so they are saved with the note, and the
    # Library shows the note beside that version.
    for label, text in (("What you noticed (optional)", "Answers the order tool well."),
                        ("Persona to save the call's settings under", "Shop assistant")):
        box = page.get_by_label(label, exact=True)
        box.fill(text)
        box.press("Tab")
        studio.settle()
    page.get_by_role("button", name="Save the settings and keep the note").click()
    studio.settle()
    expect(page.get_by_text('Kept this call as a test note on "Shop assistant" version 1.')).to_be_visible()
    studio.go_to("Library")
    card = (page.get_by_test_id("stVerticalBlock").filter(has_text="Shop assistant")
            .filter(has=page.get_by_role("button", name="Open")))
    card.get_by_role("button", name="Open").last.click()
    studio.settle()
    page.get_by_text("Test calls of version 1 (1)").click()
    expect(page.get_by_text("Answers the order tool well.")).to_be_visible()
    expect(page.get_by_test_id("stExpander").get_by_text('The tool said: {"status": "shipped"}')).to_be_visible()


def test_try_a_on_the_compare_page_calls_that_side_and_the_call_follows_to_the_try_it_page(
    call_page: Page, live_studio: tuple[str, Path, Path], fake: FakeRealtime
):
    url, _log, _data = live_studio
    studio = StudioPage(call_page, url).open("compare")
    page = studio.page
    before = len(fake.calls)
    preset = presets()[0]  # the left side starts on the first preset
    expect(page.get_by_text(f"A · Preset: {preset.name}")).to_be_visible()
    page.get_by_role("button", name="Try A").click()
    studio.settle()
    dock = page.locator("section.call")
    expect(dock).to_have_attribute("data-state", "live", timeout=30_000)
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Live call with A: Preset: {preset.name}")
    minted = [r for r in fake.requests if r["path"] == "/v1/realtime/client_secrets"][-1]
    assert json.loads(minted["body"])["session"] == preset.session
    assert len(fake.calls) == before + 1

    page.get_by_test_id("stSidebar").get_by_role("link", name="Transcript, tools and events").click()
    studio.settle()
    expect(page.get_by_text(f"A call with A: Preset: {preset.name}, started from the Compare page.")).to_be_visible()
    expect(page.get_by_test_id("stMain").get_by_text("Hello! I heard you.")).to_be_visible(timeout=30_000)
    dock.get_by_role("button", name="Stop").click()
    expect(dock).to_have_attribute("data-state", "ended")
    studio.settle()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Close").click()
    studio.settle()
    expect(dock).to_have_count(0)


MCP_DRAFT = {
    "type": "realtime",
    "instructions": "Answer from the docs.",
    "output_modalities": ["text"],
    "tools": [{"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp",
               "require_approval": "always"}],
}


@pytest.fixture(scope="module")
def short_studio(fake: FakeRealtime, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A studio whose calls stop after 10 seconds, the shortest cap the setting allows."""
    data = tmp_path_factory.mktemp("short")
    env = {"STUDIO_DATABASE_URL": f"sqlite:///{data / 'library.db'}", "STUDIO_DATA_DIR": str(data),
           "OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": fake.base_url, "STUDIO_CALL_CAP_SECONDS": "10"}
    with streamlit_server("app.py", env=env, log=data / "streamlit.log") as (url, _process):
        yield url


def start_text_only_call(studio: StudioPage) -> Locator:
    """Start a call without a microphone from the Try it page; the call's box, once live."""
    studio.page.get_by_text("Text only (no microphone)").click()
    studio.settle()
    studio.page.get_by_role("button", name="Start call").click()
    studio.settle()
    dock = studio.page.locator("section.call")
    expect(dock).to_have_attribute("data-state", "live", timeout=30_000)
    return dock


def test_a_text_only_call_with_an_mcp_approval_and_its_mcp_call(
    call_page: Page, live_studio: tuple[str, Path, Path], fake: FakeRealtime
):
    url, _log, _data = live_studio
    studio = StudioPage(call_page, url).open(f"try_it?{share.PARAM}={share.encode(MCP_DRAFT)}")
    page = studio.page
    dock = start_text_only_call(studio)
    call = fake.calls[-1]

    say(studio, "hello")
    transcript = page.get_by_test_id("stMain")
    expect(transcript.get_by_text("You said: hello")).to_be_visible(timeout=20_000)
    say(studio, "ask to use MCP")
    expect(page.get_by_text("MCP approval", exact=True)).to_be_visible(timeout=20_000)
    page.get_by_role("button", name="Approve").click()
    studio.settle()
    expect(transcript.get_by_text("The MCP call was approved.")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("The MCP server answered:")).to_be_visible()
    expect(page.get_by_test_id("stCode").filter(has_text="3 pages about refunds")).to_be_visible()
    expect(events(page)).to_contain_text("MCP tools listed: docs (1 tool)")
    expect(events(page)).to_contain_text("MCP call: docs › search answered")
    [answer] = [e["item"] for e in call.received if (e.get("item") or {}).get("type") == "mcp_approval_response"]
    assert answer["approve"] is True and answer["approval_request_id"].startswith("mcpr_")
    assert call.mic_frames == 0  # text only: no microphone was opened
    dock.get_by_role("button", name="Stop").click()
    expect(dock).to_have_attribute("data-state", "ended")


def test_a_forgotten_call_is_ended_by_the_time_cap(call_page: Page, short_studio: str, fake: FakeRealtime):
    studio = StudioPage(call_page, short_studio).open(f"try_it?{share.PARAM}={share.encode(MCP_DRAFT)}")
    page = studio.page
    expect(page.get_by_text("Each call stops after 0 min 10 s.")).to_be_visible()
    dock = start_text_only_call(studio)
    # Nobody presses Stop: the cap ends the call in the browser, and the page says why.
    expect(dock).to_have_attribute("data-state", "ended", timeout=40_000)
    expect(dock.locator(".status")).to_have_text("Call ended: time cap reached.")
    studio.settle()
    expect(events(page)).to_contain_text("call ended: time cap reached", timeout=20_000)

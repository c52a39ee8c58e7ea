"""Nothing a user or a link supplies runs as code or renders as markup, on any page.

Payloads that would set ``window.__pwned`` or open an alert go into instructions, tool
descriptions, custom voice and model ids, tracing names, persona names, descriptions and
tags, share links and pasted imports. On every page the test checks that no dialog
opened, the flag stays unset, no element the payloads would create exists, and the
markdown tricks did not turn into bold text, links or headings.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Dialog, Page, expect

from session_model import share
from store import Library
from tests.e2e.conftest import StudioPage
from tests.support.server import streamlit_server

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src="x-pwned" onerror="window.__pwned = 2; alert(2)">'
JS_LINK = "[click-trick](javascript:window.__pwned=3)"
A_TAG = '<a href="javascript:window.__pwned=4">anchor-trick</a>'
SVG = '<svg onload="window.__pwned = 5"></svg>'
IFRAME = '<iframe src="javascript:window.__pwned=6"></iframe>'
MARKDOWN = "**bold-trick** _em-trick_ [link-trick](http://127.0.0.1:9/x) :red[red-trick] ![img-trick](http://127.0.0.1:9/p.png)"
HEADING = "# heading-trick"
EVERYTHING = "\n".join([SCRIPT, IMG, JS_LINK, A_TAG, SVG, IFRAME, MARKDOWN, HEADING])

HOSTILE_SESSION = {
    "instructions": EVERYTHING,
    "model": IMG,
    "voice": JS_LINK,
    "tools": [
        {
            "type": "function",
            "name": "lookup",
            "description": f"{SCRIPT} {A_TAG} {MARKDOWN}",
            "parameters": {"type": "object", "properties": {"q": {"type": "string", "description": SVG}}},
        }
    ],
    "tool_choice": "lookup",
    "input_audio_transcription": {"prompt": IFRAME, "language": "en"},
    "tracing": {"workflow_name": MARKDOWN, "group_id": IMG, "metadata": {"note": SCRIPT}},
    "prompt": {"id": A_TAG, "variables": {"who": SVG}},
}
# Saved versions differ from the draft, so the compare page draws its table and word diff.
SAVED_SESSION = {**HOSTILE_SESSION, "instructions": f"Saved {SCRIPT} {IMG} {MARKDOWN}", "voice": IMG,
                 "tracing": {"workflow_name": SCRIPT}}
PERSONAS = {
    # names: at most 80 characters, no line breaks
    IMG: ("A description " + A_TAG, [SVG[:40], "**bold-trick**"]),
    "**bold-trick** [link-trick](http://127.0.0.1:9/x)": (MARKDOWN, ["# heading-trick"]),
    SCRIPT: (IFRAME, []),
}
# The same payloads in what only the current API has: MCP servers, a custom voice, a forced MCP tool.
HOSTILE_GA_SESSION = {
    "type": "realtime",
    "instructions": EVERYTHING,
    "model": IMG,
    "audio": {"output": {"voice": {"id": JS_LINK}}},
    "tools": [
        {
            "type": "mcp",
            "server_label": MARKDOWN[:40],
            "server_url": "https://127.0.0.1:9/mcp",
            "server_description": f"{SCRIPT} {A_TAG} {MARKDOWN}",
            "authorization": "${TOKEN}",
            "headers": {SVG: "Bearer ${TOKEN}"},
            "allowed_tools": [IFRAME, HEADING],
        }
    ],
    "tool_choice": {"type": "mcp", "server_label": MARKDOWN[:40], "name": A_TAG},
    "tracing": {"workflow_name": SCRIPT},
}
# A pasted import: unknown keys, bad values and a nested shape, all carrying payloads.
HOSTILE_IMPORT = {
    "voice": IMG,
    "temperature": SCRIPT,
    "tool_choice": A_TAG,
    SVG: 1,
    "**bold-trick**": MARKDOWN,
    "tools": [{"name": "bad <b>name</b>", "description": JS_LINK}],
}

# Each trick word, and the literal text around it when it is shown as text (the app may
# well put a whole name in bold: then the asterisks show inside the bold).
TRICK_WORDS = [
    ["bold-trick", "**bold-trick**"],
    ["em-trick", "_em-trick_"],
    ["link-trick", "[link-trick]("],
    ["click-trick", "[click-trick]("],
    ["anchor-trick", ">anchor-trick<"],
    ["heading-trick", "# heading-trick"],
    ["img-trick", "![img-trick]"],
]
CHECK_DOM = """(words) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const found = [];
    for (const el of app.querySelectorAll('[onerror], [onload], [onclick]')) found.push('handler on ' + el.tagName);
    for (const el of app.querySelectorAll('a[href^="javascript" i], a[href*="127.0.0.1:9"], iframe, embed, object'))
        found.push('element ' + el.outerHTML.slice(0, 80));
    for (const el of app.querySelectorAll('img')) {
        const src = el.getAttribute('src') || '';
        if (src.includes('pwned') || src.includes('127.0.0.1:9')) found.push('image ' + src);
    }
    for (const el of document.querySelectorAll('script')) {
        if ((el.textContent || '').includes('__pwned')) found.push('script element');
    }
    for (const el of app.querySelectorAll('strong, b, em, i, a, h1, h2, h3, h4, h5, h6, [class*="Colored"]')) {
        const text = el.textContent || '';
        for (const [word, literal] of words) if (text.includes(word) && !text.includes(literal))
            found.push('markup ' + el.tagName + ': ' + text.slice(0, 60));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A studio whose library already holds personas with hostile names, descriptions and tags."""
    data = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{data / 'library.db'}"
    lib = Library(url)
    for name, (description, tags) in PERSONAS.items():
        lib.save(name, SAVED_SESSION, note=MARKDOWN[:60], description=description, tags=tags)
    lib.close()
    env = {"STUDIO_DATABASE_URL": url, "STUDIO_DATA_DIR": str(data)}
    with streamlit_server("app.py", env=env, log=data / "streamlit.log") as (base, _process):
        yield base


@pytest.fixture
def guarded(page: Page, hostile_url: str) -> Iterator[tuple[StudioPage, list[str]]]:
    """The studio page, with every dialog recorded (and dismissed)."""
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    yield StudioPage(page, hostile_url), dialogs


# An injected <img onerror> fires in the same task that marks the image broken ("complete"); a
# javascript: frame or an onload handler runs in a task queued before the one after a new frame.
IMAGES_DONE = "() => Array.from(document.images).every((image) => image.complete)"
TASKS_FLUSHED = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"


def assert_nothing_ran(studio: StudioPage, dialogs: list[str], where: str) -> None:
    studio.settle()
    page = studio.page
    page.wait_for_function(IMAGES_DONE, timeout=15_000)  # every image has loaded or failed: handlers have run
    page.evaluate(TASKS_FLUSHED)
    assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
    assert page.evaluate("() => window.__pwned") is None, f"{where}: an injected script ran"
    rendered = page.evaluate(CHECK_DOM, TRICK_WORDS)
    assert rendered == [], f"{where}: {rendered}"


def go_to(studio: StudioPage, title: str) -> None:
    studio.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    studio.settle()


def test_every_page_shows_hostile_text_as_text(guarded):
    studio, dialogs = guarded
    page = studio.page
    studio.open(f"?share={share.encode(HOSTILE_SESSION)}")
    expect(page.get_by_text("Opened a shared config")).to_be_visible()
    assert_nothing_ran(studio, dialogs, "editor")
    # the text itself arrives intact
    expect(page.get_by_role("textbox", name="Instructions", exact=True)).to_have_value(EVERYTHING)
    studio.expect_preview_contains(json.dumps(SCRIPT)[1:-1])

    for title in ("Persona builder", "Presets", "Compare", "Import & export"):
        go_to(studio, title)
        assert_nothing_ran(studio, dialogs, title)

    go_to(studio, "Library")
    assert_nothing_ran(studio, dialogs, "library list")
    # Each persona card's button is named "Open persona: <name>" (select boxes have an "Open" button too).
    cards = page.get_by_test_id("stMain").get_by_role("button", name=re.compile(r"^Open persona: "))
    expect(cards.first).to_be_visible()
    for index in range(cards.count()):
        cards.nth(index).click()
        studio.settle()
        assert_nothing_ran(studio, dialogs, f"library persona {index + 1}")
        page.get_by_text("Rename, duplicate or delete").click()
        studio.settle()
        assert_nothing_ran(studio, dialogs, f"library persona {index + 1} actions")
    expect(page.get_by_text("**bold-trick** [link-trick](http").first).to_be_visible()
    page.get_by_role("button", name="Compare", exact=True).click()
    studio.settle()
    assert_nothing_ran(studio, dialogs, "compare a saved persona with the draft")


def test_current_api_settings_show_hostile_text_as_text(guarded):
    studio, dialogs = guarded
    page = studio.page
    studio.open(f"?share={share.encode(HOSTILE_GA_SESSION)}")
    expect(page.get_by_text("Opened a shared config")).to_be_visible()
    assert_nothing_ran(studio, dialogs, "editor (current API)")
    studio.section("Tools")
    assert_nothing_ran(studio, dialogs, "editor (current API), Tools")
    studio.widget("f.tools.0:open").get_by_role("button").click()
    assert_nothing_ran(studio, dialogs, "editor with the MCP tool open")
    expect(studio.widget("f.tools.0.server_description").get_by_role("textbox")).to_have_value(
        f"{SCRIPT} {A_TAG} {MARKDOWN}"
    )
    for title in ("Presets", "Compare", "Import & export"):
        go_to(studio, title)
        assert_nothing_ran(studio, dialogs, f"{title} (current API)")
    go_to(studio, "Editor")
    studio.page.get_by_test_id("stSidebar").get_by_role("combobox").first.click()
    page.get_by_role("option", name="Realtime beta, flat (retired 2026-05-12)").click()
    assert_nothing_ran(studio, dialogs, "the report of a switch to the beta target")


def test_a_hostile_import_and_a_hostile_broken_link_show_as_text(guarded):
    studio, dialogs = guarded
    page = studio.open().page
    go_to(studio, "Import & export")
    box = page.get_by_label("Paste a config (JSON)")
    box.fill(json.dumps(HOSTILE_IMPORT))
    box.press("Control+Enter")
    studio.settle()
    expect(page.get_by_text("Problems to fix")).to_be_visible()
    assert_nothing_ran(studio, dialogs, "import report")
    page.get_by_role("button", name="Replace my draft with this import").click()
    studio.settle()
    go_to(studio, "Editor")
    expect(page.get_by_text("problem(s) to fix before export")).to_be_visible()
    assert_nothing_ran(studio, dialogs, "editor with a hostile invalid draft")

    # A link whose JSON repeats a key named with a payload: the refusal quotes the key.
    payload = ('{"' + IMG.replace('"', "'") + '": 1, "' + IMG.replace('"', "'") + '": 2}').encode()
    code = share.FORMAT + base64.urlsafe_b64encode(zlib.compress(payload)).rstrip(b"=").decode()
    studio.open(f"?share={code}")
    expect(page.get_by_text("appears twice")).to_be_visible()
    assert_nothing_ran(studio, dialogs, "refused share link")


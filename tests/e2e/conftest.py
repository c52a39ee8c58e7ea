"""Playwright fixtures: one studio server per test session, Debian's Chromium, page helpers."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

# Every assertion retries until it holds. Under load (CI on two cores) a rerun of the editor
# can take longer than Playwright's 5 s default, so wait longer before calling it a failure.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's Chromium (Playwright cannot download its own browser here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True}


@pytest.fixture(scope="session")
def studio_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running studio on a free loopback port, with its own empty database."""
    data = tmp_path_factory.mktemp("studio")
    env = {"STUDIO_DATABASE_URL": f"sqlite:///{data / 'library.db'}", "STUDIO_DATA_DIR": str(data)}
    log = Path(os.environ.get("STUDIO_E2E_LOG", data / "streamlit.log"))
    with streamlit_server("app.py", env=env, log=log) as (url, _process):
        yield url


# Counts, in the page, every run of the script (each time stApp's data-test-script-state leaves
# "notRunning"/"initial") and every user action (a click, a key, typed input), so a wait can tell a
# finished new run from the previous run's "notRunning" even when the new run was over before it looked.
# Installed on every document (context init script) and idempotent, so installing it twice counts once.
RUN_COUNTER = """(() => {
  if (window.__studioRuns !== undefined) return;
  window.__studioRuns = 0;
  window.__studioActions = 0;
  window.__studioDocument = Math.random().toString(36).slice(2);
  const idle = (state) => state === null || state === 'notRunning' || state === 'initial';
  let last = null;
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state && state !== last) {
      if (!idle(state) && idle(last)) window.__studioRuns += 1;
      last = state;
    }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['data-test-script-state']});
  for (const kind of ['pointerdown', 'keydown', 'input', 'change'])
    document.addEventListener(kind, () => { window.__studioActions += 1; }, true);
  look();
})()"""
COUNTS = "() => [window.__studioDocument, window.__studioRuns, window.__studioActions]"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"
# How long an action may take to start its rerun. An action that starts none (opening a list or an
# expander) costs this once; an action whose run has already come and gone costs nothing.
RUN_START_TIMEOUT_MS = 2_000


@pytest.fixture(autouse=True)
def _count_runs(context: BrowserContext) -> None:
    """Every page of the test's browser context counts its script runs from its first moment."""
    context.add_init_script(RUN_COUNTER)


def wait_for_app(page: Page, since: tuple[str, int, int] | None = None) -> tuple[str, int, int]:
    """Wait for the run the last action (or the page load) started to finish, with no skeleton or error showing.

    ``since`` is what an earlier call returned: if the page has seen a user action since then, wait
    (briefly: the action may start no run) for a run newer than the ones counted then. A freshly
    loaded page waits for its first run, since its script state reads "initial" until that run starts.
    Returns the page's counts, to pass back next time.
    """
    page.wait_for_selector(CONNECTED, timeout=30_000)
    page.evaluate(RUN_COUNTER)  # a page opened before the init script was added counts from now on
    document, runs, actions = page.evaluate(COUNTS)
    if since is not None and since[0] == document and actions > since[2] and runs == since[1]:
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function("(seen) => window.__studioRuns > seen", arg=since[1], timeout=RUN_START_TIMEOUT_MS)
    page.wait_for_selector(FINISHED, timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    expect_no_exception(page)
    return page.evaluate(COUNTS)


def expect_no_exception(page: Page) -> None:
    """No Python exception box (st.exception, an uncaught error) is on the page; else fail with its text."""
    boxes = page.get_by_test_id("stException")
    if boxes.count():
        shown = "\n---\n".join(text[:2_000] for text in boxes.all_inner_texts())
        pytest.fail(f"the app shows a Python exception:\n{shown}", pytrace=False)


class StudioPage:
    """Page object: finds things by the label a person sees."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self._seen: tuple[str, int, int] | None = None

    def open(self, path: str = "") -> StudioPage:
        self.page.goto(f"{self.base_url}/{path}")
        self._seen = wait_for_app(self.page)
        return self

    def settle(self) -> None:
        """Wait for the rerun of the last action to start and finish; fail if an exception box shows."""
        self._seen = wait_for_app(self.page, self._seen)

    def widget(self, key: str) -> Locator:
        """The element of the widget with this key (Streamlit tags it with a ``st-key-...`` class)."""
        return self.page.locator(f".st-key-{re.sub(r'[^a-zA-Z0-9_-]', '-', key)}")

    def choose(self, label: str, option: str | re.Pattern[str], exact: bool = False) -> None:
        """Pick ``option`` in the select box labelled ``label``."""
        self._pick(self.page.get_by_label(label, exact=True), self.page.get_by_role("option", name=option, exact=exact))

    def choose_in(self, key: str, option: str) -> None:
        """Pick ``option`` in the select box of the widget with this key."""
        self._pick(self.widget(key).get_by_role("combobox"), self.page.get_by_role("option", name=option, exact=True))

    def _pick(self, box: Locator, item: Locator) -> None:
        for _ in range(3):
            # A rerun that lands while the list is open redraws the box and closes the list: open it again.
            self.settle()
            box.click()
            try:
                item.wait_for(timeout=5_000)
                break
            except PlaywrightTimeoutError:
                self.page.keyboard.press("Escape")
        item.click()
        self.settle()

    def pick_radio(self, key: str, option: str) -> None:
        """Click the choice ``option`` of the radio group with this key, and wait for the rerun."""
        self.settle()
        self.widget(key).get_by_text(option, exact=True).click()
        self.settle()
        expect(self.widget(key).get_by_role("radio", name=option, exact=True)).to_be_checked()

    def fill(self, key: str, text: str) -> None:
        """Type into the text entry with this key and commit it (Enter), then wait for the rerun."""
        self.settle()
        entry = self.widget(key).get_by_role("textbox")
        entry.fill(text)
        entry.press("Enter")
        self.settle()
        expect(entry).to_have_value(text)

    def section(self, title: str) -> None:
        """Show one section of the editor with its navigator (a radio group, badges after the title)."""
        self.settle()
        navigator = self.widget("editor:section")
        navigator.locator("label").filter(has_text=re.compile(rf"^{re.escape(title)}(\s|$)")).click()
        self.settle()
        expect(self.page).to_have_url(re.compile(r"[?&]section="))
        expect(navigator.get_by_role("radio", checked=True)).to_have_accessible_name(
            re.compile(rf"^{re.escape(title)}"))

    def go_to(self, page_title: str) -> None:
        """Open a page from the sidebar's navigation."""
        self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=page_title).click()
        self.settle()

    def preview_text(self) -> str:
        """The JSON shown in the editor's preview code block."""
        block = self.page.get_by_test_id("stCode").last
        return block.inner_text()

    def expect_preview_contains(self, text: str) -> None:
        expect(self.page.get_by_test_id("stCode").last).to_contain_text(text, timeout=15_000)


@pytest.fixture
def studio(page: Page, studio_url: str) -> StudioPage:
    return StudioPage(page, studio_url)

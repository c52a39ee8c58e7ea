"""Playwright fixtures: one studio server per test session, Debian's Chromium, page helpers."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
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


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit is connected and has finished running the script."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=30_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)


class StudioPage:
    """Page object: finds things by the label a person sees."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def open(self, path: str = "") -> StudioPage:
        self.page.goto(f"{self.base_url}/{path}")
        wait_for_app(self.page)
        return self

    def settle(self) -> None:
        wait_for_app(self.page)

    def widget(self, key: str) -> Locator:
        """The element of the widget with this key (Streamlit tags it with a ``st-key-...`` class)."""
        return self.page.locator(f".st-key-{re.sub(r'[^a-zA-Z0-9_-]', '-', key)}")

    def choose(self, label: str, option: str | re.Pattern[str], exact: bool = False) -> None:
        """Pick ``option`` in the select box labelled ``label``."""
        box = self.page.get_by_label(label, exact=True)
        item = self.page.get_by_role("option", name=option, exact=exact)
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

    def choose_in(self, key: str, option: str) -> None:
        """Pick ``option`` in the select box of the widget with this key."""
        box = self.widget(key).get_by_role("combobox")
        item = self.page.get_by_role("option", name=option, exact=True)
        for _ in range(3):
            self.settle()  # a rerun that lands while the list is open closes it: open it again
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

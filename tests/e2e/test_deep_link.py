"""A fresh server whose first visitor opens a page by its address still shows the whole studio."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_for_app
from tests.support.server import streamlit_server


@pytest.mark.parametrize("path", ["persona_builder"])
def test_first_request_to_a_page_runs_it_inside_the_studio(page: Page, tmp_path: Path, path: str) -> None:
    env = {"STUDIO_DATABASE_URL": f"sqlite:///{tmp_path / 'library.db'}", "STUDIO_DATA_DIR": str(tmp_path)}
    with streamlit_server("app.py", env=env, log=tmp_path / "streamlit.log") as (url, _process):
        page.goto(f"{url}/{path}")
        wait_for_app(page)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("Realtime Session Studio")).to_be_visible(timeout=15_000)
        expect(sidebar.get_by_role("link", name="Editor")).to_be_visible()
        # Streamlit's own list of file names (app, editor, ...) must not appear.
        expect(sidebar.get_by_role("link", name="app", exact=True)).to_have_count(0)
        expect(page.get_by_role("heading", name="Persona builder")).to_be_visible()


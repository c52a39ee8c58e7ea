"""Two studio processes on one database, as behind a reverse proxy with sticky sessions (README: Use it as a team).

Each browser talks to its own server, as each tab sticks to one replica. Runs on a SQLite file
and on PostgreSQL (``STUDIO_TEST_POSTGRES_URL``; under ``CI=true`` it must be set).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from store import Library
from tests.e2e.conftest import RUN_COUNTER, StudioPage
from tests.support.databases import database_url  # noqa: F401  (fixture)
from tests.support.savers import StartingLine
from tests.support.server import streamlit_server

# What a save says: 'Created "X" version 1', 'Saved "X" version 3', or 'Saved as version 4 of "X". Meanwhile...'
SAVED = re.compile(r'(?:Created|Saved) "[^"]+" version (\d+)|Saved as version (\d+) of "')


@pytest.fixture
def servers(database_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:  # noqa: F811
    """Two studio servers on free ports, both on the test's database (each migrates it on start, one at a time)."""
    env = {"STUDIO_DATABASE_URL": database_url, "STUDIO_DATA_DIR": str(tmp_path)}
    with (
        streamlit_server("app.py", env=env, log=tmp_path / "first.log") as (first, _),
        streamlit_server("app.py", env=env, log=tmp_path / "second.log") as (second, _),
    ):
        yield first, second


@pytest.fixture
def two_people(
    servers: tuple[str, str], context: BrowserContext, browser: Browser, browser_context_args: dict
) -> Iterator[tuple[StudioPage, StudioPage]]:
    """A browser on each server, both on the Library page."""
    other = browser.new_context(**browser_context_args)
    other.add_init_script(RUN_COUNTER)
    try:
        first = StudioPage(context.new_page(), servers[0]).open("library")
        second = StudioPage(other.new_page(), servers[1]).open("library")
        yield first, second
    finally:
        other.close()


def save_as(studio: StudioPage, name: str) -> None:
    """Type the persona's name into the save panel (the button is pressed by the caller)."""
    studio.fill("lib:name", name)
    expect(save_button(studio)).to_be_enabled()


def save_button(studio: StudioPage):
    return studio.page.get_by_role("button", name=re.compile(r"^Save as "))


def saved_number(studio: StudioPage) -> int:
    """The version number the page's message says its save produced."""
    message = studio.page.get_by_test_id("stAlert").filter(has_text=SAVED)
    expect(message).to_have_count(1)
    found = SAVED.search(message.inner_text())
    assert found is not None
    return int(found[1] or found[2])


def test_a_save_on_one_server_shows_in_the_others_library_on_its_next_rerun(
    two_people: tuple[StudioPage, StudioPage],
):
    first, second = two_people
    expect(second.page.get_by_text("Nothing saved yet.")).to_be_visible()
    save_as(first, "Front desk")
    save_button(first).click()
    first.settle()
    expect(first.page.get_by_text('Created "Front desk" version 1')).to_be_visible()

    second.fill("lib:search", "front")  # the other server's next rerun
    expect(second.widget("lib:open:1").get_by_role("button", name="Open")).to_be_visible()
    second.widget("lib:open:1").get_by_role("button", name="Open").click()
    second.settle()
    expect(second.page.get_by_role("heading", name="Front desk", exact=True)).to_be_visible()
    save_as(second, "Front desk")
    expect(save_button(second)).to_have_accessible_name("Save as version 2 of “Front desk”")
    save_button(second).click()
    second.settle()
    expect(second.page.get_by_text('Saved "Front desk" version 2')).to_be_visible()

    first.fill("lib:search", "desk")  # and back: the first server sees the second's version
    expect(first.page.get_by_text("version 2 · changed")).to_be_visible()
    expect(save_button(first)).to_have_accessible_name("Save as version 3 of “Front desk”")


def test_saves_from_both_servers_at_the_same_moment_land_as_distinct_versions(
    two_people: tuple[StudioPage, StudioPage],
    database_url: str,  # noqa: F811
):
    first, second = two_people
    for studio in two_people:
        save_as(studio, "Shared")
    numbers: list[int] = []
    for _round in range(3):
        for studio in two_people:
            studio.settle()
        save_button(first).click()  # both pressed before either server has answered
        save_button(second).click()
        for studio in two_people:
            studio.settle()
            numbers.append(saved_number(studio))
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6], numbers

    # Saves released at the very same moment from two more processes (the store, without a browser).
    line = StartingLine()
    try:
        savers = [line.saver(database_url, who, 10) for who in ("left", "right")]
        line.go()
        results = [p.communicate(timeout=180) for p in savers]
    finally:
        line.close()
    assert [p.returncode for p in savers] == [0, 0], [err[-500:] for _, err in results]
    acknowledged = sorted(int(n) for out, _ in results for n in out.split())
    assert acknowledged == list(range(7, 27))
    library = Library(database_url)
    assert sorted(v.number for v in library.versions("Shared")) == list(range(1, 27))
    library.close()
    for studio in two_people:  # each server lists all 26 versions on its next rerun
        studio.fill("lib:search", "shared")
        expect(save_button(studio)).to_have_accessible_name("Save as version 27 of “Shared”")
        expect(studio.page.get_by_text("version 26 · changed")).to_be_visible()

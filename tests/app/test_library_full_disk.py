"""A full disk while saving from the Library page: a plain message, the draft kept, older versions intact."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from studio import library as studio_library
from tests.app.conftest import draft, open_studio
from tests.app.test_library import save, stored, texts
from tests.unit.test_store_crash_safety import _cap_pages

BIG_DRAFT = {"voice": "coral", "instructions": "Speak slowly and clearly. " * 3000}


@pytest.fixture
def forget_open_libraries() -> Iterator[None]:
    """Drop the app's cached library objects afterwards, pass or fail: the next test must not get a capped one."""
    try:
        yield
    finally:
        studio_library._open.clear()


def test_a_full_disk_says_so_and_the_draft_survives(tmp_path, monkeypatch, forget_open_libraries):
    path = tmp_path / "library.db"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("STUDIO_DATABASE_URL", url)
    at = open_studio("pages/library.py", {"draft": {"voice": "coral"}})
    save(at, "Kiosk", note="small")
    assert stored().versions("Kiosk")[0].note == "small"

    # The app's own library object (opened once per process) now sees a disk with no room left.
    used = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    _cap_pages(studio_library._open(url), used + 2)
    at.session_state["draft"] = dict(BIG_DRAFT)
    at.run()
    save(at, "Kiosk", note="big")
    errors = " ".join(texts(at.error))
    assert "is full" in errors and "Your draft is unchanged" in errors, errors
    assert draft(at) == BIG_DRAFT
    assert [v.note for v in stored().versions("Kiosk")] == ["small"]

"""Saving never loses work: separate processes saving at once, a SIGKILL mid-save, a full disk.

(Ten threads saving at once and a read-only database are in tests/unit/test_store.py.)
"""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from form.messages import validate
from session_model import RealtimeSession
from store import Library, LibraryUnavailable
from tests.support.databases import database_url  # noqa: F401  (fixture)
from tests.support.savers import StartingLine

SESSION = {"voice": "marin", "instructions": "Help callers with their orders.", "turn_detection": None}


def test_ten_processes_saving_one_persona_lose_no_version(database_url: str, tmp_path: Path):  # noqa: F811
    Library(database_url).close()  # create the tables once, as the first replica would
    line = StartingLine()
    try:
        processes = [line.saver(database_url, f"p{i}", 5) for i in range(10)]
        line.go()
        results = [p.communicate(timeout=180) for p in processes]
    finally:
        line.close()
    assert [p.returncode for p in processes] == [0] * 10, [err[-500:] for _, err in results]
    acknowledged = sorted(int(n) for out, _ in results for n in out.split())
    library = Library(database_url)
    history = library.versions("Shared")
    assert sorted(v.number for v in history) == list(range(1, 51)) == acknowledged
    assert sorted(v.note for v in history) == sorted(f"p{i}-{j}" for i in range(10) for j in range(5))
    library.close()


@pytest.mark.parametrize("acknowledged_before_kill", [1, 17, 60])
def test_sigkill_in_a_save_loop_leaves_a_library_with_every_acknowledged_save(tmp_path: Path, acknowledged_before_kill):
    url = f"sqlite:///{tmp_path / 'library.db'}"
    Library(url).close()
    start = StartingLine()
    try:
        process = start.saver(url, "k", 100_000)
        start.go()
        acknowledged: list[int] = []
        while len(acknowledged) < acknowledged_before_kill:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line, process.stderr.read()  # type: ignore[union-attr]
            acknowledged.append(int(line))
        os.kill(process.pid, signal.SIGKILL)  # most likely in the middle of the next save
        process.wait(timeout=30)
        # Lines it managed to print before dying are acknowledged saves too.
        acknowledged += [int(n) for n in process.stdout.read().split()]  # type: ignore[union-attr]
    finally:
        start.close()

    with sqlite3.connect(tmp_path / "library.db") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    library = Library(url)
    numbers = sorted(v.number for v in library.versions("Shared"))
    assert set(acknowledged) <= set(numbers)
    assert numbers == list(range(1, len(numbers) + 1))  # no holes, nothing half-written
    assert len(numbers) - len(acknowledged) <= 1  # at most the save that was cut short, and then complete
    newest = library.version("Shared")
    assert validate(RealtimeSession, newest.session)[1] == []
    assert newest.note == f"k-{newest.number - 1}"
    library.save("Shared", SESSION, note="after the crash")  # and it still takes new work
    library.close()


def _cap_pages(library: Library, pages: int) -> None:
    """Make every connection of this library see a database that cannot grow past ``pages`` pages."""

    @event.listens_for(library.engine, "connect")
    def _cap(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    library.engine.dispose()  # pooled connections were opened before the cap


def test_a_full_disk_gives_a_plain_message_and_keeps_what_was_saved(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'library.db'}"
    library = Library(url)
    library.save("Support", SESSION, note="fits")
    used = sqlite3.connect(tmp_path / "library.db").execute("PRAGMA page_count").fetchone()[0]
    _cap_pages(library, used + 2)
    big = {**SESSION, "instructions": "Speak slowly and clearly. " * 3000}  # about 78 KB: far more than two pages
    with pytest.raises(LibraryUnavailable) as full:
        library.save("Support", big, note="too big")
    message = str(full.value)
    assert "full" in message and "Traceback" not in message
    assert [v.note for v in library.versions("Support")] == ["fits"]  # the failed save left nothing behind
    assert library.version("Support").session == SESSION
    library.close()
    reopened = Library(url)
    reopened.save("Support", big, note="after freeing space")  # with room again, the same save works
    assert [v.number for v in reopened.versions("Support")] == [2, 1]
    reopened.close()

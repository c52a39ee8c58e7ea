"""Test notes on saved versions (SQLite and PostgreSQL): a live call's transcript and events, beside the version."""

from __future__ import annotations

import pytest

from store import Actor, Forbidden, Library, NotFound, schema
from tests.support.databases import database_url  # noqa: F401  (fixture)

FIRST = {"type": "realtime", "instructions": "Help callers.", "audio": {"output": {"voice": "marin"}}}
SECOND = {"type": "realtime", "instructions": "Help callers warmly.", "audio": {"output": {"voice": "cedar"}}}
ADA = Actor("Ada Lovelace", "ada@example.com", "editor")
BOB = Actor("Bob", "bob@example.com", "viewer")
LINES = [("You", "spoken", "Where is my order?"), ("Agent", "spoken", "Let me look that up.")]
EVENTS = ["call started", "session.created", "response.done: completed, 42 tokens", "call ended: stopped by you"]


@pytest.fixture
def library(database_url: str):  # noqa: F811
    lib = Library(database_url)
    lib.save("Support", FIRST, by=ADA)
    lib.save("Support", SECOND, by=ADA)
    yield lib
    lib.close()


def test_a_note_is_kept_on_the_version_the_call_used_and_read_back_with_its_author(library: Library):
    kept = library.add_call_note("Support", 1, comment="Too slow to answer.", transcript=LINES, events=EVENTS,
                                 tokens=42, seconds=31, by=ADA)
    [note] = library.call_notes("Support", 1)
    assert note == kept
    assert (note.persona, note.version, note.author, note.author_email) == (
        "Support", 1, "Ada Lovelace", "ada@example.com")
    assert note.comment == "Too slow to answer."
    assert note.transcript == tuple(LINES) and note.events == tuple(EVENTS)
    assert (note.tokens, note.seconds) == (42, 31)
    assert library.call_notes("Support", 2) == []


def test_notes_of_every_version_come_newest_first_and_each_is_in_the_activity_log(library: Library):
    library.add_call_note("Support", 1, comment="first", by=ADA)
    library.add_call_note("Support", 2, comment="second", transcript=LINES, by=ADA)
    assert [(n.version, n.comment) for n in library.call_notes("Support")] == [(2, "second"), (1, "first")]
    newest = library.activity()[0]
    assert (newest.action, newest.persona, newest.version, newest.detail, newest.actor_email) == (
        "noted", "Support", 2, "2 transcript lines", "ada@example.com")


def test_a_viewer_cannot_keep_a_note_and_nothing_is_stored(library: Library):
    with pytest.raises(Forbidden, match="Only editors and admins can keep test notes on saved versions"):
        library.add_call_note("Support", 1, comment="mine", by=BOB)
    assert library.call_notes("Support") == []
    assert library.activity()[0].action == "saved"


def test_a_note_on_a_missing_version_or_persona_says_which(library: Library):
    with pytest.raises(NotFound, match='"Support" has no version 9; its versions are numbered 1 to 2.'):
        library.add_call_note("Support", 9, by=ADA)
    with pytest.raises(NotFound):
        library.add_call_note("Nobody", 1, by=ADA)


def test_a_long_call_keeps_its_start_and_says_how_much_was_left_out(library: Library):
    lines = [("You", "typed", f"line {i}") for i in range(450)]
    note = library.add_call_note("Support", 1, comment="x" * 5_000, transcript=lines,
                                 events=[f"e{i}" for i in range(401)], by=ADA)
    [read] = library.call_notes("Support", 1)
    assert read == note
    assert len(read.comment) == 4_000
    assert read.transcript[:2] == (("You", "typed", "line 0"), ("You", "typed", "line 1"))
    assert read.transcript[-1] == ("Studio", "note", "(50 more lines left out)")
    assert len(read.transcript) == 401 and read.events[-1] == "(1 more events)"


def test_notes_survive_a_rename_and_follow_the_persona(library: Library):
    library.add_call_note("Support", 2, comment="kept", by=ADA)
    library.rename("Support", "Front desk", by=ADA)
    assert [(n.persona, n.version, n.comment) for n in library.call_notes("Front desk")] == [
        ("Front desk", 2, "kept")]


def test_the_notes_table_comes_with_migration_7(library: Library):
    assert schema.LATEST >= 7 and library.schema_version() == schema.LATEST

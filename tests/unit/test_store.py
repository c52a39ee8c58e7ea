"""The persona library on SQLite and PostgreSQL: versions, concurrency, renames, deletes, migrations, errors."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from store import (
    InvalidName,
    InvalidSession,
    Library,
    LibraryUnavailable,
    NameTaken,
    NotFound,
    StoreError,
    clean_name,
    clean_tags,
    data_dir,
    schema,
)
from store import (
    database_url as default_url,
)
from store.errors import explain_database_error
from tests.support.databases import database_url  # noqa: F401  (fixture)

SUPPORT = {"voice": "marin", "instructions": "Help callers with their orders.", "turn_detection": None}


@pytest.fixture
def library(database_url: str):  # noqa: F811
    lib = Library(database_url)
    yield lib
    lib.close()


def test_versions_are_numbered_from_one_with_times_and_notes(library: Library):
    first = library.save("Support", SUPPORT, note="first take", description="Phone support", tags="phone, orders")
    second = library.save("Support", {**SUPPORT, "voice": "cedar"}, note="warmer voice")
    assert (first.number, first.created, second.number, second.created) == (1, True, 2, False)
    history = library.versions("Support")
    assert [(v.number, v.note) for v in history] == [(2, "warmer voice"), (1, "first take")]
    assert history[0].created_at >= history[1].created_at and history[0].created_at.tzinfo is not None
    assert library.version("Support").session["voice"] == "cedar"
    assert library.version("Support", 1).session == SUPPORT  # explicit null (push-to-talk) kept
    persona = library.persona("Support")
    assert (persona.latest, persona.count, persona.description, persona.tags) == (
        2,
        2,
        "Phone support",
        ("phone", "orders"),
    )


def test_saved_session_is_the_export_and_extras_come_back(library: Library):
    extras = {"persona_builder": {"identity": "A patient tutor"}, "persona_builder_mode": "builder"}
    library.save("Tutor", {"speed": 0.9, "tools": []}, extras=extras)
    saved = library.version("Tutor")
    assert saved.session == {"speed": 0.9, "tools": []}
    assert saved.extras == extras


def test_an_invalid_session_is_refused_with_plain_problems_and_nothing_is_stored(library: Library):
    with pytest.raises(InvalidSession) as caught:
        library.save("Broken", {"speed": 9, "voice": 3})
    assert [p.where for p in caught.value.problems] == ["voice", "speed"]
    assert "between 0.25 and 1.5" in caught.value.problems[1].message
    assert library.personas() == []
    library.save("Kept", SUPPORT)
    with pytest.raises(InvalidSession):
        library.save("Kept", {"temperature": 5})
    assert library.persona("Kept").count == 1


def test_ten_concurrent_savers_of_one_persona_lose_no_version(database_url: str):  # noqa: F811
    Library(database_url).close()  # migrate once, as the first app replica would
    start = threading.Barrier(10)
    failures: list[BaseException] = []

    def saver(index: int) -> None:
        lib = Library(database_url)  # one library per thread: like ten app replicas
        try:
            start.wait()
            lib.save("Shared", {**SUPPORT, "instructions": f"take {index}"}, note=f"saver {index}")
        except BaseException as exc:  # noqa: BLE001  (reported below)
            failures.append(exc)
        finally:
            lib.close()

    threads = [threading.Thread(target=saver, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    library = Library(database_url)
    history = library.versions("Shared")
    assert sorted(v.number for v in history) == list(range(1, 11))
    assert sorted(v.note for v in history) == sorted(f"saver {i}" for i in range(10))
    texts = {library.version("Shared", v.number).session["instructions"] for v in history}
    assert texts == {f"take {i}" for i in range(10)}
    library.close()


def test_a_saver_is_told_about_versions_saved_by_someone_else_since_they_opened_it(library: Library):
    library.save("Support", SUPPORT)  # both people open version 1
    theirs = library.save("Support", {**SUPPORT, "voice": "ash"}, base_version=1)
    mine = library.save("Support", {**SUPPORT, "voice": "sage"}, base_version=1)
    assert (theirs.number, theirs.others) == (2, ())
    assert (mine.number, mine.others) == (3, (2,))
    assert library.version("Support", 2).session["voice"] == "ash"  # nothing overwritten


def test_new_refuses_a_taken_name_and_existing_refuses_a_missing_one(library: Library):
    library.save("Support", SUPPORT)
    with pytest.raises(NameTaken, match="already exists"):
        library.save("Support", SUPPORT, new=True)
    with pytest.raises(NotFound):
        library.save("Nobody", SUPPORT, new=False)
    assert library.persona("Support").count == 1


def test_rename_keeps_the_history_and_refuses_a_taken_name(library: Library):
    library.save("Support", SUPPORT)
    library.save("Support", SUPPORT, note="again")
    library.save("Sales", {"voice": "ash"})
    renamed = library.rename("Support", "Phone support")
    assert (renamed.name, renamed.count) == ("Phone support", 2)
    with pytest.raises(NotFound):
        library.persona("Support")
    with pytest.raises(NameTaken):
        library.rename("Sales", "Phone support")
    with pytest.raises(NotFound):
        library.rename("Nobody", "Somebody")


def test_duplicate_starts_a_new_history_from_the_newest_version(library: Library):
    library.save("Support", SUPPORT, description="Phone", tags=["phone"])
    library.save("Support", {**SUPPORT, "voice": "ash"})
    copy = library.duplicate("Support", "Support (Spanish)")
    assert (copy.latest, copy.description, copy.tags) == (1, "Phone", ("phone",))
    first = library.version("Support (Spanish)", 1)
    assert first.session["voice"] == "ash" and "Copied from Support, version 2" in first.note
    assert library.persona("Support").count == 2
    with pytest.raises(NameTaken):
        library.duplicate("Support", "Support (Spanish)")


def test_delete_can_be_undone_with_the_whole_history(library: Library):
    library.save("Support", SUPPORT, note="one", tags="phone")
    library.save("Support", {**SUPPORT, "voice": "ash"}, note="two")
    before = library.versions("Support")
    removed = library.delete("Support")
    assert library.personas() == [] and removed.name == "Support"
    with pytest.raises(NotFound):
        library.version("Support")
    back = library.undelete(removed)
    assert (back.count, back.tags) == (2, ("phone",))
    assert library.versions("Support") == before
    assert library.version("Support", 2).session["voice"] == "ash"


def test_undelete_refuses_when_the_name_was_taken_meanwhile(library: Library):
    library.save("Support", SUPPORT)
    removed = library.delete("Support")
    library.save("Support", {"voice": "ash"})
    with pytest.raises(NameTaken, match="cannot come back"):
        library.undelete(removed)
    assert library.version("Support").session == {"voice": "ash"}


def test_search_matches_every_word_in_name_description_or_tags(library: Library):
    library.save("Phone support", SUPPORT, description="Orders and refunds", tags="phone")
    library.save("Kiosk", {"voice": "ash"}, description="Museum entrance", tags="noisy, far field")
    library.save("Tutor", {"voice": "sage"}, description="Spanish practice")
    assert [p.name for p in library.personas("REFUNDS")] == ["Phone support"]
    assert [p.name for p in library.personas("noisy museum")] == ["Kiosk"]
    assert library.personas("noisy refunds") == []
    assert [p.name for p in library.personas()] == ["Tutor", "Kiosk", "Phone support"]  # most recent first


def test_details_change_without_a_new_version(library: Library):
    library.save("Support", SUPPORT)
    updated = library.update_details("Support", description="  Calls about orders ", tags=["a", "A", "b"])
    assert (updated.description, updated.tags, updated.count) == ("Calls about orders", ("a", "b"), 1)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [("  Phone   support ", "Phone support"), ("Tutor (ES)", "Tutor (ES)"), ("Ünïcode ✓", "Ünïcode ✓")],
)
def test_names_are_trimmed(raw: str, cleaned: str):
    assert clean_name(raw) == cleaned


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Give the persona a name"),
        ("   ", "Give the persona a name"),
        ("a\x00b", "control characters"),
        ("x" * 81, "at most 80 characters; this one has 81"),
        (None, "Give the persona a name"),
    ],
)
def test_bad_names_are_refused_in_plain_words(raw, message: str):
    with pytest.raises(InvalidName, match=message):
        clean_name(raw)


def test_tags_are_trimmed_and_deduplicated_and_bounded():
    assert clean_tags(" phone, Phone ,, noisy  room ") == ("phone", "noisy room")
    assert clean_tags(None) == ()
    with pytest.raises(InvalidName, match="at most 20 tags"):
        clean_tags([f"t{i}" for i in range(21)])
    with pytest.raises(InvalidName, match="too long"):
        clean_tags(["x" * 41])


def test_migrations_build_an_empty_database_and_are_idempotent(database_url: str):  # noqa: F811
    first = Library(database_url)
    assert first.migrate() == (schema.LATEST, schema.LATEST)  # already done by opening it
    assert first.schema_version() == schema.LATEST
    first.save("Support", SUPPORT)
    first.close()
    again = Library(database_url)
    assert again.persona("Support").count == 1
    again.close()


def test_an_existing_version_one_database_is_upgraded_with_its_data(database_url: str):  # noqa: F811
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        schema.migrate(conn, target=1)  # as an early release of the studio left it
        conn.execute(
            sa.text("INSERT INTO personas (name, description, tags, created_at) VALUES ('Old', 'd', '[\"x\"]', :t)"),
            {"t": "2026-01-01 10:00:00"},
        )
        conn.execute(
            sa.text(
                "INSERT INTO persona_versions (persona_id, number, created_at, note, session, extras) "
                "SELECT id, 1, :t, 'old note', '{\"voice\": \"ash\"}', '{}' FROM personas"
            ),
            {"t": "2026-01-02 10:00:00"},
        )
    engine.dispose()
    library = Library(database_url)
    assert library.schema_version() == schema.LATEST
    old = library.persona("Old")
    assert (old.tags, old.latest, old.updated_at.date().isoformat()) == (("x",), 1, "2026-01-02")
    assert library.version("Old", 1).session == {"voice": "ash"}
    library.autosave("a-draft-key", {"voice": 1})  # the table added by a later migration works
    assert library.autosaved("a-draft-key") == ({"voice": 1}, {})
    library.close()


def test_a_database_from_a_newer_studio_is_refused_clearly(database_url: str):  # noqa: F811
    Library(database_url).close()
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(schema.schema_version.update().values(version=schema.LATEST + 1))
    engine.dispose()
    with pytest.raises(LibraryUnavailable, match="newer studio"):
        Library(database_url)


def test_autosave_keeps_the_latest_draft_per_key_even_when_invalid(library: Library):
    assert library.autosaved("tab-one-123") is None
    library.autosave("tab-one-123", {"speed": 9}, {"persona_builder_mode": "free"})
    library.autosave("tab-one-123", {"speed": 7})
    library.autosave("tab-two-456", {"voice": "ash"})
    assert library.autosaved("tab-one-123") == ({"speed": 7}, {})
    assert library.forget_autosaves(timedelta(days=1)) == 0
    assert library.forget_autosaves(timedelta(seconds=-1)) == 2
    assert library.autosaved("tab-two-456") is None
    with pytest.raises(StoreError, match="malformed"):
        library.autosave("../etc", {})


def test_sqlite_library_uses_wal_and_a_busy_timeout(tmp_path):
    library = Library(f"sqlite:///{tmp_path / 'wal.db'}", busy_timeout_ms=1234)
    with library.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    library.close()


def test_default_location_is_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv("STUDIO_DATABASE_URL", raising=False)
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "new" / "folder"))
    assert default_url() == f"sqlite:///{tmp_path / 'new' / 'folder' / 'studio.db'}"
    library = Library()
    library.save("Support", SUPPORT)
    library.close()
    assert (tmp_path / "new" / "folder" / "studio.db").is_file()


def test_default_folder_follows_xdg_when_no_data_dir_is_given(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    assert data_dir(env) == tmp_path / "realtime-session-studio"
    assert str(data_dir({})).endswith(".local/share/realtime-session-studio")


def test_a_busy_database_gives_a_plain_message_and_changes_nothing(tmp_path):
    path = tmp_path / "busy.db"
    library = Library(f"sqlite:///{path}", busy_timeout_ms=50)
    library.save("Support", SUPPORT)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(LibraryUnavailable, match="busy: someone else is saving"):
            library.save("Support", {"voice": "ash"})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert library.persona("Support").count == 1
    library.close()


def test_a_read_only_database_can_be_read_but_saving_says_why(tmp_path):
    path = tmp_path / "ro.db"
    Library(f"sqlite:///{path}").save("Support", SUPPORT)
    read_only = Library(f"sqlite:///file:{path}?mode=ro&uri=true", migrate=False)
    assert read_only.version("Support").session == SUPPORT
    with pytest.raises(LibraryUnavailable, match="read-only"):
        read_only.save("Support", {"voice": "ash"})
    read_only.close()


def test_a_file_that_is_not_a_library_is_named_in_the_message(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(LibraryUnavailable, match="damaged or is not a studio library"):
        Library(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"these are my notes")


def test_a_bad_url_and_an_unreachable_server_are_explained():
    with pytest.raises(LibraryUnavailable, match="not a database address"):
        Library("not a url")
    with pytest.raises(LibraryUnavailable, match="cannot be reached"):
        Library("postgresql+psycopg://user:secret@127.0.0.1:1/none")


@pytest.mark.parametrize(
    ("driver_text", "expected"),
    [
        ("database is locked", "busy"),
        ("attempt to write a readonly database", "read-only"),
        ("database or disk is full", "disk holding the library"),
        ('could not extend file "base/1/2": No space left on device', "disk holding the library"),
        ("unable to open database file", "cannot be opened"),
        ("file is not a database", "damaged"),
        ('password authentication failed for user "x"', "refused the login"),
        ("connection refused", "cannot be reached"),
        ("something new and odd", "could not be used (something new and odd)"),
    ],
)
def test_driver_errors_become_plain_sentences(driver_text: str, expected: str):
    message = explain_database_error(driver_text, "/data/studio.db")
    assert expected in message and "/data/studio.db" in message


def test_the_password_never_appears_in_messages():
    with pytest.raises(LibraryUnavailable) as caught:
        Library("postgresql+psycopg://user:hunter2@127.0.0.1:1/none")
    assert "hunter2" not in str(caught.value)

"""Team presets in the library (SQLite and PostgreSQL): admins publish saved versions, and un-publish them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store import Actor, Forbidden, InvalidName, Library, NameTaken, NotFound, schema
from tests.support.databases import database_url  # noqa: F401  (fixture)

SUPPORT = {"voice": "marin", "instructions": "Help callers with their orders.", "turn_detection": None}
WARMER = {"type": "realtime", "instructions": "Help callers warmly.", "audio": {"output": {"voice": "cedar"}}}
ADA = Actor("Ada Lovelace", "ada@example.com", "editor")
BOB = Actor("Bob", "bob@example.com", "viewer")
EVE = Actor("Eve Admin", "eve@example.com", "admin")


@pytest.fixture
def library(database_url: str):  # noqa: F811
    lib = Library(database_url)
    lib.save("Support", SUPPORT, by=ADA, description="Answers order questions", note="first")
    lib.save("Support", WARMER, by=ADA, extras={"builder": {"tone": "warm"}}, note="warmer")
    yield lib
    lib.close()


def test_an_admin_publishes_the_newest_version_under_the_personas_name_and_description(library: Library):
    published = library.publish("Support", by=EVE)
    [listed] = library.team_presets()
    assert listed == published
    assert (listed.title, listed.description, listed.persona, listed.version) == (
        "Support",
        "Answers order questions",
        "Support",
        2,
    )
    assert listed.session == WARMER and listed.shape == "realtime" and listed.api.current
    assert listed.extras == {"builder": {"tone": "warm"}}
    assert (listed.published_by, listed.published_by_email) == ("Eve Admin", "eve@example.com")
    entry = library.activity()[0]
    assert (entry.action, entry.actor_email, entry.persona, entry.version, entry.detail) == (
        "published",
        "eve@example.com",
        "Support",
        2,
        'as the team preset "Support"',
    )


def test_an_older_version_can_be_published_under_a_title_and_description_of_its_own(library: Library):
    library.publish("Support", 1, title="  Order   line ", description=" Short and\nplain ", by=EVE)
    [preset] = library.team_presets()
    assert (preset.title, preset.description, preset.version, preset.shape) == (
        "Order line",
        "Short and plain",
        1,
        "flat",
    )
    assert preset.session == SUPPORT
    copy = preset.draft()
    copy["voice"] = "ash"  # editing the draft must not change the preset
    assert library.team_preset(preset.id).session == SUPPORT


def test_the_newest_publication_comes_first(library: Library):
    library.publish("Support", 1, title="Plain", by=EVE)
    library.publish("Support", 2, title="Warm", by=EVE)
    assert [p.title for p in library.team_presets()] == ["Warm", "Plain"]


@pytest.mark.parametrize("actor", [BOB, ADA], ids=["viewer", "editor"])
def test_only_admins_publish_or_unpublish_and_a_refusal_changes_nothing(library: Library, actor: Actor):
    before = library.activity()
    with pytest.raises(Forbidden) as refused:
        library.publish("Support", by=actor)
    assert str(refused.value) == (
        f"Only admins can manage team presets; you are signed in as {actor.email} ({actor.role})."
    )
    assert library.team_presets() == [] and library.activity() == before
    preset = library.publish("Support", by=EVE)
    with pytest.raises(Forbidden):
        library.unpublish(preset, by=actor)
    assert library.team_presets() == [preset]


def test_without_sign_in_the_local_user_publishes_and_unpublishes(library: Library):
    preset = library.publish("Support")
    assert preset.published_by_email == "local"
    library.unpublish(preset.id)
    assert library.team_presets() == []
    assert [(a.action, a.actor_email) for a in library.activity()[:2]] == [
        ("unpublished", "local"),
        ("published", "local"),
    ]


def test_unpublishing_takes_the_preset_off_the_list_and_the_log_says_who(library: Library):
    preset = library.publish("Support", title="Warm line", by=EVE)
    library.unpublish(preset, by=Actor("Zed", "zed@example.com", "admin"))
    assert library.team_presets() == []
    with pytest.raises(NotFound, match="no longer published"):
        library.team_preset(preset.id)
    with pytest.raises(NotFound, match="no longer published"):
        library.unpublish(preset, by=EVE)
    entry = library.activity()[0]
    assert (entry.action, entry.actor_name, entry.persona, entry.version, entry.detail) == (
        "unpublished",
        "Zed",
        "Support",
        2,
        'the team preset "Warm line"',
    )
    assert library.version("Support", 2).session == WARMER  # the saved version itself stays


def test_a_title_is_unique_among_published_presets_and_free_again_once_unpublished(library: Library):
    first = library.publish("Support", 2, title="Front line", by=EVE)
    with pytest.raises(NameTaken, match='A team preset called "Front line" is already published'):
        library.publish("Support", 1, title="Front line", by=EVE)
    library.unpublish(first, by=EVE)
    again = library.publish("Support", 1, title="Front line", by=EVE)
    assert [(p.id, p.version) for p in library.team_presets()] == [(again.id, 1)]


def test_a_version_is_published_at_most_once_at_a_time(library: Library):
    library.publish("Support", 2, title="Warm", by=EVE)
    with pytest.raises(NameTaken, match='Version 2 of "Support" is already published as the team preset "Warm"'):
        library.publish("Support", 2, title="Warm again", by=EVE)
    assert len(library.team_presets()) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"title": "x" * 81}, InvalidName, "at most 80 characters; this one has 81"),
        ({"title": "bad\x07title"}, InvalidName, "control characters"),
        ({"description": "d" * 301}, InvalidName, "at most 300 characters; this one has 301"),
        ({"number": 7}, NotFound, '"Support" has no version 7; its versions are numbered 1 to 2.'),
        ({"name": "Nobody"}, NotFound, 'There is no persona called "Nobody".'),
    ],
)
def test_what_cannot_be_published_is_refused_in_plain_words(library: Library, kwargs: dict, error: type, message: str):
    arguments = {"name": "Support", **kwargs}
    with pytest.raises(error) as refused:
        library.publish(arguments.pop("name"), arguments.pop("number", None), by=EVE, **arguments)
    assert message in str(refused.value)
    assert library.team_presets() == []


def test_a_preset_follows_a_rename_and_outlives_the_deletion_of_its_persona(library: Library):
    library.publish("Support", title="Warm line", by=EVE)
    library.rename("Support", "Support desk", by=ADA)
    assert library.team_presets()[0].persona == "Support desk"
    library.delete("Support desk", by=ADA)
    [kept] = library.team_presets()  # un-publishing is its own, deliberate step
    assert (kept.title, kept.session) == ("Warm line", WARMER)


def test_migration_6_adds_team_presets_to_a_library_of_schema_5_and_keeps_its_versions(database_url: str):  # noqa: F811
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        schema.migrate(conn, target=5)
    old = Library(database_url, migrate=False)
    assert old.schema_version() == 5
    old.close()
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO personas (name, description, tags, created_at, updated_at) "
                "VALUES ('Old', 'from before', '[]', :t, :t)"
            ),
            {"t": "2026-01-01 10:00:00"},
        )
        conn.execute(
            sa.text(
                "INSERT INTO persona_versions (persona_id, number, created_at, note, session, extras, shape, "
                "author_name, author_email) SELECT id, 1, :t, 'old', :s, '{}', 'flat', 'local', 'local' FROM personas"
            ),
            {"t": "2026-01-01 10:00:00", "s": '{"voice": "ash"}'},
        )
    library = Library(database_url)
    assert library.schema_version() == schema.LATEST >= 6
    preset = library.publish("Old", by=EVE)
    assert (preset.title, preset.description, preset.session) == ("Old", "from before", {"voice": "ash"})
    library.close()
    engine.dispose()

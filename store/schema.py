"""The library's tables and the ordered migrations that build them. The app migrates by itself.

Each migration is a function of an open transaction; they run in order, all in the
same transaction as the update of ``studio_schema_version``, so a crash half-way
leaves the database as it was. Migrations never change: a new need is a new entry
at the end of ``MIGRATIONS``. The table objects below describe the latest schema
for queries; the migrations spell out their own DDL so that old steps stay fixed.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

NAME_MAX = 80
SHAPE_MAX = 16
WHO_MAX = 320  # an e-mail address at most
ACTION_MAX = 32

metadata = sa.MetaData()

schema_version = sa.Table(
    "studio_schema_version",
    metadata,
    sa.Column("version", sa.Integer, nullable=False),
)

personas = sa.Table(
    "personas",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # Unique among personas that are not deleted (an index since migration 5, a constraint before).
    sa.Column("name", sa.String(NAME_MAX), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("tags", sa.Text, nullable=False),  # a JSON list of strings
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True)),  # added by migration 2; always set since
    # Soft delete (migration 5): a deleted persona keeps its row and history; NULL means not deleted.
    sa.Column("deleted_at", sa.DateTime(timezone=True)),
    sa.Column("deleted_by", sa.String(WHO_MAX)),  # the e-mail of who deleted it
)

versions = sa.Table(
    "persona_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("persona_id", sa.Integer, sa.ForeignKey("personas.id", ondelete="CASCADE"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("session", sa.Text, nullable=False),  # the exported session JSON, exactly as saved
    sa.Column("extras", sa.Text, nullable=False),  # JSON: what the studio keeps beside the draft
    # "realtime" | "transcription" | "flat": the API shape of the session; added by migration 4, always set since
    sa.Column("shape", sa.String(SHAPE_MAX)),
    # Who saved it (migration 5; versions from before then say "local").
    sa.Column("author_name", sa.String(WHO_MAX)),
    sa.Column("author_email", sa.String(WHO_MAX)),
    sa.UniqueConstraint("persona_id", "number", name="uq_persona_version_number"),
)

autosaves = sa.Table(
    "autosaves",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("draft", sa.Text, nullable=False),  # JSON, possibly an invalid draft: it is work in progress
    sa.Column("extras", sa.Text, nullable=False),
    sa.Column("owner", sa.String(WHO_MAX)),  # the e-mail of the account whose draft it is (migration 5)
)

activity = sa.Table(
    "activity",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    # saved, restored, renamed, duplicated, deleted, undeleted, published, unpublished, signed out
    sa.Column("action", sa.String(ACTION_MAX), nullable=False),
    sa.Column("actor_name", sa.String(WHO_MAX), nullable=False),
    sa.Column("actor_email", sa.String(WHO_MAX), nullable=False),
    sa.Column("persona_id", sa.Integer),  # personas are never removed, so this always finds one
    sa.Column("persona_name", sa.String(NAME_MAX)),  # the name at the time
    sa.Column("version", sa.Integer),
    sa.Column("detail", sa.Text, nullable=False),
)

test_notes = sa.Table(
    "test_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # The version the call used (versions are never removed, so this always finds one).
    sa.Column("version_id", sa.Integer, sa.ForeignKey("persona_versions.id"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author_name", sa.String(WHO_MAX), nullable=False),
    sa.Column("author_email", sa.String(WHO_MAX), nullable=False),
    sa.Column("comment", sa.Text, nullable=False),  # what the person noticed, in their words
    sa.Column("call", sa.Text, nullable=False),  # JSON: the transcript, the event summary, tokens, seconds
    sa.Index("ix_test_notes_version", "version_id"),
)

team_presets = sa.Table(
    "team_presets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # A published version (versions are never removed, so this always finds one).
    sa.Column("version_id", sa.Integer, sa.ForeignKey("persona_versions.id"), nullable=False),
    sa.Column("title", sa.String(NAME_MAX), nullable=False),  # unique among presets still published
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_by_name", sa.String(WHO_MAX), nullable=False),
    sa.Column("published_by_email", sa.String(WHO_MAX), nullable=False),
    # Un-publishing keeps the row (and the log says who did it); NULL means still published.
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.Column("withdrawn_by", sa.String(WHO_MAX)),
)


def _v1_personas_and_versions(conn: Connection) -> None:
    frozen = sa.MetaData()
    sa.Table(
        "personas",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(NAME_MAX), nullable=False, unique=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "persona_versions",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("persona_id", sa.Integer, sa.ForeignKey("personas.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("session", sa.Text, nullable=False),
        sa.Column("extras", sa.Text, nullable=False),
        sa.UniqueConstraint("persona_id", "number", name="uq_persona_version_number"),
    )
    frozen.create_all(conn)


def _v2_personas_updated_at(conn: Connection) -> None:
    # The list sorts by last activity; back-fill it from the newest version of each persona.
    column_type = sa.DateTime(timezone=True).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE personas ADD COLUMN updated_at {column_type}")
    conn.exec_driver_sql(
        "UPDATE personas SET updated_at = COALESCE("
        "(SELECT MAX(v.created_at) FROM persona_versions v WHERE v.persona_id = personas.id), created_at)"
    )


def _v3_autosaves(conn: Connection) -> None:
    frozen = sa.MetaData()
    sa.Table(
        "autosaves",
        frozen,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("draft", sa.Text, nullable=False),
        sa.Column("extras", sa.Text, nullable=False),
    )
    frozen.create_all(conn)


def _v4_version_shapes(conn: Connection) -> None:
    # Each version records the API shape it was saved in. The stored JSON says it already
    # (a session with "type" is that type of the current API; one without is the flat beta
    # shape); the column makes it cheap to list, and the JSON itself is never rewritten.
    column_type = sa.String(SHAPE_MAX).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE persona_versions ADD COLUMN shape {column_type}")
    rows = conn.execute(sa.text("SELECT id, session FROM persona_versions")).all()
    by_shape: dict[str, list[int]] = {}
    for row in rows:
        by_shape.setdefault(_v4_shape_of(row.session), []).append(row.id)
    update = sa.text("UPDATE persona_versions SET shape = :shape WHERE id = :id")
    for shape, ids in by_shape.items():
        conn.execute(update, [{"shape": shape, "id": id_} for id_ in ids])


def _v4_shape_of(text: str) -> str:
    """The shape of a stored session, as migration 4 read it (spelled out here so the step stays fixed)."""
    try:
        session = json.loads(text)
    except ValueError:
        return "flat"
    if isinstance(session, dict) and "type" in session:
        return "transcription" if session["type"] == "transcription" else "realtime"
    return "flat"


def _v5_authors_activity_soft_delete(conn: Connection) -> None:
    # Who saved each version, whose each autosaved draft is, a log of who did what, and soft
    # delete. Rows from before this step were made by the single local user: "local".
    who = sa.String(WHO_MAX).compile(dialect=conn.dialect)
    moment = sa.DateTime(timezone=True).compile(dialect=conn.dialect)
    for table, column, kind in (
        ("persona_versions", "author_name", who),
        ("persona_versions", "author_email", who),
        ("autosaves", "owner", who),
        ("personas", "deleted_at", moment),
        ("personas", "deleted_by", who),
    ):
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    conn.exec_driver_sql("UPDATE persona_versions SET author_name = 'local', author_email = 'local'")
    conn.exec_driver_sql("UPDATE autosaves SET owner = 'local'")
    # A name is unique among the personas that are not deleted: a deleted one keeps its name and
    # history, and the name can be used again. The old table-wide constraint has to go.
    if conn.dialect.name == "sqlite":
        _v5_sqlite_rebuild(conn)
    else:
        for constraint in sa.inspect(conn).get_unique_constraints("personas"):
            if constraint["column_names"] == ["name"]:
                conn.exec_driver_sql(f'ALTER TABLE personas DROP CONSTRAINT "{constraint["name"]}"')
    conn.exec_driver_sql("CREATE UNIQUE INDEX uq_personas_live_name ON personas (name) WHERE deleted_at IS NULL")
    frozen = sa.MetaData()
    sa.Table(
        "activity",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(ACTION_MAX), nullable=False),
        sa.Column("actor_name", sa.String(WHO_MAX), nullable=False),
        sa.Column("actor_email", sa.String(WHO_MAX), nullable=False),
        sa.Column("persona_id", sa.Integer),
        sa.Column("persona_name", sa.String(NAME_MAX)),
        sa.Column("version", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Index("ix_activity_at", "at"),
        sa.Index("ix_activity_actor_action", "actor_email", "action"),
    )
    frozen.create_all(conn)


def _v5_sqlite_rebuild(conn: Connection) -> None:
    """SQLite cannot drop an inline UNIQUE: rebuild both tables (children first), rows and ids as they were.

    The versions are copied byte for byte (their JSON is not parsed). Foreign keys stay on: the
    old tables are dropped only when nothing references them any more, and a rename updates
    the new versions table's reference.
    """
    conn.exec_driver_sql(
        "CREATE TABLE personas_v5 (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL, "
        "description TEXT NOT NULL, tags TEXT NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME, "
        "deleted_at DATETIME, deleted_by VARCHAR(320))"
    )
    conn.exec_driver_sql(
        "INSERT INTO personas_v5 (id, name, description, tags, created_at, updated_at, deleted_at, deleted_by) "
        "SELECT id, name, description, tags, created_at, updated_at, deleted_at, deleted_by FROM personas"
    )
    conn.exec_driver_sql(
        "CREATE TABLE persona_versions_v5 (id INTEGER NOT NULL PRIMARY KEY, persona_id INTEGER NOT NULL, "
        "number INTEGER NOT NULL, created_at DATETIME NOT NULL, note TEXT NOT NULL, session TEXT NOT NULL, "
        "extras TEXT NOT NULL, shape VARCHAR(16), author_name VARCHAR(320), author_email VARCHAR(320), "
        "CONSTRAINT uq_persona_version_number UNIQUE (persona_id, number), "
        "FOREIGN KEY(persona_id) REFERENCES personas_v5 (id) ON DELETE CASCADE)"
    )
    columns = "id, persona_id, number, created_at, note, session, extras, shape, author_name, author_email"
    conn.exec_driver_sql(f"INSERT INTO persona_versions_v5 ({columns}) SELECT {columns} FROM persona_versions")
    conn.exec_driver_sql("DROP TABLE persona_versions")
    conn.exec_driver_sql("DROP TABLE personas")
    conn.exec_driver_sql("ALTER TABLE personas_v5 RENAME TO personas")
    conn.exec_driver_sql("ALTER TABLE persona_versions_v5 RENAME TO persona_versions")


def _v6_team_presets(conn: Connection) -> None:
    # Admins publish saved versions as presets for the whole team; the preset points at the version
    # (which never changes), so a preset is exactly what was saved.
    frozen = sa.MetaData()
    sa.Table("persona_versions", frozen, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "team_presets",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("persona_versions.id"), nullable=False),
        sa.Column("title", sa.String(NAME_MAX), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_name", sa.String(WHO_MAX), nullable=False),
        sa.Column("published_by_email", sa.String(WHO_MAX), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdrawn_by", sa.String(WHO_MAX)),
    )
    frozen.tables["team_presets"].create(conn)
    conn.exec_driver_sql(
        "CREATE UNIQUE INDEX uq_team_presets_live_title ON team_presets (title) WHERE withdrawn_at IS NULL"
    )


def _v7_test_notes(conn: Connection) -> None:
    # What a live call with a saved version sounded like: its transcript and events, kept beside the version.
    frozen = sa.MetaData()
    sa.Table("persona_versions", frozen, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "test_notes",
        frozen,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("persona_versions.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author_name", sa.String(WHO_MAX), nullable=False),
        sa.Column("author_email", sa.String(WHO_MAX), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("call", sa.Text, nullable=False),
        sa.Index("ix_test_notes_version", "version_id"),
    )
    frozen.tables["test_notes"].create(conn)


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _v1_personas_and_versions,
    _v2_personas_updated_at,
    _v3_autosaves,
    _v4_version_shapes,
    _v5_authors_activity_soft_delete,
    _v6_team_presets,
    _v7_test_notes,
)
LATEST = len(MIGRATIONS)

# Any constant will do: it names the lock that keeps two app replicas from migrating at once.
_PG_MIGRATION_LOCK = 4_215_730_911


def current_version(conn: Connection) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return 0
    return conn.execute(sa.select(schema_version.c.version)).scalar() or 0


def migrate(conn: Connection, target: int = LATEST) -> tuple[int, int]:
    """Bring the schema up to ``target`` inside the caller's write transaction; return (before, after).

    Raises ``RuntimeError`` when the database is newer than this code knows.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
    schema_version.create(conn, checkfirst=True)
    before = conn.execute(sa.select(schema_version.c.version)).scalar()
    if before is None:
        conn.execute(schema_version.insert().values(version=0))
        before = 0
    if before > LATEST:
        raise RuntimeError(
            f"The library was written by a newer studio (schema version {before}; this one knows up to "
            f"{LATEST}). Update the studio before using this library."
        )
    for number in range(before + 1, target + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(schema_version.update().values(version=number))
    return before, max(before, target)

"""The persona library: named personas, each with numbered versions of a validated session.

Every write is one database transaction, and a method returns only after that
transaction has committed: when ``save`` returns, the version is on disk (or on the
server). Readers never see half a save. Two people saving the same persona at the
same moment both get a version: numbers are unique per persona (a database
constraint), so a clash rolls back and is retried with the next number.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import random
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from session_model.api_keys import redact
from session_model.apis import APIS, Api, api_of, check
from session_model.credentials import scrub
from store import schema
from store.actors import LOCAL, Actor
from store.errors import (
    Busy,
    Forbidden,
    InvalidName,
    InvalidSession,
    LibraryUnavailable,
    NameTaken,
    NotFound,
    StoreError,
    explain_database_error,
)
from store.keys import AUTOSAVE_KEY_PATTERN
from store.schema import NAME_MAX, WHO_MAX, activity, autosaves, personas, team_presets, test_notes, versions

URL_ENV = "STUDIO_DATABASE_URL"
DATA_DIR_ENV = "STUDIO_DATA_DIR"
DB_FILE = "studio.db"
APP_DIR = "realtime-session-studio"
TAG_MAX = 40
TAGS_MAX = 20
PRESET_DESCRIPTION_MAX = 300
SQLITE_BUSY_TIMEOUT_MS = 10_000
SAVE_ATTEMPTS = 30  # a clash on the version number is retried; 30 covers dozens of simultaneous savers

P = ParamSpec("P")
T = TypeVar("T")


def data_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where the studio keeps its files: ``STUDIO_DATA_DIR``, else the XDG data folder."""
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    base = Path(env["XDG_DATA_HOME"]).expanduser() if env.get("XDG_DATA_HOME") else Path.home() / ".local" / "share"
    return base / APP_DIR


def database_url(env: Mapping[str, str] = os.environ) -> str:
    """The library's SQLAlchemy URL: ``STUDIO_DATABASE_URL``, else a SQLite file in the data folder."""
    return env.get(URL_ENV) or f"sqlite:///{data_dir(env) / DB_FILE}"


@dataclass(frozen=True)
class Persona:
    """A persona as listed: its details and where its history stands."""

    id: int
    name: str
    description: str
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    latest: int  # number of the newest version
    count: int  # how many versions it has

    def matches(self, search: str) -> bool:
        """True when every word of the search appears in the name, description or tags."""
        haystack = " ".join((self.name, self.description, *self.tags)).casefold()
        return all(word in haystack for word in search.casefold().split())


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a persona's history."""

    number: int
    created_at: datetime
    note: str
    shape: str  # the API target it was saved for: "realtime", "transcription" or "flat"
    author: str = "local"  # who saved it: their name (versions from before sign-in existed say "local")
    author_email: str = "local"

    @property
    def api(self) -> Api:
        """The API target of this version (its title names it in words)."""
        return APIS[self.shape]


@dataclass(frozen=True)
class Version:
    """A saved version in full: the exported session, the studio's extras and the session's shape."""

    persona: str
    number: int
    created_at: datetime
    note: str
    session: dict[str, Any]
    extras: dict[str, Any]
    shape: str  # "realtime", "transcription" or "flat"; always the shape of ``session``
    author: str = "local"
    author_email: str = "local"

    @property
    def api(self) -> Api:
        """The API target of this version (its title names it in words)."""
        return APIS[self.shape]


@dataclass(frozen=True)
class CallNote:
    """A test note on a version: what a live call with it sounded like, and what the person noticed."""

    persona: str
    version: int
    at: datetime
    author: str
    author_email: str
    comment: str
    transcript: tuple[tuple[str, str, str], ...]  # (who, how, text): ("Agent", "spoken", "Hello!")
    events: tuple[str, ...]  # the call's event log, one line each
    tokens: int = 0
    seconds: int | None = None  # how long the call lasted, when known


# A note keeps a call of a few minutes whole; beyond these it keeps the start and says how much was left out.
NOTE_COMMENT_MAX = 4_000
NOTE_LINES_MAX = 400
NOTE_LINE_MAX = 2_000


def _clip(items: list[Any], limit: int, last: Any) -> list[Any]:
    return items if len(items) <= limit else [*items[:limit], last(len(items) - limit)]


@dataclass(frozen=True)
class Saved:
    """What a save produced; ``others`` are versions someone else saved since ``base_version``."""

    persona: str
    number: int
    created_at: datetime
    created: bool  # True when this save created the persona
    others: tuple[int, ...] = ()


@dataclass(frozen=True)
class Removed:
    """A deleted persona as it was when deleted, so that ``undelete`` can bring it back.

    Nothing is erased: the persona keeps its row and history, marked deleted (``id``).
    """

    persona: dict[str, Any]
    versions: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    id: int | None = None

    @property
    def name(self) -> str:
        """The deleted persona's name."""
        return self.persona["name"]


@dataclass(frozen=True)
class Deleted:
    """A deleted persona as an admin sees it: who deleted it and when."""

    id: int
    name: str
    description: str
    deleted_at: datetime
    deleted_by: str
    count: int


@dataclass(frozen=True)
class Activity:
    """One entry of the activity log: who did what, when, to which persona and version."""

    at: datetime
    action: str  # saved, restored, renamed, duplicated, deleted, undeleted, edited details, published, unpublished
    actor_name: str
    actor_email: str
    persona: str | None
    version: int | None
    detail: str


@dataclass(frozen=True)
class TeamPreset:
    """A saved version an admin published as a preset for the whole team."""

    id: int
    title: str
    description: str
    persona: str  # the persona's name now (a rename follows it)
    version: int
    shape: str  # "realtime", "transcription" or "flat"
    session: dict[str, Any]
    extras: dict[str, Any]
    published_at: datetime
    published_by: str  # the publisher's name
    published_by_email: str

    @property
    def api(self) -> Api:
        """The API target of the published version."""
        return APIS[self.shape]

    def draft(self) -> dict[str, Any]:
        """A copy of the session to edit (the preset itself stays as it is)."""
        return copy.deepcopy(self.session)


def _clean_label(value: Any, missing: str, what: str) -> str:
    """A one-line label as stored (spaces collapsed), or ``InvalidName`` saying what is wrong with it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidName(missing)
    value = " ".join(value.split())
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise InvalidName(f"{what} cannot contain control characters.")
    if len(value) > NAME_MAX:
        raise InvalidName(f"{what} can have at most {NAME_MAX} characters; this one has {len(value)}.")
    return value


def clean_name(name: Any) -> str:
    """A persona name as stored (trimmed), or ``InvalidName`` saying what is wrong."""
    return _clean_label(name, "Give the persona a name.", "A persona name")


def clean_title(title: Any) -> str:
    """A team preset's title as stored (trimmed), or ``InvalidName`` saying what is wrong."""
    return _clean_label(title, "Give the team preset a title.", "A team preset's title")


def clean_tags(tags: str | Iterable[str] | None) -> tuple[str, ...]:
    """Tags from a comma-separated text or a list: trimmed, without repeats (ignoring case)."""
    if tags is None:
        return ()
    items = tags.split(",") if isinstance(tags, str) else list(tags)
    seen: dict[str, str] = {}
    for item in items:
        tag = " ".join(str(item).split())
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise InvalidName(f'The tag "{tag[:20]}…" is too long: at most {TAG_MAX} characters.')
        seen.setdefault(tag.casefold(), tag)
    if len(seen) > TAGS_MAX:
        raise InvalidName(f"A persona can have at most {TAGS_MAX} tags; you gave {len(seen)}.")
    return tuple(seen.values())


_MODELS = tuple(api.model for api in APIS.values())


def _validated(session: BaseModel | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The shape and the export of a session of any target, or ``InvalidSession`` with its problems."""
    if isinstance(session, _MODELS):
        model: BaseModel | None = session
    else:
        _, model, problems = check(dict(session) if isinstance(session, Mapping) else session)
        if model is None:
            raise InvalidSession(problems)
    # As ``session_model.export.export_session`` does, for any of the models: unset stays out, null stays.
    exported = model.model_dump(mode="json", exclude_unset=True)
    return api_of(exported).key, exported


def _json(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"The {what} cannot be stored as JSON ({exc}).") from None


def _version_row(conn: Connection, persona: Persona, number: int, *columns: Any) -> sa.Row:
    """A version's row (those ``columns``), or NotFound saying which numbers the persona has."""
    row = conn.execute(
        sa.select(*columns).where(versions.c.persona_id == persona.id, versions.c.number == number)
    ).first()
    if row is None:
        raise NotFound(f'"{persona.name}" has no version {number}; its versions are numbered 1 to {persona.latest}.')
    return row


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive timestamps; everything is written in UTC.
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


def _who(text: str) -> str:
    # Names and e-mails come from the sign-in provider: kept as they are, within the column's size.
    return " ".join(str(text).split())[:WHO_MAX] or "unknown"


SIGNED_OUT = "signed out"  # an activity that ends an account's older sessions; not shown in the log


def _describe(url: sa.URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or "(in memory)"
    return url.render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writes.

    pysqlite opens transactions lazily and on its own; with that switched off,
    SQLAlchemy's ``begin`` event issues the BEGIN. Writers take the write lock at the
    start (IMMEDIATE), so two savers queue on the busy timeout instead of failing
    half-way when both try to upgrade a read lock.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        with contextlib.suppress(Exception):  # a read-only file cannot switch modes; reading still works
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("studio_write") else "BEGIN")


def _guard(method: Callable[P, T]) -> Callable[P, T]:
    """Report database trouble as ``LibraryUnavailable`` with a plain-words message."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        self = args[0]
        try:
            return method(*args, **kwargs)
        except StoreError:
            raise
        except sa.exc.DBAPIError as exc:
            raise LibraryUnavailable(
                explain_database_error(str(exc.orig) if exc.orig is not None else str(exc), self.where)  # type: ignore[attr-defined]
            ) from exc
        except OSError as exc:
            raise LibraryUnavailable(explain_database_error(str(exc), self.where)) from exc  # type: ignore[attr-defined]

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class Library:
    """The persona library on one database. Safe to share between threads."""

    def __init__(
        self, url: str | None = None, *, migrate: bool = True, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
    ) -> None:
        """Open (and create or migrate, unless told not to) the library at a SQLAlchemy URL.

        ``busy_timeout_ms`` is how long a SQLite write waits for another writer before giving up.
        """
        self.busy_timeout_ms = busy_timeout_ms
        raw = url or database_url()
        try:
            self.url = sa.make_url(raw)
        except sa.exc.ArgumentError:
            raise LibraryUnavailable(
                f"{URL_ENV} is not a database address SQLAlchemy understands: {raw[:80]!r}. "
                "It looks like sqlite:////path/to/studio.db or postgresql+psycopg://user:password@host/dbname."
            ) from None
        self.where = _describe(self.url)
        self.engine = self._create_engine()
        if migrate:
            self.migrate()

    def _create_engine(self) -> Engine:
        kwargs: dict[str, Any] = {}
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if database in ("", ":memory:") or database.startswith("file:"):
                kwargs["poolclass"] = sa.pool.StaticPool
                kwargs["connect_args"] = {"check_same_thread": False}
            else:
                try:
                    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise LibraryUnavailable(
                        f"Cannot create the folder for the library at {database}: {exc.strerror or exc}."
                    ) from None
        elif self.url.get_backend_name() == "postgresql":
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"connect_timeout": 10}
        try:
            engine = sa.create_engine(self.url, **kwargs)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise LibraryUnavailable(f"Cannot use the database at {self.where}: {exc}.") from None
        if self.url.get_backend_name() == "sqlite":
            _configure_sqlite(engine, self.busy_timeout_ms)
        return engine

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        # One transaction per write; leaving the block commits, and only then does the caller return.
        with self.engine.connect() as conn:
            conn.execution_options(studio_write=True)
            with conn.begin():
                yield conn

    # --- schema ------------------------------------------------------------

    @_guard
    def migrate(self) -> tuple[int, int]:
        """Create or upgrade the tables; return the schema version before and after."""
        with self._reading() as conn:
            found = schema.current_version(conn)
        if found == schema.LATEST:
            return found, found  # nothing to write: a read-only library still opens
        try:
            with self._writing() as conn:
                return schema.migrate(conn)
        except RuntimeError as exc:
            raise LibraryUnavailable(str(exc)) from None

    @_guard
    def schema_version(self) -> int:
        """The schema version of the database."""
        with self._reading() as conn:
            return schema.current_version(conn)

    # --- reading -----------------------------------------------------------

    def _persona_query(self) -> sa.Select:
        stats = (
            sa.select(
                versions.c.persona_id,
                sa.func.max(versions.c.number).label("latest"),
                sa.func.count().label("count"),
            )
            .group_by(versions.c.persona_id)
            .subquery()
        )
        return (
            sa.select(personas, stats.c.latest, stats.c.count)
            .join(stats, stats.c.persona_id == personas.c.id)
            .where(personas.c.deleted_at.is_(None))
        )

    @staticmethod
    def _persona(row: sa.Row) -> Persona:
        return Persona(
            id=row.id,
            name=row.name,
            description=row.description,
            tags=tuple(json.loads(row.tags)),
            created_at=_utc(row.created_at),
            updated_at=_utc(row.updated_at or row.created_at),
            latest=row.latest,
            count=row.count,
        )

    @_guard
    def personas(self, search: str = "") -> list[Persona]:
        """All personas, most recently changed first; ``search`` keeps those matching every word."""
        with self._reading() as conn:
            rows = conn.execute(self._persona_query().order_by(personas.c.updated_at.desc(), personas.c.name)).all()
        found = [self._persona(row) for row in rows]
        return [p for p in found if p.matches(search)] if search.strip() else found

    @_guard
    def persona(self, name: str) -> Persona:
        """One persona by name (``NotFound`` if there is none)."""
        with self._reading() as conn:
            row = conn.execute(self._persona_query().where(personas.c.name == clean_name(name))).first()
        if row is None:
            raise NotFound(f'There is no persona called "{name}".')
        return self._persona(row)

    @_guard
    def versions(self, name: str) -> list[VersionInfo]:
        """The history of a persona, newest first."""
        persona = self.persona(name)
        with self._reading() as conn:
            rows = conn.execute(
                sa.select(
                    versions.c.number,
                    versions.c.created_at,
                    versions.c.note,
                    versions.c.shape,
                    versions.c.author_name,
                    versions.c.author_email,
                )
                .where(versions.c.persona_id == persona.id)
                .order_by(versions.c.number.desc())
            ).all()
        return [
            VersionInfo(
                row.number,
                _utc(row.created_at),
                row.note,
                row.shape,
                row.author_name or "local",
                row.author_email or "local",
            )
            for row in rows
        ]

    @_guard
    def version(self, name: str, number: int | None = None) -> Version:
        """One version in full; the newest when ``number`` is None."""
        persona = self.persona(name)
        wanted = persona.latest if number is None else number
        with self._reading() as conn:
            row = _version_row(conn, persona, wanted, versions)
        return Version(
            persona=persona.name,
            number=row.number,
            created_at=_utc(row.created_at),
            note=row.note,
            session=json.loads(row.session),
            extras=json.loads(row.extras),
            shape=row.shape,
            author=row.author_name or "local",
            author_email=row.author_email or "local",
        )

    # --- who may do what ----------------------------------------------------

    @staticmethod
    def _allow(actor: Actor, action: str) -> None:
        if not actor.can(action):
            raise Forbidden(actor.refusal(action))

    @staticmethod
    def _log(
        conn: Connection,
        actor: Actor,
        action: str,
        *,
        persona_id: int | None = None,
        persona_name: str | None = None,
        version: int | None = None,
        detail: str = "",
        at: datetime | None = None,
    ) -> None:
        # In the same transaction as the change it records: both happen, or neither.
        conn.execute(
            activity.insert().values(
                at=at or _now(),
                action=action,
                actor_name=_who(actor.name),
                actor_email=_who(actor.email),
                persona_id=persona_id,
                persona_name=persona_name,
                version=version,
                detail=detail,
            )
        )

    # --- writing -----------------------------------------------------------

    @_guard
    def save(
        self,
        name: str,
        session: BaseModel | Mapping[str, Any],
        *,
        note: str = "",
        extras: Mapping[str, Any] | None = None,
        description: str | None = None,
        tags: str | Iterable[str] | None = None,
        new: bool | None = None,
        base_version: int | None = None,
        by: Actor = LOCAL,
    ) -> Saved:
        """Save a valid session of any target as the next version of ``name`` (the persona is created if needed).

        The session is validated against its own target (read from its ``type``; none is the
        flat beta shape) and the version records that shape and its author (``by``, who must be
        an editor or an admin).

        ``new=True`` refuses an existing name (``NameTaken``), ``new=False`` a missing one
        (``NotFound``). ``description``/``tags`` update the persona's details when given.
        ``base_version`` is the version the user started from; versions saved by others
        since then come back in ``Saved.others``, so the user can be told.
        Invalid sessions raise ``InvalidSession`` and store nothing.
        """
        self._allow(by, "save")
        name = clean_name(name)
        shape, exported = _validated(session)
        stored = _json(exported, "session")
        extras_text = _json(dict(extras or {}), "studio's extra data")
        tag_list = clean_tags(tags) if tags is not None else None
        for attempt in range(SAVE_ATTEMPTS):
            try:
                return self._save_once(
                    name, shape, stored, extras_text, note.strip(), description, tag_list, new, base_version, by
                )
            except sa.exc.IntegrityError:
                # Someone else took this version number (or created this name) first: read again and retry.
                time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
        raise Busy(f'Too many people are saving "{name}" at the same moment; nothing was stored. Try again.')

    def _save_once(
        self,
        name: str,
        shape: str,
        stored: str,
        extras_text: str,
        note: str,
        description: str | None,
        tags: tuple[str, ...] | None,
        new: bool | None,
        base_version: int | None,
        by: Actor,
        action: str = "saved",
    ) -> Saved:
        now = _now()
        with self._writing() as conn:
            row = conn.execute(
                sa.select(personas).where(personas.c.name == name, personas.c.deleted_at.is_(None)).with_for_update()
            ).first()
            created = row is None
            if row is None:
                if new is False:
                    raise NotFound(
                        f'There is no persona called "{name}" any more; it may have been renamed or deleted.'
                    )
                persona_id = conn.execute(
                    personas.insert().values(
                        name=name,
                        description=(description or "").strip(),
                        tags=_json(list(tags or ()), "tags"),
                        created_at=now,
                        updated_at=now,
                    )
                ).inserted_primary_key[0]
            else:
                if new is True:
                    raise NameTaken(f'A persona called "{name}" already exists; choose another name or open it.')
                persona_id = row.id
                details: dict[str, Any] = {"updated_at": now}
                if description is not None:
                    details["description"] = description.strip()
                if tags is not None:
                    details["tags"] = _json(list(tags), "tags")
                conn.execute(personas.update().where(personas.c.id == persona_id).values(**details))
            latest = (
                conn.execute(
                    sa.select(sa.func.max(versions.c.number)).where(versions.c.persona_id == persona_id)
                ).scalar()
                or 0
            )
            number = latest + 1
            conn.execute(
                versions.insert().values(
                    persona_id=persona_id,
                    number=number,
                    created_at=now,
                    note=note,
                    session=stored,
                    extras=extras_text,
                    shape=shape,
                    author_name=_who(by.name),
                    author_email=_who(by.email),
                )
            )
            detail = "created the persona" if created and action == "saved" else note
            self._log(conn, by, action, persona_id=persona_id, persona_name=name, version=number, detail=detail, at=now)
        others = tuple(range(base_version + 1, number)) if base_version is not None and not created else ()
        return Saved(name, number, now, created, others)

    @_guard
    def restore(self, name: str, number: int, *, by: Actor = LOCAL) -> Saved:
        """Make an older version the newest again: its session and extras saved as the next version."""
        self._allow(by, "restore")
        old = self.version(name, number)
        note = f"Restored version {old.number}"
        for attempt in range(SAVE_ATTEMPTS):
            try:
                return self._save_once(
                    old.persona,
                    old.shape,
                    _json(old.session, "session"),
                    _json(old.extras, "studio's extra data"),
                    note,
                    None,
                    None,
                    False,
                    None,
                    by,
                    action="restored",
                )
            except sa.exc.IntegrityError:
                time.sleep(random.uniform(0.005, 0.03) * (attempt + 1))
        raise Busy(f'Too many people are saving "{old.persona}" at the same moment; nothing was stored. Try again.')

    @_guard
    def update_details(
        self,
        name: str,
        *,
        description: str | None = None,
        tags: str | Iterable[str] | None = None,
        by: Actor = LOCAL,
    ) -> Persona:
        """Change a persona's description and/or tags (no new version)."""
        self._allow(by, "details")
        values: dict[str, Any] = {}
        if description is not None:
            values["description"] = description.strip()
        if tags is not None:
            values["tags"] = _json(list(clean_tags(tags)), "tags")
        if values:
            with self._writing() as conn:
                row = conn.execute(
                    sa.select(personas.c.id).where(personas.c.name == clean_name(name), personas.c.deleted_at.is_(None))
                ).first()
                if row is None:
                    raise NotFound(f'There is no persona called "{name}".')
                conn.execute(personas.update().where(personas.c.id == row.id).values(**values))
                self._log(conn, by, "edited details", persona_id=row.id, persona_name=clean_name(name))
        return self.persona(name)

    @_guard
    def rename(self, name: str, new_name: str, *, by: Actor = LOCAL) -> Persona:
        """Give a persona another name; its history goes with it."""
        self._allow(by, "rename")
        old, new = clean_name(name), clean_name(new_name)
        if old == new:
            return self.persona(old)
        try:
            with self._writing() as conn:
                row = conn.execute(
                    sa.select(personas.c.id).where(personas.c.name == old, personas.c.deleted_at.is_(None))
                ).first()
                if row is None:
                    raise NotFound(f'There is no persona called "{old}".')
                conn.execute(personas.update().where(personas.c.id == row.id).values(name=new))
                self._log(conn, by, "renamed", persona_id=row.id, persona_name=new, detail=f'was "{old}"')
        except sa.exc.IntegrityError:
            raise NameTaken(f'A persona called "{new}" already exists; choose another name.') from None
        return self.persona(new)

    @_guard
    def duplicate(self, name: str, new_name: str, *, by: Actor = LOCAL) -> Persona:
        """Copy a persona's newest version into a new persona (version 1), with its description and tags."""
        self._allow(by, "duplicate")
        source = self.persona(name)
        latest = self.version(source.name)
        target = clean_name(new_name)
        now = _now()
        try:
            with self._writing() as conn:
                persona_id = conn.execute(
                    personas.insert().values(
                        name=target,
                        description=source.description,
                        tags=_json(list(source.tags), "tags"),
                        created_at=now,
                        updated_at=now,
                    )
                ).inserted_primary_key[0]
                conn.execute(
                    versions.insert().values(
                        persona_id=persona_id,
                        number=1,
                        created_at=now,
                        note=f"Copied from {source.name}, version {latest.number}",
                        session=_json(latest.session, "session"),
                        extras=_json(latest.extras, "studio's extra data"),
                        shape=latest.shape,
                        author_name=_who(by.name),
                        author_email=_who(by.email),
                    )
                )
                self._log(
                    conn,
                    by,
                    "duplicated",
                    persona_id=persona_id,
                    persona_name=target,
                    version=1,
                    detail=f'copied from "{source.name}" version {latest.number}',
                    at=now,
                )
        except sa.exc.IntegrityError:
            raise NameTaken(f'A persona called "{target}" already exists; choose another name.') from None
        return self.persona(target)

    @_guard
    def delete(self, name: str, *, by: Actor = LOCAL) -> Removed:
        """Delete a persona: it leaves every list, but keeps its row and history; ``undelete`` brings it back."""
        self._allow(by, "delete")
        name = clean_name(name)
        now = _now()
        with self._writing() as conn:
            row = conn.execute(
                sa.select(personas).where(personas.c.name == name, personas.c.deleted_at.is_(None)).with_for_update()
            ).first()
            if row is None:
                raise NotFound(f'There is no persona called "{name}".')
            history = conn.execute(
                sa.select(versions).where(versions.c.persona_id == row.id).order_by(versions.c.number)
            ).all()
            conn.execute(
                personas.update().where(personas.c.id == row.id).values(deleted_at=now, deleted_by=_who(by.email))
            )
            self._log(
                conn,
                by,
                "deleted",
                persona_id=row.id,
                persona_name=name,
                version=len(history),
                detail=f"with {len(history)} version(s)",
                at=now,
            )
        keep = {k: v for k, v in row._mapping.items() if k not in ("id", "deleted_at", "deleted_by")}
        return Removed(
            keep,
            tuple({k: v for k, v in h._mapping.items() if k not in ("id", "persona_id")} for h in history),
            row.id,
        )

    @_guard
    def deleted(self, *, by: Actor = LOCAL) -> list[Deleted]:
        """The deleted personas, most recently deleted first (admins only)."""
        self._allow(by, "see deleted")
        counts = (
            sa.select(versions.c.persona_id, sa.func.count().label("count")).group_by(versions.c.persona_id).subquery()
        )
        with self._reading() as conn:
            rows = conn.execute(
                sa.select(personas, counts.c.count)
                .join(counts, counts.c.persona_id == personas.c.id)
                .where(personas.c.deleted_at.is_not(None))
                .order_by(personas.c.deleted_at.desc(), personas.c.id.desc())
            ).all()
        return [
            Deleted(row.id, row.name, row.description, _utc(row.deleted_at), row.deleted_by or "local", row.count)
            for row in rows
        ]

    @_guard
    def undelete(self, removed: Removed | Deleted | int, *, by: Actor = LOCAL) -> Persona:
        """Bring back a deleted persona with its whole history (``NameTaken`` if the name is in use again).

        Whoever deleted it may undo that; only an admin may bring back someone else's delete.
        """
        persona_id = removed if isinstance(removed, int) else removed.id
        with self._writing() as conn:
            row = (
                conn.execute(
                    sa.select(personas).where(personas.c.id == persona_id, personas.c.deleted_at.is_not(None))
                ).first()
                if persona_id is not None
                else None
            )
            if row is None:
                what = removed.name if isinstance(removed, Removed | Deleted) else f"#{persona_id}"
                raise NotFound(f'There is no deleted persona "{what}" to bring back.')
            if row.deleted_by != _who(by.email):
                self._allow(by, "undelete")
            taken = conn.execute(
                sa.select(personas.c.id).where(personas.c.name == row.name, personas.c.deleted_at.is_(None))
            ).first()
            if taken is not None:
                raise NameTaken(
                    f'"{row.name}" cannot come back: another persona now has that name. Rename that one first.'
                )
            conn.execute(personas.update().where(personas.c.id == row.id).values(deleted_at=None, deleted_by=None))
            self._log(
                conn,
                by,
                "undeleted",
                persona_id=row.id,
                persona_name=row.name,
                detail=f"deleted by {row.deleted_by or 'local'} at {_utc(row.deleted_at):%Y-%m-%d %H:%M} UTC",
            )
        return self.persona(row.name)

    # --- team presets ---------------------------------------------------------

    def _team_preset_query(self) -> sa.Select:
        return (
            sa.select(
                team_presets,
                personas.c.name.label("persona_name"),
                versions.c.persona_id,
                versions.c.number,
                versions.c.shape,
                versions.c.session,
                versions.c.extras,
            )
            .join(versions, versions.c.id == team_presets.c.version_id)
            .join(personas, personas.c.id == versions.c.persona_id)
            .where(team_presets.c.withdrawn_at.is_(None))
        )

    @staticmethod
    def _team_preset(row: sa.Row) -> TeamPreset:
        return TeamPreset(
            id=row.id,
            title=row.title,
            description=row.description,
            persona=row.persona_name,
            version=row.number,
            shape=row.shape,
            session=json.loads(row.session),
            extras=json.loads(row.extras),
            published_at=_utc(row.published_at),
            published_by=row.published_by_name,
            published_by_email=row.published_by_email,
        )

    @_guard
    def team_presets(self) -> list[TeamPreset]:
        """The presets published for the team, most recently published first."""
        with self._reading() as conn:
            rows = conn.execute(
                self._team_preset_query().order_by(team_presets.c.published_at.desc(), team_presets.c.id.desc())
            ).all()
        return [self._team_preset(row) for row in rows]

    @_guard
    def team_preset(self, preset_id: int) -> TeamPreset:
        """One published team preset by its id (``NotFound`` once it is un-published)."""
        with self._reading() as conn:
            row = conn.execute(self._team_preset_query().where(team_presets.c.id == preset_id)).first()
        if row is None:
            raise NotFound("That team preset is no longer published; an admin may have un-published it.")
        return self._team_preset(row)

    @_guard
    def publish(
        self,
        name: str,
        number: int | None = None,
        *,
        title: str | None = None,
        description: str | None = None,
        by: Actor = LOCAL,
    ) -> TeamPreset:
        """Publish a saved version (the newest when ``number`` is None) as a preset for the team (admins only).

        The title defaults to the persona's name and the description to the persona's; a title
        already published (``NameTaken``) or a version already published is refused.
        """
        self._allow(by, "team presets")
        persona = self.persona(name)
        wanted = persona.latest if number is None else number
        title = clean_title(persona.name if title is None or not title.strip() else title)
        text = " ".join((persona.description if description is None else description).split())
        if len(text) > PRESET_DESCRIPTION_MAX:
            raise InvalidName(
                f"A team preset's description can have at most {PRESET_DESCRIPTION_MAX} characters; "
                f"this one has {len(text)}."
            )
        now = _now()
        try:
            with self._writing() as conn:
                version_id = _version_row(conn, persona, wanted, versions.c.id).id
                already = conn.execute(
                    sa.select(team_presets.c.title).where(
                        team_presets.c.version_id == version_id, team_presets.c.withdrawn_at.is_(None)
                    )
                ).scalar()
                if already is not None:
                    raise NameTaken(
                        f'Version {wanted} of "{persona.name}" is already published as the team preset "{already}".'
                    )
                preset_id = conn.execute(
                    team_presets.insert().values(
                        version_id=version_id,
                        title=title,
                        description=text,
                        published_at=now,
                        published_by_name=_who(by.name),
                        published_by_email=_who(by.email),
                    )
                ).inserted_primary_key[0]
                self._log(
                    conn,
                    by,
                    "published",
                    persona_id=persona.id,
                    persona_name=persona.name,
                    version=wanted,
                    detail=f'as the team preset "{title}"',
                    at=now,
                )
        except sa.exc.IntegrityError:
            raise NameTaken(f'A team preset called "{title}" is already published; choose another title.') from None
        return self.team_preset(preset_id)

    @_guard
    def unpublish(self, preset: TeamPreset | int, *, by: Actor = LOCAL) -> TeamPreset:
        """Take a team preset off the Presets page (admins only); the version and the log keep it."""
        self._allow(by, "team presets")
        preset_id = preset if isinstance(preset, int) else preset.id
        with self._writing() as conn:
            row = conn.execute(
                self._team_preset_query().where(team_presets.c.id == preset_id).with_for_update(of=team_presets)
            ).first()
            if row is None:
                raise NotFound("That team preset is no longer published; an admin may have un-published it.")
            conn.execute(
                team_presets.update()
                .where(team_presets.c.id == preset_id)
                .values(withdrawn_at=_now(), withdrawn_by=_who(by.email))
            )
            self._log(
                conn,
                by,
                "unpublished",
                persona_id=row.persona_id,
                persona_name=row.persona_name,
                version=row.number,
                detail=f'the team preset "{row.title}"',
            )
        return self._team_preset(row)

    # --- the activity log ---------------------------------------------------

    @_guard
    def activity(self, limit: int = 100, *, persona: str | None = None) -> list[Activity]:
        """What was done to the library, newest first: saves, restores, renames, copies, deletes, undos, presets."""
        query = sa.select(activity).where(activity.c.action != SIGNED_OUT)
        if persona is not None:
            query = query.where(activity.c.persona_name == clean_name(persona))
        with self._reading() as conn:
            rows = conn.execute(query.order_by(activity.c.id.desc()).limit(limit)).all()
        return [
            Activity(
                _utc(row.at), row.action, row.actor_name, row.actor_email, row.persona_name, row.version, row.detail
            )
            for row in rows
        ]

    # --- test notes -----------------------------------------------------------

    @_guard
    def add_call_note(
        self,
        name: str,
        number: int,
        *,
        comment: str = "",
        transcript: Iterable[tuple[str, str, str]] = (),
        events: Iterable[str] = (),
        tokens: int = 0,
        seconds: int | None = None,
        by: Actor = LOCAL,
    ) -> CallNote:
        """Keep a live call's transcript and events as a test note on version ``number`` of ``name``."""
        self._allow(by, "note")
        persona = self.persona(name)
        lines = [(str(w)[:20], str(h)[:20], str(t)[:NOTE_LINE_MAX]) for w, h, t in transcript]
        lines = _clip(lines, NOTE_LINES_MAX, lambda n: ("Studio", "note", f"({n} more lines left out)"))
        logged = _clip([str(e)[:NOTE_LINE_MAX] for e in events], NOTE_LINES_MAX, lambda n: f"({n} more events)")
        call = {"transcript": lines, "events": logged, "tokens": int(tokens), "seconds": seconds}
        note = CallNote(
            persona.name,
            number,
            _now(),
            _who(by.name),
            _who(by.email),
            comment.strip()[:NOTE_COMMENT_MAX],
            tuple(map(tuple, lines)),
            tuple(logged),
            int(tokens),
            seconds,
        )
        with self._writing() as conn:
            version_id = _version_row(conn, persona, number, versions.c.id).id
            conn.execute(
                test_notes.insert().values(
                    version_id=version_id,
                    at=note.at,
                    author_name=note.author,
                    author_email=note.author_email,
                    comment=note.comment,
                    call=_json(call, "test note"),
                )
            )
            words = f"{len(lines)} transcript line{'s' if len(lines) != 1 else ''}"
            self._log(
                conn,
                by,
                "noted",
                persona_id=persona.id,
                persona_name=persona.name,
                version=number,
                detail=words,
                at=note.at,
            )
        return note

    @_guard
    def call_notes(self, name: str, number: int | None = None) -> list[CallNote]:
        """The test notes on a persona's versions (or on one version), newest first."""
        persona = self.persona(name)
        query = (
            sa.select(test_notes, versions.c.number)
            .join(versions, versions.c.id == test_notes.c.version_id)
            .where(versions.c.persona_id == persona.id)
        )
        if number is not None:
            query = query.where(versions.c.number == number)
        with self._reading() as conn:
            rows = conn.execute(query.order_by(test_notes.c.id.desc())).all()
        notes = []
        for row in rows:
            call = json.loads(row.call)
            notes.append(
                CallNote(
                    persona.name,
                    row.number,
                    _utc(row.at),
                    row.author_name,
                    row.author_email,
                    row.comment,
                    tuple(tuple(line) for line in call.get("transcript") or []),
                    tuple(call.get("events") or []),
                    int(call.get("tokens") or 0),
                    call.get("seconds"),
                )
            )
        return notes

    @_guard
    def record_sign_out(self, by: Actor) -> datetime:
        """Note that ``by`` signed out now: sessions of that account from before it stop working."""
        now = _now()
        with self._writing() as conn:
            self._log(conn, by, SIGNED_OUT, at=now)
        return now

    @_guard
    def signed_out_at(self, email: str) -> datetime | None:
        """When the account with this e-mail last signed out, or None."""
        with self._reading() as conn:
            moment = conn.execute(
                sa.select(sa.func.max(activity.c.at)).where(
                    activity.c.actor_email == _who(email), activity.c.action == SIGNED_OUT
                )
            ).scalar()
        return _utc(moment) if moment is not None else None

    # --- autosave of the draft ---------------------------------------------

    @staticmethod
    def _autosave_key(key: str) -> str:
        if not isinstance(key, str) or not AUTOSAVE_KEY_PATTERN.match(key):
            raise StoreError("That draft link is not valid (the draft id is malformed).")
        return key

    @_guard
    def autosave(
        self, key: str, draft: Mapping[str, Any], extras: Mapping[str, Any] | None = None, *, by: Actor = LOCAL
    ) -> None:
        """Keep the work-in-progress draft (valid or not) under a key, replacing the previous copy.

        The draft belongs to ``by``: a key another account's draft already uses is refused.
        """
        key = self._autosave_key(key)
        owner = _who(by.email)
        values = {  # an API key or MCP token pasted by mistake is hidden: the library never stores one
            "saved_at": _now(),
            "draft": _json(redact(scrub(dict(draft))), "draft"),
            "extras": _json(redact(dict(extras or {})), "extras"),
            "owner": owner,
        }
        for _ in range(3):
            try:
                with self._writing() as conn:
                    mine = autosaves.c.key == key
                    mine_and_owned = sa.and_(mine, autosaves.c.owner == owner)
                    if conn.execute(autosaves.update().where(mine_and_owned).values(**values)).rowcount:
                        return
                    if conn.execute(sa.select(autosaves.c.key).where(mine)).first() is not None:
                        raise Forbidden("That draft belongs to another account; your draft is kept under a new id.")
                    conn.execute(autosaves.insert().values(key=key, **values))
                return
            except sa.exc.IntegrityError:
                continue  # another tab inserted the same key a moment ago: the update path wins next time

    @_guard
    def autosaved(self, key: str, *, by: Actor = LOCAL) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The draft and extras ``by`` kept under a key, or None (also when the draft is someone else's)."""
        key = self._autosave_key(key)
        with self._reading() as conn:
            row = conn.execute(
                sa.select(autosaves).where(autosaves.c.key == key, autosaves.c.owner == _who(by.email))
            ).first()
        return (json.loads(row.draft), json.loads(row.extras)) if row else None

    @_guard
    def forget_autosaves(self, older_than: timedelta) -> int:
        """Drop autosaved drafts untouched for longer than ``older_than``; return how many."""
        with self._writing() as conn:
            result = conn.execute(autosaves.delete().where(autosaves.c.saved_at < _now() - older_than))
        return result.rowcount

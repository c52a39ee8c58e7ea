"""What can go wrong with the library, in plain words. Callers show ``str(error)`` as it is."""

from __future__ import annotations

from collections.abc import Sequence

from form.messages import Problem


class StoreError(Exception):
    """Anything the library refuses or cannot do; the message is meant for the user."""


class LibraryUnavailable(StoreError):
    """The database cannot be read or written right now (locked, read-only, full, unreachable)."""


class NotFound(StoreError):
    """No persona (or version) by that name or number."""


class NameTaken(StoreError):
    """Another persona already has that name."""


class InvalidName(StoreError):
    """A persona name or tag that cannot be stored."""


class InvalidSession(StoreError):
    """The session did not validate; nothing was stored."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"The config has {count} problem(s) to fix before it can be saved; nothing was stored.")


class Busy(StoreError):
    """Too many people saved the same persona at once; nothing was stored, try again."""


def explain_database_error(detail: str, where: str) -> str:
    """Turn a driver's error text into one plain sentence about what to do."""
    text = detail.lower()
    for needles, message in _DATABASE_MESSAGES:
        if any(needle in text for needle in needles):
            return message.format(where=where)
    first_line = detail.strip().splitlines()[0] if detail.strip() else "unknown error"
    return f"The library at {where} could not be used ({first_line[:200]}). Nothing was changed."


# Checked in order: the first entry whose fragment appears in the driver's message wins.
_DATABASE_MESSAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database is locked", "database table is locked", "lock timeout", "could not obtain lock"),
        "The library is busy: someone else is saving to {where} right now. Nothing was changed; try again in a moment.",
    ),
    (
        ("readonly database", "read-only", "read only", "permission denied"),
        "The library at {where} is read-only (no permission to write there). Nothing was changed.",
    ),
    (
        ("disk is full", "disk full", "no space left", "could not extend file", "disk quota"),
        "The disk holding the library at {where} is full. Nothing was changed; free some space and try again.",
    ),
    (
        ("unable to open database file", "no such file or directory"),
        "The library file at {where} cannot be opened: its folder is missing or not writable.",
    ),
    (
        ("file is not a database", "malformed", "file is encrypted"),
        "The file at {where} is damaged or is not a studio library. Nothing was changed; "
        "point STUDIO_DATABASE_URL at another file or move this one aside.",
    ),
    (
        ("password authentication failed", "role", "no pg_hba.conf entry"),
        "The database server at {where} refused the login; check the user and password in STUDIO_DATABASE_URL.",
    ),
    (
        ("connection refused", "could not connect", "connection failed", "timeout expired", "server closed"),
        "The library's database server at {where} cannot be reached. Nothing was changed; "
        "check that it is running and try again.",
    ),
)


class Forbidden(StoreError):
    """The acting user's role does not allow this; the message says who can."""

"""The persona library: personas with numbered versions, in SQLite by default or any SQLAlchemy database."""

from store.actors import LOCAL, Actor, cli_actor
from store.errors import (
    Busy,
    Forbidden,
    InvalidName,
    InvalidSession,
    LibraryUnavailable,
    NameTaken,
    NotFound,
    StoreError,
)
from store.keys import AUTOSAVE_KEY_PATTERN

# The database code (and SQLAlchemy, a fifth of a second to import) loads on first use, so a
# page that does not touch the library yet can be drawn without it.
_LIBRARY_NAMES = (
    "Activity",
    "CallNote",
    "Deleted",
    "Library",
    "Persona",
    "Removed",
    "Saved",
    "TeamPreset",
    "Version",
    "VersionInfo",
    "clean_name",
    "clean_tags",
    "clean_title",
    "data_dir",
    "database_url",
)


def __getattr__(name: str) -> object:
    if name in _LIBRARY_NAMES:
        from store import library

        return getattr(library, name)
    raise AttributeError(f"module 'store' has no attribute {name!r}")


__all__ = [
    "AUTOSAVE_KEY_PATTERN",
    "LOCAL",
    "Actor",
    "Busy",
    "Forbidden",
    "InvalidName",
    "InvalidSession",
    "LibraryUnavailable",
    "NameTaken",
    "NotFound",
    "StoreError",
    "cli_actor",
    *_LIBRARY_NAMES,
]

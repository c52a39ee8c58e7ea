"""The persona library: personas with numbered versions, in SQLite by default or any SQLAlchemy database."""

from store.errors import (
    Busy,
    InvalidName,
    InvalidSession,
    LibraryUnavailable,
    NameTaken,
    NotFound,
    StoreError,
)
from store.library import (
    AUTOSAVE_KEY_PATTERN,
    Library,
    Persona,
    Removed,
    Saved,
    Version,
    VersionInfo,
    clean_name,
    clean_tags,
    data_dir,
    database_url,
)

__all__ = [
    "AUTOSAVE_KEY_PATTERN",
    "Busy",
    "InvalidName",
    "InvalidSession",
    "Library",
    "LibraryUnavailable",
    "NameTaken",
    "NotFound",
    "Persona",
    "Removed",
    "Saved",
    "StoreError",
    "Version",
    "VersionInfo",
    "clean_name",
    "clean_tags",
    "data_dir",
    "database_url",
]

"""AppTest helpers: run the real app script in process and find widgets by key."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
WIDGET_KINDS = ("slider", "number_input", "text_input", "text_area", "selectbox", "radio", "toggle",
                "multiselect", "checkbox", "button")


@pytest.fixture
def app(tmp_path, monkeypatch) -> AppTest:
    """The studio, started fresh, with its own empty data folder."""
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("STUDIO_DATABASE_URL", f"sqlite:///{tmp_path / 'library.db'}")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@contextlib.contextmanager
def studio_with_draft(folder: Path, data: dict) -> Iterator[AppTest]:
    """The studio on its own empty library in ``folder``, started with ``data`` as the draft.

    For module-scoped fixtures that push many inputs through one running app.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STUDIO_DATA_DIR", str(folder))
        patch.setenv("STUDIO_DATABASE_URL", f"sqlite:///{folder / 'library.db'}")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["draft"] = dict(data)
        at.run()
        assert not at.exception, at.exception
        yield at


def widget_keys(at: AppTest) -> set[str]:
    """Keys of every widget drawn in the last run."""
    keys: set[str] = set()
    for kind in WIDGET_KINDS:
        keys.update(w.key for w in getattr(at, kind) if w.key)
    return keys


def draft(at: AppTest) -> dict:
    return at.session_state["draft"]


def unescape(text: str) -> str:
    """Undo the markdown escaping the app applies to user-visible text."""
    return text.replace("\\", "")


def error_texts(at: AppTest) -> list[str]:
    return [unescape(e.value) for e in at.error]

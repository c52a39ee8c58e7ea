"""AppTest helpers: run the real app script in process and find widgets by key."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
WIDGET_KINDS = (
    "slider",
    "number_input",
    "text_input",
    "text_area",
    "selectbox",
    "radio",
    "toggle",
    "multiselect",
    "checkbox",
    "button",
)


def use_own_library(patch: pytest.MonkeyPatch, folder: Path) -> None:
    """Point the studio at an empty data folder and library of its own (never the user's)."""
    patch.setenv("STUDIO_DATA_DIR", str(folder))
    patch.setenv("STUDIO_DATABASE_URL", f"sqlite:///{folder / 'library.db'}")


@pytest.fixture(autouse=True)
def own_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app test gets its own library; a test may still point elsewhere after this."""
    use_own_library(monkeypatch, tmp_path)


def open_studio(
    page: str | None = None,
    state: dict[str, Any] | None = None,
    params: dict[str, str] | None = None,
    timeout: float = 60,
) -> AppTest:
    """A new browser session on the studio: ``state`` and query ``params`` in place, run once on ``page``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for name, value in (params or {}).items():
        at.query_params[name] = value
    (at.switch_page(page) if page else at).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app() -> AppTest:
    """The studio, started fresh on the editor, with its own empty data folder."""
    return open_studio()


@contextlib.contextmanager
def studio_with_draft(folder: Path, data: dict) -> Iterator[AppTest]:
    """The studio on its own empty library in ``folder``, started with ``data`` as the draft.

    For module-scoped fixtures that push many inputs through one running app.
    """
    with pytest.MonkeyPatch.context() as patch:
        use_own_library(patch, folder)
        yield open_studio(state={"draft": dict(data)}, timeout=120)


SECTION = "editor:section"  # the editor's section navigator


def show_section(at: AppTest, title: str) -> AppTest:
    """Open one section of the editor with its navigator, as a person would."""
    at.radio(key=SECTION).set_value(title).run()
    assert not at.exception, at.exception
    return at


def section_titles(at: AppTest) -> list[str]:
    """The sections the editor's navigator offers, in order."""
    return [option.split("  ")[0] for option in at.radio(key=SECTION).options]  # the title, without its badges


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

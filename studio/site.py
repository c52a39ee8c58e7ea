"""The studio's pages, made once per browser session (app.py navigates between them)."""

from __future__ import annotations

import streamlit as st

KEY = "studio:pages"
# (file, title, icon): the first is where a new tab opens.
PAGES = (
    ("pages/editor.py", "Editor", ":material/tune:"),
    ("pages/persona_builder.py", "Persona builder", ":material/person_edit:"),
    ("pages/presets.py", "Presets", ":material/auto_awesome_mosaic:"),
    ("pages/library.py", "Library", ":material/folder_open:"),
    ("pages/compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/try_it.py", "Try it", ":material/record_voice_over:"),
    ("pages/import_export.py", "Import & export", ":material/import_export:"),
)


def pages() -> list[st.Page]:
    """This session's page objects, in the sidebar's order.

    Making a page resolves its file on disk: for seven pages, about a millisecond of every
    run. A page object also notes whether this run may run it, so sessions do not share them.
    """
    made = st.session_state.get(KEY)
    if made is None:
        made = st.session_state[KEY] = [
            st.Page(path, title=title, icon=icon, default=index == 0) for index, (path, title, icon) in enumerate(PAGES)
        ]
    return made


def page(path: str) -> st.Page:
    """The page object of one of the studio's files (a link to it skips resolving the path again)."""
    return pages()[[p for p, _, _ in PAGES].index(path)]

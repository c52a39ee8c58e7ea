"""What every page does first: make sure it runs inside the studio's shell (app.py), past its sign-in gate."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from studio import auth


def enter() -> None:
    """Rerun through app.py when Streamlit ran this page on its own (a deep link to a fresh server)."""
    # Streamlit 1.67 treats a folder named pages/ beside the main script as an old-style
    # multipage app until the main script calls st.navigation. A server whose first
    # visitor opens /persona_builder (a reload, a bookmark) would run that file alone:
    # no sidebar, no share-link handling, and a navigation list of raw file names.
    # Switching the process to st.navigation and rerunning runs app.py for the same URL.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    auth.require()  # app.py's sign-in gate runs first; a page never draws anything for a session it refused

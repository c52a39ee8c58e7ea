"""Realtime Session Studio: entry point. Page config, navigation and the shared sidebar."""

import streamlit as st

from studio import auth, call_dock, links, sidebar, style, target_switch

st.set_page_config(page_title="Realtime Session Studio", page_icon=":material/graphic_eq:", layout="wide")
style.apply()  # contrast and names where the theme in .streamlit/config.toml does not reach

PAGES = [
    st.Page("pages/editor.py", title="Editor", icon=":material/tune:", default=True),
    st.Page("pages/persona_builder.py", title="Persona builder", icon=":material/person_edit:"),
    st.Page("pages/presets.py", title="Presets", icon=":material/auto_awesome_mosaic:"),
    st.Page("pages/library.py", title="Library", icon=":material/folder_open:"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/try_it.py", title="Try it", icon=":material/record_voice_over:"),
    st.Page("pages/import_export.py", title="Import & export", icon=":material/import_export:"),
]

auth.gate(PAGES)  # with sign-in configured, nothing below runs (no page, no draft) before an allowed account is in
page = st.navigation(PAGES)
links.open_from_url()  # the tab's autosaved draft and share links, before any widget is drawn
dock = call_dock.reserve()  # a live call's place, first in the sidebar on every page: the call survives a page change
sidebar.render()
auth.render_account()
target_switch.render_report(st.session_state)
try:
    page.run()
finally:  # even when the page stops or fails: a call left out of a run would be hung up
    call_dock.fill(dock)  # after the page: its edits reach the running call in this same run
links.keep()  # autosave the draft as this run left it
links.warm_up()

"""Realtime Session Studio: entry point. Page config, navigation and the shared sidebar."""

import streamlit as st

from studio import auth, call_dock, links, sidebar, site, startup, style, target_switch

startup.first_page()  # a new process's first page: see studio/startup.py

st.set_page_config(page_title="Realtime Session Studio", page_icon=":material/graphic_eq:", layout="wide")
style.apply()  # contrast and names where the theme in .streamlit/config.toml does not reach

PAGES = site.pages()
# With sign-in configured, nothing below runs (no page, no draft) before an allowed account is in.
who = auth.gate(PAGES)
page = st.navigation(PAGES)
links.open_from_url()  # the tab's autosaved draft and share links, before any widget is drawn
dock = call_dock.reserve()  # a live call's place, first in the sidebar on every page: the call survives a page change
sidebar.render()
auth.render_account(who)
target_switch.render_report(st.session_state)
try:
    page.run()
finally:  # even when the page stops or fails: a call left out of a run would be hung up
    call_dock.fill(dock)  # after the page: its edits reach the running call in this same run
links.keep()  # autosave the draft as this run left it

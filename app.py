"""Realtime Session Studio: entry point. Page config, navigation and the shared sidebar."""

import streamlit as st

from studio import sidebar

st.set_page_config(page_title="Realtime Session Studio", page_icon=":material/graphic_eq:", layout="wide")

PAGES = [
    st.Page("pages/editor.py", title="Editor", icon=":material/tune:", default=True),
    st.Page("pages/persona_builder.py", title="Persona builder", icon=":material/person_edit:"),
]

page = st.navigation(PAGES)
sidebar.render()
page.run()

"""Presets: a gallery of built-in personas for common situations, each a starting point for the draft."""

import streamlit as st

from studio import gallery, shell

shell.enter()

st.title("Presets")
st.caption(
    "Ready-made personas for common situations. Start from one and adjust it in the editor; "
    "your current draft can be brought back from the sidebar."
)
gallery.render()

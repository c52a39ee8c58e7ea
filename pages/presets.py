"""Presets: the team's published personas and the built-in ones, each a starting point for the draft."""

import streamlit as st

from studio import gallery, shell, team_presets

shell.enter()

st.title("Presets")
st.caption(
    "Ready-made personas for common situations. Start from one and adjust it in the editor; "
    "your current draft can be brought back from the sidebar."
)
team_presets.render()
with st.container(key="builtin_presets"):
    st.subheader("Built-in presets", anchor="built-in-presets")
    gallery.render()

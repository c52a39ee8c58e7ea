"""Compare: two personas side by side (presets, saved versions, the current draft), differences highlighted."""

import streamlit as st

from studio import compare, library, shell

shell.enter()

st.title("Compare")
st.caption("Pick any two: a preset, a saved version, or your current draft. Settings that differ are highlighted.")
compare.render_page(library.open_or_explain())

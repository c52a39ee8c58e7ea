"""Library: save the draft as a named persona, find it again, open, compare and restore its versions."""

import streamlit as st

from studio import compare, library, shell

shell.enter()

st.title("Persona library")
st.caption(
    "Every save of a persona is kept as a numbered version with its time and change note, so you can go back "
    "to any of them. The library lives in a database on this machine (or your team's server)."
)
library.render_page(compare.open_page)

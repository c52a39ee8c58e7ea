"""Persona builder: describe the persona in structured answers and get its instructions."""

import streamlit as st

from studio import persona_builder, shell

shell.enter()

st.title("Persona builder")
st.caption(
    "Answer what you can; the instructions are written as you go and used by the editor and the export. "
    "Your answers stay with the draft, but only the instructions are exported."
)
persona_builder.render()

"""Import & export: bring in a config in any shape, and export the draft for every deployment."""

import streamlit as st

from studio import export_panel, importer, shell

shell.enter()
st.title("Import & export")
st.caption(
    "Bring in a config you already have, in whatever shape your code uses, and take the draft out in the shape "
    "your deployment sends: a session.update event, a client secret request, the session of a WebRTC call, or "
    "code. The retired beta (flat) shape is still read, and exported under Legacy."
)

left, right = st.columns([2, 3], gap="large")
with left:
    importer.render()
with right:
    export_panel.render()

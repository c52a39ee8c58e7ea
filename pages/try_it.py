"""Try it: talk to the current draft live in the browser, and play its tools' side of the conversation."""

import streamlit as st

from studio import live, shell

shell.enter()

st.title("Try it")
st.caption(
    "Start a call with the current draft: speak (or type), hear the agent, watch the events, "
    "answer its tool calls, and change settings while it runs."
)
live.render_page()

"""Streamlit's floor for the latency figure: one slider and one code block showing its value."""

import json

import streamlit as st

# Same label, bounds, start, step and rounding as the GA editor's speaking speed, so both show the same JSON text.
value = st.slider("Speaking speed", min_value=0.25, max_value=1.5, value=1.1, step=0.05, key="speed")
st.code(json.dumps({"speed": round(value, 2)}, indent=2), language="json")

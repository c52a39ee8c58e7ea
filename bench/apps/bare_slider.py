"""Streamlit's floor for the latency figure: one slider and one code block showing its value."""

import json

import streamlit as st

# Same start, step and rounding as the editor's temperature, so both show the same JSON text.
value = st.slider("Temperature", min_value=0.6, max_value=1.2, value=0.7, step=0.01, key="temperature")
st.code(json.dumps({"temperature": round(value, 2)}, indent=2), language="json")

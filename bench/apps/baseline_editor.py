"""Baseline for the rerun-cost figure: the editor's widgets written by hand, nothing else.

The same number and kinds of widgets as the editor shows for ``bench.corpus.full_config(2)``
(sections, reset buttons, tool rows, sidebar), keyed and holding the same values, but no
model, no validation, no advice and no JSON preview. ``bench.rerun`` checks that the widget
counts match before it compares times. With ``BENCH_BASELINE_CODE=1`` it also shows the
temperature in a code block, so the latency figure can time the same widgets in a browser.
"""

import json
import os

import streamlit as st

state = st.session_state


def keyed(key: str, value: object) -> str:
    """A widget key whose value is set once, the way a hand-written page keeps its inputs."""
    state.setdefault(key, value)
    return key


def with_reset(name: str, draw) -> None:
    left, right = st.columns([8, 1], vertical_alignment="bottom")
    with left:
        draw()
    with right:
        st.button("↺", key=f"{name}:reset")


def slider_with_entry(name: str, label: str, low: float, high: float, step: float, value: float) -> None:
    def draw() -> None:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        with left:
            st.slider(label, min_value=low, max_value=high, step=step, key=keyed(f"{name}:slider", value))
        with right:
            st.number_input("Exact value", step=step, key=keyed(f"{name}:number", value))

    with_reset(name, draw)


st.set_page_config(page_title="Baseline", layout="wide")
with st.sidebar:
    st.markdown("### Realtime Session Studio")
    st.caption("Design voice-agent personas.")
    st.success("Draft is valid · 19 setting(s) set")
    st.button("Start a blank draft", key="sidebar:new")
    with st.popover("Share link", width="stretch"):
        st.caption("Whoever opens this link gets these settings.")
        st.text_area("Share link", key=keyed("share", "http://localhost:8501/?share=abc"), height=120)
        st.caption("40 characters")
        st.link_button("Open it in a new tab", "http://localhost:8501/?share=abc")

st.title("Persona editor")
st.caption("Change any setting.")
left, right = st.columns([3, 2], gap="large")
with left:
    with st.expander("**Persona**", expanded=True):
        with_reset("instructions", lambda: st.text_area("Instructions", key=keyed("instructions", "You are Sam.")))
        with_reset("model", lambda: st.selectbox("Model", ["gpt-realtime", "gpt-realtime-mini"], key="model"))
        slider_with_entry("temperature", "Temperature", 0.6, 1.2, 0.01, 0.7)
        st.radio("Reply length limit (tokens)", ["Not set", "Number", "inf"], horizontal=True, key="limit")
        st.number_input("Limit to", step=1, key=keyed("limit:value", 1024))
    with st.expander("**Voice and speech**", expanded=True):
        with_reset("modalities", lambda: st.multiselect("Reply with", ["audio", "text"], key="modalities"))
        with_reset("voice", lambda: st.selectbox("Voice", ["alloy", "marin", "cedar"], key="voice"))
        st.info("A note beside a field.")
        slider_with_entry("speed", "Speaking speed", 0.25, 1.5, 0.01, 1.1)
        with_reset("out_format", lambda: st.selectbox("Audio format out", ["pcm16", "g711_ulaw"], key="out"))
    with st.expander("**Conversation and turn-taking**", expanded=True):
        st.radio("Turn-taking", ["Not set", "Off", "Server VAD", "Semantic VAD"], horizontal=True, key="turns")
        with st.container(border=True):
            slider_with_entry("threshold", "Speech threshold", 0.0, 1.0, 0.01, 0.6)
            slider_with_entry("padding", "Audio kept before speech (ms)", 0, 1000, 10, 300)
            slider_with_entry("silence", "Silence that ends a turn (ms)", 0, 3000, 50, 650)
            st.radio("Nudge after silence (ms)", ["Not set", "Off", "Value"], horizontal=True, key="idle")
            with_reset("create", lambda: st.toggle("Reply automatically", key=keyed("create", True)))
            with_reset("interrupt", lambda: st.toggle("Caller can interrupt", key=keyed("interrupt", True)))
        st.markdown("**Suggested settings**")
        columns = st.columns(2)
        for index, title in enumerate(("Phone line", "Noisy kiosk", "Language learner", "Fast sales")):
            columns[index % 2].button(title, key=f"suggest:{index}", width="stretch")
        st.markdown("**What a caller experiences**")
        st.caption("A sample caller.")
        st.markdown("The turn ends after 0.65 s of silence.")
    with st.expander("**Audio input**", expanded=True):
        with_reset("in_format", lambda: st.selectbox("Audio format in", ["pcm16", "g711_ulaw"], key="in"))
        st.radio("Noise reduction", ["Not set", "Off", "On"], horizontal=True, key="noise")
        with st.container(border=True):
            with_reset("distance", lambda: st.radio("Microphone distance", ["near", "far"], key="distance"))
        st.radio("Transcript of the caller", ["Not set", "Off", "On"], horizontal=True, key="transcript")
        with st.container(border=True):
            with_reset("tr_model", lambda: st.selectbox("Transcription model", ["whisper-1"], key="tr_model"))
            with_reset("language", lambda: st.text_input("Language", key=keyed("language", "en")))
            with_reset("hint", lambda: st.text_area("Transcription hint", key="hint"))
        st.radio("Extra data in events", ["Not set", "Off", "Value"], horizontal=True, key="include")
        with_reset("include", lambda: st.multiselect("Extra data in events: value", ["logprobs"], key="inc"))
    with st.expander("**Tools**", expanded=True):
        st.markdown("**Tools** (2)")
        for index, name in enumerate(("lookup_order", "book_appointment")):
            with st.container(border=True):
                cols = st.columns([6, 1, 1, 1, 1], vertical_alignment="center", gap="small")
                cols[0].markdown(f"{index + 1}. **{name}**")
                for col, label in zip(cols[1:], ("✎", "↑", "↓", "✕"), strict=True):
                    col.button(label, key=f"tool:{index}:{label}", width="stretch")
        st.button("Add tool", key="tools:add")
        with_reset("tool_choice", lambda: st.selectbox("Tool use", ["auto", "none", "required"], key="choice"))
    with st.expander("**Advanced**"):
        st.radio("Stored prompt", ["Not set", "Off", "On"], horizontal=True, key="prompt")
        st.radio("Tracing", ["Not set", "Off", "auto", "Custom"], horizontal=True, key="tracing")
        with st.container(border=True):
            with_reset("workflow", lambda: st.text_input("Workflow name", key=keyed("workflow", "support-line")))
            with_reset("group", lambda: st.text_input("Group id", key="group"))
            with_reset("metadata", lambda: st.text_area("Metadata (JSON)", key=keyed("metadata", '{"team": 1}')))
        st.info("A note beside a field.")
        with_reset("id", lambda: st.text_input("Session id", key="id"))
        with_reset("object", lambda: st.checkbox("Object type: realtime.session", key="object"))
        with_reset("expires", lambda: st.number_input("Expires at (Unix seconds)", value=None, key="expires"))
with right:
    with st.expander("**Advice** · 2 tips"):
        st.markdown("A tip.")
        st.markdown("Another tip.")
    st.subheader("Preview")
    st.success("Valid: ready to export")
    st.download_button("Download JSON", data="{}", file_name="session.json", key="download")
    st.caption("Exported JSON")
    if os.environ.get("BENCH_BASELINE_CODE") == "1":
        st.code(json.dumps({"temperature": round(state["temperature:slider"], 2)}, indent=2), language="json")

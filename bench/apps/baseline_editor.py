"""Baseline for the rerun-cost figure: the GA editor's widgets written by hand, nothing else.

The same number and kinds of widgets as the editor draws for the current-API (GA)
``bench.corpus.ga_config()`` (sections, reset buttons, three function tools and one
MCP server as collapsed rows, turn-taking suggestions, sidebar), keyed by the editor's
own keys and holding the same values, but no model, no validation, no advice, no
turn-taking chart and no JSON preview. ``bench.rerun`` checks that the widget counts
match before it compares times. With ``BENCH_BASELINE_CODE=1`` it also shows the
speaking speed in a code block, so the latency figure can time the same widgets in a
browser.
"""

import json
import os
from collections.abc import Callable

import streamlit as st

state = st.session_state
HELP = "What this setting does, in plain words."
SHARE = "http://localhost:8501/?share=1." + "x" * 1590  # as long as the editor's link for this config


def keyed(key: str, value: object) -> str:
    """A widget key whose value is set once, the way a hand-written page keeps its inputs."""
    state.setdefault(key, value)
    return key


def with_reset(key: str, draw: Callable[[], None], disabled: bool = False) -> None:
    left, right = st.columns([8, 1], vertical_alignment="bottom")
    with left:
        draw()
    with right:
        st.button("↺", key=f"{key}:reset", help=HELP, disabled=disabled)


def slider_with_entry(key: str, label: str, low: float, high: float, step: float, value: float) -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        st.slider(label, min_value=low, max_value=high, step=step, key=keyed(f"{key}:slider", value), help=HELP)
    with right:
        st.number_input("Exact value", step=step, key=keyed(f"{key}:number", value))


def slider_row(key: str, label: str, low: float, high: float, step: float, value: float, **reset: bool) -> None:
    with_reset(key, lambda: slider_with_entry(key, label, low, high, step, value), **reset)


def choice(label: str, options: list[str], key: str, index: int = 0) -> None:
    st.radio(label, options, index=index, horizontal=True, key=key, help=HELP)


FORMATS = ["Not set", "PCM 24 kHz (apps, browsers)", "G.711 μ-law (phone line, US/Japan)", "G.711 A-law (Europe)"]
MODELS = [
    "gpt-realtime",
    "gpt-realtime-1.5",
    "gpt-realtime-2",
    "gpt-realtime-2.1",
    "gpt-realtime-2.1-mini",
    "gpt-realtime-2025-08-28",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
    "gpt-realtime-mini",
    "gpt-realtime-mini-2025-10-06",
    "gpt-realtime-mini-2025-12-15",
    "gpt-audio-1.5",
    "gpt-audio-mini",
    "gpt-audio-mini-2025-10-06",
    "gpt-audio-mini-2025-12-15",
    "Custom…",
]
VOICES = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar", "Custom…"]
TRANSCRIBERS = [
    "whisper-1",
    "gpt-transcribe",
    "gpt-live-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe",
    "gpt-4o-transcribe-diarize",
    "gpt-realtime-whisper",
    "Custom…",
]
EFFORTS = ["minimal", "low", "medium", "high", "xhigh"]
TOOLS = ("lookup_order", "book_appointment", "refund_payment", "docs")
INSTRUCTIONS = "You are Sam, the voice of the Acme support line. Keep answers to two sentences."

st.set_page_config(page_title="Baseline", layout="wide")
with st.sidebar:
    st.markdown("### Realtime Session Studio")
    st.caption("Design voice-agent personas and export a config that works.")
    with st.container(border=True):
        st.success("Draft is valid · 15 setting(s) set")
        st.selectbox(
            "API target",
            ["Realtime (current API)", "Transcription (current API)", "Realtime beta, flat"],
            key="sidebar:target",
            help=HELP,
        )
        st.button("Start a blank draft", key="sidebar:new", help=HELP)
        with st.popover("Share link", width="stretch"):
            st.caption("Whoever opens this link gets these settings.")
            st.text_area("Share link", key=keyed("links:share_url", SHARE), height=120)
            st.caption(f"{len(SHARE):,} characters")
            st.link_button("Open it in a new tab", "http://localhost:8501/?share=abc")

st.title("Persona editor")
st.caption("Target: **Realtime (current API)**. Change any setting.")
left, right = st.columns([3, 2], gap="large")
with left:
    with st.expander("**Persona**", expanded=True):
        with_reset(
            "f.instructions", lambda: st.text_area("Instructions", key=keyed("f.instructions", INSTRUCTIONS), help=HELP)
        )
        with_reset("f.model", lambda: st.selectbox("Model", MODELS, index=3, key="f.model:pick", help=HELP))
        with_reset("f.reasoning.effort", lambda: choice("Thinking effort", EFFORTS, "f.reasoning.effort", 1))
        with_reset(
            "f.temperature",
            lambda: st.number_input("Temperature", value=0.8, disabled=True, key="f.temperature", help=HELP),
            disabled=True,
        )
        st.caption("The current API removed temperature (the model sets it).")
        choice(
            "Reply length limit (tokens)",
            ["Server default (no limit)", "Limit to", "No limit"],
            "f.max_output_tokens:presence",
            1,
        )
        st.number_input("Limit to", step=1, key=keyed("f.max_output_tokens", 1024))
    with st.expander("**Voice and speech**  :orange-badge[1 note]", expanded=True):
        with_reset(
            "f.output_modalities",
            lambda: st.multiselect(
                "Reply with",
                ["Speech (with a transcript)", "Text only"],
                key=keyed("f.output_modalities", ["Speech (with a transcript)"]),
            ),
        )
        choice("Voice", ["Not set", "Built-in voice", "Custom voice (id)"], "f.audio.output.voice:presence", 1)
        st.selectbox("Built-in voice", VOICES, index=8, key="f.audio.output.voice:pick")
        st.info("A note beside a field.")
        slider_row("f.audio.output.speed", "Speaking speed", 0.25, 1.5, 0.05, 1.1)
        choice("Audio format out", FORMATS, "f.audio.output.format:presence", 1)
        st.container(border=True)
    with st.expander("**Conversation and turn-taking**", expanded=True):
        choice(
            "Turn-taking",
            ["Server default", "Off (push-to-talk)", "Server VAD (silence)", "Semantic VAD"],
            "f.audio.input.turn_detection:presence",
            2,
        )
        with st.container(border=True):
            vad = "f.audio.input.turn_detection"
            slider_row(f"{vad}.threshold", "Speech threshold", 0.0, 1.0, 0.01, 0.6)
            slider_row(f"{vad}.prefix_padding_ms", "Audio kept before speech (ms)", 0, 1000, 10, 300)
            slider_row(f"{vad}.silence_duration_ms", "Silence that ends a turn (ms)", 0, 3000, 50, 650)
            nudge = ["Not set", "No nudge", "Set a value"]
            choice("Nudge after silence (ms)", nudge, f"{vad}.idle_timeout_ms:presence", 1)
            with_reset(
                f"{vad}.create_response",
                lambda: st.toggle("Reply automatically", key=keyed(f"{vad}.create_response", True), help=HELP),
                disabled=True,
            )
            with_reset(
                f"{vad}.interrupt_response",
                lambda: st.toggle("Caller can interrupt", key=keyed(f"{vad}.interrupt_response", True), help=HELP),
            )
        st.markdown("**Suggested settings**", help=HELP)
        columns = st.columns(2)
        suggestions = (
            ("phone", "Phone line"),
            ("kiosk", "Noisy kiosk"),
            ("learner", "Language learner who pauses"),
            ("sales", "Fast sales conversation"),
        )
        for index, (name, title) in enumerate(suggestions):
            columns[index % 2].button(title, key=f"turns:suggest:{name}", width="stretch", help=HELP)
        st.markdown("**What a caller experiences**", help=HELP)
        st.caption('Sample caller: "I need to move" · "my table to…"')
        st.markdown("The turn ends after 650 ms of silence.")
    with st.expander("**Audio input**", expanded=True):
        choice("Audio format in", FORMATS, "f.audio.input.format:presence", 1)
        st.container(border=True)
        choice("Noise reduction", ["Server default", "Off", "On"], "f.audio.input.noise_reduction:presence", 2)
        with st.container(border=True):
            noise = "f.audio.input.noise_reduction"
            with_reset(
                f"{noise}.type",
                lambda: choice(
                    "Microphone distance", ["Close (headset, phone)", "Far (laptop, room)"], f"{noise}.type"
                ),
            )
            slider_row(f"{noise}.strength", "Strength", 0.0, 1.0, 0.05, 1.0, disabled=True)
        choice("Transcript of the caller", ["Server default", "Off", "On"], "f.audio.input.transcription:presence", 2)
        with st.container(border=True):
            tr = "f.audio.input.transcription"
            with_reset(
                f"{tr}.model",
                lambda: st.selectbox("Transcription model", TRANSCRIBERS, index=1, key=f"{tr}.model:pick", help=HELP),
            )
            with_reset(
                f"{tr}.language",
                lambda: st.text_input("Language", key=keyed(f"{tr}.language", "en"), placeholder="en", help=HELP),
            )
            for name, label in (("languages", "Possible languages"), ("keywords", "Keywords")):
                with_reset(
                    f"{tr}.{name}",
                    lambda label=label, name=name: st.multiselect(
                        label, [], accept_new_options=True, key=f"{tr}.{name}", help=HELP
                    ),
                    disabled=True,
                )
            with_reset(
                f"{tr}.prompt", lambda: st.text_area("Transcription hint", key=f"{tr}.prompt", help=HELP), disabled=True
            )
            with_reset(
                f"{tr}.delay",
                lambda: st.radio(
                    "Wait before writing", EFFORTS, index=None, horizontal=True, key=f"{tr}.delay", help=HELP
                ),
                disabled=True,
            )
        choice("Extra data in events", ["Server default", "Nothing extra", "Set a value"], "f.include:presence", 2)
        with_reset(
            "f.include",
            lambda: st.multiselect(
                "Extra data in events: value",
                ["item.input_audio_transcription.logprobs"],
                key=keyed("f.include", ["item.input_audio_transcription.logprobs"]),
                help=HELP,
            ),
        )
    with st.expander("**Tools**  :orange-badge[1 note]", expanded=True):
        st.markdown(f"**Tools** ({len(TOOLS)})")
        for index, name in enumerate(TOOLS):
            with st.container(border=True):
                cols = st.columns([6, 1, 1, 1, 1], vertical_alignment="center", gap="small")
                cols[0].markdown(f"{index + 1}. **{name}**")
                for col, (label, action) in zip(
                    cols[1:], (("✎", "open"), ("↑", "up"), ("↓", "down"), ("✕", "remove")), strict=True
                ):
                    stuck = (action == "up" and index == 0) or (action == "down" and index == len(TOOLS) - 1)
                    col.button(label, key=f"f.tools.{index}:{action}", width="stretch", help=HELP, disabled=stuck)
        st.button("Add Function", key="f.tools:add:function")
        st.button("Add MCP server", key="f.tools:add:mcp")
        choice(
            "Tool use",
            [
                "Not set",
                "auto (agent decides)",
                "none (never)",
                "required (always call one)",
                "This function",
                "This MCP server",
            ],
            "f.tool_choice:presence",
            1,
        )
        with_reset(
            "f.parallel_tool_calls",
            lambda: st.toggle("Several tools at once", key=keyed("f.parallel_tool_calls", True), help=HELP),
        )
    with st.expander("**Advanced**  :orange-badge[1 note]"):
        choice(
            "Trimming long conversations",
            ["Server default (auto)", "Auto", "Never trim", "Trim to a share"],
            "f.truncation:presence",
            3,
        )
        with st.container(border=True):
            slider_with_entry("f.truncation.retention_ratio", "Share kept after trimming", 0.0, 1.0, 0.05, 0.8)
            choice("Token limits", ["Not set", "On"], "f.truncation.token_limits:presence", 1)
            with st.container(border=True):
                with_reset(
                    "f.truncation.token_limits.post_instructions",
                    lambda: st.number_input(
                        "Conversation budget (tokens)",
                        step=1,
                        key=keyed("f.truncation.token_limits.post_instructions", 8000),
                        help=HELP,
                    ),
                )
        choice("Stored prompt", ["Server default", "None", "On"], "f.prompt:presence")
        choice("Tracing", ["Server default", "Off", "Auto", "Custom names"], "f.tracing:presence", 3)
        with st.container(border=True):
            with_reset(
                "f.tracing.workflow_name",
                lambda: st.text_input("Workflow name", key=keyed("f.tracing.workflow_name", "support-line"), help=HELP),
            )
            with_reset(
                "f.tracing.group_id",
                lambda: st.text_input("Group id", key="f.tracing.group_id", help=HELP),
                disabled=True,
            )
            with_reset(
                "f.tracing.metadata",
                lambda: st.text_area(
                    "Metadata (JSON)",
                    key=keyed("f.tracing.metadata", '{\n  "team": "support",\n  "tier": 2\n}'),
                    help=HELP,
                ),
            )
        st.info("A note beside a field.")
with right:
    with st.expander("**Advice** · 3 tips"):
        for tip in ("The voice is locked once the agent speaks.", "Tracing is fixed once live.", "An MCP note."):
            with st.container():
                st.markdown(f":blue-badge[tip] {tip}")
    st.subheader("Preview")
    st.success("Valid: ready to export")
    st.download_button("Download JSON", data="{}", file_name="session.json", key="editor:download", type="primary")
    st.caption("Exported JSON")
    if os.environ.get("BENCH_BASELINE_CODE") == "1":
        speed = round(state["f.audio.output.speed:slider"], 2)
        st.code(json.dumps({"audio": {"output": {"speed": speed}}}, indent=2), language="json")

"""Guidance in the editor: advice beside fields and in a panel, one-click fixes, suggestions, the chart."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SECTION, draft, open_studio, show_section, unescape

SILENCE = "f.turn_detection.silence_duration_ms"


@pytest.fixture
def editor():
    """Open the editor with a draft in place."""
    return lambda data: open_studio(state={"draft": data})


def section(at: AppTest, title: str):
    return next(e for e in at.expander if e.label.startswith(f"**{title}**"))


def texts(elements) -> list[str]:
    return [unescape(e.value) for e in elements]


def chart(at: AppTest) -> tuple[list[dict], str]:
    """The chart's rows (inside the spec's layers, not as Arrow data) and its accessible description."""
    [element] = at.get("vega_lite_chart")
    assert not element.proto.data.data and not element.proto.datasets  # nothing went through pandas
    bars, labels = json.loads(element.proto.spec)["layer"]
    assert bars["data"] == labels["data"]
    return bars["data"]["values"], element.proto.alt


def test_advice_shows_beside_the_field_and_in_the_panel(editor):
    at = show_section(editor({"instructions": "Be brief.", "tool_choice": "required"}), "Tools")
    tools = section(at, "Tools")
    assert "1 note" in tools.label
    [beside] = texts(tools.error)
    assert beside.startswith('Tool use is "required"')
    panel = section(at, "Advice")
    assert "1 error" in panel.label
    assert any(m.startswith(":red-badge[error] Tool use is") for m in texts(panel.markdown))


def test_a_panel_of_tips_shows_its_count_and_draws_them_only_when_opened(editor):
    at = editor({"instructions": "Be brief.", "speed": 1.5})  # a tip, no error or warning
    panel = section(at, "Advice")
    assert "1 tip" in panel.label and not panel.markdown and not panel.children
    at.session_state["editor:advice"] = True  # the person opens it
    at.run()
    assert any(m.startswith(":blue-badge[tip] At speed 1.5") for m in texts(section(at, "Advice").markdown))


def test_the_panel_opens_by_itself_the_first_time_there_is_a_warning_and_stays_as_the_person_left_it(editor):
    at = editor({"instructions": "Be brief.", "tool_choice": "required"})
    assert at.session_state["editor:advice"] is True and section(at, "Advice").markdown
    at.session_state["editor:advice"] = False  # closed by the person
    at.run()
    assert "1 error" in section(at, "Advice").label and not section(at, "Advice").markdown


def test_warnings_and_tips_are_drawn_as_warnings_and_infos(editor):
    at = editor({"instructions": "Be brief.", "speed": 1.5, "turn_detection": None})
    show_section(at, "Conversation and turn-taking")
    assert any(t.startswith("Turn-taking is off") for t in texts(section(at, "Conversation and turn-taking").warning))
    show_section(at, "Voice and speech")
    assert any(t.startswith("At speed 1.5") for t in texts(section(at, "Voice and speech").info))


def test_one_click_fix_changes_the_draft_and_the_widget(editor):
    at = editor({"instructions": "Be brief.", "tool_choice": "required"})
    at.button(key="advice:fix:tool-choice-required-without-tools:0").click().run()
    assert draft(at) == {"instructions": "Be brief.", "tool_choice": "auto"}
    show_section(at, "Tools")
    assert at.selectbox(key="f.tool_choice:pick").value == "auto"
    assert "nothing to report" in section(at, "Advice").label
    assert at.session_state["draft_previous"] == {"instructions": "Be brief.", "tool_choice": "required"}  # undo-able


def test_fix_for_a_turn_detection_slider_moves_the_slider(editor):
    at = editor({"instructions": "Be brief.", "turn_detection": {"type": "server_vad", "silence_duration_ms": 150}})
    show_section(at, "Conversation and turn-taking")
    assert at.slider(key=f"{SILENCE}:slider").value == 150
    at.button(key="advice:fix:silence-very-short:0").click().run()
    assert draft(at)["turn_detection"] == {"type": "server_vad", "silence_duration_ms": 500}
    assert at.slider(key=f"{SILENCE}:slider").value == 500
    assert at.number_input(key=f"{SILENCE}:number").value == 500


def test_suggestion_applies_in_one_click_and_is_highlighted(editor):
    at = show_section(editor({"instructions": "Be brief.", "voice": "ash"}), "Conversation and turn-taking")
    at.button(key="turns:suggest:phone").click().run()
    assert draft(at)["turn_detection"]["silence_duration_ms"] == 700
    assert draft(at)["voice"] == "ash"
    assert at.slider(key=f"{SILENCE}:slider").value == 700
    assert at.button(key="turns:suggest:phone").proto.type == "primary"
    at.button(key="turns:suggest:learner").click().run()
    assert draft(at)["turn_detection"] == {"type": "semantic_vad", "eagerness": "low"}
    assert at.radio(key="f.turn_detection.eagerness").value == "low"


def test_chart_follows_the_silence_slider(editor):
    at = show_section(editor({"turn_detection": {"type": "server_vad"}}), "Conversation and turn-taking")
    rows, alt = chart(at)
    assert "after 500 ms of silence" in alt
    assert {"lane": "Silence that ends the turn", "start": 2.9, "end": 3.4, "label": "500 ms"} in rows
    at.slider(key=f"{SILENCE}:slider").set_value(1200).run()
    rows, alt = chart(at)
    assert "after 1200 ms of silence" in alt
    assert {"lane": "Silence that ends the turn", "start": 2.9, "end": 4.1, "label": "1200 ms"} in rows
    assert any(unescape(m.value).startswith("The turn ends after 1200 ms") for m in at.markdown)


def test_invalid_draft_still_gets_advice_and_a_chart(editor):
    at = editor({"turn_detection": {"type": "semantic_vad", "idle_timeout_ms": 6000}})
    assert at.radio(key=SECTION).value == "Conversation and turn-taking"  # a draft opens on its first problem
    assert any("Idle" in t or "idle" in t for t in texts(section(at, "Advice").markdown))
    rows, alt = chart(at)
    # The chart draws the draft's own turn-taking: semantic VAD at its default eagerness, then the reply.
    assert alt.startswith("The turn ends when semantic VAD (auto) judges it done")
    assert [r["lane"] for r in rows if r["lane"] in ("Silence that ends the turn", "Agent speaks")] == [
        "Silence that ends the turn", "Agent speaks"]
    at.button(key="advice:fix:idle-timeout-needs-server-vad:0").click().run()
    assert draft(at)["turn_detection"] == {"type": "semantic_vad"}
    assert not at.get("download_button")[0].proto.disabled


def notes_app() -> None:
    from typing import Annotated, Literal

    import streamlit as st
    from pydantic import BaseModel

    from form.hints import UI
    from form.render import FormCtx, render_form

    class Garden(BaseModel):
        plant: Annotated[Literal["tomato", "basil"], UI(section="Beds")] = "tomato"
        water_l: Annotated[float, UI(section="Care")] = 1.0

    st.session_state.setdefault("garden", {})
    notes = {("plant",): [("warning", "Tomatoes need sun."), ("tip", "Basil likes tomatoes.")]}
    form = FormCtx(st.session_state, "garden", "g", notes=notes)
    render_form(form, Garden, extras={"Care": lambda: st.caption("Water in the morning.")})


def test_generic_form_draws_notes_and_section_extras_on_any_model():
    at = AppTest.from_function(notes_app, default_timeout=30).run()
    assert not at.exception
    beds, care = at.expander
    assert "2 notes" in beds.label and "note" not in care.label
    assert [w.value for w in beds.warning] == ["Tomatoes need sun."]
    assert [i.value for i in beds.info] == ["Basil likes tomatoes."]  # unknown levels are drawn as info
    assert [c.value for c in care.caption] == ["Water in the morning."]

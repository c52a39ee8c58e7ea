"""The persona builder: answers -> instructions preview -> saved with the persona -> reopened, same answers."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from studio import persona_builder
from tests.app.conftest import draft, open_studio

PAGE = "pages/persona_builder.py"


@pytest.fixture
def builder():
    """Open the persona builder with this session state in place."""
    return lambda state=None: open_studio(PAGE, state)


def fill_answers(at: AppTest) -> None:
    at.text_area(key="pb.identity").input("Maya, the voice of Harbor Bistro.").run()
    at.text_input(key="pb.tone").input("warm").run()
    at.radio(key="pb.enthusiasm").set_value("upbeat").run()
    at.radio(key="pb.pacing").set_value("slow").run()
    at.button(key="pb.pronunciations:add").click().run()
    at.text_input(key="pb.pronunciations.0.word").input("Nguyen").run()
    at.text_input(key="pb.pronunciations.0.say_as").input("win").run()


def test_answers_round_trip_through_preview_save_and_reopen(builder):
    at = builder()
    fill_answers(at)
    preview = at.code[-1].value
    assert preview.startswith("# Identity\nMaya, the voice of Harbor Bistro.")
    assert '- Say "Nguyen" like "win".' in preview and "- Tone: warm." in preview
    assert draft(at)["instructions"] == preview  # the builder writes the draft's instructions live

    saved = json.loads(json.dumps(persona_builder.extras(at.session_state)))  # what the library stores
    assert "instructions" not in saved[persona_builder.BUILDER_KEY]

    reopened: dict = {"draft": {"instructions": preview}}
    persona_builder.restore(reopened, saved)
    again = builder(reopened)
    assert again.text_area(key="pb.identity").value == "Maya, the voice of Harbor Bistro."
    assert again.text_input(key="pb.tone").value == "warm"
    assert again.radio(key="pb.enthusiasm").value == "upbeat"
    assert again.radio(key="pb.pacing").value == "slow"
    assert again.session_state[persona_builder.BUILDER_KEY] == at.session_state[persona_builder.BUILDER_KEY]
    assert again.code[-1].value == preview


def test_export_carries_only_the_instructions(builder):
    at = builder()
    fill_answers(at)
    at.switch_page("pages/editor.py").run()
    exported = json.loads(at.code[-1].value)
    assert set(exported) == {"type", "instructions"}
    assert at.text_area(key="f.instructions").value == exported["instructions"]


def test_free_text_keeps_answers_and_switching_back_rewrites_the_text(builder):
    at = builder()
    fill_answers(at)
    compiled = draft(at)["instructions"]
    at.segmented_control(key="pb:mode").set_value("free").run()
    at.text_area(key="pb:free_text").input("My own words.").run()
    assert draft(at)["instructions"] == "My own words."
    assert at.session_state[persona_builder.BUILDER_KEY]["tone"] == "warm"
    at.radio(key="pb.pacing").set_value("brisk").run()  # editing answers in free mode leaves the text alone
    assert draft(at)["instructions"] == "My own words."
    at.segmented_control(key="pb:mode").set_value("builder").run()
    assert draft(at)["instructions"] == compiled.replace(
        "Speak in short sentences with room to breathe; never rush.",
        "Keep it brisk: get to the point and keep replies short.",
    )
    assert at.session_state["draft_previous"]["instructions"] == "My own words."  # undo-able


def test_first_visit_never_overwrites_hand_written_instructions(builder):
    at = builder({"draft": {"instructions": "Hand written."}})
    assert at.segmented_control(key="pb:mode").value == "free"
    at.radio(key="pb.pacing").set_value("slow").run()
    assert draft(at)["instructions"] == "Hand written."


def test_instructions_edited_in_the_editor_are_not_overwritten_by_the_builder(builder):
    at = builder()
    fill_answers(at)
    at.switch_page("pages/editor.py").run()
    at.text_area(key="f.instructions").input("Edited in the editor.").run()
    at.switch_page(PAGE).run()
    assert draft(at)["instructions"] == "Edited in the editor."
    assert at.segmented_control(key="pb:mode").value == "free"
    assert any("changed outside the builder" in i.value for i in at.info)


def test_a_transcription_draft_has_no_persona_to_build():
    at = open_studio("pages/persona_builder.py", state={"draft": {"type": "transcription"}})
    assert any("transcription session" in i.value for i in at.info)
    assert not [w for w in at.text_area if w.key and w.key.startswith("pb.")]
    assert at.session_state["draft"] == {"type": "transcription"}

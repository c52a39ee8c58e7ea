"""The editor's section navigator and finder, driven in process: one section at a time, chosen in the address."""

from __future__ import annotations

import pytest

from studio import navigator
from tests.app.conftest import SECTION, draft, open_studio, section_titles, show_section, unescape, widget_keys

GA_SECTIONS = ["Persona", "Voice and speech", "Conversation and turn-taking", "Audio input", "Tools", "Advanced"]


def section_keys(at) -> set[str]:
    """The form's widget keys (the editor's own, not the sidebar's, the navigator's or the preview's)."""
    return {k for k in widget_keys(at) if k.startswith("f.")}


def test_a_new_draft_opens_on_persona_with_every_section_listed_and_only_persona_drawn(app):
    assert section_titles(app) == GA_SECTIONS
    assert app.radio(key=SECTION).value == "Persona"
    keys = section_keys(app)
    assert "f.instructions" in keys and "f.model:pick" in keys
    assert not [k for k in keys if k.startswith(("f.audio", "f.tools"))]
    assert [e.label for e in app.expander if e.label.startswith("**") and "Advice" not in e.label] == ["**Persona**"]


def test_choosing_a_section_puts_it_in_the_address_and_draws_only_it(app):
    show_section(app, "Voice and speech")
    assert app.query_params[navigator.PARAM] == "voice-and-speech"
    keys = section_keys(app)
    assert {"f.audio.output.speed:slider", "f.audio.output.voice:presence"} <= keys
    assert "f.instructions" not in keys and "f.tools:add:function" not in keys


@pytest.mark.parametrize(
    ("slug", "title"),
    [("tools", "Tools"), ("audio-input", "Audio input"), ("no-such-section", "Persona")],
)
def test_a_link_opens_its_section_and_an_unknown_one_falls_back_to_persona(slug, title):
    at = open_studio(params={navigator.PARAM: slug})
    assert at.radio(key=SECTION).value == title


def test_a_draft_with_problems_opens_on_the_first_section_that_has_one_and_every_badge_counts():
    at = open_studio(state={"draft": {"type": "realtime", "instructions": "Be brief.",
                                      "audio": {"output": {"speed": 9, "voice": "marin"}},
                                      "tools": [{"type": "function"}]}})
    assert at.radio(key=SECTION).value == "Voice and speech"
    assert at.radio(key=SECTION).options == [
        "Persona  :gray-badge[1 set]",
        # speed 9 is out of range (to fix); extreme speeds and a voice fixed once live are notes
        "Voice and speech  :red-badge[1 to fix] :orange-badge[2 notes] :gray-badge[2 set]",
        "Conversation and turn-taking",
        "Audio input",
        # a function without a name (to fix), without a description and without parameters (notes)
        "Tools  :red-badge[1 to fix] :orange-badge[2 notes] :gray-badge[1 set]",
        "Advanced",
    ]


def test_a_problem_in_the_preview_opens_its_section():
    at = open_studio(state={"draft": {"type": "realtime", "audio": {"output": {"speed": 9}},
                                      "tools": [{"type": "function"}]}})
    assert at.radio(key=SECTION).value == "Voice and speech"
    at.button(key="editor:fix_in:tools").click().run()
    assert at.radio(key=SECTION).value == "Tools"
    assert at.query_params[navigator.PARAM] == "tools"
    assert "f.tools.0:open" in section_keys(at)
    assert [b.label for b in at.button if b.key and b.key.startswith("editor:fix_in:")] == [
        "Open Voice and speech (1 to fix)", "Open Tools (1 to fix)"]


def test_the_finder_finds_a_setting_by_its_api_name_and_jumps_to_its_section(app):
    app.text_input(key=navigator.FIND).input("idle_timeout_ms").run()
    [found] = [b for b in app.button if b.key and b.key.startswith("editor:found:")]
    assert found.label == "Nudge after silence (ms)"
    assert "`audio.input.turn_detection.idle_timeout_ms`" in found.help
    found.click().run()
    assert app.radio(key=SECTION).value == "Conversation and turn-taking"
    assert app.query_params[navigator.PARAM] == "conversation-and-turn-taking"
    [note] = [unescape(i.value) for i in app.info if i.value.startswith("Found")]
    assert note.startswith("Found **Turn-taking (Server VAD (silence)) › Nudge after silence (ms)**")
    assert "appears once the choice it depends on is made" in note
    assert "f.audio.input.turn_detection:presence" in section_keys(app)
    app.run()
    assert not [i for i in app.info if i.value.startswith("Found")]  # said once, then gone


def test_the_finder_says_when_nothing_matches_and_keeps_the_section(app):
    show_section(app, "Tools")
    app.text_input(key=navigator.FIND).input("warp drive").run()
    assert any("No setting matches “warp drive”" in unescape(c.value) for c in app.caption)
    assert app.radio(key=SECTION).value == "Tools"


def test_an_edit_in_one_section_is_kept_when_another_is_shown(app):
    show_section(app, "Voice and speech")
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    show_section(app, "Persona")
    app.text_area(key="f.instructions").input("Be brief.").run()
    show_section(app, "Voice and speech")
    assert app.slider(key="f.audio.output.speed:slider").value == 1.2
    assert draft(app) == {"type": "realtime", "instructions": "Be brief.", "audio": {"output": {"speed": 1.2}}}


def test_a_transcription_draft_lists_its_own_sections():
    at = open_studio(state={"draft": {"type": "transcription"}})
    assert section_titles(at) == ["Transcription", "Turn-taking", "Audio input"]
    assert at.radio(key=SECTION).value == "Transcription"

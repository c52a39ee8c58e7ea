"""The editor reruns only what a change touches, and falls back to the whole page when needed.

The editor shows one section at a time. The section, the navigator, the preview and the
sidebar's status are fragments. After a change in a fragment, AppTest's element tree holds
only what reran, which is what these tests read: the page title is missing after a partial
rerun and present after a full one.
"""

from __future__ import annotations

import json

import pytest

from store import Library
from studio import links
from tests.app.conftest import SECTION, draft, open_studio, show_section, widget_keys


def preview(at) -> dict:
    return json.loads(at.code[-1].value)


def full_run(at) -> bool:
    """True when the last run drew the whole page (the title is drawn only by the page body)."""
    return [t.value for t in at.title] == ["Persona editor"]


BRIEFED = {"type": "realtime", "instructions": "Be brief."}


@pytest.fixture
def briefed():
    """The studio on a draft with instructions (an empty brief puts a note in the Persona section), on Voice."""
    return show_section(open_studio(state={"draft": dict(BRIEFED)}), "Voice and speech")


@pytest.fixture
def voice(app):
    return show_section(app, "Voice and speech")


def badges(at, title: str) -> str:
    """The badges the navigator shows beside a section."""
    [option] = [o for o in at.radio(key=SECTION).options if o.split("  ")[0] == title]
    return option[len(title) :].strip()


def test_a_change_reruns_its_section_the_preview_and_the_status_only(briefed):
    app = briefed
    assert full_run(app)
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    assert not app.exception
    assert not full_run(app)
    keys = widget_keys(app)
    assert "f.audio.output.voice:presence" in keys  # the Voice section reran: its widgets are there
    assert "f.instructions" not in keys and "f.audio.input.format:presence" not in keys  # no other section is drawn
    assert badges(app, "Voice and speech") == ":gray-badge[1 set]"  # the navigator reran: its badges follow
    assert app.number_input(key="f.audio.output.speed:number").value == 1.2  # the paired entry follows
    assert preview(app) == {**BRIEFED, "audio": {"output": {"speed": 1.2}}}
    assert any("2 setting(s) set" in s.value for s in app.sidebar.success)


def test_a_change_that_leaves_the_badges_and_the_status_alone_reruns_only_its_section_and_the_preview(briefed):
    app = briefed
    app.slider(key="f.audio.output.speed:slider").set_value(1.2).run()  # a new setting: "2 setting(s) set"
    app.slider(key="f.audio.output.speed:slider").set_value(1.3).run()  # same count, same badges
    assert not app.exception and not full_run(app)
    assert SECTION not in widget_keys(app)  # the navigator did not rerun
    assert not app.sidebar.success  # nor did the sidebar's status
    assert app.number_input(key="f.audio.output.speed:number").value == 1.3  # the section did
    assert preview(app) == {**BRIEFED, "audio": {"output": {"speed": 1.3}}}  # and the preview
    app.button(key="f.audio.output.speed:reset").click().run()  # one setting fewer: both follow again
    assert badges(app, "Voice and speech") == "" and any("1 setting(s) set" in s.value for s in app.sidebar.success)


def test_a_partial_rerun_still_autosaves_the_draft(briefed):
    app = briefed
    app.slider(key="f.audio.output.speed:slider").set_value(0.9).run()
    assert not full_run(app)
    kept = Library().autosaved(app.session_state[links.KEY])
    assert kept is not None and kept[0] == {**BRIEFED, "audio": {"output": {"speed": 0.9}}}


def test_a_change_that_shows_in_another_section_updates_that_sections_badge_without_a_full_run(voice):
    app = voice
    # A different output format puts a note beside the input format, in the Audio input section.
    assert badges(app, "Audio input") == ""
    app.radio(key="f.audio.output.format:presence").set_value("audio/pcmu").run()
    assert not app.exception
    assert not full_run(app)
    assert badges(app, "Audio input") == ":orange-badge[1 note]"
    show_section(app, "Audio input")
    assert any("arrives as pcm16" in w.value for w in app.warning)
    assert "f.audio.input.format:presence" in widget_keys(app)


def test_a_change_to_the_turn_chart_inputs_is_drawn_when_its_section_opens(app):
    # The turn-taking suggestions read the noise reduction (Audio input section).
    show_section(app, "Audio input")
    app.radio(key="f.audio.input.noise_reduction:presence").set_value("__null__").run()
    assert not app.exception
    assert not full_run(app)
    show_section(app, "Conversation and turn-taking")
    assert app.button(key="turns:suggest:kiosk") is not None  # the suggestions are drawn with the new inputs


def test_a_fix_from_the_preview_panel_redraws_the_form(voice):
    app = voice
    app.radio(key="f.audio.output.format:presence").set_value("audio/pcmu").run()
    [fix] = [b for b in app.button if b.key and b.key.startswith("advice:fix:audio-formats-differ")]
    fix.click().run()
    assert not app.exception
    assert full_run(app)
    assert draft(app)["audio"]["output"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert app.radio(key="f.audio.output.format:presence").value == "audio/pcm"


def test_starting_a_blank_draft_from_the_sidebar_redraws_the_form(voice):
    app = voice
    app.slider(key="f.audio.output.speed:slider").set_value(1.1).run()
    app.run()
    app.sidebar.button(key="sidebar:new").click().run()
    assert not app.exception
    assert full_run(app)
    assert draft(app) == {"type": "realtime"}
    assert app.slider(key="f.audio.output.speed:slider").value == 1.0


def test_a_json_box_that_does_not_parse_shows_in_the_preview_after_a_partial_rerun():
    at = open_studio(state={"draft": {"type": "realtime", "tools": [{"type": "function", "name": "lookup"}]}})
    show_section(at, "Tools")
    at.button(key="f.tools.0:open").click().run()
    at.run()
    at.text_area(key="f.tools.0.parameters").input("{not json").run()
    assert not at.exception
    assert any("not valid JSON" in e.value for e in at.error)
    assert any("problem(s) to fix before export" in e.value for e in at.error)


def test_values_a_callback_writes_reach_the_browser_after_a_partial_rerun(briefed):
    app = briefed
    # The browser takes a widget's value from the server only when the proto says so
    # (set_value); a keyed fragment rerun has to write the values again for that.
    app.slider(key="f.audio.output.speed:slider").set_value(1.1).run()
    app.button(key="f.audio.output.speed:reset").click().run()
    assert not full_run(app)
    slider = app.slider(key="f.audio.output.speed:slider")
    assert slider.value == 1.0 and slider.proto.set_value
    entry = app.number_input(key="f.audio.output.speed:number")
    assert entry.value == 1.0 and entry.proto.set_value


def test_a_new_tab_that_changed_nothing_writes_no_autosave(app):
    assert Library().autosaved(app.session_state[links.KEY]) is None


def counting_assessments(monkeypatch) -> list[int]:
    """Counts how often the editor validates and advises on the draft (``guidance.assess``)."""
    from studio import guidance

    calls = []
    real = guidance.assess
    monkeypatch.setattr(guidance, "assess", lambda data: calls.append(1) or real(data))
    return calls


def test_a_full_run_assesses_a_valid_draft_once_for_every_part_it_draws(briefed, monkeypatch):
    # The navigator, the section and the preview share the view the page computed first.
    calls = counting_assessments(monkeypatch)
    briefed.run()
    assert full_run(briefed) and not briefed.exception
    assert len(calls) == 1


def test_a_full_run_on_an_invalid_draft_assesses_again_after_the_section(monkeypatch):
    # The section may fill in what the draft lacks: the preview, drawn after it, looks again.
    app = open_studio(state={"draft": {"type": "realtime", "audio": {"output": {"speed": 9}}}})
    calls = counting_assessments(monkeypatch)
    app.run()
    assert full_run(app) and not app.exception
    assert [b.proto.disabled for b in app.get("download_button")] == [True]  # invalid: nothing to export
    assert len(calls) == 2


def test_a_change_reruns_its_fragments_each_with_a_fresh_look_at_the_draft(briefed, monkeypatch):
    calls = counting_assessments(monkeypatch)
    briefed.slider(key="f.audio.output.speed:slider").set_value(1.2).run()
    assert not full_run(briefed)
    assert len(calls) >= 2  # the section and the preview each look at the changed draft
    assert preview(briefed)["audio"] == {"output": {"speed": 1.2}}

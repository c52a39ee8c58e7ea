"""The rerun-cost figure's twin draws the widgets the editor draws, section by section.

``bench/apps/twin/editor_twin.json`` is written by ``python -m bench.twin`` from what the
editor draws for the bench's full GA config. When a setting is added or a section changes,
this test fails until the description is written again, so the figure never compares the
editor with a page that draws less (or more).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

from bench import rerun, twin

REGENERATE = "the twin is out of date: run `.venv/bin/python -m bench.twin` and commit bench/apps/twin/editor_twin.json"


def twin_page(section: str) -> AppTest:
    at = AppTest.from_file(str(rerun.BASELINE), default_timeout=60)
    at.query_params["section"] = section
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("section", twin.section_slugs())
def test_the_twin_draws_the_same_widgets_as_the_editor_in_the_same_order(section):
    editor, copy = rerun.widgets(twin.editor(section)), rerun.widgets(twin_page(section))
    assert Counter(kind for kind, _ in copy) == Counter(kind for kind, _ in editor), REGENERATE
    assert [kind for kind, _ in copy] == [kind for kind, _ in editor], REGENERATE
    assert copy == editor, REGENERATE  # and with the editor's own keys


def test_the_twin_describes_every_section_of_the_navigator_and_nothing_else():
    assert list(json.loads(twin.DESCRIPTION.read_text())) == twin.section_slugs(), REGENERATE


def test_a_description_the_twin_cannot_draw_is_refused_by_name():
    with pytest.raises(ValueError, match="does not know how to draw a color_picker"):
        twin._widget("color_picker", object(), {})


def test_a_click_on_the_twins_navigator_draws_that_sections_widgets_as_the_editor_does():
    # The section-switch figure times the same click in the twin, to show what a switch costs by hand.
    at = twin_page("voice-and-speech")
    navigator = at.radio(key="editor:section")
    tools = next(option for option in navigator.options if option.startswith("Tools"))
    navigator.set_value(tools).run()
    assert not at.exception, at.exception
    assert rerun.widgets(at) == rerun.widgets(twin.editor("tools"))

"""The studio never asks for an API key, and a key pasted by mistake blocks export and is never stored."""

from __future__ import annotations

import json
import os
import re

from streamlit.testing.v1 import AppTest

from store import Library
from tests.app.conftest import draft, error_texts
from tests.unit.test_no_api_keys import KEY

PAGES = ("editor", "persona_builder", "presets", "library", "compare", "import_export")
INPUTS = ("text_input", "text_area", "number_input", "selectbox", "multiselect", "radio", "slider", "toggle",
          "checkbox", "segmented_control", "button")
ASKS_FOR_A_SECRET = re.compile(r"\b(api[ _-]?key|secret|password|bearer|credential)s?\b", re.IGNORECASE)


def test_no_page_has_an_input_that_asks_for_a_key(app: AppTest):
    seen = 0
    for name in PAGES:
        app.switch_page(f"pages/{name}.py").run()
        assert not app.exception, app.exception
        for kind in INPUTS:
            for widget in getattr(app, kind):
                seen += 1
                assert not ASKS_FOR_A_SECRET.search(widget.label or ""), (name, widget.label)
                assert not ASKS_FOR_A_SECRET.search(getattr(widget, "help", None) or ""), (name, widget.label)
    assert seen > 50  # the check looked at the real pages


def test_a_pasted_key_blocks_export_and_autosave_keeps_it_masked(app: AppTest):
    app.text_area(key="f.instructions").input(f"Call the API with {KEY} when asked.").run()
    assert any("looks like an API key" in text for text in error_texts(app))
    [download] = app.get("download_button")
    assert download.proto.disabled
    assert KEY in draft(app)["instructions"]  # the user's text stays, to be fixed
    kept, _ = Library(os.environ["STUDIO_DATABASE_URL"]).autosaved(app.query_params["draft"])
    assert KEY not in json.dumps(kept)
    assert "(hidden: looks like an API key)" in kept["instructions"]

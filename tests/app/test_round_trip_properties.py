"""Generated configs loaded into the running editor: drawing every widget loses and invents nothing.

Fewer examples than the unit property tests, because each one runs the whole editor
page twice in process (the second run draws widgets that already hold state).
"""

from __future__ import annotations

import copy
import json
import os

from hypothesis import HealthCheck, given, settings

from tests.app.conftest import open_studio
from tests.support.strategies import expected_export, sessions


@settings(
    max_examples=int(os.environ.get("STUDIO_APPTEST_EXAMPLES", "30")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=sessions())
def test_the_editor_draws_a_loaded_config_and_exports_it_unchanged(data):
    at = open_studio(state={"draft": copy.deepcopy(data)})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["draft"] == data
    assert json.loads(at.code[-1].value) == expected_export(data)
    [download] = at.get("download_button")
    assert not download.proto.disabled
    assert any("Valid" in s.value for s in at.success)  # advice may still warn; validation does not
    if data:
        # Start over from the sidebar, then undo: every widget redraws the config as it was.
        at.button(key="sidebar:new").click().run()
        assert at.session_state["draft"] == {}
        at.button(key="sidebar:undo").click().run()
        assert not at.exception, at.exception
        assert at.session_state["draft"] == data
        assert json.loads(at.code[-1].value) == expected_export(data)

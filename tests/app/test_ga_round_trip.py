"""Generated GA drafts (both session types) opened in the running editor: drawn, validated, exported unchanged.

Each example opens the whole studio in process on a draft drawn from the GA models' own
specs, so the count is small by default (``STUDIO_APPTEST_EXAMPLES``, default 20; 200 with
``HYPOTHESIS_PROFILE=thorough``).
"""

from __future__ import annotations

import copy
import json
import os

from hypothesis import HealthCheck, given, settings

from session_model.apis import check
from session_model.export import export_session
from tests.app.conftest import open_studio
from tests.support.strategies import expected_export, ga_sessions

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES = int(os.environ.get("STUDIO_APPTEST_EXAMPLES", "200" if THOROUGH else "20"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=ga_sessions())
def test_the_editor_draws_a_generated_ga_draft_and_previews_exactly_its_export(data):
    at = open_studio(state={"draft": copy.deepcopy(data)})
    assert not at.exception, at.exception
    assert at.session_state["draft"] == data  # drawing every widget changed nothing
    _, session, problems = check(data)
    assert problems == [] and session is not None
    assert json.loads(at.code[-1].value) == export_session(session) == expected_export(data)
    # Advice may still warn (even as an error: "required" with no tools); validation lists no problem.
    assert not [e.value for e in at.error if "problem(s) to fix" in e.value]
    assert any("Valid" in s.value for s in at.success)
    [download] = at.get("download_button")
    assert not download.proto.disabled

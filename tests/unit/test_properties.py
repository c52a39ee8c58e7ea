"""Property tests: generated valid configs survive the draft and the export unchanged; mutated ones are refused.

The configs are drawn from the model's own field specs (tests/support/strategies.py).
Example counts are modest for CI (a few hundred in all, a few seconds); raise them
locally with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from form.introspect import field_specs
from form.messages import validate
from session_model import RealtimeSession, share
from session_model.export import dumps
from session_model.importing import import_config
from session_model.loading import InputError, load_object
from studio import draft
from tests.support.strategies import blamed, expected_export, mutated, sessions


@given(sessions())
def test_generated_configs_are_valid(data):
    session, problems = validate(RealtimeSession, data)
    assert problems == [], problems
    assert session is not None


@given(sessions(), sessions())
def test_a_config_loaded_into_the_draft_exports_exactly_as_it_came_in(data, earlier):
    state: dict[str, Any] = {}
    draft.replace(state, copy.deepcopy(earlier))
    draft.replace(state, copy.deepcopy(data))
    exported = draft.exported(state[draft.DRAFT_KEY])
    assert exported == expected_export(data)
    # and through the text a user downloads and loads again
    assert load_object(dumps(exported)).data == exported
    draft.undo_replace(state)
    assert state[draft.DRAFT_KEY] == earlier


# ---- mutations ---------------------------------------------------------------------------------


@settings(max_examples=2 * settings.default.max_examples)  # the mutations deserve the most examples
@given(mutated(RealtimeSession, sessions()))
def test_a_mutated_config_is_refused_and_the_error_names_the_mutated_field(case):
    bad, blame, kind = case
    event(f"{kind} at {'.'.join(str(p) for p in blame if isinstance(p, str))}")
    session, problems = validate(RealtimeSession, bad)
    assert session is None, f"{kind} at {blame} was accepted: {bad}"
    paths = {p.path for p in problems}
    assert blamed(blame, paths), (kind, blame, problems)
    # the message is in plain words, on one line, and never the raw pydantic text
    for problem in problems:
        assert "\n" not in problem.message and "Input should" not in problem.message, problem


def test_every_field_of_the_model_is_generated():
    """The strategy covers the whole model: each top-level field appears in some generated config."""
    seen: set[str] = set()

    @settings(max_examples=150, database=None)
    @given(sessions())
    def collect(data: dict[str, Any]) -> None:
        seen.update(data)

    collect()
    names = {s.name for s in field_specs(RealtimeSession)}
    assert seen == names


# ---- fuzzed inputs: only plain refusals, never a crash -----------------------------------------


@given(st.one_of(st.binary(max_size=300), sessions().map(lambda d: dumps(d).encode())).flatmap(
    lambda raw: st.tuples(st.just(raw), st.integers(0, max(len(raw) - 1, 0)), st.binary(min_size=1, max_size=3))
))
def test_damaged_bytes_are_loaded_or_refused_in_plain_words(case):
    raw, at, noise = case
    damaged = raw[:at] + noise + raw[at + 1 :]
    try:
        loaded = load_object(damaged)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        report = import_config(damaged)
        assert not report.readable and report.data == {}
        return
    # Whatever it holds, validation answers in plain words: a session, or problems each on one line.
    session, problems = validate(RealtimeSession, loaded.data)
    assert (session is None) == bool(problems)
    for problem in problems:
        assert problem.message and "\n" not in problem.message and "Input should" not in problem.message, problem
    report = import_config(damaged)
    if report.readable:
        findings = [*report.converted, *report.dropped, *report.unknown, *report.problems]
        assert all(f.message and "\n" not in f.message + f.where for f in findings), findings
        assert report.summary() and "\n" not in report.summary()
    else:
        assert report.error and "\n" not in report.error and report.data == {}


@given(sessions())
def test_a_share_link_carries_a_config_exactly(data):
    assert share.decode(share.encode(data)) == expected_export(data)


@given(sessions(), st.data())
def test_a_tampered_share_link_is_refused_or_still_a_valid_config(data, draw):
    code = share.encode(data)
    at = draw.draw(st.integers(len(share.FORMAT), len(code) - 1))
    edit = draw.draw(st.sampled_from(["replace", "cut", "insert"]))
    char = draw.draw(st.sampled_from("ABCxyz019-_=%<"))
    tampered = {"replace": code[:at] + char + code[at + 1 :], "cut": code[:at], "insert": code[:at] + char + code[at:]}[
        edit
    ]
    try:
        opened = share.decode(tampered)
    except share.ShareError as exc:
        assert "Nothing was loaded" in str(exc)
        return
    assert validate(RealtimeSession, opened)[1] == []  # a change that still decodes is still a valid config

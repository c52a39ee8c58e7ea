"""Property tests: generated valid configs survive the draft and the export unchanged; mutated ones are refused.

The configs are drawn from the model's own field specs (tests/support/strategies.py).
Example counts are modest for CI (a few hundred in all, a few seconds); raise them
locally with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from form.introspect import Path, TypeSpec, field_specs
from form.messages import validate
from session_model import RealtimeSession, share
from session_model.export import dumps
from session_model.importing import import_config
from session_model.loading import InputError, load_object
from studio import draft
from tests.support.strategies import expected_export, fields_in, sessions

settings.register_profile("ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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


def _set_at(data: Any, path: Path, value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _get_at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _bounds(spec: TypeSpec) -> dict[str, Any]:
    if spec.bounds.get("ge") is not None or spec.bounds.get("le") is not None:
        return spec.bounds
    for variant in spec.variants:
        if variant.scalar is not None and variant.scalar.base in (int, float):
            return variant.scalar.bounds
    return {}


def _numeric_base(spec: TypeSpec) -> type | None:
    if spec.base in (int, float):
        return spec.base
    return next((v.scalar.base for v in spec.variants if v.scalar is not None and v.scalar.base in (int, float)), None)


def _accepted_types(spec: TypeSpec) -> set[type]:
    """The JSON value types a spec accepts (JSON has one number type, so a float field takes 5)."""
    if spec.variants:
        found: set[type] = set()
        for variant in spec.variants:
            if variant.model is not None:
                found.add(dict)
            elif variant.scalar is not None:
                found |= _accepted_types(variant.scalar)
        return found
    if hasattr(spec.base, "model_fields"):
        return {dict}
    if spec.choices:
        return {str}
    return {spec.base, int} if spec.base is float else {spec.base}


def _wrong_values(spec: TypeSpec) -> list[Any]:
    """JSON values of a type the spec does not accept (null too, unless null means "off")."""
    candidates: list[Any] = ["some text", 5, 2.5, True, [1], {"x": 1}] + ([] if spec.nullable else [None])
    accepted = _accepted_types(spec)
    return [v for v in candidates if v is None or type(v) not in accepted]


def _near_miss(name: str, known: set[str], draw: st.DrawFn) -> str:
    spellings = {name[:-1], name + "s", name.replace("_", ""), name.capitalize(), name[1:] + name[0], "x_" + name}
    choices = sorted(s for s in spellings if s and s not in known)
    return draw(st.sampled_from(choices))


def _has_choices(spec: TypeSpec) -> bool:
    fixed = bool(spec.choices) and not spec.open_choices
    return fixed or bool(spec.item and spec.item.choices) or any(v.const is not None for v in spec.variants)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], Path, str]:
    """A valid config with one field made wrong; returns it, the path to blame, and the kind of mistake."""
    data = draw(sessions())
    top_absent = [((s.name,), s) for s in field_specs(RealtimeSession) if s.name not in data]
    fields = fields_in(data) + top_absent
    by_kind = {
        "type": fields,
        "unknown_key": fields,
        "range": [(p, s) for p, s in fields if _bounds(s.type)],
        "enum": [(p, s) for p, s in fields if _has_choices(s.type)],
    }
    kind = draw(st.sampled_from([k for k, found in by_kind.items() if found]))
    path, spec = draw(st.sampled_from(by_kind[kind]))
    tspec = spec.type
    bad = copy.deepcopy(data)
    blame = path
    if kind == "type":
        _set_at(bad, path, draw(st.sampled_from(_wrong_values(tspec))))
    elif kind == "range":
        bounds, base = _bounds(tspec), _numeric_base(tspec)
        sides = [s for s in ("ge", "le") if bounds.get(s) is not None]
        side = draw(st.sampled_from(sides))
        step = draw(st.integers(1, 1000)) if base is int else draw(st.sampled_from([0.01, 0.5, 3.0, 1e6]))
        _set_at(bad, path, bounds[side] - step if side == "ge" else bounds[side] + step)
    elif kind == "enum":
        if tspec.item is not None:
            _set_at(bad, path, ["not_a_choice"])
            blame = (*path, 0)
        else:
            _set_at(bad, path, draw(st.sampled_from(["not_a_choice", "Auto", "PCM16", "function "])))
    else:
        parent = _get_at(bad, path[:-1]) if len(path) > 1 else bad
        siblings = set(parent) | {s.name for s in field_specs(RealtimeSession)}
        key = _near_miss(str(path[-1]), siblings, draw)
        parent[key] = 1
        blame = (*path[:-1], key)
    return bad, blame, kind


def _tags_a_variant(path: Path) -> bool:
    """Changing the "type" of a turn-taking variant is blamed on the turn-taking field itself."""
    return path[-1] == "type" and len(path) == 2


@settings(max_examples=2 * settings.default.max_examples)  # the mutations deserve the most examples
@given(mutated())
def test_a_mutated_config_is_refused_and_the_error_names_the_mutated_field(case):
    bad, blame, kind = case
    event(f"{kind} at {'.'.join(str(p) for p in blame if isinstance(p, str))}")
    session, problems = validate(RealtimeSession, bad)
    assert session is None, f"{kind} at {blame} was accepted: {bad}"
    paths = {p.path for p in problems}
    assert blame in paths or (_tags_a_variant(blame) and blame[:-1] in paths), (kind, blame, problems)
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
    validate(RealtimeSession, loaded.data)  # whatever it holds, validation answers in words
    import_config(damaged)


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

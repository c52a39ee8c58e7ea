"""Property tests for the current (GA) sessions: generated configs of both types survive every path unchanged.

Configs are drawn from the GA models' own field specs (tests/support/strategies.py):
``type: "realtime"`` and ``type: "transcription"``, any subset of fields, nested variants,
MCP tools, references and nulls. Each must validate, export as it came in, travel in a
share link, appear exactly as the session of every current-API export (and parse as the
official SDK's request types with no unknown key), and survive realtime -> flat -> realtime
except for what the conversion reports as dropped (an unset PCM rate comes back as 24000,
the only rate "pcm16" means; an empty audio group comes back absent). One field made wrong is refused with
its path. Example counts are modest for CI; ``HYPOTHESIS_PROFILE=thorough`` raises them.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openai.types.realtime.client_secret_create_params import ClientSecretCreateParams
from openai.types.realtime.realtime_session_create_request import RealtimeSessionCreateRequest
from openai.types.realtime.realtime_transcription_session_create_request import (
    RealtimeTranscriptionSessionCreateRequest,
)
from openai.types.realtime.session_update_event import SessionUpdateEvent
from pydantic import BaseModel, TypeAdapter

from form.introspect import FieldSpec
from form.messages import validate
from session_model import share
from session_model.apis import APIS, check, convert
from session_model.export import dumps, export_session
from session_model.ga import GARealtimeSession, GATranscriptionSession
from session_model.loading import load_object
from session_model.models import RealtimeSession
from session_model.targets import build, targets_for
from tests.support.strategies import (
    blamed,
    expected_export,
    fields_in,
    ga_sessions,
    generated_fields,
    mutated,
    realtime_sessions,
    transcription_sessions,
)
from tests.unit.test_sdk_contract import assert_no_extras

MODELS = {"realtime": GARealtimeSession, "transcription": GATranscriptionSession}
# The official SDK's request type for each session type (from openai.types.realtime).
SDK_TYPES: dict[str, type[BaseModel]] = {
    "realtime": RealtimeSessionCreateRequest,
    "transcription": RealtimeTranscriptionSessionCreateRequest,
}
# The client secret request's own part, from the API reference (600 s after creation).
EXPIRES_AFTER = {"anchor": "created_at", "seconds": 600}
# Nulls a body that *creates* a session leaves out: the SDK's typed create params
# (ClientSecretCreateParams, calls) take no null there, and a new session starts with them off.
NULL_NOT_SENT_WHEN_NEW = (("audio", "input", "noise_reduction"), ("audio", "input", "transcription"), ("include",))
AUDIO_GROUPS = (("audio", "input"), ("audio", "output"), ("audio",))


def _session(data: dict[str, Any]) -> BaseModel:
    api, model, problems = check(data)
    assert problems == [] and model is not None, problems
    return model


def _without_empty_audio_groups(data: dict[str, Any]) -> dict[str, Any]:
    """An empty ``audio``, ``audio.input`` or ``audio.output`` object says nothing: left out."""
    for path in AUDIO_GROUPS:
        parent = data
        for part in path[:-1]:
            parent = parent.get(part, {})
        if parent.get(path[-1]) == {}:
            del parent[path[-1]]
    return data


def as_new_session(exported: dict[str, Any]) -> dict[str, Any]:
    """The session in a body that starts a new session: the export without the nulls such a body cannot carry."""
    out = copy.deepcopy(exported)
    for path in NULL_NOT_SENT_WHEN_NEW:
        parent = out
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and path[-1] in parent and parent[path[-1]] is None:
            del parent[path[-1]]
    return _without_empty_audio_groups(out)


def credential_names(session: dict[str, Any]) -> list[str]:
    """The environment variables the session's MCP credentials name, in order of appearance."""
    names: list[str] = []
    for tool in session.get("tools", []):
        if tool.get("type") == "mcp":
            for text in [tool.get("authorization", ""), *tool.get("headers", {}).values()]:
                names += [n for n in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text) if n not in names]
    return names


# ---- valid configs ----------------------------------------------------------------------------


@given(ga_sessions())
def test_a_generated_ga_config_is_valid_for_its_own_type(data):
    api, model, problems = check(data)
    assert problems == [], problems
    assert api.key == data["type"] and isinstance(model, MODELS[data["type"]])
    assert "temperature" not in data  # marked unavailable in GA: never generated


def _key(spec: FieldSpec) -> tuple[str, str, str]:
    """A field told apart by its name, title and help (not by object identity: caches may be rebuilt)."""
    return spec.name, spec.label, spec.help


def _every_field_spec(
    model: type[BaseModel], seen: dict[tuple[str, str, str], str] | None = None
) -> dict[tuple[str, str, str], str]:
    seen = {} if seen is None else seen
    for spec in generated_fields(model):
        if _key(spec) in seen:
            continue
        seen[_key(spec)] = f"{model.__name__}.{spec.name}"
        kinds = [spec.type, *([spec.type.item] if spec.type.item else [])]
        for kind in kinds:
            nested = [v.model for v in kind.variants if v.model] + [kind.base] * hasattr(kind.base, "model_fields")
            for inner in nested:
                _every_field_spec(inner, seen)
    return seen


@pytest.mark.parametrize("key", ["realtime", "transcription"])
def test_every_field_of_a_ga_model_at_every_depth_is_generated(key):
    """The strategy reaches every field of every nested model and variant, not only the top level."""
    expected = _every_field_spec(MODELS[key])
    seen: set[tuple[str, str, str]] = set()
    strategy = realtime_sessions() if key == "realtime" else transcription_sessions()

    @settings(max_examples=600, database=None, derandomize=True)
    @given(strategy)
    def collect(data: dict[str, Any]) -> None:
        specs: list[FieldSpec] = [spec for _, spec in fields_in(data, MODELS[key])]
        seen.update(_key(spec) for spec in specs)

    collect()
    assert {expected[i] for i in set(expected) - seen} == set()


@given(ga_sessions())
def test_a_ga_config_exports_exactly_as_it_came_in(data):
    """Unset stays unset, null stays null, a value stays that value; the downloaded text loads back the same."""
    exported = export_session(_session(copy.deepcopy(data)))
    assert exported == expected_export(data)
    assert load_object(dumps(exported)).data == exported


@given(ga_sessions())
def test_every_current_api_export_carries_exactly_the_session_and_the_sdk_reads_it(data):
    session = _session(data)
    exported = export_session(session)
    kind = data["type"]
    sdk = SDK_TYPES[kind]
    new = as_new_session(exported)
    keys = {t.key for t in targets_for(kind, legacy=False)}
    expected_keys = {"session-update", "nested", "client-secret", "python", "javascript", "curl", "schema"}
    assert keys == expected_keys | ({"calls"} if kind == "realtime" else set())
    for key in sorted(keys):
        out = build(key, session)
        assert not out.left_out, (key, out.left_out)  # a GA draft loses nothing in a GA export
        if out.data is not None:
            assert json.loads(out.text) == out.data
        if key == "session-update":
            assert out.data == {"type": "session.update", "session": exported}
            parsed = SessionUpdateEvent.model_validate(out.data)
            assert isinstance(parsed.session, sdk)
            assert_no_extras(parsed)
        elif key == "nested":
            assert out.data == exported
            assert_no_extras(sdk.model_validate(out.data))
        elif key == "client-secret":
            assert out.data == {"expires_after": EXPIRES_AFTER, "session": new}
            assert TypeAdapter(ClientSecretCreateParams).validate_python(out.data) == out.data  # drops unknown keys
            assert_no_extras(sdk.model_validate(out.data["session"]))
        elif key == "calls":
            assert out.data == new
            assert_no_extras(sdk.model_validate(out.data))
        elif key == "schema":
            schema_validator(out.text).validate(exported)  # the schema we publish accepts what we export
        else:
            names = credential_names(exported)
            assert list(out.credentials) == names
            if key == "python":
                compile(out.text, "start_session.py", "exec")
                assert all(f'os.environ["{name}"]' in out.text for name in names)
            elif key == "javascript":
                assert all(f"process.env.{name}" in out.text for name in names)
        if key in ("client-secret", "calls", "python", "javascript", "curl"):
            assert {d.path for d in out.omitted} == {p for p in NULL_NOT_SENT_WHEN_NEW if _has_null(exported, p)}


@functools.cache
def schema_validator(text: str) -> jsonschema.protocols.Validator:
    """A compiled validator for the published schema (the same text every time: compiled once)."""
    schema = json.loads(text)
    return jsonschema.validators.validator_for(schema)(schema)


def _has_null(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    for part in path[:-1]:
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return isinstance(data, dict) and path[-1] in data and data[path[-1]] is None


@given(ga_sessions())
def test_a_share_link_carries_a_ga_config_exactly(data):
    assert share.decode(share.encode(data)) == expected_export(data)


# ---- realtime -> flat -> realtime ---------------------------------------------------------------


def _remove(data: dict[str, Any], path: tuple[Any, ...]) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@given(realtime_sessions())
def test_realtime_to_flat_and_back_keeps_what_flat_carries_and_reports_every_drop(data):
    exported = export_session(_session(data))
    flat = convert(exported, APIS["flat"])
    assert not flat.issues and not flat.unknown, (flat.issues, flat.unknown)
    for drop in flat.drops:  # each drop names a value the session really had, at its place
        assert _at(exported, drop.path) == drop.value, drop
        event(f"dropped {'.'.join(p for p in drop.path if isinstance(p, str))}")
    flat_model, problems = validate(RealtimeSession, flat.data)
    assert problems == [], problems  # what the conversion writes is a valid flat session
    back = convert(export_session(flat_model), APIS["realtime"])
    assert not back.drops and not back.issues and not back.unknown

    expected = copy.deepcopy(exported)
    # Deepest and last first, so list indices of later drops stay right.
    for drop in sorted(flat.drops, key=lambda d: [(isinstance(p, int), p) for p in d.path], reverse=True):
        _remove(expected, drop.path)
    if exported.get("tools") and not expected["tools"]:
        del expected["tools"]  # every tool was an MCP server: the flat session leaves tools out
    _without_empty_audio_groups(expected)
    for side in ("input", "output"):  # "pcm16" is PCM at 24 kHz, the only rate: it comes back saying so
        audio_format = expected.get("audio", {}).get(side, {}).get("format")
        if audio_format == {"type": "audio/pcm"}:
            audio_format["rate"] = 24000
    assert back.data == expected


def test_a_custom_voice_id_the_flat_shape_cannot_name_is_reported_not_turned_into_a_built_in_name():
    data = {"type": "realtime", "audio": {"output": {"voice": {"id": "0"}}}}
    flat = convert(data, APIS["flat"])
    assert flat.data == {}
    [drop] = flat.drops
    assert drop.path == ("audio", "output", "voice") and drop.value == {"id": "0"}
    assert 'only by an id starting with "voice_"' in drop.reason
    with_prefix = {"type": "realtime", "audio": {"output": {"voice": {"id": "voice_0"}}}}
    assert convert(convert(with_prefix, APIS["flat"]).data, APIS["realtime"]).data == with_prefix


# ---- one field made wrong -----------------------------------------------------------------------


@settings(max_examples=2 * settings.default.max_examples)  # the mutations deserve the most examples
@given(
    st.sampled_from(["realtime", "transcription"]).flatmap(
        lambda key: st.tuples(
            st.just(key), mutated(MODELS[key], realtime_sessions() if key == "realtime" else transcription_sessions())
        )
    )
)
def test_a_ga_config_with_one_field_made_wrong_is_refused_naming_that_field(case):
    key, (bad, blame, kind) = case
    event(f"{kind} at {key}.{'.'.join(str(p) for p in blame if isinstance(p, str))}")
    model, problems = validate(MODELS[key], bad)
    assert model is None, f"{kind} at {blame} was accepted: {bad}"
    paths = {p.path for p in problems}
    assert blamed(blame, paths), (kind, blame, problems)
    for problem in problems:
        assert "\n" not in problem.message and "Input should" not in problem.message, problem

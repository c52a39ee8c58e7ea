"""Contract: every export of every realistic config validates against the official SDK's pydantic types.

The SDK types accept unknown keys silently (into ``model_extra``) and check no ranges, so each
check also walks the parsed object and asserts that nothing landed in ``model_extra``. The
configs live in ``tests/corpus/valid/`` for other tests to reuse.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openai
import pytest
from openai.types.beta.realtime.session import Session as FlatSession
from openai.types.beta.realtime.session_update_event import SessionUpdateEvent as FlatSessionUpdate
from openai.types.realtime.client_secret_create_params import ClientSecretCreateParams
from openai.types.realtime.realtime_session_create_request import RealtimeSessionCreateRequest
from openai.types.realtime.session_update_event import SessionUpdateEvent as NestedSessionUpdate
from pydantic import BaseModel, TypeAdapter

from session_model.models import RealtimeSession
from session_model.targets import TARGETS, build

VALID = Path(__file__).resolve().parents[1] / "corpus" / "valid"
CORPUS = sorted(VALID.glob("*.json"))

# What the older flat SDK types do not know (see the field reference; their turn detection also
# predates idle_timeout_ms): gaps of those types, not of the studio's export.
FLAT_TYPES_LACK = ("include", "prompt")
FLAT_TYPES_MODELS = FlatSession.model_fields["model"].annotation.__args__[0].__args__  # type: ignore[union-attr]


def session_of(path: Path) -> RealtimeSession:
    return RealtimeSession.model_validate_json(path.read_text())


def assert_no_extras(value: Any, where: str = "") -> None:
    """Nothing in the parsed SDK object was an unknown key."""
    if isinstance(value, BaseModel):
        assert not value.model_extra, f"{where or 'top level'}: unknown to the SDK: {sorted(value.model_extra)}"
        for name in type(value).model_fields:
            assert_no_extras(getattr(value, name), f"{where}.{name}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_extras(item, f"{where}[{index}]")


def for_flat_types(flat: dict[str, Any]) -> dict[str, Any]:
    """The flat export minus what the older flat SDK types cannot describe."""
    out = {k: v for k, v in flat.items() if k not in FLAT_TYPES_LACK}
    if "model" in out and out["model"] not in FLAT_TYPES_MODELS:
        del out["model"]  # a newer model id: the old types list eight and accept no other string
    if isinstance(out.get("turn_detection"), dict):
        out["turn_detection"] = {k: v for k, v in out["turn_detection"].items() if k != "idle_timeout_ms"}
    return out


def test_corpus_covers_the_realistic_cases():
    names = {p.stem for p in CORPUS}
    assert {"support_agent", "language_tutor", "phone_line_g711", "text_only_chat", "restaurant_tools",
            "tracing_custom", "prompt_reference", "push_to_talk_kiosk", "custom_voice_and_model"} <= names


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_flat_exports_match_the_sdk_flat_session(path):
    session = session_of(path)
    for key in ("flat", "flat-minimal"):
        parsed = FlatSession.model_validate(for_flat_types(build(key, session).data))
        assert_no_extras(parsed)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_flat_session_update_matches_the_sdk_event(path):
    event = build("session-update", session_of(path)).data
    parsed = FlatSessionUpdate.model_validate({**event, "session": for_flat_types(event["session"])})
    assert_no_extras(parsed)
    assert parsed.type == "session.update"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_nested_session_matches_the_sdk_create_request(path):
    parsed = RealtimeSessionCreateRequest.model_validate(build("nested", session_of(path)).data)
    assert_no_extras(parsed)
    assert parsed.type == "realtime"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_nested_session_update_matches_the_sdk_event(path):
    parsed = NestedSessionUpdate.model_validate(build("nested-session-update", session_of(path)).data)
    assert_no_extras(parsed)
    assert isinstance(parsed.session, RealtimeSessionCreateRequest)  # not read as a transcription session


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_client_secret_body_matches_the_sdk_params(path):
    body = build("client-secret", session_of(path)).data
    # TypedDict params drop unknown keys silently: equal after validation means none were unknown.
    assert TypeAdapter(ClientSecretCreateParams).validate_python(body) == body
    assert_no_extras(RealtimeSessionCreateRequest.model_validate(body["session"]))


def test_nested_export_says_what_it_left_out():
    session = RealtimeSession.model_validate({"temperature": 1.0, "voice": "ash", "id": "sess_1"})
    export = build("nested", session)
    assert [(d.path, d.value) for d in export.left_out] == [(("temperature",), 1.0), (("id",), "sess_1")]
    assert "temperature" not in export.data and "id" not in export.data
    assert "Temperature has no nested equivalent" in TARGETS["nested"].cannot_carry


# --- code snippets ----------------------------------------------------------------------------

class FakeConnection:
    """Stands in for a live Realtime connection: records updates, answers with session.updated."""

    def __init__(self, calls: dict[str, Any]) -> None:
        self.calls = calls
        self.session = self

    def update(self, *, session: dict[str, Any]) -> None:
        self.calls["update"] = session

    def __enter__(self) -> FakeConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls["closed"] = True

    def __iter__(self):
        yield type("Event", (), {"type": "session.updated"})()


class FakeClient:
    """Stands in for ``openai.OpenAI()``: the calls the Python snippet makes, recorded."""

    calls: dict[str, Any] = {}

    def __init__(self) -> None:
        FakeClient.calls = {}
        self.realtime = self
        self.client_secrets = self

    def create(self, *, session: dict[str, Any]) -> Any:
        self.calls["client_secret"] = session
        return type("Secret", (), {"value": "ek_test"})()

    def connect(self, *, model: str) -> FakeConnection:
        self.calls["model"] = model
        return FakeConnection(self.calls)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_python_snippet_runs_and_sends_the_nested_session(path, monkeypatch, capsys):
    session = session_of(path)
    code = build("python", session).text
    nested = build("client-secret", session).data["session"]
    monkeypatch.setattr(openai, "OpenAI", FakeClient)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(code, "apply_session.py", "exec"), namespace)  # runs apply_to_connection()
    assert FakeClient.calls["update"] == nested
    assert FakeClient.calls["closed"] is True
    assert FakeClient.calls["model"] == nested.get("model", "gpt-realtime")
    assert capsys.readouterr().out == "Session applied.\n"
    assert namespace["create_client_secret"]() == "ek_test"
    assert FakeClient.calls["client_secret"] == nested
    assert_no_extras(RealtimeSessionCreateRequest.model_validate(FakeClient.calls["update"]))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_curl_snippet_posts_the_client_secret_body(path, tmp_path):
    session = session_of(path)
    fake = tmp_path / "bin" / "curl"
    fake.parent.mkdir()
    # A fake curl that records its arguments and the body it was given on standard input.
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$CAPTURE.args"\ncat > "$CAPTURE.body"\n')
    fake.chmod(0o755)
    capture = tmp_path / "capture"
    env = {**os.environ, "PATH": f"{fake.parent}:{os.environ['PATH']}", "CAPTURE": str(capture),
           "OPENAI_API_KEY": "sk-test"}
    result = subprocess.run(["bash", "-c", build("curl", session).text], env=env, capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr
    args = Path(f"{capture}.args").read_text().splitlines()
    assert "https://api.openai.com/v1/realtime/client_secrets" in args
    assert "Authorization: Bearer sk-test" in args
    assert json.loads(Path(f"{capture}.body").read_text()) == build("client-secret", session).data


FAKE_OPENAI_JS = """
export let calls = {};
export default class OpenAI {
  constructor() {
    const create = async (body) => { calls.clientSecret = body; return { value: "ek_test" }; };
    this.realtime = { clientSecrets: { create } };
  }
}
"""

DRIVER_JS = """
import { calls } from "openai";
import { createClientSecret, sessionUpdate } from "./applySession.mjs";
const value = await createClientSecret();
console.log(JSON.stringify({ value, body: calls.clientSecret, update: sessionUpdate }));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_javascript_snippet_runs_against_a_fake_openai_package(path, tmp_path):
    session = session_of(path)
    package = tmp_path / "node_modules" / "openai"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"name": "openai", "type": "module", "main": "index.js"}')
    (package / "index.js").write_text(FAKE_OPENAI_JS)
    (tmp_path / "applySession.mjs").write_text(build("javascript", session).text)
    (tmp_path / "driver.mjs").write_text(DRIVER_JS)
    result = subprocess.run(["node", "driver.mjs"], cwd=tmp_path, capture_output=True, timeout=30)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    nested = build("client-secret", session).data
    assert seen == {"value": "ek_test", "body": nested, "update": {"type": "session.update", **nested}}

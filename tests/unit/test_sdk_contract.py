"""Contract: every export of every realistic config validates against the official SDK's pydantic types.

The SDK types accept unknown keys silently (into ``model_extra``) and check no ranges, so each
check also walks the parsed object and asserts that nothing landed in ``model_extra``. The
configs live in ``tests/corpus/valid/`` for other tests to reuse.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openai
import pytest
from openai.types.beta.realtime.session import Session as FlatSession
from openai.types.beta.realtime.session_update_event import SessionUpdateEvent as FlatSessionUpdate
from openai.types.realtime.client_secret_create_params import ClientSecretCreateParams
from openai.types.realtime.realtime_session_create_request import RealtimeSessionCreateRequest
from openai.types.realtime.realtime_transcription_session_create_request import (
    RealtimeTranscriptionSessionCreateRequest,
)
from openai.types.realtime.session_update_event import SessionUpdateEvent as NestedSessionUpdate
from pydantic import BaseModel, TypeAdapter

from session_model.apis import api_of
from session_model.models import RealtimeSession
from session_model.targets import build, targets_for
from tests.support.ci import require_program

ROOT = Path(__file__).resolve().parents[1] / "corpus"
VALID = ROOT / "valid"
CORPUS = sorted(VALID.glob("*.json"))
GA_CORPUS = sorted((ROOT / "ga" / "valid").glob("*.json"))
EVERY = CORPUS + GA_CORPUS
# The values the GA corpus's credential placeholders name, set in the environment of the code tests.
CREDENTIALS = {"DOCS_MCP_TOKEN": "tok-docs", "DOCS_API_KEY": "key-docs", "PROXY_TOKEN": "tok-proxy",
               "GMAIL_OAUTH_TOKEN": "tok-gmail"}
# What the older flat SDK types do not know (see the field reference; their turn detection also
# predates idle_timeout_ms): gaps of those types, not of the studio's export.
FLAT_TYPES_LACK = ("include", "prompt")
FLAT_TYPES_MODELS = FlatSession.model_fields["model"].annotation.__args__[0].__args__  # type: ignore[union-attr]
GA_TYPES = {"realtime": RealtimeSessionCreateRequest, "transcription": RealtimeTranscriptionSessionCreateRequest}


def session_of(path: Path):
    """The validated session of a corpus file, with the model of its own target."""
    data = json.loads(path.read_text())
    return api_of(data).model.model_validate(data)


def ga_type(path: Path) -> type[BaseModel]:
    return GA_TYPES.get(json.loads(path.read_text()).get("type"), RealtimeSessionCreateRequest)


def assert_no_extras(value: Any, where: str = "") -> None:
    """Nothing in the parsed SDK object was an unknown key."""
    if isinstance(value, BaseModel):
        assert not value.model_extra, f"{where or 'top level'}: unknown to the SDK: {sorted(value.model_extra)}"
        for name in type(value).model_fields:
            assert_no_extras(getattr(value, name), f"{where}.{name}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_extras(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert_no_extras(item, f"{where}.{key}")


def for_flat_types(flat: dict[str, Any]) -> dict[str, Any]:
    """The flat export minus what the older flat SDK types cannot describe."""
    out = {k: v for k, v in flat.items() if k not in FLAT_TYPES_LACK}
    if "model" in out and out["model"] not in FLAT_TYPES_MODELS:
        del out["model"]  # a newer model id: the old types list eight and accept no other string
    if isinstance(out.get("turn_detection"), dict):
        out["turn_detection"] = {k: v for k, v in out["turn_detection"].items() if k != "idle_timeout_ms"}
    return out


def without_off_nulls(session: dict[str, Any]) -> dict[str, Any]:
    """A session as a new one starts: nulls that only switch off what starts off are not sent."""
    out = json.loads(json.dumps(session))
    audio_in = out.get("audio", {}).get("input", {})
    for key in ("noise_reduction", "transcription"):
        if key in audio_in and audio_in[key] is None:
            del audio_in[key]
    if "include" in out and out["include"] is None:
        del out["include"]
    return out


def test_corpus_covers_the_realistic_cases():
    names = {p.stem for p in CORPUS}
    assert {"support_agent", "language_tutor", "phone_line_g711", "text_only_chat", "restaurant_tools",
            "tracing_custom", "prompt_reference", "push_to_talk_kiosk", "custom_voice_and_model"} <= names
    assert len(GA_CORPUS) >= 7


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_every_current_api_export_parses_as_the_sdk_request_with_no_unknown_key(path):
    session = session_of(path)
    sdk = ga_type(path)
    keys = {t.key for t in targets_for(api_of(json.loads(path.read_text())).key, legacy=False)}
    for key in keys & {"nested", "calls"}:
        assert_no_extras(sdk.model_validate(build(key, session).data))
    event = build("session-update", session).data
    parsed = NestedSessionUpdate.model_validate(event)
    assert_no_extras(parsed)
    assert isinstance(parsed.session, sdk)  # read as the right session type


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_client_secret_body_matches_the_sdk_params(path):
    body = build("client-secret", session_of(path)).data
    assert body["expires_after"] == {"anchor": "created_at", "seconds": 600}
    # TypedDict params drop unknown keys silently: equal after validation means none were unknown.
    assert TypeAdapter(ClientSecretCreateParams).validate_python(body) == body
    assert_no_extras(ga_type(path).model_validate(body["session"]))


@pytest.mark.parametrize("path", GA_CORPUS, ids=lambda p: p.stem)
def test_a_current_api_session_exports_exactly_as_written(path):
    written = json.loads(path.read_text())
    session = session_of(path)
    assert build("nested", session).data == written
    assert build("session-update", session).data == {"type": "session.update", "session": written}
    assert build("client-secret", session).data["session"] == without_off_nulls(written)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_flat_exports_match_the_sdk_flat_session(path):
    session = session_of(path)
    for key in ("flat", "flat-minimal"):
        parsed = FlatSession.model_validate(for_flat_types(build(key, session).data))
        assert_no_extras(parsed)


TRANSCRIPTION_CORPUS = [p for p in EVERY if json.loads(p.read_text()).get("type") == "transcription"]


@pytest.mark.parametrize("path", [p for p in EVERY if p not in TRANSCRIPTION_CORPUS], ids=lambda p: p.stem)
def test_legacy_session_update_matches_the_sdk_flat_event(path):
    event = build("flat-session-update", session_of(path)).data
    parsed = FlatSessionUpdate.model_validate({**event, "session": for_flat_types(event["session"])})
    assert_no_extras(parsed)
    assert parsed.type == "session.update"


def test_a_transcription_session_is_offered_no_beta_flat_export():
    assert TRANSCRIPTION_CORPUS, "the corpus has a transcription session"
    assert "flat-session-update" not in {t.key for t in targets_for("transcription")}


def test_a_flat_draft_says_what_the_current_api_leaves_out():
    session = RealtimeSession.model_validate({"temperature": 1.0, "voice": "ash", "id": "sess_1"})
    export = build("nested", session)
    assert export.data == {"type": "realtime", "audio": {"output": {"voice": "ash"}}}
    assert [(d.path, d.value) for d in export.left_out] == [(("temperature",), 1.0), (("id",), "sess_1")]


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_no_export_carries_a_literal_credential(path):
    session = session_of(path)
    for target in targets_for(api_of(json.loads(path.read_text())).key):
        text = build(target.key, session).text
        for value in CREDENTIALS.values():
            assert value not in text, (target.key, value)
        assert "sk-" not in text and "ek_" not in text, target.key


# --- code snippets ----------------------------------------------------------------------------


def expected_sent(path: Path) -> dict[str, Any]:
    """What the code must send for a GA corpus file: the file as written, credentials read from the environment."""
    text = path.read_text()
    for name, value in CREDENTIALS.items():
        text = text.replace("${" + name + "}", value)
    return without_off_nulls(json.loads(text))


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
        self.client_secrets = type("Secrets", (), {"create": self._secret})()
        self.calls_api = self

    def _secret(self, *, expires_after: dict[str, Any], session: dict[str, Any]) -> Any:
        FakeClient.calls["client_secret"] = {"expires_after": expires_after, "session": session}
        return type("Secret", (), {"value": "ek_test"})()

    @property
    def calls_(self) -> Any:
        return self

    def connect(self, *, model: str) -> FakeConnection:
        FakeClient.calls["model"] = model
        return FakeConnection(FakeClient.calls)


class FakeCalls:
    def create(self, *, sdp: str, session: dict[str, Any]) -> Any:
        FakeClient.calls["call"] = {"sdp": sdp, "session": session}
        return type("Answer", (), {"text": "v=0 answer"})()


def run_python_snippet(path: Path, monkeypatch) -> dict[str, Any]:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)

    class Client(FakeClient):
        def __init__(self) -> None:
            super().__init__()
            self.calls = FakeCalls()  # client.realtime.calls

    monkeypatch.setattr(openai, "OpenAI", Client)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(build("python", session_of(path)).text, "start_session.py", "exec"), namespace)
    assert namespace["create_client_secret"]() == "ek_test"
    if "answer_webrtc_offer" in namespace:
        assert namespace["answer_webrtc_offer"]("v=0 offer") == "v=0 answer"
    return FakeClient.calls


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_python_snippet_runs_and_sends_the_session(path, monkeypatch, capsys):
    calls = run_python_snippet(path, monkeypatch)
    sent = calls["client_secret"]
    assert sent["expires_after"] == {"anchor": "created_at", "seconds": 600}
    assert TypeAdapter(ClientSecretCreateParams).validate_python(sent) == sent
    assert_no_extras(ga_type(path).model_validate(sent["session"]))
    if path in GA_CORPUS:
        assert sent["session"] == expected_sent(path)
    if json.loads(path.read_text()).get("type") != "transcription":
        assert calls["update"] == calls["call"]["session"] == sent["session"]
        assert calls["call"]["sdp"] == "v=0 offer"
        assert calls["model"] == sent["session"].get("model", "gpt-realtime")
        assert calls["closed"] is True
        assert capsys.readouterr().out == "Session applied.\n"
    else:
        assert capsys.readouterr().out == "Client secret created.\n"


def run_curl(path: Path, tmp_path: Path) -> tuple[list[str], dict[str, Any]]:
    fake = tmp_path / "bin" / "curl"
    fake.parent.mkdir()
    # A fake curl that records its arguments and the body it was given on standard input.
    fake.write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$CAPTURE.args"\ncat > "$CAPTURE.body"\n')
    fake.chmod(0o755)
    capture = tmp_path / "capture"
    env = {**os.environ, **CREDENTIALS, "PATH": f"{fake.parent}:{os.environ['PATH']}", "CAPTURE": str(capture),
           "OPENAI_API_KEY": "sk-test"}
    result = subprocess.run(["bash", "-c", build("curl", session_of(path)).text], env=env, capture_output=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    return Path(f"{capture}.args").read_text().splitlines(), json.loads(Path(f"{capture}.body").read_text())


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_curl_snippet_posts_the_client_secret_body(path, tmp_path):
    args, body = run_curl(path, tmp_path)
    assert "https://api.openai.com/v1/realtime/client_secrets" in args
    assert "Authorization: Bearer sk-test" in args
    assert body["expires_after"] == {"anchor": "created_at", "seconds": 600}
    assert TypeAdapter(ClientSecretCreateParams).validate_python(body) == body
    assert_no_extras(ga_type(path).model_validate(body["session"]))
    if path in GA_CORPUS:
        assert body["session"] == expected_sent(path)


def test_curl_escapes_every_dollar_but_the_credentials(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({
        "type": "realtime", "instructions": "Prices in $USD, `code` and a \\ backslash; ${HOME} stays text.",
        "tools": [{"type": "mcp", "server_label": "docs", "server_url": "https://d.example",
                   "authorization": "${DOCS_MCP_TOKEN}"}],
    }))
    _, body = run_curl(path, tmp_path)
    assert body["session"]["instructions"] == "Prices in $USD, `code` and a \\ backslash; ${HOME} stays text."
    assert body["session"]["tools"][0]["authorization"] == "tok-docs"


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
import { createClientSecret, sessionUpdate } from "./startSession.mjs";
const value = await createClientSecret();
console.log(JSON.stringify({ value, body: calls.clientSecret, update: sessionUpdate }));
"""


def run_javascript(session: Any, tmp_path: Path) -> dict[str, Any]:
    node = require_program("node", "bash scripts/setup.sh --with-browser installs Node.js")
    package = tmp_path / "node_modules" / "openai"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"name": "openai", "type": "module", "main": "index.js"}')
    (package / "index.js").write_text(FAKE_OPENAI_JS)
    (tmp_path / "startSession.mjs").write_text(build("javascript", session).text)
    (tmp_path / "driver.mjs").write_text(DRIVER_JS)
    result = subprocess.run([node, "driver.mjs"], cwd=tmp_path, capture_output=True, timeout=30,
                            env={**os.environ, **CREDENTIALS})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.stem)
def test_javascript_snippet_runs_against_a_fake_openai_package(path, tmp_path):
    seen = run_javascript(session_of(path), tmp_path)
    assert seen["value"] == "ek_test"
    body = seen["body"]
    assert body["expires_after"] == {"anchor": "created_at", "seconds": 600}
    assert_no_extras(ga_type(path).model_validate(body["session"]))
    assert seen["update"]["type"] == "session.update"
    assert_no_extras(NestedSessionUpdate.model_validate(seen["update"]))
    if path in GA_CORPUS:
        assert body["session"] == expected_sent(path)


def test_the_running_call_update_keeps_the_nulls_that_switch_things_off(tmp_path):
    data = {"type": "realtime", "audio": {"input": {"transcription": None, "noise_reduction": None}}, "include": None}
    seen = run_javascript(api_of(data).model.model_validate(data), tmp_path)
    assert seen["update"] == {"type": "session.update", "session": data}
    assert seen["body"]["session"] == {"type": "realtime"}

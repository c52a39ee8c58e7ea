"""The Try it page in process: without a key it explains itself; with one it mints a call key for a valid draft only."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

from session_model import live
from studio import live as studio_live
from tests.app.conftest import open_studio, unescape
from tests.support.fake_realtime import fake_realtime

PAGE = "pages/try_it.py"
KEY = "sk-test-" + "p4ge" * 10
VALID = {"type": "realtime", "instructions": "Be brief.", "audio": {"output": {"voice": "marin"}}}


@pytest.fixture(autouse=True)
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "STUDIO_CALL_CAP_SECONDS"):
        monkeypatch.delenv(name, raising=False)


def texts(at) -> str:
    return unescape("\n".join(e.value for kind in (at.info, at.warning, at.error, at.caption) for e in kind))


def test_without_a_key_the_page_says_how_to_enable_calls_and_offers_none():
    at = open_studio(PAGE, state={"draft": dict(VALID)})
    [info] = at.info
    assert "set `OPENAI_API_KEY` in its environment" in info.value
    assert len([line for line in info.value.split("\n") if line.strip()]) == 2
    assert not [b for b in at.button if b.label == "Start call"]


def test_without_a_key_the_editor_still_works():
    at = open_studio(state={"draft": dict(VALID)})
    assert at.get("text_area")  # the editor drew its form
    assert not at.exception


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"type": "transcription"}, "A transcription session only writes down speech"),
        ({"voice": "alloy"}, "retired beta (flat) shape"),
        ({"type": "realtime", "audio": {"output": {"speed": 9}}}, "The draft has 1 problem to fix"),
    ],
)
def test_with_a_key_only_a_valid_realtime_draft_can_start(monkeypatch, data, reason):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(PAGE, state={"draft": data})
    assert reason in texts(at)
    [start] = [b for b in at.button if b.label == "Start call"]
    assert start.disabled


def test_with_a_key_the_page_says_calls_are_billed_to_it_and_names_the_cap(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("STUDIO_CALL_CAP_SECONDS", "90")
    at = open_studio(PAGE, state={"draft": dict(VALID)})
    assert "Calls are billed to the OpenAI API key on this studio's server" in texts(at)
    assert "stops after 1 min 30 s" in texts(at)
    [start] = [b for b in at.button if b.label == "Start call"]
    assert not start.disabled


def test_start_mints_a_call_key_with_the_drafts_session_and_keeps_the_api_key_out_of_the_state(monkeypatch):
    with fake_realtime(KEY) as fake:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        at = open_studio(PAGE, state={"draft": dict(VALID)})
        [start] = [b for b in at.button if b.label == "Start call"]
        start.click().run()
    assert not at.exception
    [request] = fake.requests
    assert json.loads(request["body"]) == {"expires_after": {"anchor": "created_at", "seconds": 600},
                                           "session": VALID}
    call = at.session_state[studio_live.CALL]
    assert call["secret"] in fake.secrets
    assert call["calls_url"] == f"{fake.base_url}/realtime/calls"
    assert "live:call" in repr(at.session_state) and KEY not in repr(at.session_state)


def test_an_api_refusal_is_shown_in_plain_words(monkeypatch):
    with fake_realtime("sk-test-the-right-one") as fake:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        at = open_studio(PAGE, state={"draft": dict(VALID)})
        [start] = [b for b in at.button if b.label == "Start call"]
        start.click().run()
    assert "The API refused to start a call (401): Incorrect API key provided." in texts(at)
    assert KEY not in texts(at)


def test_a_refusal_never_repeats_a_trace_of_the_key():
    error = openai.AuthenticationError(
        "Error code: 401", response=httpx.Response(401, request=httpx.Request("POST", "http://x")),
        body={"message": f"Incorrect API key provided: sk-test-****{KEY[-4:]}. You can find your key at ..."})
    assert studio_live.refusal(error) == (
        "The API refused to start a call (401): Incorrect API key provided: (hidden). You can find your key at ...")


def running_call(draft: dict, entries: list[dict]) -> dict:
    """Session state of a page whose call is running: what Start left, and what the component forwarded."""
    running = json.loads(json.dumps(draft))
    call = {"id": "c1", "secret": "ek_test", "calls_url": "http://127.0.0.1:9/v1/realtime/calls", "cap": 300,
            "mic": True, "started_at": time.time(), "running": running, "tools": live.function_tools(running),
            "outbox": [], "held": [], "stop": None}
    return {"draft": draft, studio_live.CALL: call, studio_live.EVENTS: {"call": "c1", "entries": entries}}


STARTED = [{"direction": "local", "event": {"type": "call.started"}},
           {"direction": "in", "event": {"type": "session.created"}}]
SPOKE = [*STARTED, {"direction": "in", "event": {"type": "response.output_audio.done"}}]


def test_a_mid_call_edit_is_queued_as_a_session_update(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(PAGE, state=running_call(dict(VALID), STARTED))
    at.session_state["draft"] = {**VALID, "instructions": "Be chatty."}
    at.run()
    [item] = at.session_state[studio_live.CALL]["outbox"]
    assert item == {"seq": 1, "event": {"type": "session.update",
                                        "session": {"type": "realtime", "instructions": "Be chatty."}}}


def test_a_voice_change_after_the_agent_spoke_is_not_sent_and_the_page_says_why(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(PAGE, state=running_call(dict(VALID), SPOKE))
    at.session_state["draft"] = {**VALID, "audio": {"output": {"voice": "cedar"}}}
    at.run()
    assert at.session_state[studio_live.CALL]["outbox"] == []
    assert "Not sent: `audio.output.voice` the voice cannot change once the agent has spoken" in texts(at)


def test_a_function_call_is_shown_with_its_schema_check_and_answered_with_typed_json(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    tool = {"type": "function", "name": "lookup_order",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "integer"}}}}
    called = {"direction": "in", "event": {"type": "response.function_call_arguments.done", "call_id": "call_9",
                                           "name": "lookup_order", "arguments": '{"order_id": "x"}'}}
    at = open_studio(PAGE, state=running_call({**VALID, "tools": [tool]}, [*STARTED, called]))
    assert "order_id: 'x' is not of type 'integer'" in texts(at)
    at.text_area(key="live:result:call_9").set_value('{"found": false}')
    at.button(key="live:send:call_9").click().run()
    assert [i["event"] for i in at.session_state[studio_live.CALL]["outbox"]] == [
        {"type": "conversation.item.create",
         "item": {"type": "function_call_output", "call_id": "call_9", "output": '{"found": false}'}},
        {"type": "response.create"},
    ]


def test_an_mcp_approval_request_offers_approve_and_deny(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    item = {"id": "mcpr_1", "type": "mcp_approval_request", "server_label": "docs", "name": "search",
            "arguments": "{}"}
    at = open_studio(PAGE, state=running_call(dict(VALID), [*STARTED, {"direction": "in", "event": {
        "type": "conversation.item.added", "item": item}}]))
    at.button(key="live:deny:mcpr_1").click().run()
    assert [i["event"] for i in at.session_state[studio_live.CALL]["outbox"]] == [
        {"type": "conversation.item.create",
         "item": {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": False}}]

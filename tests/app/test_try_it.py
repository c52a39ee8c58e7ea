"""The Try it page in process: without a key it explains itself; with one it mints a call key for a valid draft only."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

from session_model import apis, live
from session_model.presets import presets
from store import Actor
from studio import auth
from studio import live as studio_live
from studio.extras import EXAMPLE_BOX, EXAMPLES
from studio.library import library
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
            "outbox": [], "held": [], "stop": None, "source": "draft", "label": "the draft", "origin": None,
            "started_with": running}
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


# ---- the call in the sidebar, on every page ---------------------------------------------------------


def test_a_running_call_shows_in_the_sidebar_of_every_page_and_an_editor_edit_reaches_it(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(state=running_call(dict(VALID), STARTED))  # the Editor page, not Try it
    assert [m.value for m in at.sidebar.markdown if "Live call" in m.value] == [
        "**:material/call: Live call** with the draft"]
    at.text_area(key="f.instructions").set_value("Be chatty.").run()
    assert [i["event"] for i in at.session_state[studio_live.CALL]["outbox"]] == [
        {"type": "session.update", "session": {"type": "realtime", "instructions": "Be chatty."}}]
    at.switch_page("pages/library.py").run()
    assert [m.value for m in at.sidebar.markdown if "Live call" in m.value]
    assert len(at.session_state[studio_live.CALL]["outbox"]) == 1  # nothing new to send


def test_an_ended_call_can_be_closed_and_its_transcript_stays_on_the_try_it_page(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    said = {"direction": "in", "event": {"type": "response.output_audio_transcript.done", "transcript": "Hi there"}}
    ended = {"direction": "local", "event": {"type": "call.ended", "reason": "stopped by you"}}
    at = open_studio(PAGE, state=running_call(dict(VALID), [*STARTED, said, ended]))
    at.button(key="live:close").click().run()
    assert not [m.value for m in at.sidebar.markdown if "Live call" in m.value]
    assert "**Agent** (spoken): Hi there" in [m.value for m in at.markdown]


def test_an_edit_waits_while_the_draft_is_invalid_and_the_dock_says_why(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(PAGE, state=running_call(dict(VALID), STARTED))
    at.session_state["draft"] = {**VALID, "audio": {"output": {"voice": "marin", "speed": 9}}}
    at.run()
    assert at.session_state[studio_live.CALL]["outbox"] == []
    assert "Edits wait: The draft has 1 problem to fix in the editor before it can start a call." in texts(at)


# ---- Try A and Try B on the Compare page ----------------------------------------------------------


def test_try_a_calls_the_left_side_with_its_own_settings_and_the_drafts_edits_do_not_follow(monkeypatch):
    preset = presets()[0]
    with fake_realtime(KEY) as fake:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        at = open_studio("pages/compare.py", state={"draft": dict(VALID)})
        assert "Calls are billed to the OpenAI API key on this studio's server" in texts(at)
        at.button(key="live:try:A").click().run()
    assert not at.exception
    [request] = fake.requests
    assert json.loads(request["body"])["session"] == preset.session
    call = at.session_state[studio_live.CALL]
    assert call["label"] == f"A: Preset: {preset.name}"
    assert [unescape(m.value) for m in at.sidebar.markdown if "Live call" in m.value] == [
        f"**:material/call: Live call** with A: Preset: {preset.name}"]
    at.session_state["draft"] = {**VALID, "instructions": "Something else."}
    at.run()
    assert call["outbox"] == []  # a side of a comparison keeps the settings it started with


def test_try_buttons_explain_why_they_cannot_start(monkeypatch):
    at = open_studio("pages/compare.py", state={"draft": {"voice": "alloy"}})
    try_a = at.button(key="live:try:A")
    assert try_a.disabled and "Live calls are not enabled on this studio's server" in try_a.help
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at.run()
    try_b = at.button(key="live:try:B")  # the right side is the draft, in the retired flat shape
    assert try_b.disabled and "retired beta (flat) shape" in try_b.help
    assert not at.button(key="live:try:A").disabled


# ---- example tool results, kept with the draft ------------------------------------------------------

TOOL = {"type": "function", "name": "lookup_order",
        "parameters": {"type": "object", "properties": {"order_id": {"type": "integer"}}}}


def called(call_id: str) -> dict:
    return {"direction": "in", "event": {"type": "response.function_call_arguments.done", "call_id": call_id,
                                         "name": "lookup_order", "arguments": '{"order_id": 1}'}}


def test_a_result_kept_as_the_example_prefills_the_next_call_and_is_saved_with_the_persona_not_exported(
        monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = open_studio(PAGE, state=running_call({**VALID, "tools": [TOOL]}, [*STARTED, called("call_1")]))
    at.text_area(key="live:result:call_1").set_value("{not json")
    at.button(key="live:keep:call_1").click().run()
    assert "The result is not JSON" in texts(at) and EXAMPLES not in at.session_state
    at.text_area(key="live:result:call_1").set_value('{"status": "shipped"}')
    at.button(key="live:keep:call_1").click().run()
    assert at.session_state[EXAMPLES] == {"lookup_order": '{"status": "shipped"}'}
    at.session_state[studio_live.EVENTS] = {"call": "c1", "entries": [*STARTED, called("call_1"), called("call_2")]}
    at.run()
    assert at.text_area(key="live:result:call_2").value == '{"status": "shipped"}'

    at.switch_page("pages/library.py").run()
    at.text_input(key="lib:name").input("Shop").run()
    at.button(key="lib:save").click().run()
    version = library().version("Shop")
    assert version.extras[EXAMPLES] == {"lookup_order": '{"status": "shipped"}'}
    assert "shipped" not in json.dumps(version.session)  # exports (and the saved session) leave examples out
    at.session_state[EXAMPLES] = {}
    at.button(key="lib:load").click().run()
    assert at.session_state[EXAMPLES] == {"lookup_order": '{"status": "shipped"}'}


def test_examples_are_edited_on_the_try_it_page_and_a_preset_starts_without_any(monkeypatch):
    at = open_studio(PAGE, state={"draft": {**VALID, "tools": [TOOL]}})  # no key: examples still editable
    at.text_area(key=f"{EXAMPLE_BOX}lookup_order").set_value('{"status": "lost"}')
    at.button(key="live:example_save:lookup_order").click().run()
    assert at.session_state[EXAMPLES] == {"lookup_order": '{"status": "lost"}'}
    at.button(key="live:example_drop:lookup_order").click().run()
    assert at.session_state[EXAMPLES] == {}
    at.session_state[EXAMPLES] = {"lookup_order": "{}"}
    at.switch_page("pages/presets.py").run()
    at.button(key=f"gallery:start:{presets()[0].id}").click().run()
    assert at.session_state[EXAMPLES] == {}


# ---- keep what you heard: a test note on the version the call used ---------------------------------

HEARD = [*SPOKE, {"direction": "in", "event": {"type": "response.output_audio_transcript.done",
                                               "transcript": "Hello, how can I help?"}},
         {"direction": "local", "event": {"type": "call.ended", "reason": "stopped by you"}}]


def call_from_version(origin: dict | None, entries: list[dict]) -> dict:
    state = running_call(dict(VALID), entries)
    _, session, _ = apis.check(VALID)
    state[studio_live.CALL].update(origin=origin, started_with=live.start_session(session))
    return state


def test_a_call_with_a_saved_version_is_kept_as_a_test_note_on_it_and_shown_in_the_library(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    library().save("Front desk", VALID)
    at = open_studio(PAGE, state=call_from_version({"name": "Front desk", "version": 1}, HEARD))
    at.text_area(key="live:note:comment").input("Greets well.")
    at.button(key="live:note:keep").click().run()
    assert 'Kept this call as a test note on "Front desk" version 1.' in texts(at) + "\n".join(
        e.value for e in at.success)
    [note] = library().call_notes("Front desk", 1)
    assert note.comment == "Greets well."
    assert note.transcript == (("Agent", "spoken", "Hello, how can I help?"),)
    assert note.events[-1] == "call ended: stopped by you"

    at.switch_page("pages/library.py")
    at.session_state["lib:selected"] = "Front desk"
    at.run()
    [notes] = [e for e in at.expander if e.label == "Test calls of version 1 (1)"]
    shown = unescape("\n".join(m.value for m in notes.markdown))
    assert "_Greets well._" in shown and "**Agent** (spoken): Hello, how can I help?" in shown


def test_a_call_with_unsaved_settings_saves_them_as_a_new_version_with_the_note(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    library().save("Front desk", {**VALID, "instructions": "Be long-winded."})
    at = open_studio(PAGE, state=call_from_version({"name": "Front desk", "version": 1}, HEARD))
    assert 'This call started from "Front desk" version 1 with changes that were not saved' in texts(at)
    assert at.text_input(key="live:note:persona").value == "Front desk"
    at.button(key="live:note:save_and_keep").click().run()
    version = library().version("Front desk")
    assert version.number == 2 and version.session == VALID
    [note] = library().call_notes("Front desk")
    assert note.version == 2 and note.transcript == (("Agent", "spoken", "Hello, how can I help?"),)


def test_a_viewer_is_told_who_can_keep_notes_and_the_call_stays(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setattr(auth, "actor", lambda: Actor("Vic", "vic@example.com", "viewer"))
    library().save("Front desk", VALID)
    at = open_studio(PAGE, state=call_from_version({"name": "Front desk", "version": 1}, HEARD))
    assert "Only editors and admins can keep test notes on saved versions" in texts(at)
    assert at.button(key="live:note:keep").disabled
    assert "**Agent** (spoken): Hello, how can I help?" in [m.value for m in at.markdown]


SECRET_MCP = {"type": "mcp", "server_label": "crm", "server_url": "https://crm.example.com/mcp",
              "authorization": "${CRM_TOKEN}"}


def test_an_mcp_server_that_needs_credentials_is_left_out_of_a_browser_call_and_the_page_says_so(monkeypatch):
    with fake_realtime(KEY) as fake:
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("CRM_TOKEN", "crm-secret-value")
        at = open_studio(PAGE, state={"draft": {**VALID, "tools": [TOOL, SECRET_MCP]}})
        assert ("MCP server `crm` needs credentials, so calls from this page leave it out" in
                unescape("\n".join(i.value for i in at.info)))
        [start] = [b for b in at.button if b.label == "Start call"]
        start.click().run()
    [request] = fake.requests
    assert json.loads(request["body"])["session"]["tools"] == [TOOL]
    assert "crm-secret-value" not in request["body"]

"""Live calls, server side: settings, who may call, the minting request, argument checks, the event log, the cap."""

from __future__ import annotations

import json

import openai
import pytest

from form.messages import validate
from session_model import live
from session_model.apis import check
from session_model.ga import GARealtimeSession
from tests.support.fake_realtime import fake_realtime

KEY = "sk-test-" + "k3y" * 12
ORDER_TOOL = {
    "type": "function",
    "name": "lookup_order",
    "description": "Find an order",
    "parameters": {
        "type": "object",
        "properties": {"order_id": {"type": "integer", "minimum": 1}, "detail": {"enum": ["short", "full"]}},
        "required": ["order_id"],
        "additionalProperties": False,
    },
}
DRAFT = {
    "type": "realtime",
    "model": "gpt-realtime",
    "instructions": "You are a test persona.",
    "audio": {
        "input": {"transcription": None, "turn_detection": {"type": "server_vad", "silence_duration_ms": 500}},
        "output": {"voice": "marin"},
    },
    "tools": [
        ORDER_TOOL,
        {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp",
         "authorization": "${DOCS_TOKEN}", "headers": {"X-Team": "Team ${TEAM_ID}"}, "require_approval": "always"},
    ],
}


def session_of(data: dict) -> GARealtimeSession:
    session, problems = validate(GARealtimeSession, data)
    assert session is not None, problems
    return session


# --- settings and the cap ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "secrets", "key", "calls_url", "cap"),
    [
        ({}, {}, None, "https://api.openai.com/v1/realtime/calls", 300),
        ({"OPENAI_API_KEY": KEY}, {}, KEY, "https://api.openai.com/v1/realtime/calls", 300),
        ({}, {"OPENAI_API_KEY": KEY}, KEY, "https://api.openai.com/v1/realtime/calls", 300),
        ({"OPENAI_API_KEY": KEY}, {"OPENAI_API_KEY": "sk-other"}, KEY, "https://api.openai.com/v1/realtime/calls", 300),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1/"}, {}, None, "http://127.0.0.1:9/v1/realtime/calls", 300),
        ({"STUDIO_CALL_CAP_SECONDS": "60"}, {}, None, "https://api.openai.com/v1/realtime/calls", 60),
        ({"STUDIO_CALL_CAP_SECONDS": "2"}, {}, None, "https://api.openai.com/v1/realtime/calls", 10),
        ({"STUDIO_CALL_CAP_SECONDS": "99999"}, {}, None, "https://api.openai.com/v1/realtime/calls", 3600),
        ({"STUDIO_CALL_CAP_SECONDS": "five"}, {}, None, "https://api.openai.com/v1/realtime/calls", 300),
    ],
)
def test_settings_come_from_the_environment_then_the_secrets(env, secrets, key, calls_url, cap):
    found = live.settings(env, secrets)
    assert (found.api_key, found.calls_url, found.cap_seconds) == (key, calls_url, cap)


def test_a_cap_out_of_bounds_or_unreadable_is_explained():
    assert live.settings({"STUDIO_CALL_CAP_SECONDS": "five"}).notes == (
        "STUDIO_CALL_CAP_SECONDS is not a whole number of seconds; calls stop after 300 seconds.",)
    assert live.settings({"STUDIO_CALL_CAP_SECONDS": "2"}).notes == (
        "STUDIO_CALL_CAP_SECONDS must be between 10 and 3600 seconds; calls stop after 10.",)


@pytest.mark.parametrize(
    ("started", "now", "cap", "over", "left"),
    [(100.0, 100.0, 300, False, 300.0), (100.0, 399.9, 300, False, 0.1), (100.0, 400.0, 300, True, 0.0),
     (100.0, 1000.0, 300, True, 0.0), (0.0, 9.0, 10, False, 1.0)],
)
def test_the_time_cap_ends_a_call_at_its_length(started, now, cap, over, left):
    assert live.over_cap(started, now, cap) is over
    assert live.remaining(started, now, cap) == pytest.approx(left)


# --- who may call ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"type": "transcription"}, "A transcription session only writes down speech"),
        ({"voice": "alloy"}, r"retired beta \(flat\) shape"),
        ({"type": "realtime", "audio": {"output": {"speed": 9}}}, "The draft has 1 problem to fix"),
        ({"type": "realtime", "voice": "alloy", "speed": 9}, "The draft has 2 problems to fix"),
    ],
)
def test_only_a_valid_current_realtime_draft_can_start_a_call(data, reason):
    api, session, problems = check(data)
    with pytest.raises(live.CannotCall, match=reason):
        live.callable_session(api.key, session, problems)


def test_a_valid_current_realtime_draft_can_start_a_call():
    api, session, problems = check(DRAFT)
    assert live.callable_session(api.key, session, problems) is session


# --- the minting request ---------------------------------------------------------------------------


def test_by_default_a_call_leaves_out_mcp_servers_that_need_credentials_and_says_which():
    env = {"DOCS_TOKEN": "docs-secret-1", "TEAM_ID": "t42"}
    forced = {**DRAFT, "tool_choice": {"type": "mcp", "server_label": "docs"}}
    request = live.mint_request(session_of(forced), env)
    assert request["session"]["tools"] == [ORDER_TOOL]
    assert "tool_choice" not in request["session"]  # it forced the server that was left out
    assert "docs-secret-1" not in json.dumps(request) and "DOCS_TOKEN" not in json.dumps(request)
    assert live.held_back(forced, env) == ["docs"]
    assert live.held_back(forced, {**env, live.CREDENTIALS_VARIABLE: "1"}) == []
    open_server = {"type": "mcp", "server_label": "wiki", "server_url": "https://wiki.example.com/mcp"}
    assert live.held_back({"tools": [open_server]}, {}) == []  # no credentials, nothing to hold back


def test_the_mint_request_is_the_ga_export_with_credentials_from_the_server_environment():
    env = {"DOCS_TOKEN": "docs-secret-1", "TEAM_ID": "t42", live.CREDENTIALS_VARIABLE: "1"}
    request = live.mint_request(session_of(DRAFT), env)
    assert request == {
        "expires_after": {"anchor": "created_at", "seconds": 600},
        "session": {
            "type": "realtime",
            "model": "gpt-realtime",
            "instructions": "You are a test persona.",
            # a new session starts with transcription off: the null is left out of its body
            "audio": {"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 500}},
                      "output": {"voice": "marin"}},
            "tools": [ORDER_TOOL, {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp",
                                   "authorization": "docs-secret-1", "headers": {"X-Team": "Team t42"},
                                   "require_approval": "always"}],
        },
    }
    assert DRAFT["tools"][1]["authorization"] == "${DOCS_TOKEN}"  # the draft keeps its placeholder


@pytest.mark.parametrize(("seconds", "sent"), [(600, 600), (7200, 600), (1, 10), (120, 120)])
def test_the_secret_lives_ten_minutes_at_most(seconds, sent):
    request = live.mint_request(session_of({"type": "realtime"}), {}, seconds)
    assert request["expires_after"] == {"anchor": "created_at", "seconds": sent}


def test_a_missing_credential_names_every_variable_the_server_lacks():
    with pytest.raises(live.CannotCall, match="need DOCS_TOKEN, TEAM_ID in the studio server's environment"):
        live.mint_request(session_of(DRAFT), {live.CREDENTIALS_VARIABLE: "true"})


def test_minting_with_the_sdk_sends_the_request_to_the_base_url_with_the_key():
    env = {"DOCS_TOKEN": "docs-secret-1", "TEAM_ID": "t42", live.CREDENTIALS_VARIABLE: "1"}
    with fake_realtime(KEY) as fake:
        client = openai.OpenAI(api_key=KEY, base_url=fake.base_url, max_retries=0)
        minted = live.mint(client, live.mint_request(session_of(DRAFT), env))
    [request] = fake.requests
    assert (request["method"], request["path"]) == ("POST", "/v1/realtime/client_secrets")
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"
    assert json.loads(request["body"]) == live.mint_request(session_of(DRAFT), env)
    assert minted.value.startswith("ek_") and minted.value in fake.secrets
    assert minted.expires_at == fake.secrets[minted.value]["expires_at"]


def test_the_fake_api_refuses_a_session_the_sdk_does_not_know():
    with fake_realtime(KEY) as fake:
        client = openai.OpenAI(api_key=KEY, base_url=fake.base_url, max_retries=0)
        with pytest.raises(openai.BadRequestError, match="voice"):
            live.mint(client, {"session": {"type": "realtime", "voice": "alloy"}})
        with pytest.raises(openai.AuthenticationError):
            live.mint(openai.OpenAI(api_key="sk-wrong", base_url=fake.base_url, max_retries=0),
                      {"session": {"type": "realtime"}})


# --- tools in the loop ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "problems"),
    [
        ('{"order_id": 42}', []),
        ('{"order_id": 42, "detail": "full"}', []),
        ('{"order_id": "42"}', ["order_id: '42' is not of type 'integer'"]),
        ('{"order_id": 0}', ["order_id: 0 is less than the minimum of 1"]),
        ("{}", ["'order_id' is a required property"]),
        ('{"order_id": 1, "color": "red"}', ["Additional properties are not allowed ('color' was unexpected)"]),
        ('{"order_id": 1, "detail": "long"}', ["detail: 'long' is not one of ['short', 'full']"]),
        ('{"order_id": ', ["the arguments are not JSON (Expecting value at character 13)"]),
    ],
)
def test_function_arguments_are_checked_against_the_tools_schema(arguments, problems):
    assert live.check_arguments(ORDER_TOOL, arguments) == problems


def test_a_call_to_a_function_the_persona_lacks_is_a_problem():
    assert live.check_arguments(None, "{}") == ["the persona has no function tool by this name"]


def test_a_broken_schema_is_reported_rather_than_trusted():
    broken = {**ORDER_TOOL, "parameters": {"type": "objekt"}}
    [problem] = live.check_arguments(broken, "{}")
    assert problem.startswith("the tool's parameters are not a valid JSON Schema")


def test_answers_are_the_events_the_api_expects():
    assert live.output_events("call_1", '{"status": "shipped"}') == [
        {"type": "conversation.item.create",
         "item": {"type": "function_call_output", "call_id": "call_1", "output": '{"status": "shipped"}'}},
        {"type": "response.create"},
    ]
    assert live.approval_events("mcpr_1", False) == [
        {"type": "conversation.item.create",
         "item": {"type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": False}}]
    assert live.text_events("hi") == [
        {"type": "conversation.item.create",
         "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}},
        {"type": "response.create"},
    ]


# --- the event log ------------------------------------------------------------------------------------


def _in(**event):
    return {"direction": "in", "event": event}


def _out(**event):
    return {"direction": "out", "event": event}


CALL = [
    {"direction": "local", "event": {"type": "call.started"}},
    _in(type="session.created", session={}),
    _in(type="input_audio_buffer.speech_started"),
    _in(type="input_audio_buffer.speech_stopped"),
    _in(type="conversation.item.input_audio_transcription.completed", transcript=" Hello there "),
    _in(type="response.output_audio.done"),
    _in(type="response.output_audio_transcript.done", transcript="Hi! How can I help?"),
    _in(type="response.done", response={"status": "completed",
                                        "usage": {"total_tokens": 42, "input_tokens": 30, "output_tokens": 12}}),
    _out(type="conversation.item.create",
         item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "where is order 7"}]}),
    _out(type="response.create"),
    _in(type="response.function_call_arguments.done", call_id="call_1", name="lookup_order",
        arguments='{"order_id": 7}'),
    _in(type="response.function_call_arguments.done", call_id="call_2", name="lookup_order",
        arguments='{"order_id": "seven"}'),
    _in(type="response.done", response={"status": "completed", "usage": {"total_tokens": 8}}),
    _out(type="conversation.item.create", item={"type": "function_call_output", "call_id": "call_1", "output": "{}"}),
    _out(type="session.update", session={"type": "realtime", "audio": {"input": {"turn_detection": {
        "type": "server_vad", "silence_duration_ms": 900}}}}),
    _in(type="session.updated", session={}),
    _in(type="conversation.item.added", item={"id": "mcpr_1", "type": "mcp_approval_request", "server_label": "docs",
                                              "name": "search", "arguments": "{}"}),
    _in(type="conversation.item.done", item={"id": "mcpr_1", "type": "mcp_approval_request", "server_label": "docs",
                                             "name": "search", "arguments": "{}"}),
    _in(type="error", error={"message": "Something broke"}),
    {"direction": "local", "event": {"type": "call.ended", "reason": "time cap reached"}},
]


def test_the_event_log_reads_as_a_transcript_and_a_list_of_events():
    log = live.reduce(CALL, {"lookup_order": ORDER_TOOL})
    assert [(line.who, line.text, line.how) for line in log.lines] == [
        ("You", "Hello there", "spoken"),
        ("Agent", "Hi! How can I help?", "spoken"),
        ("You", "where is order 7", "typed"),
    ]
    assert log.events == [
        "call started",
        "session.created",
        "input_audio_buffer.speech_started",
        "input_audio_buffer.speech_stopped",
        "response.done: completed, 42 tokens (30 input, 12 output)",
        "function call: lookup_order",
        "function call: lookup_order",
        "response.done: completed, 8 tokens",
        "function result sent for call_1",
        "session.update sent: audio.input.turn_detection.type, audio.input.turn_detection.silence_duration_ms",
        "session.updated",
        "MCP approval requested: docs › search",
        "error: Something broke",
        "call ended: time cap reached",
    ]
    assert (log.agent_spoke, log.tokens, log.started, log.ended, log.errors) == (
        True, 50, True, "time cap reached", ["Something broke"])


def test_function_calls_carry_their_argument_problems_until_answered():
    log = live.reduce(CALL, {"lookup_order": ORDER_TOOL})
    assert [(c.call_id, c.problems, c.answered) for c in log.calls] == [
        ("call_1", [], True), ("call_2", ["order_id: 'seven' is not of type 'integer'"], False)]
    assert [c.call_id for c in log.waiting] == ["call_2"]
    [approval] = log.approvals  # added and done name the same request: listed once
    assert (approval.request_id, approval.server_label, approval.name, approval.answer) == (
        "mcpr_1", "docs", "search", None)
    answered = live.reduce([*CALL, _out(type="conversation.item.create", item={
        "type": "mcp_approval_response", "approval_request_id": "mcpr_1", "approve": True})], {})
    assert answered.approvals[0].answer is True


def test_mcp_tool_lists_and_calls_are_logged_once_with_what_the_server_answered():
    listed = {"id": "mcpl_1", "type": "mcp_list_tools", "server_label": "docs",
              "tools": [{"name": "search", "input_schema": {}}, {"name": "fetch", "input_schema": {}}]}
    called = {"id": "mcp_1", "type": "mcp_call", "server_label": "docs", "name": "search",
              "arguments": '{"q": "refunds"}', "output": "3 pages"}
    failed = {"id": "mcp_2", "type": "mcp_call", "server_label": "docs", "name": "fetch", "arguments": "{}",
              "error": {"type": "http_error", "message": "404 from the server"}}
    log = live.reduce([
        _in(type="conversation.item.added", item={**called, "output": None}),  # in progress: not yet shown
        _in(type="conversation.item.done", item=listed),
        _in(type="conversation.item.done", item=called),
        _in(type="conversation.item.done", item=called),
        _in(type="conversation.item.done", item=failed),
    ], {})
    assert log.events == [
        "MCP tools listed: docs (2 tools)",
        "MCP call: docs › search answered",
        "MCP call: docs › fetch failed: 404 from the server",
    ]
    assert [(c.item_id, c.name, c.arguments, c.output, c.error) for c in log.mcp_calls] == [
        ("mcp_1", "search", '{"q": "refunds"}', "3 pages", None),
        ("mcp_2", "fetch", "{}", None, "404 from the server"),
    ]


def test_a_text_reply_is_read_but_not_heard():
    log = live.reduce([_in(type="response.output_text.done", text="Typed back")], {})
    assert [(line.who, line.text, line.how) for line in log.lines] == [("Agent", "Typed back", "typed")]
    assert not log.agent_spoke


# --- change and hear --------------------------------------------------------------------------------


RUNNING = {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief.",
           "audio": {"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 500}},
                     "output": {"voice": "marin", "speed": 1.0}}}


def edited(**changes) -> dict:
    data = json.loads(json.dumps(RUNNING))
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        here = data
        for part in parents:
            here = here.setdefault(part, {})
        if value is None:
            here.pop(last, None)
        else:
            here[last] = value
    return data


@pytest.mark.parametrize(
    ("changes", "spoke", "session", "held"),
    [
        ({}, False, None, ()),
        ({"instructions": "Be chatty."}, True, {"type": "realtime", "instructions": "Be chatty."}, ()),
        ({"audio__input__turn_detection__silence_duration_ms": 900}, True,
         {"type": "realtime", "audio": {"input": {"turn_detection": {"type": "server_vad",
                                                                     "silence_duration_ms": 900}}}}, ()),
        ({"audio__output__speed": 1.2}, True, {"type": "realtime", "audio": {"output": {"speed": 1.2}}}, ()),
        ({"audio__output__voice": "cedar"}, False, {"type": "realtime", "audio": {"output": {"voice": "cedar"}}}, ()),
        ({"audio__output__voice": "cedar"}, True, None,
         (("audio.output.voice", "the voice cannot change once the agent has spoken; it applies to the next call"),)),
        ({"model": "gpt-realtime-2"}, False, None,
         (("model", "is fixed when a call starts; it applies to the next call"),)),
        ({"instructions": None}, False, None,
         (("instructions", "was removed; a running call cannot go back to the server default, "
                           "so it applies to the next call"),)),
        ({"tools": [ORDER_TOOL]}, True, {"type": "realtime", "tools": [ORDER_TOOL]}, ()),
        ({"tools": [{"type": "mcp", "server_label": "d", "server_url": "https://d.example.com",
                     "authorization": "${T}"}]}, False, None,
         (("tools", "MCP servers with credentials are set up by the server when a call starts "
                    "(the browser never holds their keys); it applies to the next call"),)),
    ],
)
def test_a_running_call_is_sent_only_what_the_api_lets_it_change(changes, spoke, session, held):
    update = live.mid_call_update(RUNNING, edited(**changes), spoke)
    assert update.session == session
    assert update.held == held


def test_after_an_update_the_running_session_holds_it():
    after = edited(audio__input__turn_detection__silence_duration_ms=900, model="gpt-realtime-2")
    update = live.mid_call_update(RUNNING, after, True)
    running = live.applied(RUNNING, update)
    assert running["audio"]["input"]["turn_detection"]["silence_duration_ms"] == 900
    assert running["model"] == "gpt-realtime"  # held: still the model the call started with
    assert live.mid_call_update(running, after, True).session is None

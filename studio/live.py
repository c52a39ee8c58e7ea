"""The "Try it" page: mint a client secret on the server, run the call in the browser, play the tools' side.

The API key stays in this process: it mints a short-lived ``ek_`` secret with the official
SDK, and only that secret goes to the page. The call component (``studio/components/call``)
sends the microphone, plays the agent and forwards the call's events; this module folds
them into a transcript and an event log (``session_model.live.reduce``), shows function
calls with their arguments checked, and queues the client events the person's answers,
typed messages and mid-call edits become (the component's outbox).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openai
import streamlit as st

from form.context import plain
from form.render import FormCtx
from form.sections import render_section, sections
from session_model import live
from studio import draft

CALL = "live:call"  # the current call: id, secret, where to post, cap, the running session, the outbox
EVENTS = "live:events"  # what the component forwarded: {"call": id, "entries": [...]}
COMPONENT = "live:component"
TEXT_ONLY = "live:text_only"
SAY = "live:say"
PROBLEM = "live:problem"
KEY_TRACE = re.compile(r"\b(?:sk|ek)[-_][A-Za-z0-9*_-]+")
FOLDER = Path(__file__).resolve().parent / "components" / "call"

_component = st.components.v2.component(
    "studio.call",
    html=(FOLDER / "index.html").read_text(),
    css=(FOLDER / "call.css").read_text(),
    js=(FOLDER / "call.js").read_text(),
)


def current_settings() -> live.Settings:
    """The server's settings: environment first, then ``.streamlit/secrets.toml``."""
    try:
        secrets_file: Mapping[str, Any] = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets file is the usual case, and any parse error means "none"
        secrets_file = {}
    return live.settings(os.environ, secrets_file)


def _mint(settings: live.Settings, session: Any, text_only: bool) -> None:
    """Mint a client secret for the draft and start a call with it (a button's callback)."""
    state = st.session_state
    state.pop(PROBLEM, None)
    try:
        request = live.mint_request(session, os.environ)
        client = openai.OpenAI(api_key=settings.api_key, base_url=settings.base_url, max_retries=1, timeout=20)
        minted = live.mint(client, request)
    except live.CannotCall as exc:
        state[PROBLEM] = str(exc)
        return
    except openai.APIError as exc:
        state[PROBLEM] = refusal(exc)
        return
    running = live.start_session(session)
    state[CALL] = {
        "id": secrets.token_hex(6),
        "secret": minted.value,
        "calls_url": settings.calls_url,
        "cap": settings.cap_seconds,
        "mic": not text_only,
        "started_at": time.time(),
        "running": running,
        "tools": live.function_tools(running),
        "outbox": [],
        "held": [],
        "stop": None,
    }
    state[EVENTS] = {"call": state[CALL]["id"], "entries": []}


def refusal(exc: openai.APIError) -> str:
    """The API's reason in one sentence, any trace of a key (the API masks it as ``sk-...abcd``) left out."""
    body = exc.body if isinstance(exc.body, dict) else {}
    message = str(body.get("message") or getattr(exc, "message", "") or type(exc).__name__)
    status = getattr(exc, "status_code", None)
    message = KEY_TRACE.sub("(hidden)", message)
    return f"The API refused to start a call{f' ({status})' if status else ''}: {message}"


def _queue(events: list[dict[str, Any]]) -> None:
    call = st.session_state.get(CALL)
    if not call:
        return
    for event in events:
        call["outbox"].append({"seq": len(call["outbox"]) + 1, "event": event})


def _take_events() -> None:
    """The component forwarded the call's events (all of them, in order)."""
    value = st.session_state.get(COMPONENT) or {}
    events = value.get("events") if hasattr(value, "get") else None
    if isinstance(events, dict):
        st.session_state[EVENTS] = events


def _stop() -> None:
    call = st.session_state.get(CALL)
    if call:
        call["stop"] = "stopped by you"


def _say() -> None:
    text = str(st.session_state.get(SAY) or "").strip()
    if text:
        _queue(live.text_events(text))
    st.session_state[SAY] = ""


def _answer(call_id: str) -> None:
    key = f"live:result:{call_id}"
    text = str(st.session_state.get(key) or "")
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        st.session_state[f"{key}:problem"] = f"The result is not JSON ({exc.msg} at character {exc.pos})."
        return
    st.session_state.pop(f"{key}:problem", None)
    _queue(live.output_events(call_id, text))


def _approve(request_id: str, approve: bool) -> None:
    _queue(live.approval_events(request_id, approve))


def _log(call: dict[str, Any] | None) -> live.CallLog:
    events = st.session_state.get(EVENTS) or {}
    if not call or events.get("call") != call["id"]:
        return live.CallLog()
    return live.reduce(events.get("entries") or [], call["tools"])


def _send_edits(call: dict[str, Any], session: Any, log: live.CallLog) -> None:
    """Queue a session.update for the edits the API lets a running call take; keep the others with the reason."""
    update = live.mid_call_update(call["running"], live.start_session(session), log.agent_spoke)
    call["held"] = [list(h) for h in update.held]
    if update.session is not None:
        _queue([{"type": "session.update", "session": update.session}])
        call["running"] = live.applied(call["running"], update)
        call["tools"] = live.function_tools(call["running"])


def render_without_key() -> None:
    st.info(
        "Live calls need an OpenAI API key on the studio's server: set `OPENAI_API_KEY` in its environment "
        "(or in `.streamlit/secrets.toml`) and restart the studio.\n\n"
        "Everything else works without it; the key never reaches the browser, only a 10-minute call key does.",
        icon=":material/key_off:",
    )


def render_page() -> None:
    """The whole page: the key note, the call, the transcript and events, tools, and mid-call edits."""
    settings = current_settings()
    if not settings.api_key:
        render_without_key()
        return
    st.warning(
        f"Calls are billed to the OpenAI API key on this studio's server. Each call stops after "
        f"{settings.cap_seconds // 60} min {settings.cap_seconds % 60:02d} s.",
        icon=":material/payments:",
    )
    for note in settings.notes:
        st.caption(note)
    state = st.session_state
    data = draft.current(state)
    api = draft.target(data)
    session, problems = draft.check(data)
    try:
        session = live.callable_session(api.key, session, problems)
    except live.CannotCall as exc:
        st.info(str(exc), icon=":material/info:")
        session = None

    call = state.get(CALL)
    log = _log(call)
    running = bool(call) and log.ended is None and not call.get("stop")
    if running and live.over_cap(call["started_at"], time.time(), call["cap"] + 5):
        call["stop"] = "time cap reached"  # the page's own timer should have ended it already
    if running and session is not None:
        _send_edits(call, session, log)

    left, right = st.columns(2)
    with left:
        st.toggle("Text only (no microphone)", key=TEXT_ONLY, disabled=running,
                  help="Type to the agent and read its replies; its voice still plays if the persona speaks.")
        st.button("Start call", type="primary", icon=":material/call:", disabled=session is None or running,
                  on_click=_mint, args=(settings, session, bool(state.get(TEXT_ONLY))))
        if state.get(PROBLEM):
            st.error(plain(state[PROBLEM]), icon=":material/error:")
        component_data = {"call": None, "outbox": []}
        if call:
            component_data = {
                "call": {"id": call["id"], "secret": call["secret"], "calls_url": call["calls_url"],
                         "cap": call["cap"], "mic": call["mic"], "stop": call.get("stop"),
                         "ended": log.ended is not None},
                "outbox": call["outbox"],
            }
        _component(key=COMPONENT, data=component_data, default={"events": None}, on_events_change=_take_events)
        if running:
            st.text_input("Say (type a message)", key=SAY, on_change=_say,
                          placeholder="Type and press Enter: the agent answers as if you spoke")
        render_transcript(log)
        render_tools(log)
    with right:
        render_events(log, call)
        if running and session is not None:
            render_edits(data, problems)


def render_transcript(log: live.CallLog) -> None:
    st.subheader("Transcript")
    if not log.lines:
        st.caption("What you and the agent say appears here.")
    for line in log.lines:
        st.markdown(f"**{line.who}** ({line.how}): {plain(line.text)}")


def render_events(log: live.CallLog, call: dict[str, Any] | None) -> None:
    st.subheader("Events")
    st.code("\n".join(log.events) or "(none yet)", language=None, wrap_lines=True)
    if log.tokens:
        st.caption(f"{log.tokens} tokens so far")
    for label, reason in (call or {}).get("held") or []:
        st.info(f"Not sent: `{label}` {plain(reason)}.", icon=":material/pause_circle:")


def render_tools(log: live.CallLog) -> None:
    for fc in log.calls:
        with st.container(border=True):
            st.markdown(f"**Function call** `{fc.name.replace('`', '')}`" + (" (answered)" if fc.answered else ""))
            st.code(fc.arguments or "{}", language="json")
            if fc.problems:
                st.error("Persona bug: the arguments do not match the tool's JSON Schema: "
                         + "; ".join(plain(p) for p in fc.problems), icon=":material/bug_report:")
            else:
                st.success("The arguments match the tool's JSON Schema.", icon=":material/check:")
            if not fc.answered:
                key = f"live:result:{fc.call_id}"
                st.text_area("Result to send (JSON)", key=key, value='{"ok": true}', height=80)
                if st.session_state.get(f"{key}:problem"):
                    st.error(st.session_state[f"{key}:problem"])
                st.button("Send result", key=f"live:send:{fc.call_id}", on_click=_answer, args=(fc.call_id,))
    for approval in log.approvals:
        with st.container(border=True):
            label, name = (text.replace("`", "") for text in (approval.server_label, approval.name))
            st.markdown(f"**MCP approval** `{label}` › `{name}`")
            st.code(approval.arguments or "{}", language="json")
            if approval.answer is None:
                yes, no = st.columns(2)
                yes.button("Approve", key=f"live:approve:{approval.request_id}", on_click=_approve,
                           args=(approval.request_id, True))
                no.button("Deny", key=f"live:deny:{approval.request_id}", on_click=_approve,
                          args=(approval.request_id, False))
            else:
                st.caption("Approved" if approval.answer else "Denied")


def render_edits(data: dict[str, Any], problems: list[Any]) -> None:
    """The settings a running call can take, drawn by the editor's own form (same keys, same draft)."""
    st.subheader("Change and hear")
    st.caption("Edits here (or in the editor) that the API lets a running call take are sent as session.update.")
    form = FormCtx(st.session_state, draft.DRAFT_KEY, draft.PREFIX, problems)
    allowed = (*live.MUTABLE_PATHS, live.VOICE_PATH)
    for title, entries in sections(draft.target(data).model):
        mine = [e for e in entries if any(e.path[: len(p)] == p or p[: len(e.path)] == e.path for p in allowed)
                and e.path != ("model",)]
        if mine:
            render_section(form, title, mine, collapsed=True)

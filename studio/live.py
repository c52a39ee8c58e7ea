"""Live calls: mint a client secret on the server, run the call in the browser, play the tools' side.

The API key stays in this process: it mints a short-lived ``ek_`` secret with the official
SDK, and only that secret goes to the page. The call component (``studio/components/call``)
sends the microphone, plays the agent and forwards the call's events; it lives in the
sidebar's dock (``studio.call_dock``), so a call keeps running while the person edits on
another page. This module folds the events into a transcript and an event log
(``session_model.live.reduce``), shows function calls with their arguments checked, and
queues the client events that answers, typed messages and mid-call edits become (the
component's outbox). A call starts from the draft (the Try it page; edits follow it) or
from one side of the Compare page (fixed settings).
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

import streamlit as st

from form.context import plain
from form.render import FormCtx
from form.sections import render_section, sections
from session_model import apis, live
from studio import call_notes, draft
from studio.call_dock import CALL, FROM_DRAFT
from studio.extras import EXAMPLE_BOX, EXAMPLES, examples

FIXED = "fixed"  # a call whose settings were fixed when it started (a side of the Compare page)
EVENTS = "live:events"  # what the component forwarded: {"call": id, "entries": [...]}
COMPONENT = "live:component"
TEXT_ONLY = "live:text_only"
SAY = "live:say"
PROBLEM = "live:problem"
TRY_IT = "pages/try_it.py"
KEY_TRACE = re.compile(r"\b(?:sk|ek)[-_][A-Za-z0-9*_-]+")
FOLDER = Path(__file__).resolve().parent / "components" / "call"
DEFAULT_RESULT = '{"ok": true}'

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


def callable_session(data: dict[str, Any]) -> live.GARealtimeSession:
    """The validated session a call can start with, from a draft or a saved session; ``CannotCall`` says why not."""
    session, problems = draft.check(data)
    return live.callable_session(apis.api_of(data).key, session, problems)


def start(
    settings: live.Settings,
    session: Any,
    text_only: bool,
    label: str,
    source: str = FROM_DRAFT,
    origin: Mapping[str, Any] | None = None,
) -> None:
    """Mint a client secret for ``session`` and start a call with it (a button's callback).

    ``label`` names what the call uses in the dock; ``source`` says whether the draft's later
    edits follow the call; ``origin`` is the saved version the settings came from, if known.
    """
    import openai  # here, not at import: the studio's other pages never need the SDK's client

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
        "started_with": live.start_session(session),
        "tools": live.function_tools(running),
        "label": label,
        "source": source,
        "origin": dict(origin) if origin else None,
        "outbox": [],
        "held": [],
        "stop": None,
    }
    state[EVENTS] = {"call": state[CALL]["id"], "entries": []}


def refusal(exc: Any) -> str:
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


def _close() -> None:
    """Take the ended call out of the sidebar (its transcript stays on the Try it page)."""
    call = st.session_state.get(CALL)
    if call:
        call["closed"] = True


def _say() -> None:
    text = str(st.session_state.get(SAY) or "").strip()
    if text:
        _queue(live.text_events(text))


def _result_problem(text: str) -> str | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"The result is not JSON ({exc.msg} at character {exc.pos})."
    return None


def _json_box(key: str) -> str | None:
    """The JSON text typed in a box, or None with the reason kept beside the box (``<key>:problem``)."""
    text = str(st.session_state.get(key) or "")
    problem = _result_problem(text)
    if problem:
        st.session_state[f"{key}:problem"] = problem
        return None
    st.session_state.pop(f"{key}:problem", None)
    return text


def _answer(call_id: str) -> None:
    text = _json_box(f"live:result:{call_id}")
    if text is not None:
        _queue(live.output_events(call_id, text))


def _approve(request_id: str, approve: bool) -> None:
    _queue(live.approval_events(request_id, approve))


# ---- example results, kept with the draft (studio.extras) --------------------------------------


def _keep_example(name: str, key: str) -> None:
    text = _json_box(key)
    if text is not None:
        st.session_state[EXAMPLES] = {**examples(st.session_state), name: text}


def _drop_example(name: str) -> None:
    kept = examples(st.session_state)
    kept.pop(name, None)
    st.session_state[EXAMPLES] = kept
    st.session_state.pop(f"{EXAMPLE_BOX}{name}", None)


# ---- the call's state ------------------------------------------------------------------------------


def _log(call: dict[str, Any] | None) -> live.CallLog:
    events = st.session_state.get(EVENTS) or {}
    if not call or events.get("call") != call["id"]:
        return live.CallLog()
    return live.reduce(events.get("entries") or [], call["tools"])


def _running(call: dict[str, Any] | None, log: live.CallLog) -> bool:
    return bool(call) and log.ended is None and not call.get("stop")


def _send_edits(call: dict[str, Any], session: Any, log: live.CallLog) -> None:
    """Queue a session.update for the edits the API lets a running call take; keep the others with the reason."""
    update = live.mid_call_update(call["running"], live.start_session(session), log.agent_spoke)
    call["held"] = [list(h) for h in update.held]
    if update.session is not None:
        _queue([{"type": "session.update", "session": update.session}])
        call["running"] = live.applied(call["running"], update)
        call["tools"] = live.function_tools(call["running"])


def render_dock() -> None:
    """The call in the sidebar, on every page: status, time, Stop, levels; the draft's edits sent as it runs."""
    state = st.session_state
    call = state.get(CALL)
    if not call or call.get("closed"):
        return
    log = _log(call)
    running = _running(call, log)
    if log.ended is not None:
        call["over"] = True
        call.setdefault("ended_at", time.time())
    if running and live.over_cap(call["started_at"], time.time(), call["cap"] + 5):
        call["stop"] = "time cap reached"  # the component's own timer should have ended it already
    waiting = ""
    if running and call.get("source") == FROM_DRAFT:
        try:
            session = callable_session(draft.current(state))
        except live.CannotCall as exc:
            waiting = f"Edits wait: {exc}"
        else:
            _send_edits(call, session, log)
    with st.container(border=True, key="live:dock"):
        st.markdown(f"**:material/call: Live call** with {plain(call.get('label') or 'the draft')}")
        _component(
            key=COMPONENT,
            data={
                "call": {
                    "id": call["id"],
                    "secret": call["secret"],
                    "calls_url": call["calls_url"],
                    "cap": call["cap"],
                    "mic": call["mic"],
                    "stop": call.get("stop"),
                    "ended": log.ended is not None,
                },
                "outbox": call["outbox"],
            },
            default={"events": None},
            on_events_change=_take_events,
        )
        notes = [f"Not sent: `{label}` {plain(reason)}." for label, reason in call.get("held") or []]
        if waiting:
            notes.append(plain(waiting))
        if notes:
            st.caption("  \n".join(notes))
        if running:
            st.page_link(TRY_IT, label="Transcript, tools and events", icon=":material/forum:")
        else:
            st.button(
                "Close",
                key="live:close",
                on_click=_close,
                icon=":material/close:",
                help="Take the ended call out of the sidebar; its transcript stays on the Try it page.",
            )


# ---- the Try it page -------------------------------------------------------------------------------


def render_without_key() -> None:
    st.info(
        "Live calls need an OpenAI API key on the studio's server: set `OPENAI_API_KEY` in its environment "
        "(or in `.streamlit/secrets.toml`) and restart the studio.\n\n"
        "Everything else works without it; the key never reaches the browser, only a 10-minute call key does.",
        icon=":material/key_off:",
    )


def billing_note(settings: live.Settings) -> str:
    return (
        f"Calls are billed to the OpenAI API key on this studio's server. Each call stops after "
        f"{settings.cap_seconds // 60} min {settings.cap_seconds % 60:02d} s."
    )


def render_page() -> None:
    """The whole page: the key note, starting a call, the transcript and events, tools, and mid-call edits."""
    settings = current_settings()
    if not settings.api_key:
        render_without_key()
        render_examples(draft.current(st.session_state))  # prepared now, for when calls are enabled
        return
    st.warning(billing_note(settings), icon=":material/payments:")
    for note in settings.notes:
        st.caption(note)
    state = st.session_state
    data = draft.current(state)
    try:
        session = callable_session(data)
    except live.CannotCall as exc:
        st.info(str(exc), icon=":material/info:")
        session = None

    render_held_back(data)
    call = state.get(CALL)
    log = _log(call)
    running = _running(call, log)

    left, right = st.columns(2)
    with left:
        st.toggle(
            "Text only (no microphone)",
            key=TEXT_ONLY,
            disabled=running,
            help="Type to the agent and read its replies; its voice still plays if the persona speaks.",
        )
        st.button(
            "Start call",
            type="primary",
            icon=":material/call:",
            disabled=session is None or running,
            on_click=start,
            args=(settings, session, bool(state.get(TEXT_ONLY)), "the draft", FROM_DRAFT, draft.origin(state) or None),
        )
        if state.get(PROBLEM):
            st.error(plain(state[PROBLEM]), icon=":material/error:")
        if call and not call.get("closed"):
            st.caption("The call's controls are in the sidebar: it keeps running while you edit on other pages.")
        if running:
            # A chat input sends its text once and empties itself in the browser. A text box emptied
            # from the server could keep the text on screen when a call event's rerun came first, and
            # send it again later: the agent then answered twice.
            st.chat_input("Say (type a message)", key=SAY, on_submit=_say)
        render_transcript(log, call)
        render_tools(log)
        if call:
            call_notes.render_keep(call, log)
        render_examples(data)
    with right:
        render_events(log, call)
        if running and session is not None and call.get("source") == FROM_DRAFT:
            render_edits(data, draft.check(data)[1])


def held_back_note(data: Mapping[str, Any]) -> str | None:
    """Which MCP servers a call from the browser leaves out, and why (None when it leaves out none)."""
    labels = live.held_back(data, os.environ)
    if not labels:
        return None
    names = ", ".join(f"`{label.replace('`', '')}`" for label in labels)
    one = len(labels) == 1
    return (
        f"MCP server{'' if one else 's'} {names} need{'s' if one else ''} credentials, so calls from this page "
        f"leave {'it' if one else 'them'} out: the API reports the running session back to the browser. Whoever "
        f"runs the studio can set `{live.CREDENTIALS_VARIABLE}=1` on its server to include such servers."
    )


def render_held_back(data: Mapping[str, Any]) -> None:
    note = held_back_note(data)
    if note:
        st.info(note, icon=":material/lock:")


def render_transcript(log: live.CallLog, call: dict[str, Any] | None = None) -> None:
    st.subheader("Transcript")
    if call and call.get("source") != FROM_DRAFT:
        st.caption(f"A call with {plain(call.get('label') or '')}, started from the Compare page.")
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
    kept = examples(st.session_state)
    for fc in log.calls:
        with st.container(border=True):
            st.markdown(f"**Function call** `{fc.name.replace('`', '')}`" + (" (answered)" if fc.answered else ""))
            st.code(fc.arguments or "{}", language="json")
            if fc.problems:
                st.error(
                    "Persona bug: the arguments do not match the tool's JSON Schema: "
                    + "; ".join(plain(p) for p in fc.problems),
                    icon=":material/bug_report:",
                )
            else:
                st.success("The arguments match the tool's JSON Schema.", icon=":material/check:")
            if not fc.answered:
                key = f"live:result:{fc.call_id}"
                example = kept.get(fc.name)
                st.text_area(
                    "Result to send (JSON)",
                    key=key,
                    value=example or DEFAULT_RESULT,
                    height=80,
                    help="Prefilled with this tool's example result" if example else None,
                )
                if st.session_state.get(f"{key}:problem"):
                    st.error(st.session_state[f"{key}:problem"])
                send, keep = st.columns(2)
                send.button("Send result", key=f"live:send:{fc.call_id}", on_click=_answer, args=(fc.call_id,))
                keep.button(
                    "Keep as the example result",
                    key=f"live:keep:{fc.call_id}",
                    on_click=_keep_example,
                    args=(fc.name, key),
                    help="Saved with the draft for next time; never exported.",
                )
    for approval in log.approvals:
        with st.container(border=True):
            label, name = (text.replace("`", "") for text in (approval.server_label, approval.name))
            st.markdown(f"**MCP approval** `{label}` › `{name}`")
            st.code(approval.arguments or "{}", language="json")
            if approval.answer is None:
                yes, no = st.columns(2)
                yes.button(
                    "Approve",
                    key=f"live:approve:{approval.request_id}",
                    on_click=_approve,
                    args=(approval.request_id, True),
                )
                no.button(
                    "Deny", key=f"live:deny:{approval.request_id}", on_click=_approve, args=(approval.request_id, False)
                )
            else:
                st.caption("Approved" if approval.answer else "Denied")
    for mcp in log.mcp_calls:
        with st.container(border=True):
            label, name = (text.replace("`", "") for text in (mcp.server_label, mcp.name))
            st.markdown(f"**MCP call** `{label}` › `{name}`")
            st.code(mcp.arguments or "{}", language="json")
            if mcp.error is not None:
                st.error(f"The MCP server answered with an error: {plain(mcp.error)}", icon=":material/error:")
            else:
                st.caption("The MCP server answered:")
                st.code(mcp.output or "(nothing)", language=None, wrap_lines=True)


def render_examples(data: dict[str, Any]) -> None:
    """Example results for the draft's function tools: what a call's answer box starts with."""
    names = [t.get("name") for t in data.get("tools") or [] if isinstance(t, dict) and t.get("type") == "function"]
    names = [str(n) for n in names if n]
    if not names:
        return
    kept = examples(st.session_state)
    with st.expander(f"Example tool results ({len([n for n in names if n in kept])} of {len(names)} set)"):
        st.caption(
            "Saved with the draft (in the library and its autosave), left out of every export. "
            "When the agent calls the tool, its answer box starts with the example."
        )
        for name in names:
            key = f"{EXAMPLE_BOX}{name}"
            if key not in st.session_state:
                st.session_state[key] = kept.get(name, "")
            st.text_area(f"Example result of {name} (JSON)", key=key, height=80, placeholder=DEFAULT_RESULT)
            if st.session_state.get(f"{key}:problem"):
                st.error(st.session_state[f"{key}:problem"])
            keep, drop = st.columns(2)
            keep.button("Save example", key=f"live:example_save:{name}", on_click=_keep_example, args=(name, key))
            drop.button(
                "Remove example",
                key=f"live:example_drop:{name}",
                on_click=_drop_example,
                args=(name,),
                disabled=name not in kept,
            )


def render_edits(data: dict[str, Any], problems: list[Any]) -> None:
    """The settings a running call can take, drawn by the editor's own form (same keys, same draft)."""
    st.subheader("Change and hear")
    st.caption(
        "Edits here (or on the Editor page, while the call runs in the sidebar) that the API lets a "
        "running call take are sent as session.update."
    )
    form = FormCtx(st.session_state, draft.DRAFT_KEY, draft.PREFIX, problems)
    allowed = (*live.MUTABLE_PATHS, live.VOICE_PATH)
    for title, entries in sections(draft.target(data).model):
        mine = [
            e
            for e in entries
            if any(e.path[: len(p)] == p or p[: len(e.path)] == e.path for p in allowed) and e.path != ("model",)
        ]
        if mine:
            render_section(form, title, mine, collapsed=True)


# ---- the Compare page's "Try A" and "Try B" --------------------------------------------------------


def render_billing_caption() -> None:
    """Under Try A and Try B: who pays for the calls (nothing without a key: the buttons say why)."""
    settings = current_settings()
    if settings.api_key:
        st.caption(f":material/payments: {billing_note(settings)}")


def render_try_button(letter: str, title: str, data: dict[str, Any], origin: Mapping[str, Any] | None) -> None:
    """A button that starts a call with one side of a comparison (its settings fixed for the call)."""
    settings = current_settings()
    label = f"Try {letter}"
    if not settings.api_key:
        st.button(
            label,
            key=f"live:try:{letter}",
            disabled=True,
            icon=":material/call:",
            help="Live calls are not enabled on this studio's server; the Try it page says how to enable them.",
        )
        return
    call = st.session_state.get(CALL)
    busy = _running(call, _log(call))
    try:
        session = callable_session(data)
    except live.CannotCall as exc:
        st.button(label, key=f"live:try:{letter}", disabled=True, icon=":material/call:", help=str(exc))
        return
    st.button(
        label,
        key=f"live:try:{letter}",
        disabled=busy,
        icon=":material/call:",
        help="Stop the running call first (in the sidebar)."
        if busy
        else f"Talk to {title}: the call runs in the sidebar; its transcript is on the Try it page.",
        on_click=start,
        args=(settings, session, False, f"{letter}: {title}", FIXED, origin),
    )
    note = held_back_note(data)
    if note:
        st.caption(note)

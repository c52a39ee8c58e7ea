"""Keep what you heard: a live call's transcript and events as a test note on the saved version it used.

On the Try it page, a call whose settings are exactly a saved version (opened from the
library, or a saved side of the Compare page) is kept on that version. A call with
settings that were never saved (or changed since) can be saved as a new version of a
persona together with its note, so a note always sits beside the settings it heard.
The Library shows each version's notes.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

import streamlit as st

from form.render import plain
from session_model import apis, live
from store import StoreError
from studio import auth

if TYPE_CHECKING:
    from store import Library

COMMENT = "live:note:comment"
PERSONA = "live:note:persona"
MESSAGE = "live:note:message"


def matching_version(lib: Library, call: Mapping[str, Any]) -> tuple[str, int] | None:
    """The saved version whose settings the call started with, when the call came from one unchanged."""
    origin = call.get("origin") or {}
    name, number = origin.get("name"), origin.get("version")
    if not isinstance(name, str) or not isinstance(number, int):
        return None
    try:
        version = lib.version(name, number)
    except StoreError:
        return None
    _, session, _ = apis.check(version.session)
    if not isinstance(session, live.GARealtimeSession):
        return None
    return (version.persona, version.number) if live.start_session(session) == call.get("started_with") else None


def _contents(call: Mapping[str, Any], log: live.CallLog) -> dict[str, Any]:
    ended = call.get("ended_at") or time.time()
    return {
        "transcript": [(line.who, line.how, line.text) for line in log.lines],
        "events": list(log.events),
        "tokens": log.tokens,
        "seconds": max(0, round(ended - float(call.get("started_at") or ended))),
    }


def _keep(
    state: MutableMapping[str, Any], call: Mapping[str, Any], log: live.CallLog, target: tuple[str, int] | None
) -> None:
    """Save the note on ``target``; without one, save the call's settings as a new version of the persona first."""
    from studio.library import library  # the database code loads on first use

    lib = library()
    me = auth.actor()
    try:
        if target is None:
            name = str(state.get(PERSONA) or "").strip()
            if not name:
                state[MESSAGE] = ("error", "Name the persona to save this call's settings under.")
                return
            saved = lib.save(name, call["started_with"], note="settings heard in a test call", by=me)
            target = (saved.persona, saved.number)
        lib.add_call_note(target[0], target[1], comment=str(state.get(COMMENT) or ""), by=me, **_contents(call, log))
    except StoreError as exc:
        state[MESSAGE] = ("error", f"{exc} The call is still here; nothing was lost.")
        return
    state[COMMENT] = ""
    state[MESSAGE] = (
        "success",
        f'Kept this call as a test note on "{target[0]}" version {target[1]}. '
        "The Library shows it beside that version.",
    )


def render_keep(call: Mapping[str, Any], log: live.CallLog) -> None:
    """The "Keep what you heard" box under a call's transcript."""
    if not (log.lines or log.started):
        return
    from studio.library import open_or_explain

    state = st.session_state
    st.subheader("Keep what you heard")
    kind, text = state.pop(MESSAGE, (None, ""))
    if kind == "success":
        st.success(plain(text), icon=":material/check_circle:")
    elif kind == "error":
        st.error(plain(text), icon=":material/error:")
    lib = open_or_explain()
    if lib is None:
        return
    me = auth.actor()
    allowed = me.can("note")
    if not allowed:
        st.caption(plain(me.refusal("note")))
    target = matching_version(lib, call)
    st.text_area(
        "What you noticed (optional)",
        key=COMMENT,
        height=80,
        placeholder="For example: waits too long before answering; the second tool call had the wrong date",
    )
    if target is not None:
        st.button(
            f'Keep as a test note on "{target[0]}" version {target[1]}',
            key="live:note:keep",
            icon=":material/sticky_note_2:",
            disabled=not allowed,
            on_click=_keep,
            args=(state, call, log, target),
        )
        return
    origin = call.get("origin") or {}
    if origin.get("name"):
        st.caption(
            f'This call started from "{plain(origin["name"])}" version {origin.get("version")} with '
            "changes that were not saved. Save its settings as a new version to keep the note beside them."
        )
    else:
        st.caption(
            "This call's settings are not a saved version yet. Save them as a version of a persona to "
            "keep the note beside them."
        )
    state.setdefault(PERSONA, origin.get("name") or "")
    st.text_input("Persona to save the call's settings under", key=PERSONA, placeholder="Front desk")
    st.button(
        "Save the settings and keep the note",
        key="live:note:save_and_keep",
        icon=":material/save:",
        disabled=not (allowed and me.can("save")),
        on_click=_keep,
        args=(state, call, log, None),
    )


def render_for_version(lib: Library, name: str, number: int) -> None:
    """The Library's view of a version's test notes: who tried it, when, what they noticed and heard."""
    try:
        notes = lib.call_notes(name, number)
    except StoreError as exc:
        st.caption(plain(str(exc)))
        return
    with st.expander(f"Test calls of version {number} ({len(notes)})", icon=":material/sticky_note_2:"):
        if not notes:
            st.caption(
                "None yet: try this version live (Try it, or Try A and Try B on the Compare page), "
                "then keep what you heard."
            )
        for note in notes:
            who = note.author if note.author == note.author_email else f"{note.author} ({note.author_email})"
            length = f" · {note.seconds} s" if note.seconds is not None else ""
            st.markdown(f"**{plain(who)}** · {note.at:%Y-%m-%d %H:%M} UTC{length} · {note.tokens} tokens")
            if note.comment:
                st.markdown(f"_{plain(note.comment)}_")
            if note.transcript:
                st.markdown(
                    "  \n".join(f"**{plain(who)}** ({plain(how)}): {plain(text)}" for who, how, text in note.transcript)
                )
            if note.events:
                st.code("\n".join(note.events), language=None, wrap_lines=True)

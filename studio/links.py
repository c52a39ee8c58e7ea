"""What the browser's address carries: the autosave id of this tab's draft, and share links.

Autosave: each browser tab gets a random id in the ``draft`` query parameter. After
every run the draft (valid or not) and the builder's answers are written to the
library database under that id, but only when they changed. Reloading the page keeps
the address, so the new session finds the id and restores the draft. Old autosaves
are dropped after 30 days (see ``studio.library``).

With sign-in configured, an autosaved draft belongs to the account that made it: a
``?draft=`` id from another account opens nothing, and this tab gets an id of its own.

Share: ``?share=<code>`` (see ``session_model.share``) is read once, loaded as the
draft (undo-able from the sidebar) and removed from the address, so a reload does not
load it again over later edits. A bad link changes nothing and says why.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from form.state import load_draft
from session_model import share
from store import AUTOSAVE_KEY_PATTERN, Forbidden, StoreError
from studio import auth, draft, persona_builder
from studio import extras as studio_extras
from studio.draft import ORIGIN_KEY, origin, set_origin

DRAFT_PARAM = "draft"
KEY = "links:key"  # this tab's autosave id
WRITTEN = "links:written"  # what was last autosaved, to skip writes when nothing changed
OPENED = "links:opened"
NOTICE = "links:notice"
SHARE_URL = "links:share_url"
SHARE_POPOVER = "links:share"  # the sidebar's "Share link" popover (open or not)
FREE_TEXT = {persona_builder.MODE_KEY: persona_builder.FREE}  # shared or preset text was written by hand


def _extras(state: MutableMapping[str, Any]) -> dict[str, Any]:
    return {**studio_extras.collect(state), ORIGIN_KEY: origin(state) or None}


def _payload(state: MutableMapping[str, Any]) -> bytes | str:
    """What an autosave holds, in a comparable form (compared after every run: ``draft.fingerprint``, a
    fraction of the time of JSON for a long draft; keys in another order only cost one more write)."""
    return draft.fingerprint([state.get(draft.DRAFT_KEY, {}), _extras(state)])


def restore_autosave(state: MutableMapping[str, Any], key: str) -> bool:
    """Bring back the draft autosaved under ``key``; False when there is none."""
    from studio.library import library  # the database code loads on first use (see store/__init__.py)

    kept = library().autosaved(key, by=auth.actor())
    if kept is None:
        return False
    data, extras = kept
    load_draft(state, draft.DRAFT_KEY, draft.PREFIX, data)
    studio_extras.restore(state, extras)
    came_from = extras.get(ORIGIN_KEY)
    if (
        isinstance(came_from, dict)
        and isinstance(came_from.get("name"), str)
        and isinstance(came_from.get("version"), int)
    ):
        set_origin(state, came_from["name"], came_from["version"])
    state[WRITTEN] = _payload(state)
    return True


def open_shared(state: MutableMapping[str, Any], code: str) -> None:
    """Load a share code as the draft, or leave a notice saying why it cannot be loaded."""
    try:
        data = share.decode(code)
    except share.ShareError as exc:
        state[NOTICE] = ("error", str(exc))
        return
    draft.replace(state, data)
    studio_extras.restore(state, FREE_TEXT)
    state[NOTICE] = (
        "success",
        f"Opened a shared config ({len(data)} setting(s)) as your draft. Undo from the sidebar brings back "
        "what you had before.",
    )


def open_from_url() -> None:
    """Once per browser session: restore the tab's autosaved draft; every run: apply a share link, keep the id."""
    state = st.session_state
    params = st.query_params
    draft.current(state)  # a new tab starts on the current API
    if not state.get(OPENED):
        state[OPENED] = True
        wanted = params.get(DRAFT_PARAM, "")
        state[KEY] = wanted if AUTOSAVE_KEY_PATTERN.match(wanted) else secrets.token_urlsafe(12)
        if AUTOSAVE_KEY_PATTERN.match(wanted):
            try:
                restored = restore_autosave(state, wanted)
            except StoreError as exc:
                state[NOTICE] = ("warning", f"Your autosaved draft could not be read: {exc}")
            else:
                if not restored and auth.enabled():
                    state[KEY] = secrets.token_urlsafe(12)  # none of yours under that id: start your own
    if share.PARAM in params:
        code = params[share.PARAM]
        del params[share.PARAM]
        open_shared(state, code)
    if params.get(DRAFT_PARAM) != state[KEY]:
        params[DRAFT_PARAM] = state[KEY]  # page switches drop query parameters; put the id back
    notice = state.get(NOTICE)
    if notice:
        kind, text = notice
        box = {"success": st.success, "warning": st.warning}.get(kind, st.error)
        box(text, icon=":material/link:" if kind == "success" else ":material/link_off:")
        st.button("Dismiss", key="links:dismiss", on_click=lambda: state.pop(NOTICE, None))


def keep() -> None:
    """After the page ran: autosave the draft if it changed since the last write."""
    state = st.session_state
    if not state.get(KEY):
        return
    payload = _payload(state)
    fresh = {draft.DRAFT_KEY: draft.target(state.get(draft.DRAFT_KEY, {})).blank}
    if payload == state.get(WRITTEN) or (WRITTEN not in state and payload == _payload(fresh)):
        return  # unchanged, or a new tab that has not made anything yet
    from studio.library import library  # the database code loads on first use (see store/__init__.py)

    extras = json.loads(json.dumps(_extras(state), default=str))
    try:
        try:
            library().autosave(state[KEY], state.get(draft.DRAFT_KEY, {}), extras, by=auth.actor())
        except Forbidden:  # another account's draft took this id meanwhile: keep this one under a new id
            state[KEY] = secrets.token_urlsafe(12)
            st.query_params[DRAFT_PARAM] = state[KEY]
            library().autosave(state[KEY], state.get(draft.DRAFT_KEY, {}), extras, by=auth.actor())
    except StoreError as exc:
        st.sidebar.warning(f"Autosave paused: {exc} Your draft stays in this tab.", icon=":material/cloud_off:")
        return
    state[WRITTEN] = payload


def studio_root() -> str:
    """The studio's base address as the browser sees it (where share links point)."""
    url = st.context.url or "http://localhost:8501/"
    parts = urlsplit(url)
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{parts.scheme}://{parts.netloc}/{base_path}"


def render_share() -> None:
    """The sidebar's "Share link" popover: the current draft as a link, if it is valid and small enough."""
    # The link is built only while the popover is open: encoding and compressing the draft,
    # and the long text box, are not worth their time on every change nobody shares.
    popover = st.popover("Share link", icon=":material/share:", width="stretch", key=SHARE_POPOVER, on_change="rerun")
    if not popover.open:
        return
    exported = draft.exported(st.session_state.get(draft.DRAFT_KEY, {}))
    with popover:
        if exported is None:
            st.caption("Only a valid draft can be shared: fix its problems first.")
            return
        try:
            url = share.link(studio_root(), share.encode(exported))
        except share.ShareError as exc:
            st.warning(str(exc), icon=":material/warning:")
            return
        st.caption(
            "Whoever opens this link gets these settings as their draft. It carries only the settings you "
            "changed, compressed; nothing is stored on the server. Select the text and copy it."
        )
        st.session_state[SHARE_URL] = url  # a read-only view of the current draft's link, rewritten every run
        st.text_area("Share link", key=SHARE_URL, height=120, label_visibility="collapsed")
        st.caption(f"{len(url):,} characters")
        st.link_button("Open it in a new tab", url, icon=":material/open_in_new:")

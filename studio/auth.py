"""Who is using the studio: sign-in with Streamlit's own OpenID Connect, and roles from configuration.

Without an ``[auth]`` section in ``.streamlit/secrets.toml`` nothing here asks anything: the
single person on this machine is the local admin ("local"), exactly as before sign-in existed.

With ``[auth]``, every page first asks for sign-in (``st.login``) and shows nothing else until
an allowed account is signed in. Roles come from one place, ``[studio.roles]`` in the same
secrets file, or from environment variables that replace a list when set::

    [studio.roles]
    allow = ["example.com"]            # who may sign in: e-mail addresses or whole domains
    editors = ["ada@example.com"]      # save, restore, rename, duplicate, delete
    admins = ["eve@example.com"]       # also bring back deleted personas

    STUDIO_ALLOW / STUDIO_EDITORS / STUDIO_ADMINS = "ada@example.com, example.org"

Editors and admins may sign in without being listed under ``allow``; everyone else allowed in
is a viewer. The library (``store``) enforces the roles; this module only says who acts.

Signing out ends that account's access in every open tab: the sign-out is recorded in the
library's database, and each rerun refuses a sign-in older than it (also on other servers).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from form.context import plain
from store import LOCAL, Actor, StoreError
from store.actors import Role

ACTOR_KEY = "auth:actor"  # the Actor this browser session acts as, once the gate let it in
GATED_KEY = "auth:gated"  # whether sign-in was configured when the gate ran at the top of this full run
SINCE_KEY = "auth:since"  # when this browser session first passed the gate (if the token has no "iat")
ENV = {"allow": "STUDIO_ALLOW", "editors": "STUDIO_EDITORS", "admins": "STUDIO_ADMINS"}


@dataclass(frozen=True)
class Roles:
    """Who may sign in and who may change the library: e-mail addresses and domains, lower-cased."""

    allow: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()

    def role_of(self, email: str | None) -> Role | None:
        """The role of an account, or None when it may not sign in at all."""
        if not email or "@" not in email:
            return None
        if _listed(email, self.admins):
            return "admin"
        if _listed(email, self.editors):
            return "editor"
        if _listed(email, self.allow):
            return "viewer"
        return None


def _entries(value: Any) -> tuple[str, ...]:
    items: Iterable[Any] = value.split(",") if isinstance(value, str) else (value or ())
    cleaned = (str(item).strip().casefold() for item in items)
    return tuple(item.removeprefix("@") if item.startswith("@") else item for item in cleaned if item)


def _listed(email: str, entries: tuple[str, ...]) -> bool:
    """An entry with an "@" is one address; one without is a domain (its subdomains are not included)."""
    email = email.strip().casefold()
    domain = email.rpartition("@")[2]
    return any(email == entry if "@" in entry else domain == entry for entry in entries)


def read_roles(secrets: Mapping[str, Any], env: Mapping[str, str] = os.environ) -> Roles:
    """The roles from ``[studio.roles]`` in the secrets, each list replaced by its environment variable when set."""
    section = (secrets.get("studio") or {}).get("roles") or {}
    lists = {key: _entries(env[name] if env.get(name) else section.get(key)) for key, name in ENV.items()}
    return Roles(**lists)


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):  # no secrets file: nothing is configured
        return {}


def enabled() -> bool:
    """True when sign-in is configured (an ``[auth]`` section in the secrets)."""
    try:
        return bool(st.secrets.get("auth"))  # asked a few times a run: no copy of every secret
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):  # no secrets file: nothing is configured
        return False


def actor() -> Actor:
    """Who this browser session acts as: the signed-in account, or the local admin without sign-in."""
    if not enabled():
        return LOCAL
    found = st.session_state.get(ACTOR_KEY)
    return found if isinstance(found, Actor) else Actor("signed out", "signed-out", "viewer")


def _providers(section: Mapping[str, Any]) -> list[str | None]:
    """Named providers (``[auth.google]``...) or the single unnamed one."""
    named = [key for key, value in section.items() if isinstance(value, Mapping)]
    return named or [None]  # type: ignore[list-item]


def _sign_in_buttons(label: str = "Sign in") -> None:
    for provider in _providers(_secrets().get("auth") or {}):
        text = label if provider is None else f"{label} with {provider.title()}"
        if st.button(text, key=f"auth:login:{provider or ''}", type="primary", icon=":material/login:"):
            st.login(provider) if provider else st.login()


def _stop_at(pages: list[Any], title: str, body: str, *, sign_out: bool = False) -> None:
    """Show only the sign-in screen (no navigation, no page, no sidebar of the studio) and end the run."""
    st.navigation(pages, position="hidden")
    st.session_state.pop(ACTOR_KEY, None)
    st.title("Realtime Session Studio")
    st.subheader(title)
    st.write(body)
    if sign_out:
        if st.button("Sign out", key="auth:logout", icon=":material/logout:"):
            st.logout()
    else:
        _sign_in_buttons()
    st.stop()


def _issued_at(info: Mapping[str, Any]) -> float:
    """When this sign-in happened: the ID token's ``iat``, else when this browser session first got in."""
    iat = info.get("iat")
    if isinstance(iat, int | float) and not isinstance(iat, bool):
        return float(iat)
    return float(st.session_state.setdefault(SINCE_KEY, time.time()))


def _signed_out_since(email: str, issued_at: float) -> datetime | None:
    """The sign-out of this account that came after this sign-in, if there was one."""
    from studio.library import library  # the database code loads on first use (see store/__init__.py)

    moment = library().signed_out_at(email)
    # ``iat`` has whole seconds: a sign-in in the same second as the sign-out counts as after it.
    if moment is not None and issued_at < int(moment.timestamp()):
        return moment
    return None


def gate(pages: list[Any]) -> Actor:
    """Before navigation runs any page: without an allowed, signed-in account show the sign-in and stop."""
    on = st.session_state[GATED_KEY] = enabled()  # the page this run draws asks again (``require``)
    if not on:
        return LOCAL
    info = st.user.to_dict()
    if not info.get("is_logged_in"):
        _stop_at(pages, "Sign in to continue", "This studio is shared by a team: sign in to see its personas.")
    email = str(info.get("email") or "").strip()
    name = " ".join(str(info.get("name") or "").split()) or email
    if info.get("email_verified") is False:
        _stop_at(
            pages,
            "Your e-mail address is not verified",
            f"The account {plain(email)} has not verified its e-mail address with the sign-in provider.",
            sign_out=True,
        )
    role = read_roles(_secrets()).role_of(email)
    if role is None:
        _stop_at(
            pages,
            "This account may not use this studio",
            f"{plain(email) or 'This account'} is not on the studio's list of people who may sign in. "
            "Ask one of its admins to add you, or sign out and use another account.",
            sign_out=True,
        )
    try:
        signed_out = _signed_out_since(email, _issued_at(info))
    except StoreError as exc:
        _stop_at(pages, "The library cannot be reached", f"{exc} Sign-in cannot be checked right now; try again.")
    if signed_out is not None:
        _stop_at(
            pages,
            "You signed out",
            f"{plain(email)} signed out at {signed_out:%Y-%m-%d %H:%M:%S} UTC (in this tab or another one). "
            "Sign in again to continue.",
        )
    current = Actor(name, email, role)  # type: ignore[arg-type]
    st.session_state[ACTOR_KEY] = current
    return current


def require() -> None:
    """For pages: stop unless the gate let this session in (a page never runs before app.py's gate)."""
    on = st.session_state.get(GATED_KEY)  # what the gate found in this run: reading the secrets again costs more
    if (enabled() if on is None else on) and not isinstance(st.session_state.get(ACTOR_KEY), Actor):
        st.stop()


def render_account(current: Actor) -> None:
    """The sidebar's account box: who is signed in (``gate``'s answer), their role, and signing out."""
    if current is LOCAL:  # no sign-in configured
        return
    with st.sidebar.container(border=True, key="auth:account"):
        st.caption(f"Signed in as **{plain(current.name)}**  \n{plain(current.email)} · {current.role}")
        if st.button("Sign out", key="auth:sign_out", icon=":material/logout:", width="stretch"):
            _sign_out(current)


def _sign_out(current: Actor) -> None:
    from studio.library import library

    try:
        library().record_sign_out(current)
    except StoreError as exc:
        st.error(f"{exc} Your other tabs stay signed in until they are closed.")
    st.session_state.pop(ACTOR_KEY, None)
    st.logout()
    st.stop()

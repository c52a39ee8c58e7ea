"""A studio for a team, in AppTest: the sign-in gate, roles on the Library page, the activity log, private drafts.

``AppTest.user`` stands in for ``st.user`` and ``AppTest.secrets`` for the secrets file; the
real OpenID Connect round trip is in tests/e2e/test_team_sign_in.py.
"""

from __future__ import annotations

import os
from unittest.mock import patch

import pytest
from streamlit.testing.v1 import AppTest

from store import Actor, Library
from studio import auth
from studio import library as studio_library
from tests.app.conftest import ROOT

SUPPORT = {"voice": "coral", "turn_detection": None}
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "studio",
    "client_secret": "studio",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = {"allow": ["example.com"], "editors": ["ada@example.com"], "admins": ["eve@example.com"]}
PEOPLE = {
    "viewer": {"email": "bob@example.com", "name": "Bob"},
    "editor": {"email": "ada@example.com", "name": "Ada *Lovelace*"},
    "admin": {"email": "eve@example.com", "name": "Eve"},
    "stranger": {"email": "mallory@elsewhere.org", "name": "Mallory"},
}


def stored() -> Library:
    return Library(os.environ["STUDIO_DATABASE_URL"])


def studio_as(who: str | None, page: str = "pages/library.py", params: dict[str, str] | None = None) -> AppTest:
    """The studio with sign-in configured, as ``who`` (None: nobody signed in), on ``page``."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["studio"] = {"roles": ROLES}
    at.user = {"is_logged_in": False} if who is None else {"is_logged_in": True, **PEOPLE[who]}
    at.session_state["draft"] = dict(SUPPORT)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "error", "success")
             for e in getattr(at, kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts).replace("\\", "").replace("\u2060", "")


def keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key}


@pytest.mark.parametrize("page", ["pages/library.py", "pages/editor.py", "pages/presets.py", "pages/compare.py"])
def test_without_sign_in_every_page_shows_only_the_sign_in(page: str):
    Library(os.environ["STUDIO_DATABASE_URL"]).save("Secret plans", SUPPORT)
    at = studio_as(None, page)
    text = all_text(at)
    assert "Sign in to continue" in text
    assert "Secret plans" not in text and "Persona library" not in text
    assert keys(at) == {"auth:login:"}
    assert not at.sidebar.button and not at.text_input and not at.selectbox


def test_an_account_not_on_the_list_is_refused_and_can_only_sign_out():
    at = studio_as("stranger")
    assert "This account may not use this studio" in all_text(at)
    assert "mallory@elsewhere.org is not on the studio's list" in all_text(at)
    assert keys(at) == {"auth:logout"}


def test_a_viewer_reads_but_every_change_is_disabled_with_who_can():
    library = stored()
    library.save("Support", SUPPORT, by=Actor("Ada", "ada@example.com", "editor"))
    library.save("Support", {**SUPPORT, "voice": "ash"}, by=Actor("Ada", "ada@example.com", "editor"))
    at = studio_as("viewer")
    at.button(key="lib:open:1").click().run()
    assert "Only editors and admins can save personas; you are signed in as bob@example.com (viewer)" in all_text(at)
    save = at.button(key="lib:save")
    assert save.disabled and "Only editors and admins can save" in save.help
    at.selectbox(key="lib:version").set_value(1).run()
    for key in ("lib:restore_version", "lib:do_rename", "lib:do_duplicate", "lib:do_delete"):
        assert at.button(key=key).disabled, key
    assert "Only editors and admins can rename personas" in at.button(key="lib:do_rename").help
    assert not at.button(key="lib:load").disabled  # reading and loading into a private draft stay open
    assert "Saved by Ada (ada@example.com)" in all_text(at)
    assert "lib:bring_back" not in " ".join(keys(at))


def test_an_editor_saves_and_the_version_and_the_activity_log_name_them_as_text():
    at = studio_as("editor")
    at.text_input(key="lib:name").input("Support").run()
    at.button(key="lib:save").click().run()
    version = stored().version("Support")
    assert (version.author, version.author_email) == ("Ada *Lovelace*", "ada@example.com")
    [account] = [c.value for c in at.caption if "Signed in as" in c.value]
    assert account == "Signed in as **Ada \\*Lovelace\\***  \nada\u2060@example.com · editor"  # the name as text
    markdown = "\n".join(m.value for m in at.markdown)
    assert "**Ada \\*Lovelace\\* \\(ada\u2060@example.com\\)** saved “Support” version 1" in markdown  # as text
    assert at.selectbox(key="lib:version").options[0].endswith("UTC · Ada *Lovelace*")  # a select box shows text


def test_an_admin_sees_deleted_personas_and_brings_one_back():
    library = stored()
    library.save("Support", SUPPORT, by=Actor("Ada", "ada@example.com", "editor"))
    library.delete("Support", by=Actor("Ada", "ada@example.com", "editor"))
    assert "lib:bring_back" not in " ".join(keys(studio_as("editor")))
    at = studio_as("admin")
    assert "deleted by ada@example.com" in all_text(at)
    [bring_back] = [b for b in at.button if (b.key or "").startswith("lib:bring_back:")]
    bring_back.click().run()
    assert [p.name for p in stored().personas()] == ["Support"]
    assert stored().activity()[0].actor_email == "eve@example.com"


def test_an_autosaved_draft_opens_only_for_the_account_that_made_it():
    stored().autosave("ada-private-draft", {"voice": "sage", "instructions": "Ada's secret"},
                      by=Actor("Ada", "ada@example.com", "editor"))  # fmt: skip
    theirs = studio_as("viewer", "pages/editor.py", params={"draft": "ada-private-draft"})
    assert theirs.session_state["draft"] == SUPPORT
    assert theirs.query_params["draft"] != ["ada-private-draft"]
    mine = studio_as("editor", "pages/editor.py", params={"draft": "ada-private-draft"})
    assert mine.session_state["draft"]["instructions"] == "Ada's secret"


def test_without_auth_in_the_secrets_the_local_user_is_an_admin_and_sees_no_sign_in():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["draft"] = dict(SUPPORT)
    at.switch_page("pages/library.py").run()
    assert not at.exception
    assert "auth:sign_out" not in keys(at) and "Sign in" not in all_text(at)
    at.text_input(key="lib:name").input("Support").run()
    at.button(key="lib:save").click().run()
    assert stored().version("Support").author == "local"
    assert "**local** saved “Support” version 1" in "\n".join(m.value for m in at.markdown)


# Each write button of the Library page, the callback it runs, and the refusal it must meet.
WRITES = [
    ("lib:save", lambda state: studio_library._save(state), "save personas"),
    ("lib:restore_version", lambda state: studio_library._restore(state, "Support", 1), "restore an older version"),
    ("lib:do_rename", lambda state: studio_library._rename(state, "Support"), "rename personas"),
    ("lib:do_duplicate", lambda state: studio_library._duplicate(state, "Support"), "duplicate personas"),
    ("lib:do_delete", lambda state: studio_library._delete(state, "Support"), "delete personas"),
]


@pytest.mark.parametrize(("key", "callback", "words"), WRITES, ids=[w[0] for w in WRITES])
def test_a_viewer_forging_a_click_the_page_disabled_changes_nothing(key: str, callback, words: str):
    editor = Actor("Ada", "ada@example.com", "editor")
    stored().save("Support", SUPPORT, by=editor)
    stored().save("Support", {**SUPPORT, "voice": "ash"}, by=editor)
    at = studio_as("viewer")
    at.text_input(key="lib:name").input("Support").run()
    at.button(key="lib:open:1").click().run()
    at.selectbox(key="lib:version").set_value(1).run()
    at.text_input(key="lib:rename").input("Hijacked").run()
    at.text_input(key="lib:copy_name").input("Hijacked copy").run()
    at.checkbox(key="lib:confirm_delete").check().run()
    button = at.button(key=key)
    assert button.disabled
    button._value = True  # AppTest will not click a disabled widget; a forged message sends the trigger anyway
    at.run()
    assert not at.exception
    assert [(p.name, p.count) for p in stored().personas()] == [("Support", 2)]
    assert [a.action for a in stored().activity()] == ["saved", "saved"]
    # Streamlit drops a disabled widget's callback; were it run (a message replayed from an editor's
    # session in the moment a role changes), the library refuses the viewer all the same.
    state = {"draft": dict(SUPPORT), "lib:name": "Support", "lib:rename": "Hijacked", "lib:copy_name": "Copy"}
    with patch.object(auth, "actor", lambda: Actor("Bob", "bob@example.com", "viewer")):
        callback(state)
    kind, text = state[studio_library.FLASH_KEY]
    assert kind == "error" and f"Only editors and admins can {words}; you are signed in as bob@example.com" in text
    assert [(p.name, p.count) for p in stored().personas()] == [("Support", 2)]
    assert [a.action for a in stored().activity()] == ["saved", "saved"]


def test_sign_in_configured_while_a_tab_is_open_gates_its_next_run_and_turned_off_opens_it():
    # The gate asks the secrets afresh at the top of every full run; the page drawn after it
    # reads that answer (auth.GATED_KEY) instead of asking again, so it must never be stale.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["draft"] = dict(SUPPORT)
    at.run()
    assert not at.exception and at.session_state[auth.GATED_KEY] is False
    assert at.title[0].value == "Persona editor"

    at.secrets["auth"] = AUTH
    at.secrets["studio"] = {"roles": ROLES}
    at.user = {"is_logged_in": False}
    at.run()
    assert at.session_state[auth.GATED_KEY] is True
    assert "Sign in to continue" in all_text(at) and "Persona editor" not in all_text(at)
    assert keys(at) == {"auth:login:"}

    at.secrets.pop("auth")
    at.run()
    assert at.session_state[auth.GATED_KEY] is False
    assert at.title[0].value == "Persona editor" and "Sign in" not in all_text(at)

"""A studio for a team in Chromium: Streamlit's own sign-in against a local OpenID Connect provider.

The provider is ``oidc-provider-mock`` on 127.0.0.1 in this process; the studio is a server of its
own started with a secrets file holding ``[auth]`` and ``[studio.roles]`` (the repository's
.streamlit/ has none: without ``[auth]`` the studio asks nobody to sign in). Every journey runs on a
SQLite file and on PostgreSQL (``STUDIO_TEST_POSTGRES_URL``, as .ci/run starts it).

``STUDIO_SCREENSHOTS=1`` also writes the README's picture of the activity log (docs/activity_log.png).
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from itsdangerous import URLSafeTimedSerializer
from playwright.sync_api import Browser, BrowserContext, Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

from store import Actor, Library
from tests.e2e.conftest import StudioPage, wait_for_app
from tests.e2e.test_accessibility import assert_accessible, axe_source  # noqa: F401  (fixture)
from tests.support.databases import postgres_url, wipe
from tests.support.server import free_port, streamlit_server

oidc_provider_mock = pytest.importorskip("oidc_provider_mock")

PEOPLE = {
    "viewer": ("bob-sub", "bob@example.com", "Bob Viewer"),
    "editor": ("ada-sub", "ada@example.com", "Ada Lovelace"),
    "admin": ("eve-sub", "eve@example.com", "Eve Admin"),
}
ADA = Actor("Ada Lovelace", "ada@example.com", "editor")
GRACE = Actor("Grace Hopper", "grace@example.com", "editor")
EVE = Actor("Eve Admin", "eve@example.com", "admin")
DOCS = Path(__file__).resolve().parents[2] / "docs"
COOKIE_SECRET = "a-test-cookie-secret-that-is-long-enough"
SESSION = {"type": "realtime", "instructions": "Greet visitors at the north entrance.", "audio": {}}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The OpenID Connect provider, with the three people of the tests known by name and e-mail."""
    with oidc_provider_mock.run_server_in_thread(port=free_port()) as server:
        url = f"http://127.0.0.1:{server.server_port}"
        for sub, email, name in PEOPLE.values():
            request = urllib.request.Request(
                f"{url}/users/{sub}",
                data=json.dumps({"email": email, "name": name}).encode(),
                headers={"Content-Type": "application/json"},
                method="PUT",
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 204
        yield url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def team(
    request: pytest.FixtureRequest, provider: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A studio with sign-in on: its URL and its library's database URL (a SQLite file, then PostgreSQL)."""
    data = tmp_path_factory.mktemp("team")
    secrets = data / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "studio"\n'
        'client_secret = "studio-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "\n[studio.roles]\n"
        'allow = ["example.com"]\n'
        'editors = ["ada@example.com"]\n'
        'admins = ["eve@example.com"]\n'
    )
    if request.param == "sqlite":
        database = f"sqlite:///{data / 'library.db'}"
    else:
        database = postgres_url()
        wipe(database)
    env = {"STUDIO_DATABASE_URL": database, "STUDIO_DATA_DIR": str(data)}
    log = Path(os.environ.get("STUDIO_E2E_TEAM_LOG", data / "streamlit.log"))
    with streamlit_server("app.py", env=env, log=log, args=["--secrets.files", str(secrets)]) as (url, _process):
        yield url, database
    if request.param == "postgresql":
        wipe(database)


@pytest.fixture
def context(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    """A browser profile of its own for each test: nobody is signed in at first."""
    made = browser.new_context(**browser_context_args)
    yield made
    made.close()


def sign_in(page: Page, base_url: str, who: str) -> None:
    """Open the studio, press "Sign in", pick the person on the provider's page, and wait for the studio."""
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_placeholder("sub").fill(PEOPLE[who][0])
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{base_url}/**")
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(PEOPLE[who][1].replace("@", "\u2060@"))).to_be_visible()


def go_to(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def main(page: Page):
    return page.get_by_test_id("stMain")


def test_before_sign_in_nothing_of_the_library_is_served(
    team: tuple[str, str], context: BrowserContext, axe_source: str  # noqa: F811
):
    url, database = team
    library = Library(database)
    library.save("Secret plans", SESSION, by=ADA)
    library.close()
    page = context.new_page()
    share = "eJyrVkrOzy0pSi0uUbJSUgIALskFxg"  # any ?share= code: a link is not a way in either
    for path in ("", "library", "presets", f"?share={share}", "import_export"):
        page.goto(f"{url}/{path}")
        wait_for_app(page)
        expect(page.get_by_text("Sign in to continue")).to_be_visible()
        expect(page.get_by_text("Secret plans")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(page.get_by_role("button", name="Download JSON")).to_have_count(0)
        expect(page.get_by_text("Opened a shared config")).to_have_count(0)
        expect(main(page).get_by_role("button")).to_have_count(1)  # only "Sign in"
        expect(main(page).get_by_role("button", name="Sign in")).to_be_visible()
        expect(page.get_by_test_id("stSidebar").get_by_role("button")).to_have_count(0)
    assert_accessible(StudioPage(page, url), axe_source, "the sign-in page")


def test_an_editor_saves_and_the_library_names_them(team: tuple[str, str], context: BrowserContext):
    url, _ = team
    page = context.new_page()
    sign_in(page, url, "editor")
    go_to(page, "Library")
    name = main(page).locator(".st-key-lib-name").get_by_role("textbox")
    name.fill("Front desk")
    name.press("Enter")
    wait_for_app(page)
    main(page).get_by_role("button", name="Save as a new persona").click()
    wait_for_app(page)
    expect(page.get_by_text('Created "Front desk" version 1')).to_be_visible()
    expect(main(page).get_by_text("Saved by Ada Lovelace (ada\u2060@example.com)")).to_be_visible()
    page.get_by_text("Activity", exact=True).click()
    expect(main(page).get_by_text("saved “Front desk” version 1")).to_be_visible()


def test_a_viewer_reads_but_cannot_save_rename_or_delete(team: tuple[str, str], context: BrowserContext):
    url, database = team
    library = Library(database)
    library.save("Lobby greeter", SESSION, by=ADA)
    library.close()
    page = context.new_page()
    sign_in(page, url, "viewer")
    go_to(page, "Library")
    expect(main(page).get_by_text("Only editors and admins can save personas")).to_be_visible()
    card = (
        main(page)
        .get_by_test_id("stVerticalBlock")
        .filter(has_text="Lobby greeter")
        .filter(has=page.get_by_role("button", name="Open"))
    )
    card.get_by_role("button", name="Open").last.click()
    wait_for_app(page)
    expect(main(page).get_by_text("Saved by Ada Lovelace")).to_be_visible()
    page.get_by_text("Rename, duplicate or delete").click()
    for label in ("Rename", "Duplicate", "Delete"):
        expect(main(page).get_by_role("button", name=label, exact=True)).to_be_disabled()
    expect(main(page).get_by_role("button", name="Load version 1 into the draft")).to_be_enabled()


def test_an_admin_brings_back_a_deleted_persona(team: tuple[str, str], context: BrowserContext):
    url, database = team
    library = Library(database)
    library.save("Old kiosk", SESSION, by=ADA)
    library.delete("Old kiosk", by=ADA)
    library.close()
    page = context.new_page()
    sign_in(page, url, "admin")
    go_to(page, "Library")
    page.get_by_text("Deleted personas (1)").click()
    expect(main(page).get_by_text("deleted by ada\u2060@example.com")).to_be_visible()
    main(page).get_by_role("button", name="Bring back").first.click()
    wait_for_app(page)
    expect(page.get_by_text('Brought back "Old kiosk"')).to_be_visible()


def open_persona(page: Page, database: str, name: str) -> tuple[str, int, int]:
    """Open a saved persona from the Library page's list (by its card's Open button); return the page's counts."""
    library = Library(database)
    persona_id = library.persona(name).id
    library.close()
    seen = wait_for_app(page)
    main(page).locator(f".st-key-lib-open-{persona_id}").get_by_role("button", name="Open").click()
    seen = wait_for_app(page, seen)
    expect(main(page).get_by_role("heading", name=name, exact=True)).to_be_visible()
    return seen


def test_an_admin_publishes_a_team_preset_and_a_viewer_starts_from_it_but_cannot_publish(
    team: tuple[str, str], context: BrowserContext, browser: Browser, browser_context_args: dict
):
    url, database = team
    library = Library(database)
    library.save("Welcome desk", SESSION, by=ADA, description="Greets visitors")
    library.close()
    admin = context.new_page()
    sign_in(admin, url, "admin")
    go_to(admin, "Library")
    seen = open_persona(admin, database, "Welcome desk")
    admin.get_by_text("Publish as a team preset").click()
    title = main(admin).get_by_label("Preset title")
    title.fill("North entrance greeter")
    title.press("Enter")
    seen = wait_for_app(admin, seen)
    # The button names the title once the run of the Enter is over: only then is the title committed.
    main(admin).get_by_role("button", name="Publish version 1 as the team preset “North entrance greeter”").click()
    wait_for_app(admin, seen)
    expect(admin.get_by_text('Published version 1 of "Welcome desk" as the team preset')).to_be_visible()
    go_to(admin, "Presets")
    group = admin.locator(".st-key-team_presets")
    expect(group.get_by_role("heading", name="Team presets")).to_be_visible()
    expect(group.get_by_role("heading", name="North entrance greeter")).to_be_visible()
    expect(group.get_by_role("button", name="Un-publish")).to_have_count(1)

    viewer_context = browser.new_context(**browser_context_args)
    try:
        viewer = viewer_context.new_page()
        sign_in(viewer, url, "viewer")
        go_to(viewer, "Presets")
        team_group = viewer.locator(".st-key-team_presets")
        expect(team_group.get_by_role("heading", name="North entrance greeter")).to_be_visible()
        expect(team_group.get_by_text("published by Eve Admin")).to_be_visible()
        expect(
            viewer.locator(".st-key-builtin_presets").get_by_role("heading", name="Built-in presets")
        ).to_be_visible()
        expect(viewer.locator(".st-key-builtin_presets").get_by_text("North entrance greeter")).to_have_count(0)
        expect(viewer.get_by_role("button", name="Un-publish")).to_have_count(0)
        team_group.get_by_role("button", name="Start from this").click()
        wait_for_app(viewer)
        expect(viewer.get_by_text('"North entrance greeter" is now your draft')).to_be_visible()
        go_to(viewer, "Editor")
        expect(main(viewer).get_by_test_id("stCode").last).to_contain_text("Greet visitors at the north entrance.")
        go_to(viewer, "Library")
        open_persona(viewer, database, "Welcome desk")
        viewer.get_by_text("Publish as a team preset").click()
        expect(main(viewer).get_by_text("Only admins can manage team presets")).to_be_visible()
        expect(
            main(viewer).get_by_role("button", name="Publish version 1 as the team preset “Welcome desk”")
        ).to_be_disabled()
    finally:
        viewer_context.close()

    group.get_by_role("button", name="Un-publish").click()  # the admin's tab, on its next rerun
    wait_for_app(admin)
    expect(admin.get_by_text('Un-published the team preset "North entrance greeter"')).to_be_visible()
    expect(admin.locator(".st-key-team_presets").get_by_role("heading", name="North entrance greeter")).to_have_count(0)


def test_the_activity_log_names_who_did_what(
    team: tuple[str, str], context: BrowserContext, axe_source: str  # noqa: F811
):
    url, database = team
    library = Library(database)
    library.save("Museum guide", SESSION, by=GRACE, note="first take")
    library.save("Museum guide", {**SESSION, "instructions": "Tell visitors about the east wing."}, by=ADA,
                 note="east wing")  # fmt: skip
    library.rename("Museum guide", "Museum guide (east wing)", by=GRACE)
    library.publish("Museum guide (east wing)", by=EVE)
    library.close()
    page = context.new_page()
    sign_in(page, url, "admin")
    go_to(page, "Library")
    page.get_by_text("Activity", exact=True).click()
    log = main(page).get_by_test_id("stExpander").filter(has_text="Activity")
    expect(
        log.get_by_text("Eve Admin (eve\u2060@example.com) published “Museum guide (east wing)” version 2")
    ).to_be_visible()
    expect(log.get_by_text("Grace Hopper (grace\u2060@example.com) renamed “Museum guide (east wing)”")).to_be_visible()
    expect(log.get_by_text("Ada Lovelace (ada\u2060@example.com) saved “Museum guide” version 2")).to_be_visible()
    assert_accessible(StudioPage(page, url), axe_source, "Library signed in as an admin, activity log open")
    if os.environ.get("STUDIO_SCREENSHOTS") and database.startswith("sqlite"):  # the README's picture
        page.set_viewport_size({"width": 1900, "height": 1600})  # the whole log in view, in a wider column
        wait_for_app(page)
        expect(log.get_by_text("The last", exact=False)).to_be_visible()
        log.scroll_into_view_if_needed()
        log.screenshot(path=str(DOCS / "activity_log.png"))


def test_a_tampered_auth_cookie_is_refused(team: tuple[str, str], context: BrowserContext, browser: Browser,
                                           browser_context_args: dict):  # fmt: skip
    url, _ = team
    page = context.new_page()
    sign_in(page, url, "viewer")
    cookies = context.cookies()
    found = [c for c in cookies if c["name"] == "_streamlit_user"]
    assert len(found) == 1, [c["name"] for c in cookies]
    [cookie] = found
    # Read the viewer's signed cookie without the key, make them an admin, and sign it with a key of our own.
    _, payload = URLSafeTimedSerializer("unknown", salt="_streamlit_user").loads_unsafe(cookie["value"])
    user = json.loads(payload)
    assert user["email"] == "bob@example.com"
    forged = URLSafeTimedSerializer("guessed-secret", salt="_streamlit_user").dumps(
        json.dumps({**user, "email": "eve@example.com", "name": "Eve Admin"})
    )
    parts = [forged]
    other = browser.new_context(**browser_context_args)
    try:
        other.add_cookies([{**cookie, "value": parts[0]}])
        forged_page = other.new_page()
        forged_page.goto(f"{url}/library")
        wait_for_app(forged_page)
        expect(forged_page.get_by_text("Sign in to continue")).to_be_visible()
        expect(forged_page.get_by_text("eve\u2060@example.com")).to_have_count(0)
    finally:
        other.close()


def test_an_expired_auth_cookie_is_refused_and_a_fresh_one_with_the_same_content_is_not(
    team: tuple[str, str], context: BrowserContext, browser: Browser, browser_context_args: dict
):
    url, _ = team
    page = context.new_page()
    sign_in(page, url, "viewer")
    [cookie] = [c for c in context.cookies() if c["name"] == "_streamlit_user"]
    _, payload = URLSafeTimedSerializer("unknown", salt="_streamlit_user").loads_unsafe(cookie["value"])

    def signed(age_seconds: int) -> str:
        """The viewer's own cookie content, signed with the studio's key as if ``age_seconds`` ago."""
        with mock.patch("itsdangerous.timed.time.time", return_value=time.time() - age_seconds):
            return URLSafeTimedSerializer(COOKIE_SECRET, salt="_streamlit_user").dumps(payload)

    # A minute old: accepted (the control); 32 days old: past the 30 days a sign-in lasts, refused.
    for age, accepted in ((60, True), (32 * 24 * 3600, False)):
        other = browser.new_context(**browser_context_args)
        try:
            other.add_cookies([{**cookie, "value": signed(age)}])
            later = other.new_page()
            later.goto(f"{url}/library")
            wait_for_app(later)
            if accepted:
                expect(main(later).get_by_role("heading", name="Persona library")).to_be_visible()
                expect(later.get_by_text("Sign in to continue")).to_have_count(0)
            else:
                expect(later.get_by_text("Sign in to continue")).to_be_visible()
                expect(main(later).get_by_role("heading", name="Persona library")).to_have_count(0)
        finally:
            other.close()


def test_signing_out_ends_access_in_every_open_tab(team: tuple[str, str], context: BrowserContext):
    url, _ = team
    first = context.new_page()
    sign_in(first, url, "editor")
    go_to(first, "Library")
    second = context.new_page()
    second.goto(f"{url}/presets")
    wait_for_app(second)
    expect(second.get_by_test_id("stSidebar").get_by_text("ada\u2060@example.com")).to_be_visible()
    first.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    first.get_by_role("button", name="End session").click()
    first.wait_for_url(f"{url}/**")
    wait_for_app(first)
    expect(first.get_by_text("Sign in to continue")).to_be_visible()
    go_to_anything = second.get_by_test_id("stSidebarNav").get_by_role("link", name="Library")
    go_to_anything.click()  # the other tab's next rerun
    wait_for_app(second)
    expect(second.get_by_text("You signed out")).to_be_visible()
    expect(second.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(second.get_by_text("Persona library")).to_have_count(0)


class Forger:
    """A browser tab whose websocket the test can write to: it forges the messages a click would send.

    Every frame goes through as usual; the server's frames are kept, so the test can read the ids
    the server gave the page's widgets and know when a run it caused has finished.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.frames: list[bytes] = []
        self.server = None
        page.route_web_socket(re.compile(r"/_stcore/stream"), self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()
        self.server = server
        ws.on_message(server.send)

        def from_server(message) -> None:
            if isinstance(message, bytes):
                self.frames.append(message)
            ws.send(message)

        server.on_message(from_server)

    def messages(self) -> list[ForwardMsg]:
        return [ForwardMsg.FromString(frame) for frame in list(self.frames)]

    def widget(self, kind: str, label: str) -> str:
        """The id of the last widget of this kind whose label starts with ``label``."""
        found = [getattr(m.delta.new_element, kind).id for m in self.messages()
                 if m.WhichOneof("type") == "delta" and m.delta.WhichOneof("type") == "new_element"
                 and m.delta.new_element.WhichOneof("type") == kind
                 and getattr(m.delta.new_element, kind).label.startswith(label)]
        assert found, f"no {kind} labelled {label!r} was sent to this tab"
        return found[-1]

    def forge(self, *states: WidgetState) -> None:
        """Send a rerun carrying these widget states, as the page would on a click, and wait for the run."""
        sessions = [m.new_session for m in self.messages() if m.WhichOneof("type") == "new_session"]
        finished = sum(m.WhichOneof("type") == "script_finished" for m in self.messages())
        message = BackMsg(rerun_script=ClientState(
            page_script_hash=sessions[-1].page_script_hash, widget_states=WidgetStates(widgets=list(states))))
        assert self.server is not None
        self.server.send(message.SerializeToString())
        for _ in range(400):  # the run the forged message started has finished (up to 20 s)
            if sum(m.WhichOneof("type") == "script_finished" for m in self.messages()) > finished:
                return
            self.page.wait_for_timeout(50)
        raise AssertionError("the forged message started no run")


def forge_rename_and_delete(tab: Forger, new_name: str) -> None:
    tab.forge(WidgetState(id=tab.widget("text_input", "New name"), string_value=new_name),
              WidgetState(id=tab.widget("button", "Rename"), trigger_value=True))
    confirm = WidgetState(id=tab.widget("checkbox", "Yes, delete"), bool_value=True)
    tab.forge(confirm)  # as a person would: tick the confirmation, then press Delete
    tab.forge(confirm, WidgetState(id=tab.widget("button", "Delete"), trigger_value=True))


def open_in_library(page: Page, name: str) -> None:
    go_to(page, "Library")
    main(page).get_by_role("button", name=f"Open persona: {name}").click()
    wait_for_app(page)
    page.get_by_text("Rename, duplicate or delete").click()
    wait_for_app(page)


def test_a_viewer_forging_an_editors_clicks_on_the_websocket_changes_nothing(
    team: tuple[str, str], context: BrowserContext, browser: Browser, browser_context_args: dict
):
    url, database = team
    library = Library(database)
    library.save("Forge target", SESSION, by=ADA)
    library.close()

    viewer = Forger(context.new_page())
    sign_in(viewer.page, url, "viewer")
    open_in_library(viewer.page, "Forge target")
    expect(main(viewer.page).get_by_role("button", name="Rename", exact=True)).to_be_disabled()
    forge_rename_and_delete(viewer, "Hijacked")
    library = Library(database)
    try:
        names = [p.name for p in library.personas()]
        assert "Forge target" in names and "Hijacked" not in names
        assert not [a for a in library.activity() if a.actor_email == "bob@example.com"]
    finally:
        library.close()

    # The control: the same forged messages from an editor's tab do rename and delete, so the
    # viewer's were well formed and were refused for the role alone.
    other = browser.new_context(**browser_context_args)
    try:
        editor = Forger(other.new_page())
        sign_in(editor.page, url, "editor")
        open_in_library(editor.page, "Forge target")
        forge_rename_and_delete(editor, "Forge target, renamed")
    finally:
        other.close()
    library = Library(database)
    try:
        names = [p.name for p in library.personas()]
        assert "Forge target" not in names and "Forge target, renamed" not in names  # renamed, then deleted
        done = [(a.action, a.persona) for a in library.activity() if a.actor_email == "ada@example.com"][:2]
        assert done == [("deleted", "Forge target, renamed"), ("renamed", "Forge target, renamed")]
    finally:
        library.close()

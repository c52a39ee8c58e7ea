"""The Library page in AppTest: save, find, version, load back, rename, duplicate, delete and undo, errors."""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

from store import Library
from tests.app.conftest import draft, open_studio

KIOSK_DRAFT = {"voice": "coral", "turn_detection": {"type": "server_vad", "threshold": 0.8}}


@pytest.fixture
def library_page(app: AppTest) -> AppTest:
    app.session_state["draft"] = dict(KIOSK_DRAFT)
    app.switch_page("pages/library.py").run()
    assert not app.exception, app.exception
    return app


def stored() -> Library:
    return Library(os.environ["STUDIO_DATABASE_URL"])


def save(at: AppTest, name: str, note: str = "", description: str | None = None, tags: str | None = None) -> None:
    at.text_input(key="lib:name").input(name)
    if description is not None:
        at.text_input(key="lib:description").input(description)
    if tags is not None:
        at.text_input(key="lib:tags").input(tags)
    at.text_input(key="lib:note").input(note).run()
    at.button(key="lib:save").click().run()
    assert not at.exception, at.exception


def texts(elements) -> list[str]:
    return [e.value.replace("\\", "") for e in elements]


def test_saving_the_draft_creates_a_persona_with_its_details_and_builder_answers(library_page: AppTest):
    at = library_page
    at.session_state["persona_builder"] = {"identity": "A museum guide"}
    assert at.button(key="lib:save").label == "Save as a new persona"
    save(at, "Kiosk north hall", note="first try", description="Entrance kiosk", tags="kiosk, noisy")
    assert any('Created "Kiosk north hall" version 1' in t for t in texts(at.success))
    version = stored().version("Kiosk north hall")
    assert (version.number, version.note, version.session) == (1, "first try", KIOSK_DRAFT)
    assert version.extras["persona_builder"] == {"identity": "A museum guide"}
    persona = stored().persona("Kiosk north hall")
    assert (persona.description, persona.tags) == ("Entrance kiosk", ("kiosk", "noisy"))
    assert at.button(key="lib:save").label == "Save as version 2 of “Kiosk north hall”"
    assert at.text_input(key="lib:note").value == ""  # the note belongs to the version just saved
    assert at.selectbox(key="lib:version").value == 1


def test_saving_again_adds_a_version_and_says_when_someone_else_saved_meanwhile(library_page: AppTest):
    at = library_page
    save(at, "Kiosk", note="v1")
    stored().save("Kiosk", {"voice": "ash"}, note="a colleague's change")  # someone else, version 2
    draft(at)["speed"] = 0.9  # an edit: the draft is still the one saved as version 1
    at.run()
    save(at, "Kiosk", note="slower")
    warning = " ".join(texts(at.warning))
    assert "Saved as version 3" in warning and "someone else saved version(s) 2" in warning
    history = stored().versions("Kiosk")
    assert [(v.number, v.note) for v in history] == [(3, "slower"), (2, "a colleague's change"), (1, "v1")]


def test_an_invalid_draft_cannot_be_saved_and_stays_as_typed(library_page: AppTest):
    at = library_page
    at.session_state["draft"] = {"speed": 9}
    at.text_input(key="lib:name").input("Broken").run()
    assert at.button(key="lib:save").disabled
    assert any("fix them in the editor before saving" in t for t in texts(at.warning))
    assert draft(at) == {"speed": 9}
    assert stored().personas() == []


def test_loading_an_older_version_restores_the_draft_and_the_builder_answers(library_page: AppTest):
    at = library_page
    at.session_state["persona_builder"] = {"identity": "First guide"}
    save(at, "Guide", note="one")
    at.session_state["draft"] = {"voice": "ash"}
    at.session_state["persona_builder"] = {"identity": "Second guide"}
    at.run()
    save(at, "Guide", note="two")
    at.selectbox(key="lib:version").set_value(1).run()
    at.button(key="lib:load").click().run()
    assert draft(at) == KIOSK_DRAFT
    assert at.session_state["persona_builder"] == {"identity": "First guide"}
    assert any('Loaded "Guide" version 1 into the draft' in t for t in texts(at.success))
    assert 'opened from "Guide", version 1' in " ".join(c.value for c in at.caption).replace("\\", "")
    # AppTest draws the sidebar only on the default page; the sidebar's undo brings back the draft replaced.
    at.switch_page("pages/editor.py").run()
    at.button(key="sidebar:undo").click().run()
    assert draft(at) == {"voice": "ash"}


def test_search_finds_personas_by_tag_and_open_shows_their_versions(library_page: AppTest):
    at = library_page
    save(at, "Kiosk", tags="museum")
    save(at, "Phone line", tags="support")
    at.text_input(key="lib:search").input("museum").run()
    open_buttons = [b for b in at.button if b.key and b.key.startswith("lib:open:")]
    assert len(open_buttons) == 1
    open_buttons[0].click().run()
    assert at.session_state["lib:selected"] == "Kiosk"
    at.text_input(key="lib:search").input("nothing like this").run()
    assert any("No persona matches" in t for t in texts(at.info))


def test_rename_and_duplicate(library_page: AppTest):
    at = library_page
    save(at, "Kiosk")
    at.text_input(key="lib:rename").input("Kiosk north").run()
    at.button(key="lib:do_rename").click().run()
    assert [p.name for p in stored().personas()] == ["Kiosk north"]
    assert at.button(key="lib:save").label == "Save as version 2 of “Kiosk north”"  # the draft follows the rename
    at.text_input(key="lib:copy_name").input("Kiosk south").run()
    at.button(key="lib:do_duplicate").click().run()
    assert sorted(p.name for p in stored().personas()) == ["Kiosk north", "Kiosk south"]
    at.text_input(key="lib:rename").input("Kiosk north").run()
    at.button(key="lib:do_rename").click().run()
    assert any("already exists" in t for t in texts(at.error))


def test_delete_needs_a_confirmation_and_can_be_undone(library_page: AppTest):
    at = library_page
    save(at, "Kiosk", note="one")
    save(at, "Kiosk", note="two")
    assert at.button(key="lib:do_delete").disabled
    at.checkbox(key="lib:confirm_delete").check().run()
    at.button(key="lib:do_delete").click().run()
    assert stored().personas() == []
    assert any('Deleted "Kiosk" and its 2 version(s)' in t for t in texts(at.info))
    at.button(key="lib:undelete").click().run()
    assert [v.note for v in stored().versions("Kiosk")] == ["two", "one"]
    assert draft(at) == KIOSK_DRAFT


def test_compare_opens_the_compare_page_with_both_versions_chosen(library_page: AppTest):
    at = library_page
    save(at, "Kiosk", note="one")
    draft(at)["voice"] = "sage"
    at.run()
    save(at, "Kiosk", note="two")
    at.selectbox(key="lib:version").set_value(1).run()
    at.selectbox(key="lib:compare_with").set_value(2).run()
    at.button(key="lib:compare").click().run()
    assert [t.value for t in at.title] == ["Compare"]
    assert at.session_state["cmp:left:version"] == 1 and at.session_state["cmp:right:version"] == 2
    table = at.get("html")[0].value
    assert "Voice" in table and "coral" in table and "sage" in table


def test_a_read_only_library_explains_itself_and_keeps_the_draft(tmp_path, monkeypatch):
    path = tmp_path / "shared.db"
    Library(f"sqlite:///{path}").save("Team persona", {"voice": "ash"})
    monkeypatch.setenv("STUDIO_DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    at = open_studio("pages/library.py", {"draft": dict(KIOSK_DRAFT)})
    save(at, "Mine")
    errors = " ".join(texts(at.error))
    assert "read-only" in errors and "Your draft is unchanged" in errors
    assert draft(at) == KIOSK_DRAFT
    assert any(b.key == "lib:open:1" for b in at.button)  # reading still works


def test_a_new_draft_is_no_longer_tied_to_the_persona_it_replaced(library_page: AppTest):
    at = library_page
    save(at, "Kiosk")
    assert "opened from" in " ".join(c.value for c in at.caption)
    at.session_state["draft"] = {"voice": "ash"}  # what "Start a blank draft", a preset or an import do
    at.run()
    assert "opened from" not in " ".join(c.value for c in at.caption)
    save(at, "Kiosk")  # the name is still there, so this adds a version, without a base to check against
    assert [v.number for v in stored().versions("Kiosk")] == [2, 1]

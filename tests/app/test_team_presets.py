"""Team presets in AppTest: an admin publishes a saved version, the Presets page shows it apart from the built-ins.

Without sign-in the local user may do everything; with sign-in (``AppTest.user``) only admins
publish and un-publish. The store refuses anyone else (tests/unit/test_store_team_presets.py).
"""

from __future__ import annotations

from unittest.mock import patch

import pytest
from streamlit.testing.v1 import AppTest

from session_model.presets import by_id, presets
from store import Actor
from studio import auth, team_presets
from studio import library as studio_library
from tests.app.conftest import open_studio
from tests.app.test_team import PEOPLE, all_text, keys, stored, studio_as

ADA = Actor("Ada", "ada@example.com", "editor")
EVE = Actor("Eve", "eve@example.com", "admin")
WARM = {
    "type": "realtime",
    "instructions": "Welcome guests at the front desk, warmly.",
    "audio": {"output": {"voice": "cedar"}},
}
BUILDER = {"persona_builder": {"identity": "Front desk host"}, "persona_builder_mode": "free"}


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def team_buttons(at: AppTest, kind: str) -> list[str]:
    return sorted(b.key for b in at.button if (b.key or "").startswith(f"team:{kind}:"))


def test_without_sign_in_the_local_user_publishes_a_version_from_the_library():
    stored().save("Front desk", {"voice": "ash"}, by=ADA, description="Greets guests")
    stored().save("Front desk", WARM, by=ADA)
    at = open_studio("pages/library.py", state={"draft": {"voice": "coral"}})
    at.button(key="lib:open:1").click().run()
    at.selectbox(key="lib:version").set_value(1).run()
    publish = at.button(key="lib:publish")
    assert publish.label == "Publish version 1 as the team preset “Front desk”" and not publish.disabled
    at.text_input(key="lib:preset_title").input("Desk, *calm*").run()
    assert at.button(key="lib:publish").label == "Publish version 1 as the team preset “Desk, \\*calm\\*”"
    at.button(key="lib:publish").click().run()
    assert not at.exception
    [preset] = stored().team_presets()
    assert (preset.title, preset.description, preset.version, preset.published_by) == (
        "Desk, *calm*",
        "Greets guests",
        1,
        "local",
    )
    assert 'Published version 1 of "Front desk" as the team preset "Desk, *calm*"' in all_text(at)
    assert "Version 1 is the team preset “Desk, \\*calm\\*”" in "\n".join(c.value for c in at.caption)
    markdown = "\n".join(m.value for m in at.markdown)
    assert '**local** published “Front desk” version 1 (as the team preset "Desk, \\*calm\\*")' in markdown


def test_the_presets_page_shows_team_presets_and_built_in_presets_apart():
    stored().save("Front desk", WARM, by=ADA, description="Greets guests")
    stored().publish("Front desk", title="Front desk, warm", by=EVE)
    at = open_studio("pages/presets.py")
    assert subheaders(at) == ["Team presets", "Built-in presets"]
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[0] == "#### Front desk, warm"  # the team's group comes first
    assert headings[1:] == [f"#### {p.name}" for p in presets()]
    assert team_buttons(at, "start") == ["team:start:1"]
    assert len([b for b in at.button if (b.key or "").startswith("gallery:start:")]) == len(presets())
    captions = "\n".join(c.value for c in at.caption).replace("\\", "")
    assert "“Front desk” version 1 · published by Eve on" in captions
    assert "cedar" in captions


def test_starting_from_a_team_preset_loads_it_like_a_built_in_one_and_can_be_undone():
    stored().save("Front desk", WARM, by=ADA, extras=BUILDER)
    stored().publish("Front desk", by=EVE)
    at = open_studio("pages/presets.py", state={"draft": {"voice": "ash"}})
    at.button(key="team:start:1").click().run()
    assert not at.exception
    assert at.session_state["draft"] == WARM
    assert at.session_state["persona_builder"]["identity"] == "Front desk host"
    assert at.session_state["persona_builder_mode"] == "free"
    assert '"Front desk" is now your draft. Open the editor to adjust it, or undo from the sidebar.' in [
        s.value for s in at.main.success
    ]
    at.session_state["draft"]["instructions"] = "changed"  # editing the draft leaves the preset as it was
    assert stored().team_presets()[0].session == WARM
    at.switch_page("pages/editor.py").run()
    at.button(key="sidebar:undo").click().run()
    assert at.session_state["draft"] == {"voice": "ash"}


def test_a_built_in_preset_still_starts_as_before_beside_team_presets():
    stored().save("Front desk", WARM, by=ADA)
    stored().publish("Front desk", by=EVE)
    at = open_studio("pages/presets.py")
    at.button(key="gallery:start:walkie_talkie").click().run()
    assert at.session_state["draft"] == by_id("walkie_talkie").session


def test_a_viewer_sees_team_presets_but_cannot_publish_or_unpublish():
    stored().save("Front desk", WARM, by=ADA)
    stored().publish("Front desk", title="Front desk, warm", by=EVE)
    presets_page = studio_as("viewer", "pages/presets.py")
    assert subheaders(presets_page) == ["Team presets", "Built-in presets"]
    assert "#### Front desk, warm" in [m.value for m in presets_page.markdown]
    assert team_buttons(presets_page, "start") == ["team:start:1"]
    assert team_buttons(presets_page, "unpublish") == []
    presets_page.button(key="team:start:1").click().run()
    assert presets_page.session_state["draft"] == WARM  # a viewer's own draft: theirs to edit
    library_page = studio_as("viewer")
    library_page.button(key="lib:open:1").click().run()
    publish = library_page.button(key="lib:publish")
    assert publish.disabled
    assert publish.help == "Only admins can manage team presets; you are signed in as bob@example.com (viewer)."
    assert "Only admins can manage team presets" in all_text(library_page)


def test_an_editor_cannot_publish_either():
    stored().save("Front desk", WARM, by=ADA)
    at = studio_as("editor")
    at.button(key="lib:open:1").click().run()
    assert at.button(key="lib:publish").disabled
    assert "Only admins can manage team presets; you are signed in as ada@example.com (editor)" in all_text(at)


def test_an_admin_publishes_and_unpublishes_and_the_activity_log_names_them():
    stored().save("Front desk", WARM, by=ADA)
    at = studio_as("admin")
    at.button(key="lib:open:1").click().run()
    at.text_input(key="lib:preset_description").input("For the lobby").run()
    at.button(key="lib:publish").click().run()
    [preset] = stored().team_presets()
    assert (preset.title, preset.description, preset.published_by_email) == (
        "Front desk",
        "For the lobby",
        "eve@example.com",
    )
    at.switch_page("pages/presets.py").run()
    assert team_buttons(at, "unpublish") == ["team:unpublish:1"]
    at.button(key="team:unpublish:1").click().run()
    assert stored().team_presets() == []
    assert 'Un-published the team preset "Front desk". Version 1 of "Front desk" stays in the library.' in [
        s.value for s in at.success
    ]
    assert "No team presets yet. You can publish a saved version from the Library page." in all_text(at)
    assert [(a.action, a.actor_email) for a in stored().activity()[:2]] == [
        ("unpublished", "eve@example.com"),
        ("published", "eve@example.com"),
    ]


def test_a_preset_unpublished_meanwhile_is_not_loaded_and_the_draft_is_unchanged():
    stored().save("Front desk", WARM, by=ADA)
    preset = stored().publish("Front desk", by=EVE)
    at = open_studio("pages/presets.py", state={"draft": {"voice": "ash"}})
    stored().unpublish(preset, by=EVE)  # in another tab, before this one clicks
    at.button(key="team:start:1").click().run()
    assert at.session_state["draft"] == {"voice": "ash"}
    assert [e.value for e in at.error] == [
        "That team preset is no longer published; an admin may have un-published it. Your draft is unchanged."
    ]
    assert team_buttons(at, "start") == []


def test_with_no_team_presets_a_viewer_is_told_who_publishes():
    at = studio_as("viewer", "pages/presets.py")
    assert "No team presets yet. Admins publish a saved version from the Library page." in all_text(at)
    assert "auth:sign_out" in keys(at)


@pytest.mark.parametrize("who", ["viewer", "editor"])
def test_a_forged_publish_or_unpublish_click_changes_nothing(who: str):
    stored().save("Front desk", WARM, by=ADA)
    at = studio_as(who)
    at.button(key="lib:open:1").click().run()
    button = at.button(key="lib:publish")
    assert button.disabled
    button._value = True  # AppTest will not click a disabled widget; a forged message sends the trigger anyway
    at.run()
    assert not at.exception
    assert stored().team_presets() == []
    assert [a.action for a in stored().activity()] == ["saved"]
    preset = stored().publish("Front desk", by=EVE)
    assert team_buttons(studio_as(who, "pages/presets.py"), "unpublish") == []
    # Were the callbacks run anyway (Streamlit drops a disabled widget's), the library refuses them.
    actor = Actor(PEOPLE[who]["name"], PEOPLE[who]["email"], who)  # type: ignore[arg-type]
    state: dict = {}
    with patch.object(auth, "actor", lambda: actor):
        studio_library._publish(state, "Front desk", 1)
        team_presets.unpublish(state, preset.id)
    refusal = f"Only admins can manage team presets; you are signed in as {actor.email} ({who})."
    assert state[studio_library.FLASH_KEY] == ("error", f"{refusal} Your draft is unchanged.")
    assert state[team_presets.NOTICE_KEY] == ("error", refusal)
    assert stored().team_presets() == [preset]
    assert [a.action for a in stored().activity()] == ["published", "saved"]

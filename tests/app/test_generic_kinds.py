"""Every kind the renderer knows, on a smart-home configuration: nothing Realtime about it.

The model mixes unions of constants, open text and models, lists of text, name -> value
maps, a list of two kinds of device, settings hoisted out of nested objects into sections,
and a setting the hub cannot use. Widgets are found by the key their path gives them.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import unescape, widget_keys


def home_app() -> None:
    import json
    from typing import Annotated, Literal

    import streamlit as st
    from pydantic import BaseModel, ConfigDict, Field

    from form.hints import UI
    from form.messages import validate
    from form.render import FormCtx, render_form

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    class Schedule(Strict):
        type: Literal["schedule"] = "schedule"
        start: str = "07:00"
        """When the day starts."""

    class Away(Strict):
        type: Literal["away"] = "away"
        days: Annotated[int, Field(ge=1)] = 1

    class ChimeFile(Strict):
        id: str
        """The id of an uploaded sound."""

    class RoomFilter(Strict):
        names: list[str] | None = None
        read_only: bool | None = None

    class Lamp(Strict):
        kind: Literal["lamp"] = "lamp"
        name: str
        brightness: Annotated[float, Field(ge=0, le=1)] = 0.5

    class Speaker(Strict):
        kind: Literal["speaker"] = "speaker"
        room: str
        volume: Annotated[int, Field(ge=0, le=10)] = 5

    class Heating(Strict):
        target: Annotated[float, Field(ge=5, le=30), UI(section="Climate")] = 20.0
        """Temperature to keep, in degrees."""
        boost: Annotated[Away | None, UI(section="Climate", null_label="No boost")] = None

    class Lights(Strict):
        scene: Annotated[Literal["day", "night"], UI(section="Lights")] = None
        dim: Annotated[float, Field(ge=0, le=1), UI(section="Lights")] = None

    class Fan(Strict):
        speed: int = 1

    class Climate(Strict):
        heating: Heating = None
        lights: Lights = None
        fan: Fan = None

    class Home(Strict):
        name: Annotated[str, UI(section="House")] = None
        """What the hub calls this home."""
        mode: Annotated[
            Literal["auto", "off", "eco"] | Annotated[Schedule | Away, Field(discriminator="type")] | None,
            UI(section="House", null_label="Manual"),
        ] = None
        chime: Annotated[
            Literal["ding", "dong"] | Annotated[str, Field(min_length=1)] | ChimeFile,
            UI(section="House", variant_labels=(("str", "Named chime"), ("ChimeFile", "Uploaded sound"))),
        ] = None
        legacy_pin: Annotated[int, UI(section="House", unavailable="Hub v2 has no PIN pad.")] = 1234
        rooms: Annotated[
            list[str] | RoomFilter, UI(section="Access", variant_labels=(("list", "Rooms"), ("RoomFilter", "Filter")))
        ] = None
        languages: Annotated[
            list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(max_length=3), UI(section="Access")
        ] = None
        """Two-letter language codes."""
        labels: Annotated[dict[str, str], UI(section="Access")] = None
        """Names and values shown on the hub's screen."""
        devices: Annotated[
            list[Annotated[Lamp | Speaker, Field(discriminator="kind")]],
            UI(section="Devices", summary="name|room"),
        ] = []
        climate: Climate = None
        eco: Annotated[bool, UI(section="Climate")] = None

    st.session_state.setdefault("home", {})
    home, problems = validate(Home, st.session_state["home"])
    form = FormCtx(st.session_state, "home", "h", problems)
    render_form(form, Home)
    unshown = form.json_problems()
    st.code("valid" if home is not None and not unshown else "invalid")
    st.code(json.dumps([p.message for p in problems + unshown]))


def open_home(draft: dict | None = None) -> AppTest:
    at = AppTest.from_function(home_app, default_timeout=30)
    if draft is not None:
        at.session_state["home"] = draft
    at.run()
    assert not at.exception, at.exception
    return at


def home(at: AppTest) -> dict:
    return at.session_state["home"]


def verdict(at: AppTest) -> str:
    return at.code[-2].value


def messages(at: AppTest) -> list[str]:
    import json

    return json.loads(at.code[-1].value)


def test_sections_hold_the_hoisted_fields_in_order():
    at = open_home()
    assert [unescape(e.label).strip("*") for e in at.expander] == [
        "House",
        "Access",
        "Devices",
        "Climate",
        "Lights",
        "Other settings",
    ]
    keys = widget_keys(at)
    assert {
        "h.climate.heating.target:slider",
        "h.climate.heating.boost:presence",
        "h.climate.lights.scene",
        "h.climate.lights.dim:slider",
        "h.climate.fan:presence",
        "h.eco",
    } <= keys
    assert at.radio(key="h.climate.fan:presence").label == "Climate › Fan"
    assert home(at) == {}


def test_multi_literal_union_offers_each_value_and_each_model():
    at = open_home()
    radio = at.radio(key="h.mode:presence")
    assert radio.options == ["Not set", "Manual", "auto", "off", "eco", "schedule", "away"]
    radio.set_value("eco").run()
    assert home(at) == {"mode": "eco"}
    at.radio(key="h.mode:presence").set_value("schedule").run()
    assert home(at) == {"mode": {"type": "schedule"}}
    at.text_input(key="h.mode.start").input("06:30").run()
    at.radio(key="h.mode:presence").set_value("away").run()
    assert home(at) == {"mode": {"type": "away"}}
    at.number_input(key="h.mode.days").set_value(3).run()
    at.radio(key="h.mode:presence").set_value("schedule").run()
    assert home(at) == {"mode": {"type": "schedule", "start": "06:30"}}
    at.radio(key="h.mode:presence").set_value("away").run()
    assert home(at) == {"mode": {"type": "away", "days": 3}}
    at.radio(key="h.mode:presence").set_value("__null__").run()
    assert home(at) == {"mode": None}
    assert verdict(at) == "valid"


def test_literal_text_and_model_union_keeps_the_open_choice_and_the_object():
    at = open_home()
    assert at.radio(key="h.chime:presence").options == ["Not set", "Named chime", "Uploaded sound"]
    at.radio(key="h.chime:presence").set_value("str").run()
    assert home(at) == {"chime": "ding"}
    assert at.selectbox(key="h.chime:pick").options == ["ding", "dong", "Custom…"]
    at.selectbox(key="h.chime:pick").set_value("Custom…").run()
    at.text_input(key="h.chime:custom").input("bell").run()
    assert home(at) == {"chime": "bell"}
    at.radio(key="h.chime:presence").set_value("ChimeFile").run()
    assert home(at) == {"chime": {}}
    assert verdict(at) == "invalid"  # an uploaded sound needs its id
    at.text_input(key="h.chime.id").input("snd_42").run()
    assert home(at) == {"chime": {"id": "snd_42"}}
    at.radio(key="h.chime:presence").set_value("str").run()
    assert home(at) == {"chime": "bell"}
    assert at.text_input(key="h.chime:custom").value == "bell"
    at.radio(key="h.chime:presence").set_value("ChimeFile").run()
    assert home(at) == {"chime": {"id": "snd_42"}}
    assert verdict(at) == "valid"


def test_imported_values_open_the_variant_they_belong_to():
    at = open_home({"chime": {"id": "snd_1"}, "rooms": ["hall"], "mode": "off"})
    assert at.radio(key="h.chime:presence").value == "ChimeFile"
    assert at.radio(key="h.rooms:presence").value == "list"
    assert at.radio(key="h.mode:presence").value == "off"
    at = open_home({"chime": "dong", "rooms": {"names": ["hall"]}, "mode": {"type": "away", "days": 2}})
    assert at.radio(key="h.chime:presence").value == "str"
    assert at.selectbox(key="h.chime:pick").value == "dong"
    assert at.radio(key="h.rooms:presence").value == "RoomFilter"
    assert at.radio(key="h.mode:presence").value == "away"
    assert at.number_input(key="h.mode.days").value == 2


def test_list_or_model_union_switches_and_restores_the_list():
    at = open_home()
    assert at.radio(key="h.rooms:presence").options == ["Not set", "Rooms", "Filter"]
    at.radio(key="h.rooms:presence").set_value("list").run()
    assert home(at) == {"rooms": []}
    at.multiselect(key="h.rooms").set_value(["kitchen", "hall"]).run()
    assert home(at) == {"rooms": ["kitchen", "hall"]}
    at.radio(key="h.rooms:presence").set_value("RoomFilter").run()
    assert home(at) == {"rooms": {}}
    at.toggle(key="h.rooms.read_only").set_value(True).run()
    assert home(at) == {"rooms": {"read_only": True}}
    at.radio(key="h.rooms:presence").set_value("list").run()
    assert home(at) == {"rooms": ["kitchen", "hall"]}
    assert at.multiselect(key="h.rooms").value == ["kitchen", "hall"]
    at.radio(key="h.rooms:presence").set_value("RoomFilter").run()
    assert home(at) == {"rooms": {"read_only": True}}


def test_string_list_takes_new_entries_and_validates_each():
    at = open_home()
    languages = at.multiselect(key="h.languages")
    assert languages.options == []
    assert languages.max_selections == 3
    languages.set_value(["en", "fr"]).run()
    assert home(at) == {"languages": ["en", "fr"]}
    assert at.multiselect(key="h.languages").options == ["en", "fr"]
    assert verdict(at) == "valid"
    at.multiselect(key="h.languages").set_value(["en", "fr", "english"]).run()
    assert home(at) == {"languages": ["en", "fr", "english"]}
    assert verdict(at) == "invalid"
    assert any("Languages › item 3" in m for m in messages(at))
    at.multiselect(key="h.languages").set_value([]).run()
    assert home(at) == {"languages": []}
    at.button(key="h.languages:reset").click().run()
    assert home(at) == {}


def test_pairs_add_edit_remove_and_keep_clashing_rows():
    at = open_home()
    at.button(key="h.labels:add").click().run()
    assert home(at) == {"labels": {}}
    at.text_input(key="h.labels.0:name").input("floor").run()
    at.text_input(key="h.labels.0:value").input("2").run()
    assert home(at) == {"labels": {"floor": "2"}}
    at.button(key="h.labels:add").click().run()
    at.text_input(key="h.labels.1:name").input("floor").run()
    at.text_input(key="h.labels.1:value").input("3").run()
    assert home(at) == {"labels": {"floor": "2"}}  # the last good map
    assert at.text_input(key="h.labels.1:name").value == "floor"
    assert at.text_input(key="h.labels.1:value").value == "3"
    assert verdict(at) == "invalid"
    expected = 'Labels: the name "floor" is used in more than one row; keep only one of them.'
    assert expected + " Your rows are kept; fix them to apply them." in messages(at)
    assert any(expected in unescape(e.value) for e in at.error)
    at.text_input(key="h.labels.1:name").input("wing").run()
    assert home(at) == {"labels": {"floor": "2", "wing": "3"}}
    assert verdict(at) == "valid"
    at.button(key="h.labels.0:remove").click().run()
    assert home(at) == {"labels": {"wing": "3"}}
    assert at.text_input(key="h.labels.0:name").value == "wing"
    assert at.text_input(key="h.labels.0:value").value == "3"
    at.button(key="h.labels:add").click().run()
    at.text_input(key="h.labels.1:value").input("orphan").run()
    assert verdict(at) == "invalid"
    assert "Labels: row 2 has a value but no name; give it a name or remove the row." in " ".join(messages(at))
    at.button(key="h.labels.1:remove").click().run()
    assert verdict(at) == "valid"
    at.button(key="h.labels:reset").click().run()
    assert home(at) == {}


def test_imported_pairs_show_as_rows():
    at = open_home({"labels": {"a": "1", "b": "2"}})
    assert [at.text_input(key=f"h.labels.{i}:name").value for i in (0, 1)] == ["a", "b"]
    assert [at.text_input(key=f"h.labels.{i}:value").value for i in (0, 1)] == ["1", "2"]


def test_discriminated_list_adds_each_kind_and_draws_it_with_its_model():
    at = open_home()
    assert {"h.devices:add:lamp", "h.devices:add:speaker"} <= widget_keys(at)
    assert at.button(key="h.devices:add:lamp").label == "Add lamp"
    at.button(key="h.devices:add:lamp").click().run()
    at.text_input(key="h.devices.0.name").input("Desk").run()
    at.button(key="h.devices:add:speaker").click().run()
    at.text_input(key="h.devices.1.room").input("Kitchen").run()
    at.number_input(key="h.devices.1.volume").set_value(7).run()
    assert home(at) == {
        "devices": [{"kind": "lamp", "name": "Desk"}, {"kind": "speaker", "room": "Kitchen", "volume": 7}]
    }
    assert "h.devices.1.brightness:slider" not in widget_keys(at)
    rows = [unescape(m.value) for m in at.markdown if m.value.startswith(("1.", "2."))]
    assert rows == ["1. **Desk**", "2. **Kitchen**"]
    at.button(key="h.devices.1:up").click().run()
    assert [d["kind"] for d in home(at)["devices"]] == ["speaker", "lamp"]
    at.button(key="h.devices.0:remove").click().run()
    assert home(at) == {"devices": [{"kind": "lamp", "name": "Desk"}]}
    assert verdict(at) == "valid"


def test_hoisted_fields_create_their_objects_and_reset_removes_the_empty_ones():
    at = open_home()
    at.slider(key="h.climate.heating.target:slider").set_value(22.5).run()
    assert home(at) == {"climate": {"heating": {"target": 22.5}}}
    at.radio(key="h.climate.lights.scene").set_value("night").run()
    assert home(at) == {"climate": {"heating": {"target": 22.5}, "lights": {"scene": "night"}}}
    assert verdict(at) == "valid"
    at.button(key="h.climate.heating.target:reset").click().run()
    assert home(at) == {"climate": {"lights": {"scene": "night"}}}
    at.button(key="h.climate.lights.scene:reset").click().run()
    assert home(at) == {}


def test_reset_keeps_an_object_the_user_turned_on():
    at = open_home()
    at.radio(key="h.climate.heating.boost:presence").set_value("__on__").run()
    assert home(at) == {"climate": {"heating": {"boost": {"type": "away"}}}}
    at.slider(key="h.climate.heating.target:slider").set_value(18.0).run()
    at.button(key="h.climate.heating.target:reset").click().run()
    assert home(at) == {"climate": {"heating": {"boost": {"type": "away"}}}}
    at.radio(key="h.climate.heating.boost:presence").set_value("__null__").run()
    assert home(at) == {"climate": {"heating": {"boost": None}}}
    at.radio(key="h.climate.heating.boost:presence").set_value("__unset__").run()
    assert home(at) == {}


def test_problems_of_a_hoisted_object_count_in_its_section():
    at = open_home({"climate": {"heating": {"target": 40}, "lights": {"colour": "red"}}})
    titles = {unescape(e.label) for e in at.expander}
    assert "**Climate**  :red-badge[1 to fix]" in titles
    assert "**Lights**  :red-badge[1 to fix]" in titles
    errors = [unescape(e.value) for e in at.error]
    assert any(m.startswith("Target must be between 5 and 30") for m in errors)
    assert any('"colour" is not a known setting' in m for m in errors)


def test_unavailable_field_is_disabled_shows_its_default_and_why():
    at = open_home()
    pin = at.number_input(key="h.legacy_pin")
    assert pin.disabled
    assert pin.value == 1234
    assert "Hub v2 has no PIN pad." in [unescape(c.value).split(" ", 1)[1] for c in at.caption]
    assert at.button(key="h.legacy_pin:reset").disabled
    assert home(at) == {}


def test_unavailable_field_with_an_imported_value_can_be_removed():
    at = open_home({"legacy_pin": 99})
    assert at.number_input(key="h.legacy_pin").value == 99
    assert at.number_input(key="h.legacy_pin").disabled
    message = "Legacy pin is not available: Hub v2 has no PIN pad. Remove the value (↺) to continue."
    assert message in [unescape(e.value) for e in at.error]
    at.run()
    assert verdict(at) == "invalid"
    assert message in messages(at)
    at.button(key="h.legacy_pin:reset").click().run()
    assert home(at) == {}
    assert verdict(at) == "valid"


@pytest.mark.parametrize(
    ("draft", "option"),
    [({"mode": "eco"}, "eco"), ({"mode": {"type": "schedule"}}, "schedule"), ({"mode": None}, "__null__")],
)
def test_mode_selector_reads_the_draft(draft, option):
    at = open_home(draft)
    assert at.radio(key="h.mode:presence").value == option

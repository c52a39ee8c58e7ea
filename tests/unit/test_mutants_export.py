"""The export policy, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module export`` measures it.

An export is JSON values whatever the session was built from; ``dumps`` keeps text as UTF-8;
each schema call hands out its own copy; and a field a model cannot carry leaves the schema
wherever the model sits (the top level or ``$defs``) and whether or not it was required.
"""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, TypeAdapter

from form.hints import UI
from session_model import export
from session_model.export import dumps, export_session, session_json_schema, unavailable_fields
from session_model.ga import GARealtimeSession, GATranscriptionSession
from session_model.models import RealtimeSession


def test_a_session_built_in_python_exports_json_values():
    # A tool schema may carry any keyword; one built in Python may hold a tuple, which JSON writes as a list.
    tool = {"type": "function", "name": "pick", "parameters": {"type": "object", "x-order": ("size", "colour")}}
    exported = export_session(RealtimeSession.model_validate({"tools": [tool]}))
    assert exported["tools"][0]["parameters"]["x-order"] == ["size", "colour"]
    assert exported == json.loads(json.dumps(exported))


def test_dumps_keeps_text_as_written_with_a_two_space_indent():
    assert dumps({"instructions": "Grüße, Ünïcödé ☕"}) == '{\n  "instructions": "Grüße, Ünïcödé ☕"\n}'


def test_each_schema_call_hands_out_its_own_copy():
    first = session_json_schema()
    first["$defs"]["AudioOutput"]["properties"]["speed"]["maximum"] = 99
    first["oneOf"].clear()
    second = session_json_schema()
    assert second["$defs"]["AudioOutput"]["properties"]["speed"]["maximum"] == 1.5
    assert len(second["oneOf"]) == 2


def test_null_defaults_go_at_every_depth_of_a_schema():
    schema = {
        "properties": {"a": {"default": None}, "b": {"default": 1}},
        "$defs": {"Inner": {"properties": {"c": {"default": None, "type": "string"}}}},
        "anyOf": [{"properties": {"d": {"default": None}}}],
    }
    export._drop_null_defaults(schema)
    assert schema == {
        "properties": {"a": {}, "b": {"default": 1}},
        "$defs": {"Inner": {"properties": {"c": {"type": "string"}}}},
        "anyOf": [{"properties": {"d": {}}}],
    }


def test_temperature_is_the_one_field_the_current_api_cannot_carry():
    assert unavailable_fields(GARealtimeSession) == ("temperature",)
    assert unavailable_fields(GATranscriptionSession) == ()
    assert unavailable_fields(RealtimeSession) == ()


class Booth(BaseModel):
    """A toy model whose unavailable field is required, so it sits in the schema's ``required`` list."""

    name: str
    legacy: Annotated[str, UI(unavailable="gone from the API")]


class Hall(BaseModel):
    """A toy model that holds a Booth, so the Booth's schema is in ``$defs``."""

    booth: Booth
    old: Annotated[int, UI(unavailable="gone")] = 0


def test_an_unavailable_field_leaves_a_top_level_model_and_its_required_list():
    schema = Booth.model_json_schema()
    assert schema["required"] == ["name", "legacy"]  # pydantic lists it: the case being pinned
    export._drop_unavailable(schema, (Booth,))
    assert set(schema["properties"]) == {"name"}
    assert schema["required"] == ["name"]


def test_an_unavailable_field_leaves_a_model_in_defs_and_a_missing_model_is_skipped():
    schema = Hall.model_json_schema()
    export._drop_unavailable(schema, (GARealtimeSession, Hall, Booth))  # GARealtimeSession is not in it
    assert set(schema["properties"]) == {"booth"}
    assert set(schema["$defs"]["Booth"]["properties"]) == {"name"}
    assert schema["$defs"]["Booth"]["required"] == ["name"]


def test_a_schema_without_defs_properties_or_required_lists_is_left_alone():
    schema = {"title": "Booth", "type": "object"}
    export._drop_unavailable(schema, (Booth,))
    assert schema == {"title": "Booth", "type": "object"}
    adapter_schema = TypeAdapter(int).json_schema()
    export._drop_unavailable(adapter_schema, (Booth,))
    assert adapter_schema == {"type": "integer"}


class Kiosk(BaseModel):
    """A toy model that cannot carry ``name``; it is not in a Booth's schema."""

    name: Annotated[str, UI(unavailable="gone")] = ""


def test_a_model_that_is_not_in_the_schema_takes_nothing_out_of_it():
    schema = Booth.model_json_schema()
    export._drop_unavailable(schema, (Kiosk, Booth))
    assert set(schema["properties"]) == {"name"}
    assert schema["required"] == ["name"]

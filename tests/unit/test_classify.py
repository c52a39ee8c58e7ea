"""Type -> widget kind, as a table; and bounds and hints read from the annotations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field

from form.classify import classify
from form.hints import UI
from form.introspect import field_specs, type_spec
from session_model import RealtimeSession
from session_model.models import ServerVad


class Inner(BaseModel):
    x: int = 0


class A(BaseModel):
    type: Literal["a"]


class B(BaseModel):
    type: Literal["b"]


KINDS = [
    (Annotated[float, Field(ge=0, le=1)], "slider"),
    (float, "number"),
    (Annotated[float, Field(ge=0)], "number"),
    (Annotated[int, Field(ge=0, le=10)], "number"),
    (Annotated[int, Field(ge=0, le=10), UI(step=1)], "slider"),
    (Annotated[int, Field(ge=0), UI(step=50, slider_max=3000)], "slider"),
    (int, "number"),
    (str, "text"),
    (Annotated[str, UI(widget="textarea")], "textarea"),
    (bool, "toggle"),
    (Literal["x"], "const"),
    (Literal["low", "medium", "high"], "segmented"),
    (Literal["a", "b", "c", "d", "e"], "select"),
    (Literal["x", "y"] | str, "open_choice"),
    (list[Literal["text", "audio"]], "multiselect"),
    (list[Inner], "model_list"),
    (list[int], "json"),
    (dict[str, Any], "json"),
    (Inner, "model"),
    (Inner | None, "model"),
    (Annotated[A | B, Field(discriminator="type")] | None, "variants"),
    (Literal["auto"] | Inner, "variants"),
    (Annotated[int, Field(ge=1)] | Literal["inf"], "variants"),
    (set[int], "json"),  # unknown shapes fall back to a visible JSON editor
]


@pytest.mark.parametrize(("annotation", "kind"), KINDS, ids=[str(k) + "->" + v for k, v in KINDS])
def test_annotation_maps_to_widget_kind(annotation, kind):
    assert classify(type_spec(annotation)) == kind


def test_optional_union_offers_off_choice_and_keeps_discriminator_tags():
    spec = type_spec(Annotated[A | B, Field(discriminator="type")] | None)
    assert spec.nullable
    assert [v.tag for v in spec.variants] == ["a", "b"]


BOUNDS = [
    (Annotated[float, Field(ge=0.6, le=1.2)], {"ge": 0.6, "le": 1.2}),
    (Annotated[int, Field(ge=5000, le=30000)] | None, {"ge": 5000, "le": 30000}),
    (Annotated[str, Field(pattern=r"^[a-z]{2}$")], {"pattern": r"^[a-z]{2}$"}),
    (Annotated[list[int], Field(min_length=1)], {"min_length": 1}),
]


@pytest.mark.parametrize(("annotation", "bounds"), BOUNDS)
def test_bounds_are_read_through_optional_and_annotated(annotation, bounds):
    assert type_spec(annotation).bounds == bounds


def test_session_fields_read_their_help_labels_and_hints_from_the_model():
    specs = {s.name: s for s in field_specs(RealtimeSession)}
    assert specs["temperature"].label == "Temperature"
    assert "0.8" in specs["temperature"].help
    assert specs["temperature"].type.bounds == {"ge": 0.6, "le": 1.2}
    assert specs["temperature"].ui.section == "Persona"
    assert specs["turn_detection"].type.nullable
    assert [v.tag for v in specs["turn_detection"].type.variants] == ["server_vad", "semantic_vad"]
    assert [v.tag for v in specs["tracing"].type.variants] == ["auto", "custom"]
    assert specs["voice"].type.open_choices


def test_every_session_field_has_help_and_a_known_widget_kind():
    known = {"slider", "number", "text", "textarea", "toggle", "const", "segmented", "select", "open_choice",
             "multiselect", "model_list", "json", "model", "variants"}
    for spec in field_specs(RealtimeSession):
        assert spec.help, spec.name
        assert classify(spec.type) in known, spec.name
    for spec in field_specs(ServerVad):
        assert spec.help, spec.name

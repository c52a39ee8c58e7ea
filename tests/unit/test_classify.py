"""Type -> widget kind, as a table; and bounds and hints read from the annotations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Discriminator, Field, Tag

from form.classify import classify
from form.hints import UI
from form.introspect import Variant, field_specs, type_spec
from form.sections import sections
from form.unions import active_variant
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


# ---- unions that mix kinds, lists of text, maps, lists of several models ---------------------------


class Ratio(BaseModel):
    type: Literal["ratio"] = "ratio"
    ratio: float = 0.5


class FileId(BaseModel):
    id: str


class Filter(BaseModel):
    names: list[str] | None = None


def _function_or_file(value: Any) -> str:
    return "function" if isinstance(value, dict) and "name" in value else "file"


class Fn(BaseModel):
    name: str


NEW_KINDS = [
    (list[str], "string_list"),
    (Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]], Field(max_length=3)], "string_list"),
    (list[str] | None, "string_list"),
    (list[Literal["a", "b"]], "multiselect"),
    (dict[str, str], "pairs"),
    (dict[str, str] | None, "pairs"),
    (dict[str, Any], "json"),
    (dict[str, int], "json"),
    (dict[int, str], "json"),
    (list[Annotated[A | B, Field(discriminator="type")]], "model_list"),
    (list[Annotated[Annotated[Fn, Tag("function")] | Annotated[FileId, Tag("file")], Discriminator(_function_or_file)]],
     "model_list"),
    (Literal["auto", "none", "required"] | Annotated[A | B, Field(discriminator="type")], "variants"),
    (Literal["auto", "disabled"] | Ratio, "variants"),
    (Literal["x", "y"] | Annotated[str, Field(min_length=1)] | FileId, "variants"),
    (list[str] | Filter, "variants"),
]


@pytest.mark.parametrize(("annotation", "kind"), NEW_KINDS, ids=[str(k) + "->" + v for k, v in NEW_KINDS])
def test_new_annotations_map_to_widget_kinds(annotation, kind):
    assert classify(type_spec(annotation)) == kind


def _describe(variant: Variant) -> str:
    if variant.model is not None:
        return f"model {variant.model.__name__}"
    if variant.scalar is not None and variant.scalar.open_choices:
        return f"open {'/'.join(variant.scalar.choices)} {variant.scalar.bounds}"
    if variant.scalar is not None:
        item = variant.scalar.item.base.__name__ if variant.scalar.item else ""
        return f"{variant.scalar.base.__name__}[{item}]" if item else variant.scalar.base.__name__
    return f"const {variant.const}"


VARIANTS = [
    (
        Literal["auto", "none", "required"] | Annotated[A | B, Field(discriminator="type")],
        [("auto", "const auto"), ("none", "const none"), ("required", "const required"), ("a", "model A"),
         ("b", "model B")],
    ),
    (
        Literal["auto", "disabled"] | Ratio | None,
        [("auto", "const auto"), ("disabled", "const disabled"), ("ratio", "model Ratio")],
    ),
    (
        Literal["x", "y"] | Annotated[str, Field(min_length=1)] | FileId,
        [("str", "open x/y {'min_length': 1}"), ("FileId", "model FileId")],
    ),
    (list[str] | Filter, [("list", "list[str]"), ("Filter", "model Filter")]),
    (Annotated[int, Field(ge=1)] | Literal["inf"], [("int", "int"), ("inf", "const inf")]),
]


@pytest.mark.parametrize(("annotation", "expected"), VARIANTS, ids=[e[0][0] for _, e in VARIANTS])
def test_union_members_become_variants_with_tags(annotation, expected):
    spec = type_spec(annotation)
    assert [(v.tag, _describe(v)) for v in spec.variants] == expected


def test_variant_labels_come_from_the_hint_by_tag():
    spec = type_spec(
        Annotated[Literal["x"] | str | FileId, UI(variant_labels=(("str", "Named"), ("FileId", "Uploaded")))]
    )
    assert [v.label for v in spec.variants] == ["Named", "Uploaded"]


TOOL_CHOICE = type_spec(Literal["auto", "none"] | Annotated[A | B, Field(discriminator="type")] | None)
VOICE = type_spec(Literal["x", "y"] | Annotated[str, Field(min_length=1)] | FileId)
ALLOWED = type_spec(list[str] | Filter)
TRACED = type_spec(
    Annotated[Annotated[Fn, Tag("function")] | Annotated[FileId, Tag("file")], Discriminator(_function_or_file)]
)

ACTIVE = [
    (TOOL_CHOICE, "none", "none"),
    (TOOL_CHOICE, {"type": "b"}, "b"),
    (TOOL_CHOICE, {"type": "c"}, None),
    (TOOL_CHOICE, None, None),
    (VOICE, "x", "str"),
    (VOICE, "my-own", "str"),
    (VOICE, {"id": "v1"}, "FileId"),
    (VOICE, 3, None),
    (ALLOWED, ["a"], "list"),
    (ALLOWED, {"names": ["a"]}, "Filter"),
    (TRACED, {"name": "f"}, "function"),
    (TRACED, {"id": "x"}, "file"),
]


@pytest.mark.parametrize(("spec", "value", "tag"), ACTIVE)
def test_active_variant_recognises_each_kind_of_value(spec, value, tag):
    variant = active_variant(spec, value)
    assert (variant.tag if variant else None) == tag


class Heat(BaseModel):
    target: Annotated[float, UI(section="Climate")] = None
    fixed: Literal["heat"] = "heat"
    note: str = None


class Light(BaseModel):
    scene: Annotated[str, UI(section="Lights")] = None


class Plain(BaseModel):
    speed: int = 1


class Climate(BaseModel):
    heat: Heat = None
    light: Light = None
    plain: Plain = None
    off: Annotated[Heat | None, UI(section="Climate")] = None


class House(BaseModel):
    name: Annotated[str, UI(section="House")] = None
    climate: Climate = None
    required_climate: Climate
    nullable_climate: Climate | None = None


def test_sections_hoist_fields_out_of_transparent_objects():
    assert [(title, [".".join(e.path) for e in entries]) for title, entries in sections(House)] == [
        ("House", ["name"]),
        ("Climate", ["climate.heat.target", "climate.off"]),
        ("Other settings", ["climate.heat.note", "climate.plain", "required_climate", "nullable_climate"]),
        ("Lights", ["climate.light.scene"]),
    ]
    entries = {".".join(e.path): e for _, group in sections(House) for e in group}
    assert entries["climate.heat.note"].spec.label == "Climate › Heat › Note"
    assert entries["climate.heat.target"].spec.label == "Target"
    assert entries["climate.heat.target"].containers == (Climate, Heat)
    assert classify(entries["climate.plain"].spec.type) == "model"

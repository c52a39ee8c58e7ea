"""Hypothesis strategies for session configs, derived from the model's own field specs.

Types, bounds, choices, variants and nullability come from ``form.introspect`` (the
same specs that draw the form), so a new field or a changed bound changes what is
generated. Only what the specs cannot say is written here: tool parameters are JSON
Schema objects, prompt variables are text or content objects, tool names are unique,
and a tool choice that is not a mode names a defined tool.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from form.introspect import FieldSpec, Path, TypeSpec, field_specs
from session_model import RealtimeSession
from session_model.models import PROMPT_CONTENT_TYPES, TOOL_CHOICE_MODES

# Text a persona designer might type: any printable character (including markup and
# other scripts), line breaks, and sometimes the characters that break naive escaping.
TRICKY = ["<script>alert(1)</script>", "**bold**", "[x](javascript:alert(1))", "\\", "\n", '"', "${x}", "&amp;"]
_chars = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be text; the loader refuses them
TEXT = st.one_of(st.text(_chars, max_size=40), st.lists(st.sampled_from(TRICKY), min_size=1, max_size=3).map("".join))
KEYS = st.text(st.characters(min_codepoint=0x61, max_codepoint=0x7A), min_size=1, max_size=8)

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False), TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=8,
)

_PROPERTY_SCHEMAS = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "number", "boolean"])}),
    st.fixed_dictionaries({"type": st.just("string"), "enum": st.lists(TEXT, min_size=1, max_size=3, unique=True)}),
    st.fixed_dictionaries({"type": st.just("string")}, optional={"description": TEXT}),
)
JSON_SCHEMA_OBJECTS = st.fixed_dictionaries(
    {"type": st.just("object")},
    optional={
        "properties": st.dictionaries(KEYS, _PROPERTY_SCHEMAS, max_size=3),
        "additionalProperties": st.booleans(),
    },
).map(lambda schema: {**schema, "required": sorted(schema["properties"])[:1]} if schema.get("properties") else schema)
PROMPT_VARIABLES = st.dictionaries(
    KEYS,
    st.one_of(TEXT, st.fixed_dictionaries({"type": st.sampled_from(PROMPT_CONTENT_TYPES), "text": TEXT})),
    max_size=3,
)

# Values the specs cannot describe, by field name within their model.
SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "FunctionTool.parameters": JSON_SCHEMA_OBJECTS,
    "PromptReference.variables": PROMPT_VARIABLES,
}


def _number(spec: TypeSpec, integer: bool) -> st.SearchStrategy[Any]:
    low = spec.bounds.get("ge")
    high = spec.bounds.get("le")
    if integer:
        low = 0 if low is None else low
        return st.integers(low, high if high is not None else low + 10**6)
    low = -1e6 if low is None else low
    high = 1e6 if high is None else high
    # A mix of "typed" values (two decimals, as a person enters them) and arbitrary floats.
    typed = st.integers(math.ceil(low * 100), math.floor(high * 100)).map(lambda n: n / 100)
    return st.one_of(typed, st.floats(low, high, allow_nan=False, allow_infinity=False))


def _text(spec: TypeSpec) -> st.SearchStrategy[str]:
    if "pattern" in spec.bounds:
        return st.from_regex(spec.bounds["pattern"], fullmatch=True)
    low = spec.bounds.get("min_length", 0)
    high = min(spec.bounds.get("max_length", 200), 200)
    free = st.one_of(st.text(_chars, min_size=low, max_size=min(high, 40)), TEXT.map(lambda t: t or "x"))
    if spec.choices:
        return st.one_of(st.sampled_from(spec.choices), free) if spec.open_choices else st.sampled_from(spec.choices)
    return free


def value_of(spec: TypeSpec, owner: str = "") -> st.SearchStrategy[Any]:
    """Valid values of a type spec (``owner`` is "Model.field", for the special cases)."""
    if owner in SPECIAL:
        base = SPECIAL[owner]
    elif spec.variants:
        options = []
        for variant in spec.variants:
            if variant.model is not None:
                options.append(model_dicts(variant.model))
            elif variant.scalar is not None:
                options.append(value_of(variant.scalar))
            else:
                options.append(st.just(variant.const))
        base = st.one_of(options)
    elif isinstance(spec.base, type) and issubclass(spec.base, BaseModel):
        base = model_dicts(spec.base)
    elif spec.base is list and spec.item is not None:
        unique = bool(spec.item.choices)  # a list of choices is a set: no repeats
        base = st.lists(
            value_of(spec.item),
            min_size=spec.bounds.get("min_length", 0),
            max_size=len(spec.item.choices) if unique else 3,
            unique=unique,
        )
    elif spec.base is dict:
        base = st.dictionaries(KEYS, JSON_VALUES, max_size=3)
    elif spec.choices and not spec.open_choices:
        base = st.sampled_from(spec.choices)
    elif spec.base is bool:
        base = st.booleans()
    elif spec.base is int:
        base = _number(spec, integer=True)
    elif spec.base is float:
        base = _number(spec, integer=False)
    elif spec.base is str:
        base = _text(spec)
    else:
        raise NotImplementedError(f"no strategy for {spec.base!r} ({owner})")
    return st.one_of(st.none(), base) if spec.nullable else base


def model_dicts(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON-shaped dicts valid for a model: required fields always, each optional one maybe."""
    required = {s.name: value_of(s.type, f"{model.__name__}.{s.name}") for s in field_specs(model) if s.required}
    optional = {s.name: value_of(s.type, f"{model.__name__}.{s.name}") for s in field_specs(model) if not s.required}
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def sessions(draw: st.DrawFn) -> dict[str, Any]:
    """A valid flat session config: any subset of fields, nested variants, tools and nulls."""
    data = draw(model_dicts(RealtimeSession))
    if "tools" in data:
        seen: set[str] = set()
        data["tools"] = [t for t in data["tools"] if not (t["name"] in seen or seen.add(t["name"]))]
        for tool in data["tools"]:
            if draw(st.booleans()):
                tool["type"] = "function"  # exports always say it; inputs sometimes leave it out
    if "tool_choice" in data and data["tool_choice"] not in TOOL_CHOICE_MODES:
        names = [t["name"] for t in data.get("tools", [])]
        data["tool_choice"] = draw(st.sampled_from([*TOOL_CHOICE_MODES, *names]))
    return data


def expected_export(data: dict[str, Any]) -> dict[str, Any]:
    """What the export of a valid input must be: the input itself, with every tool saying its type."""
    out = dict(data)
    if "tools" in out:
        out["tools"] = [{"type": "function", **tool} for tool in out["tools"]]
    return out


def fields_in(data: dict[str, Any], model: type[BaseModel] = RealtimeSession, path: Path = ()) -> list[
    tuple[Path, FieldSpec]
]:
    """Every field a config sets, with its spec, walking into nested groups, variants and tools."""
    found: list[tuple[Path, FieldSpec]] = []
    for spec in field_specs(model):
        if spec.name not in data:
            continue
        here = (*path, spec.name)
        found.append((here, spec))
        value = data[spec.name]
        nested = _model_of(spec.type, value)
        if nested is not None and isinstance(value, dict):
            found += fields_in(value, nested, here)
        elif spec.type.item is not None and isinstance(value, list):
            item_model = spec.type.item.base
            if isinstance(item_model, type) and issubclass(item_model, BaseModel):
                for index, item in enumerate(value):
                    found += fields_in(item, item_model, (*here, index))
    return found


def _model_of(spec: TypeSpec, value: Any) -> type[BaseModel] | None:
    if isinstance(spec.base, type) and issubclass(spec.base, BaseModel):
        return spec.base
    for variant in spec.variants:
        if variant.model is not None and isinstance(value, dict):
            tag = next((s.type.choices[0] for s in field_specs(variant.model) if s.name == "type"), None)
            if tag is None or value.get("type") == tag:
                return variant.model
    return None

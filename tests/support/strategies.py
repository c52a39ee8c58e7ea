"""Hypothesis strategies for session configs of every target, derived from the model's own field specs.

Types, bounds, patterns, choices, variants, list lengths and nullability come from
``form.introspect`` (the same specs that draw the form), so a new field or a changed
bound changes what is generated, for the flat session and the GA sessions alike. A
field the model marks ``UI(unavailable=...)`` (GA temperature) is never generated.
Only what the specs cannot say is written here, as data: tool parameters are JSON
Schema objects, prompt variables are text or content objects, MCP header values are
``${NAME}`` placeholders, an MCP server is reached exactly one way (``ONE_OF``); and
two rules read from the specs' own hints: a field others point at with
``choices_from`` ("tools.name") is an identifier, so unique in its list, and a field
with ``choices_from`` names a value that exists (or one of its own fixed choices).

``mutated(model, configs)`` makes one field of a valid config wrong and says which
path the refusal must name.
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any, Literal

from hypothesis import strategies as st
from pydantic import BaseModel

from form.introspect import FieldSpec, Path, TypeSpec, field_specs, spec_by_name
from session_model import RealtimeSession
from session_model.ga import GARealtimeSession, GATranscriptionSession

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
# A prompt variable is text or an input content object, each with its own keys (the API
# reference's ResponseInputText / ResponseInputImage / ResponseInputFile).
_CONTENT = st.one_of(
    st.fixed_dictionaries({"type": st.just("input_text"), "text": TEXT}),
    st.fixed_dictionaries(
        {"type": st.just("input_image"), "detail": st.sampled_from(["low", "high", "auto"])},
        optional={"image_url": st.just("https://example.com/a.png"), "file_id": st.just("file-abc123")},
    ),
    st.fixed_dictionaries(
        {"type": st.just("input_file")},
        optional={"file_id": st.just("file-abc123"), "file_url": st.just("https://example.com/a.pdf"),
                  "filename": st.just("a.pdf")},
    ),
)
PROMPT_VARIABLES = st.dictionaries(KEYS, st.one_of(TEXT, _CONTENT), max_size=3)

# A credential is a reference, never a value: ``${NAME}``, or a scheme word before it
# ("Bearer ${TOKEN}") for a header (the API reference's examples; HOUSE_STYLE "Credentials").
ENV_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,15}", fullmatch=True)
PLACEHOLDERS = ENV_NAMES.map(lambda name: "${" + name + "}")
HEADER_VALUES = st.one_of(PLACEHOLDERS, st.tuples(st.sampled_from(["Bearer", "Basic", "Token"]), PLACEHOLDERS).map(
    " ".join
))
HEADER_NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True)

# Values the specs cannot describe, by field name within their model.
SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "FunctionTool.parameters": JSON_SCHEMA_OBJECTS,
    "PromptReference.variables": PROMPT_VARIABLES,
    "McpTool.headers": st.dictionaries(HEADER_NAMES, HEADER_VALUES, max_size=3),
}
# Model validators the specs cannot show: exactly one of these fields is set, by model name.
ONE_OF: dict[str, tuple[str, ...]] = {"McpTool": ("server_url", "connector_id", "tunnel_id")}


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
        # A list of plain values is a set (languages, keywords, tool names, options): no repeats.
        unique = spec.item.base in (str, int, float, Literal) and not spec.item.variants
        high = min(spec.bounds.get("max_length", 3), len(spec.item.choices) if spec.item.choices else 3)
        base = st.lists(value_of(spec.item), min_size=spec.bounds.get("min_length", 0), max_size=high, unique=unique)
    elif spec.base is dict:
        values = JSON_VALUES if spec.item is None or spec.item.base is Any else value_of(spec.item)
        base = st.dictionaries(KEYS, values, max_size=3)
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
    return st.one_of(st.none(), base, base) if spec.nullable else base  # null one time in three


# An optional field is set two times in three (deep groups get filled); it shrinks to unset.
PRESENT = st.sampled_from([False, True, True])


@st.composite
def _object(
    draw: st.DrawFn, required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> dict[str, Any]:
    out = {name: draw(value) for name, value in required.items()}
    out.update({name: draw(value) for name, value in optional.items() if draw(PRESENT)})
    return out


def generated_fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields a valid config of the model may set: all but those it marks unavailable."""
    return tuple(s for s in field_specs(model) if s.ui.unavailable is None)


def model_dicts(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON-shaped dicts valid for a model: required fields always, each optional one maybe."""
    one_of = ONE_OF.get(model.__name__, ())
    specs = [s for s in generated_fields(model) if s.name not in one_of]
    required = {s.name: value_of(s.type, f"{model.__name__}.{s.name}") for s in specs if s.required}
    optional = {s.name: value_of(s.type, f"{model.__name__}.{s.name}") for s in specs if not s.required}
    base = _object(required, optional)
    if not one_of:
        return base
    ways = [
        value_of(s.type, f"{model.__name__}.{s.name}").map(lambda v, name=s.name: {name: v})
        for s in generated_fields(model)
        if s.name in one_of
    ]
    return st.builds(lambda data, way: {**data, **way}, base, st.one_of(ways))


def references(model: type[BaseModel], seen: frozenset[type] = frozenset()) -> set[str]:
    """Every ``choices_from`` path ("tools.name") a model's fields point at, at any depth."""
    found: set[str] = set()
    for spec in field_specs(model):
        for tspec in _specs_within(spec.type):
            if tspec.ui.choices_from:
                found.add(tspec.ui.choices_from)
            for nested in _models_within(tspec):
                if nested not in seen and nested is not model:
                    found |= references(nested, seen | {model})
    return found


def _specs_within(spec: TypeSpec) -> list[TypeSpec]:
    inner = [spec, *([spec.item] if spec.item else [])]
    return inner + [v.scalar for s in inner for v in s.variants if v.scalar is not None]


def _models_within(spec: TypeSpec) -> list[type[BaseModel]]:
    models = [v.model for v in spec.variants if v.model is not None]
    return models + ([spec.base] if isinstance(spec.base, type) and issubclass(spec.base, BaseModel) else [])


def _unique_identifiers(data: dict[str, Any], paths: set[str]) -> None:
    """Keep the first item of a list for each value of an identifier that ``choices_from`` points at."""
    for path in sorted(paths):
        list_name, key = path.split(".")
        items = data.get(list_name)
        if not isinstance(items, list):
            continue
        seen: set[Any] = set()
        data[list_name] = [i for i in items if key not in i or not (i[key] in seen or seen.add(i[key]))]


def _resolve_references(draw: st.DrawFn, data: dict[str, Any], model: type[BaseModel]) -> None:
    """Make each ``choices_from`` field name a value that exists; with none to name, pick a fixed choice."""
    for path, spec in fields_in(data, model):
        source = spec.type.ui.choices_from
        if not source:
            continue
        value = _get(data, path)
        if value in spec.type.choices:  # a fixed choice of its own ("auto"): names nothing
            continue
        list_name, key = source.split(".")
        available = [i[key] for i in data.get(list_name) or [] if isinstance(i, dict) and key in i]
        if not available and not spec.type.choices:
            available = _add_referenced_item(draw, data, model, list_name, key)
        if available or spec.type.choices:
            _put(data, path, draw(st.sampled_from([*spec.type.choices, *available])))
            continue
        # Nothing to name: the top-level field holding the reference takes one of its fixed values, or goes.
        top = spec_by_name(model, str(path[0]))
        fixed = [v.const for v in top.type.variants if v.is_const] if top else []
        if fixed:
            data[path[0]] = draw(st.sampled_from(fixed))
        else:
            del data[path[0]]


def _add_referenced_item(draw: st.DrawFn, data: dict[str, Any], model: type[BaseModel], list_name: str,
                         key: str) -> list[Any]:
    """Add an item that has the identifier a reference needs (an MCP server for a forced MCP choice)."""
    holder = spec_by_name(model, list_name)
    if holder is None or holder.type.item is None:
        return []
    kinds = [m for m in _models_within(holder.type.item) if spec_by_name(m, key) is not None]
    if not kinds:
        return []
    item = draw(model_dicts(kinds[0]))
    if key not in item:
        return []
    data[list_name] = [*(data.get(list_name) or []), item]
    return [item[key]]


@st.composite
def configs(draw: st.DrawFn, model: type[BaseModel]) -> dict[str, Any]:
    """A valid config of a model: any subset of fields, nested variants, tools, references and nulls."""
    data = draw(model_dicts(model))
    _unique_identifiers(data, references(model))
    _resolve_references(draw, data, model)
    return data


def sessions() -> st.SearchStrategy[dict[str, Any]]:
    """A valid flat (beta) session config."""
    return configs(RealtimeSession)


def realtime_sessions() -> st.SearchStrategy[dict[str, Any]]:
    """A valid GA voice-agent session (``type: "realtime"``)."""
    return configs(GARealtimeSession)


def transcription_sessions() -> st.SearchStrategy[dict[str, Any]]:
    """A valid GA speech-to-text session (``type: "transcription"``)."""
    return configs(GATranscriptionSession)


def ga_sessions() -> st.SearchStrategy[dict[str, Any]]:
    """A valid GA session of either type (realtime more often: it has far more fields)."""
    return st.one_of(realtime_sessions(), realtime_sessions(), transcription_sessions())


def expected_export(data: dict[str, Any]) -> dict[str, Any]:
    """What the export of a valid input must be: the input itself, with every function tool saying its type.

    The API reference gives a tool's ``type`` as required, so exports always write it.
    """
    out = dict(data)
    if "tools" in out:
        out["tools"] = [{"type": "function", **tool} for tool in out["tools"]]
    return out


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _put(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


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
            for index, item in enumerate(value):
                item_model = _model_of(spec.type.item, item)
                if item_model is not None and isinstance(item, dict):
                    found += fields_in(item, item_model, (*here, index))
    return found


def _model_of(spec: TypeSpec, value: Any) -> type[BaseModel] | None:
    """The model a value is validated as: the field's own, or the union variant its ``type`` tag names."""
    if isinstance(spec.base, type) and issubclass(spec.base, BaseModel):
        return spec.base
    if not isinstance(value, dict):
        return None
    for variant in spec.variants:
        if variant.model is None:
            continue
        tag = spec_by_name(variant.model, "type")
        if tag is None or value.get("type") == tag.type.choices[0] or ("type" not in value and not tag.required):
            return variant.model
    return None


# ---- one field made wrong ------------------------------------------------------------------------


def _bounds(spec: TypeSpec) -> dict[str, Any]:
    if spec.bounds.get("ge") is not None or spec.bounds.get("le") is not None:
        return spec.bounds
    for variant in spec.variants:
        if variant.scalar is not None and variant.scalar.base in (int, float):
            return variant.scalar.bounds
    return {}


def _numeric_base(spec: TypeSpec) -> type | None:
    if spec.base in (int, float):
        return spec.base
    return next((v.scalar.base for v in spec.variants if v.scalar is not None and v.scalar.base in (int, float)), None)


def _accepted_types(spec: TypeSpec) -> set[type]:
    """The JSON value types a spec accepts (JSON has one number type, so a float field takes 5)."""
    if spec.variants:
        found: set[type] = set()
        for variant in spec.variants:
            if variant.model is not None:
                found.add(dict)
            elif variant.scalar is not None:
                found |= _accepted_types(variant.scalar)
            else:
                found.add(type(variant.const))
        return found
    if hasattr(spec.base, "model_fields"):
        return {dict}
    if spec.choices:
        return {str}
    return {spec.base, int} if spec.base is float else {spec.base}


def _wrong_values(spec: TypeSpec) -> list[Any]:
    """JSON values of a type the spec does not accept (null too, unless null means "off")."""
    candidates: list[Any] = ["some text", 5, 2.5, True, [1], {"x": 1}] + ([] if spec.nullable else [None])
    accepted = _accepted_types(spec)
    return [v for v in candidates if v is None or type(v) not in accepted]


def _near_miss(name: str, known: set[str], draw: st.DrawFn) -> str:
    spellings = {name[:-1], name + "s", name.replace("_", ""), name.capitalize(), name[1:] + name[0], "x_" + name}
    return draw(st.sampled_from(sorted(s for s in spellings if s and s not in known)))


def _has_choices(spec: TypeSpec) -> bool:
    fixed = bool(spec.choices) and not spec.open_choices
    return fixed or bool(spec.item and spec.item.choices) or any(v.const is not None for v in spec.variants)


def _misses(pattern: str) -> list[str]:
    """Texts that do not match a pattern, among mistakes a person makes (a literal token, a capital, a space)."""
    candidates = ["sk-live-abc123", "EN", "e", "en-US", "has space", "$NAME", "{NAME}", "ftp://x", "http://", ""]
    return [c for c in candidates if not re.fullmatch(pattern.removeprefix("^").removesuffix("$"), c)]


@st.composite
def mutated(
    draw: st.DrawFn, model: type[BaseModel], valid: st.SearchStrategy[dict[str, Any]]
) -> tuple[dict[str, Any], Path, str]:
    """A valid config with one field made wrong; returns it, the path to blame, and the kind of mistake.

    Kinds: a value of the wrong JSON type, a number out of bounds, a value outside a fixed
    list of choices, a text not matching the field's pattern, and an unknown key (a near miss
    of a real name, placed beside it).
    """
    data = draw(valid)
    top_absent = [((s.name,), s) for s in generated_fields(model) if s.name not in data]
    fields = [(p, s) for p, s in fields_in(data, model) if s.ui.unavailable is None] + top_absent
    by_kind = {
        "type": fields,
        "unknown_key": fields,
        "range": [(p, s) for p, s in fields if _bounds(s.type)],
        "enum": [(p, s) for p, s in fields if _has_choices(s.type)],
        "pattern": [(p, s) for p, s in fields if "pattern" in s.type.bounds],
    }
    kind = draw(st.sampled_from([k for k, found in by_kind.items() if found]))
    path, spec = draw(st.sampled_from(by_kind[kind]))
    tspec = spec.type
    bad = copy.deepcopy(data)
    blame = path
    if kind == "type":
        _put(bad, path, draw(st.sampled_from(_wrong_values(tspec))))
    elif kind == "range":
        bounds, base = _bounds(tspec), _numeric_base(tspec)
        side = draw(st.sampled_from([s for s in ("ge", "le") if bounds.get(s) is not None]))
        step = draw(st.integers(1, 1000)) if base is int else draw(st.sampled_from([0.01, 0.5, 3.0, 1e6]))
        _put(bad, path, bounds[side] - step if side == "ge" else bounds[side] + step)
    elif kind == "enum":
        if tspec.item is not None:
            _put(bad, path, ["not_a_choice"])
            blame = (*path, 0)
        else:
            _put(bad, path, draw(st.sampled_from(["not_a_choice", "Auto", "PCM16", "function "])))
    elif kind == "pattern":
        _put(bad, path, draw(st.sampled_from(_misses(tspec.bounds["pattern"]))))
    else:
        parent = _get(bad, path[:-1])
        siblings = set(parent) | {s.name for s in field_specs(model)}
        key = _near_miss(str(path[-1]), siblings, draw)
        parent[key] = 1
        blame = (*path[:-1], key)
    return bad, blame, kind


def blamed(blame: Path, paths: set[Path]) -> bool:
    """A refusal names the mutated field (a wrong ``type`` tag may be blamed on the object it tags)."""
    return blame in paths or (blame[-1] == "type" and blame[:-1] in paths)

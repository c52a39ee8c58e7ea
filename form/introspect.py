"""Read a pydantic model's fields into plain specs: type, bounds, choices, variants, help.

Pure and cached: a model class is introspected once per process. Nothing here knows
which model it is reading.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union

import annotated_types as at
from pydantic import BaseModel, Discriminator, Tag
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from form.hints import UI

NO_DEFAULT: Any = PydanticUndefined
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Variant:
    """One alternative of a union: a nested model, a constant, or a plain scalar type."""

    tag: str
    label: str
    model: type[BaseModel] | None = None
    const: Any = None
    scalar: TypeSpec | None = None

    @property
    def is_const(self) -> bool:
        return self.model is None and self.scalar is None


@dataclass(frozen=True)
class TypeSpec:
    """What a value may be, after unwrapping ``Annotated`` and ``X | None``."""

    base: Any  # float, int, str, bool, list, dict, a BaseModel subclass, Literal, "union"
    nullable: bool = False
    bounds: dict[str, Any] = field(default_factory=dict)
    choices: tuple[Any, ...] = ()  # Literal values
    open_choices: bool = False  # Literal values are suggestions; any string is accepted
    variants: tuple[Variant, ...] = ()
    item: TypeSpec | None = None  # for lists
    ui: UI = UI()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model as the form needs it."""

    name: str
    label: str
    help: str
    type: TypeSpec
    required: bool
    default: Any

    @property
    def ui(self) -> UI:
        return self.type.ui

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT and self.default is not None


_BOUND_ATTRS = {
    at.Ge: "ge",
    at.Le: "le",
    at.Gt: "gt",
    at.Lt: "lt",
    at.MinLen: "min_length",
    at.MaxLen: "max_length",
    at.MultipleOf: "multiple_of",
}


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


def _collect(metadata: list[Any], bounds: dict[str, Any], uis: list[UI]) -> None:
    for item in metadata:
        if isinstance(item, UI):
            uis.append(item)
        elif isinstance(item, FieldInfo):
            if item.discriminator is not None:
                bounds["discriminator"] = item.discriminator
            _collect(item.metadata, bounds, uis)
        elif isinstance(item, Discriminator):
            bounds["discriminator"] = item
        elif type(item) in _BOUND_ATTRS:
            name = _BOUND_ATTRS[type(item)]
            bounds[name] = getattr(item, name)
        elif hasattr(item, "pattern") and getattr(item, "pattern", None):
            bounds["pattern"] = item.pattern
        elif hasattr(item, "min_length") or hasattr(item, "max_length"):
            for name in ("min_length", "max_length"):
                if getattr(item, name, None) is not None:
                    bounds[name] = getattr(item, name)


def _strip_annotated(tp: Any, bounds: dict[str, Any], uis: list[UI]) -> tuple[Any, str | None]:
    """Remove ``Annotated`` layers, collecting bounds, UI hints and a ``Tag``."""
    tag = None
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        for meta in args[1:]:
            if isinstance(meta, Tag):
                tag = meta.tag
        _collect(list(args[1:]), bounds, uis)
        tp = args[0]
    return tp, tag


def _discriminator_value(model: type[BaseModel], discriminator: str | None) -> str | None:
    if discriminator is None or discriminator not in model.model_fields:
        return None
    ann = model.model_fields[discriminator].annotation
    if typing.get_origin(ann) is Literal and len(typing.get_args(ann)) == 1:
        return str(typing.get_args(ann)[0])
    return None


def type_spec(annotation: Any, metadata: list[Any] | None = None, discriminator: Any = None) -> TypeSpec:
    """Unwrap an annotation (``Annotated``, ``X | None``, unions, lists) into a ``TypeSpec``."""
    bounds: dict[str, Any] = {}
    uis: list[UI] = []
    _collect(list(metadata or []), bounds, uis)
    tp, _ = _strip_annotated(annotation, bounds, uis)
    nullable = False
    if _is_union(tp):
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        nullable = len(members) < len(typing.get_args(tp))
        tp = members[0] if len(members) == 1 else Union[tuple(members)]  # noqa: UP007
        tp, _ = _strip_annotated(tp, bounds, uis)
    # A discriminator may sit on the inner Annotated of an optional union.
    discriminator = bounds.pop("discriminator", discriminator)
    if isinstance(discriminator, Discriminator):
        discriminator = discriminator.discriminator
    ui = uis[-1] if uis else UI()
    origin = typing.get_origin(tp)
    if origin is Literal:
        return TypeSpec(Literal, nullable, bounds, choices=typing.get_args(tp), ui=ui)
    if origin is list:
        (item_tp,) = typing.get_args(tp) or (Any,)
        return TypeSpec(list, nullable, bounds, item=type_spec(item_tp), ui=ui)
    if origin is dict:
        return TypeSpec(dict, nullable, bounds, ui=ui)
    if _is_union(tp):
        return _union_spec(tp, nullable, bounds, ui, discriminator)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return TypeSpec(tp, nullable, bounds, ui=ui)
    return TypeSpec(tp, nullable, bounds, ui=ui)


def _union_spec(tp: Any, nullable: bool, bounds: dict[str, Any], ui: UI, discriminator: Any) -> TypeSpec:
    members = typing.get_args(tp)
    stripped = []
    for member in members:
        member_bounds: dict[str, Any] = {}
        inner, tag = _strip_annotated(member, member_bounds, [])
        stripped.append((inner, tag, member_bounds))
    literals = [m for m, _, _ in stripped if typing.get_origin(m) is Literal]
    # "Literal[...] | str": a list of known values where any other string is accepted too.
    if len(stripped) == 2 and literals and any(m is str for m, _, _ in stripped):
        str_bounds = next(b for m, _, b in stripped if m is str)
        return TypeSpec(
            str,
            nullable,
            {**bounds, **str_bounds},
            choices=typing.get_args(literals[0]),
            open_choices=True,
            ui=ui,
        )
    variants = []
    for inner, tag, member_bounds in stripped:
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            key = tag or _discriminator_value(inner, discriminator if isinstance(discriminator, str) else None)
            key = key or inner.__name__
            variants.append(Variant(key, ui.label_for(key), model=inner))
        elif typing.get_origin(inner) is Literal and len(typing.get_args(inner)) == 1:
            const = typing.get_args(inner)[0]
            key = tag or str(const)
            variants.append(Variant(key, ui.label_for(key), const=const))
        else:
            key = tag or getattr(inner, "__name__", str(inner))
            variants.append(Variant(key, ui.label_for(key), scalar=TypeSpec(inner, bounds=member_bounds)))
    return TypeSpec("union", nullable, bounds, variants=tuple(variants), ui=ui)


def _humanize(name: str) -> str:
    return name.replace("_", " ").capitalize()


@functools.cache
def field_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """Return the specs of a model's fields, in declaration order (cached per class)."""
    specs = []
    for name, info in model.model_fields.items():
        spec = type_spec(info.annotation, info.metadata, info.discriminator)
        specs.append(
            FieldSpec(
                name=name,
                label=info.title or _humanize(name),
                help=" ".join((info.description or "").split()),
                type=spec,
                required=info.is_required(),
                default=info.get_default(call_default_factory=True) if not info.is_required() else NO_DEFAULT,
            )
        )
    return tuple(specs)


def spec_by_name(model: type[BaseModel], name: str) -> FieldSpec | None:
    """Return the spec of one field, or None."""
    return next((s for s in field_specs(model) if s.name == name), None)


def resolve(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Path, FieldSpec | None, list[str]]:
    """Map a validation error location to the field path the form uses, and that field's spec.

    Pydantic puts union tags and member names into locations
    (``("pet", "cat", "claws")`` for a union tagged "cat"); they are dropped here.
    Also returns the human labels along the way ("Tools", "tool 2", "Function name").
    """
    path: list[str | int] = []
    labels: list[str] = []
    current_model: type[BaseModel] | None = model
    current: TypeSpec | None = None
    last: FieldSpec | None = None
    for part in loc:
        if current is not None and current.base == "union":
            variant = next((v for v in current.variants if v.tag == part), None)
            if variant is not None:
                current_model = variant.model
                current = None
                continue
            if current_model is None:
                continue
        if current is not None and current.base is list and isinstance(part, int):
            path.append(part)
            labels.append(f"item {part + 1}")
            item = current.item
            current = item
            current_model = (
                item.base if item and isinstance(item.base, type) and issubclass(item.base, BaseModel) else None
            )
            continue
        if current is not None and current.open_choices:
            continue  # a member name of "Literal | str"
        if current_model is not None and isinstance(part, str):
            spec = spec_by_name(current_model, part)
            if spec is None:
                path.append(part)  # an unknown key: keep it so the message can name it
                labels.append(f'"{part}"')
                last = None
                current = None
                current_model = None
                continue
            path.append(part)
            labels.append(spec.label)
            last = spec
            current = spec.type
            base = spec.type.base
            current_model = base if isinstance(base, type) and issubclass(base, BaseModel) else None
            continue
        if isinstance(part, int) or current is None or current.base is dict:
            path.append(part)
            labels.append(f"item {part + 1}" if isinstance(part, int) else f'"{part}"')
            if current is not None and current.base is dict:
                current = None
    return tuple(path), last, labels


def dotted(path: Path) -> str:
    """Render a path as ``tools[0].name``-style text."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

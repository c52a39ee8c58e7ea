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
    item: TypeSpec | None = None  # for lists; for dicts with text keys, the values
    ui: UI = UI()
    # How a union tells its members apart: a field name, a function (``Discriminator(fn)``) or None.
    discriminator: Any = None


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
    """The value a model's tag field always has: the discriminator, else its only fixed-value field."""
    if discriminator is not None and discriminator in model.model_fields:
        names = [discriminator]
    else:
        names = [n for n, info in model.model_fields.items() if _fixed_value(info.annotation) is not None]
    if len(names) != 1:
        return None
    return _fixed_value(model.model_fields[names[0]].annotation)


def _fixed_value(annotation: Any) -> str | None:
    if typing.get_origin(annotation) is Literal and len(typing.get_args(annotation)) == 1:
        return str(typing.get_args(annotation)[0])
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
    discriminator = _discriminator_name(bounds.pop("discriminator", discriminator))
    ui = uis[-1] if uis else UI()
    origin = typing.get_origin(tp)
    if origin is Literal:
        return TypeSpec(Literal, nullable, bounds, choices=typing.get_args(tp), ui=ui)
    if origin is list:
        (item_tp,) = typing.get_args(tp) or (Any,)
        return TypeSpec(list, nullable, bounds, item=type_spec(item_tp), ui=ui)
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp) or (Any, Any)
        item = type_spec(value_tp) if key_tp is str else None
        return TypeSpec(dict, nullable, bounds, item=item, ui=ui)
    if _is_union(tp):
        return _union_spec(tp, nullable, bounds, ui, discriminator)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return TypeSpec(tp, nullable, bounds, ui=ui)
    return TypeSpec(tp, nullable, bounds, ui=ui)


def _members(tp: Any, discriminator: Any) -> list[tuple[Any, str | None, dict[str, Any], Any]]:
    """The members of a union as (type, tag, bounds, discriminator), nested unions flattened.

    ``Literal["auto"] | Annotated[A | B, Field(discriminator="type")]`` is three members:
    the literal and the two models, the models keeping the discriminator of their group.
    """
    out = []
    for member in typing.get_args(tp):
        member_bounds: dict[str, Any] = {}
        inner, tag = _strip_annotated(member, member_bounds, [])
        if _is_union(inner):
            inner_disc = member_bounds.pop("discriminator", discriminator)
            out.extend(_members(inner, _discriminator_name(inner_disc)))
        else:
            out.append((inner, tag, member_bounds, discriminator))
    return out


def _discriminator_name(discriminator: Any) -> Any:
    return discriminator.discriminator if isinstance(discriminator, Discriminator) else discriminator


def _union_spec(tp: Any, nullable: bool, bounds: dict[str, Any], ui: UI, discriminator: Any) -> TypeSpec:
    every = _members(tp, discriminator)
    members = [m for m in every if m[0] is not type(None)]
    nullable = nullable or len(members) < len(every)
    literals = [m for m, _, _, _ in members if typing.get_origin(m) is Literal]
    strings = [b for m, _, b, _ in members if m is str]
    # "Literal[...] | str": a list of known values where any other string is accepted too.
    if len(members) == 2 and literals and strings:
        return TypeSpec(
            str,
            nullable,
            {**bounds, **strings[0]},
            choices=typing.get_args(literals[0]),
            open_choices=True,
            ui=ui,
        )
    # The fields a variant's own widgets may use from the union's hint (labels of known values).
    member_ui = UI(variant_labels=ui.variant_labels, placeholder=ui.placeholder, choices_from=ui.choices_from)
    variants: list[Variant] = []
    open_done = False
    for inner, tag, member_bounds, member_disc in members:
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            key = tag or _discriminator_value(inner, member_disc if isinstance(member_disc, str) else None)
            key = key or inner.__name__
            variants.append(Variant(key, ui.label_for(key), model=inner))
        elif typing.get_origin(inner) is Literal and strings:
            if open_done:
                continue
            # Known values and any other text: one open-choice entry, placed where the first of them was.
            open_done = True
            choices = tuple(c for m, _, _, _ in members if typing.get_origin(m) is Literal for c in typing.get_args(m))
            scalar = TypeSpec(str, bounds=strings[0], choices=choices, open_choices=True, ui=member_ui)
            variants.append(Variant(tag or "str", ui.label_for(tag or "str"), scalar=scalar))
        elif typing.get_origin(inner) is Literal:
            for const in typing.get_args(inner):
                key = tag if tag and len(typing.get_args(inner)) == 1 else str(const)
                variants.append(Variant(key, ui.label_for(key), const=const))
        elif inner is str and literals:
            if not open_done:
                open_done = True
                choices = tuple(c for m in literals for c in typing.get_args(m))
                scalar = TypeSpec(str, bounds=member_bounds, choices=choices, open_choices=True, ui=member_ui)
                variants.append(Variant(tag or "str", ui.label_for(tag or "str"), scalar=scalar))
        else:
            read = type_spec(inner)  # a list member keeps its item type
            scalar = TypeSpec(read.base, bounds=member_bounds, choices=read.choices, item=read.item, ui=member_ui)
            origin = typing.get_origin(inner)
            key = tag or getattr(origin or inner, "__name__", str(inner))
            variants.append(Variant(key, ui.label_for(key), scalar=scalar))
    return TypeSpec(
        "union", nullable, bounds, variants=tuple(variants), ui=ui, discriminator=_discriminator_name(discriminator)
    )


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


def _groups_only(spec: FieldSpec) -> bool:
    from form.classify import is_transparent  # classify reads the specs made here

    return is_transparent(spec)


def resolve(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Path, FieldSpec | None, list[str]]:
    """Map a validation error location to the field path the form uses, and that field's spec.

    Pydantic puts union tags and member names into locations
    (``("pet", "cat", "claws")`` for a union tagged "cat"); they are dropped here.
    Also returns the human labels along the way ("Tools", "tool 2", "Function name"), without
    those of objects that only group settings placed in sections of their own (``audio``).
    """
    path: list[str | int] = []
    labels: list[str] = []
    grouping: list[int] = []  # indexes of labels of objects that only group settings
    current_model: type[BaseModel] | None = model
    current: TypeSpec | None = None
    last: FieldSpec | None = None
    for part in loc:
        if current is not None and current.base == "union":
            variant = next(
                (v for v in current.variants if v.tag == part or (v.model is not None and v.model.__name__ == part)),
                None,
            )
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
            if _groups_only(spec):
                grouping.append(len(labels) - 1)
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
    # A group's own label stays only when the problem is with the group itself ("Audio must be ...").
    kept = [label for index, label in enumerate(labels) if index not in grouping or index == len(labels) - 1]
    return tuple(path), last, kept


def dotted(path: Path) -> str:
    """Render a path as ``tools[0].name``-style text."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

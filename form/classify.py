"""Pick a widget kind for a field type. Pure: a table from type facts to a kind name."""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel

from form.introspect import FieldSpec, TypeSpec, field_specs

_MAX_DEPTH = 8  # a model that contains itself is not walked for ever

# Literal choices shown as a row of buttons when few and short; a drop-down otherwise.
SEGMENTED_MAX_CHOICES = 4
SEGMENTED_MAX_LABEL_CHARS = 48


def _is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def classify(spec: TypeSpec) -> str:
    """Return the widget kind for a type: 'slider', 'select', 'variants', 'model_list', 'pairs', ..."""
    if spec.ui.widget:
        return spec.ui.widget
    base = spec.base
    if base == "union":
        return "variants"
    if base is Literal and len(spec.choices) == 1:
        return "const"
    if base is Literal:
        labels = [spec.ui.label_for(str(c)) for c in spec.choices]
        few = len(labels) <= SEGMENTED_MAX_CHOICES and sum(map(len, labels)) <= SEGMENTED_MAX_LABEL_CHARS
        return "segmented" if few else "select"
    if base is str:
        return "open_choice" if spec.open_choices else "text"
    if base is bool:
        return "toggle"
    if base in (float, int):
        bounded = "ge" in spec.bounds and ("le" in spec.bounds or spec.ui.slider_max is not None)
        if base is float:
            return "slider" if bounded else "number"
        return "slider" if bounded and spec.ui.step else "number"
    if base is list:
        item = spec.item
        if item is not None and item.base is Literal:
            return "multiselect"
        if item is not None and item.base is str and not item.nullable:
            return "string_list"
        if item is not None and _is_model(item.base):
            return "model_list"
        if item is not None and item.base == "union" and item.variants and all(v.model for v in item.variants):
            return "model_list"  # a discriminated list: one "Add" per kind of item
        return "json"
    if base is dict:
        item = spec.item  # set only when the keys are text
        return "pairs" if item is not None and item.base is str and not item.nullable else "json"
    if _is_model(base):
        return "model"
    return "json"


def is_transparent(spec: FieldSpec, depth: int = 0) -> bool:
    """Whether a field only groups settings that are placed in sections of their own (``audio``).

    An optional, non-nullable model-typed field with no section, widget or unavailable hint of
    its own, whose model's fields (at any depth) name sections. Its label is left out of the
    labels that name a setting: the user never sees the group, only the sections.
    """
    return (
        _is_model(spec.type.base)
        and not spec.required
        and not spec.type.nullable
        and spec.ui.section is None
        and spec.ui.unavailable is None
        and classify(spec.type) == "model"
        and depth < _MAX_DEPTH
        and _names_sections(spec.type.base, depth + 1)
    )


@functools.cache
def _names_sections(model: type[BaseModel], depth: int) -> bool:
    return any(s.ui.section or is_transparent(s, depth) for s in field_specs(model))

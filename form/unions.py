"""Unions and nested models: a presence selector over unset / off / each variant, then the active one.

A variant is a nested model, a constant ("auto"), or a value of its own kind (a number, an
open choice of text, a list of texts), drawn by that kind's renderer at the same path.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from form.classify import classify
from form.context import FieldCtx, blank
from form.introspect import FieldSpec, TypeSpec, Variant
from form.presence import fresh_scalar, presence_selector, switch_to
from form.registry import register, render_kind, render_model
from form.state import MISSING

_DISCRIMINATOR_ERRORS = (TypeError, KeyError, AttributeError, ValueError)


def _tag_of(spec: TypeSpec, value: dict[str, Any]) -> str | None:
    """The variant tag a dict names through the union's discriminator, if the union has one."""
    discriminator = spec.discriminator
    if isinstance(discriminator, str):
        tag = value.get(discriminator)
        return tag if isinstance(tag, str) else None
    if callable(discriminator):
        try:
            tag = discriminator(value)
        except _DISCRIMINATOR_ERRORS:  # a function written for validated input; this one is not
            return None
        return tag if isinstance(tag, str) else None
    return None


def active_variant(spec: TypeSpec, value: Any) -> Variant | None:
    """Which alternative of a union a draft value belongs to.

    A constant by equality; a dict by its discriminator or its fixed tag fields, else the
    only model variant without fixed tags; text, numbers and lists by their type.
    """
    if value is MISSING or value is None:
        return None
    for variant in spec.variants:
        if variant.is_const and type(value) is type(variant.const) and value == variant.const:
            return variant
    models = [v for v in spec.variants if v.model is not None]
    if isinstance(value, dict):
        if not models:
            return None
        named = _tag_of(spec, value)
        for variant in models:
            if named is not None and variant.tag == named:
                return variant
        untagged = []
        for variant in models:
            tag_values = blank(variant.model)
            if not tag_values:
                untagged.append(variant)
            elif all(value.get(k) == v for k, v in tag_values.items()):
                return variant
        if len(models) == 1:
            return models[0]
        return untagged[0] if len(untagged) == 1 else None
    for variant in spec.variants:
        scalar = variant.scalar
        if scalar is None or isinstance(value, bool) and scalar.base is not bool:
            continue
        if isinstance(scalar.base, type) and isinstance(value, scalar.base):
            return variant
        if scalar.base is float and isinstance(value, int):
            return variant
    return None


def fresh_variant_value(variant: Variant) -> Any:
    """What a variant starts with when first chosen: fixed tags, the first known choice, a number."""
    if variant.model is not None:
        return blank(variant.model)
    scalar = variant.scalar
    if scalar is not None:
        if scalar.base in (int, float):
            return scalar.bounds.get("le", scalar.bounds.get("ge", 0))
        if scalar.open_choices and scalar.choices:
            return scalar.choices[0]
        return fresh_scalar(scalar)
    return variant.const


@register("variants")
def render_variants(ctx: FieldCtx) -> None:
    variants = {v.tag: v for v in ctx.type.variants}
    active = active_variant(ctx.type, ctx.value)
    leaving = active.tag if active else None
    labels = {tag: v.label for tag, v in variants.items()}
    choice = presence_selector(
        ctx,
        labels,
        lambda value: (active_variant(ctx.type, value) or Variant("", "")).tag or None,
        lambda new: switch_to(ctx, leaving, new, lambda tag: fresh_variant_value(variants[tag])),
    )
    if ctx.present and ctx.value is not None and active is None:
        render_kind("json", ctx)  # a value no variant recognises: let the user see and fix it
        return
    variant = variants.get(choice)
    if variant is None:
        return
    if variant.model is not None:
        with st.container(border=True):
            render_model(ctx.form, variant.model, ctx.path)
    elif variant.scalar is not None:
        sub = ctx.sub(FieldSpec(ctx.spec.name, variant.label, "", variant.scalar, True, None))
        render_kind(classify(variant.scalar), sub)


@register("model")
def render_nested_model(ctx: FieldCtx) -> None:
    model = ctx.type.base
    on = "__on__"
    if ctx.spec.required and not ctx.type.nullable:
        if not ctx.present and not ctx.disabled:
            ctx.write(blank(model))
        choice = on
    else:
        current = on if isinstance(ctx.value, dict) else None
        choice = presence_selector(
            ctx, {on: "On"}, lambda value: on, lambda new: switch_to(ctx, current, new, lambda _: blank(model))
        )
    if choice == on and isinstance(ctx.value, dict):
        with st.container(border=True):
            render_model(ctx.form, model, ctx.path)

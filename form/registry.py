"""The registry of renderers by widget kind, and drawing a field or a whole model through it.

A renderer module registers its kinds on import (``@register("slider")``); ``form.render``
imports them all. Drawing goes through :func:`render_kind`, so a later registration of a
kind outranks an earlier one without editing it, and an unknown kind gets a JSON editor.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.classify import classify
from form.context import FieldCtx, FormCtx, plain
from form.introspect import FieldSpec, Path, field_specs

Renderer = Callable[[FieldCtx], None]
RENDERERS: dict[str, Renderer] = {}
FALLBACK_KIND = "json"


def register(kind: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer for a widget kind; a later registration outranks an earlier one."""

    def wrap(fn: Renderer) -> Renderer:
        RENDERERS[kind] = fn
        return fn

    return wrap


def render_kind(kind: str, ctx: FieldCtx) -> None:
    """Call the renderer of a kind; an unknown kind falls back to a visible JSON editor."""
    if FALLBACK_KIND not in RENDERERS:
        importlib.import_module("form.render")  # registers the built-in renderers (done once)
    RENDERERS.get(kind, RENDERERS[FALLBACK_KIND])(ctx)


NOTE_STYLES: dict[str, tuple[Callable[..., Any], str]] = {
    "error": (st.error, ":material/error:"),
    "warning": (st.warning, ":material/warning:"),
    "info": (st.info, ":material/lightbulb:"),
}


def show_errors(ctx: FieldCtx) -> None:
    """Draw the problems and notes of exactly this field's path."""
    for message in ctx.form.by_path.get(ctx.path, []):
        st.error(plain(message), icon=":material/error:")
    for level, text in ctx.form.notes.get(ctx.path, []):
        draw, icon = NOTE_STYLES.get(level, NOTE_STYLES["info"])
        draw(plain(text), icon=icon)


def unavailable_problem(spec: FieldSpec) -> str:
    """What to tell a user whose draft holds a value in a field the hint marks unavailable."""
    return f"{spec.label} is not available: {spec.ui.unavailable} Remove the value (↺) to continue."


def render_field(
    form: FormCtx, spec: FieldSpec, path: Path, containers: tuple[type[BaseModel], ...] = ()
) -> None:
    """Draw one field: its presence control when it has one, its widget, its errors."""
    ctx = FieldCtx(form, spec, path, containers)
    reason = spec.ui.unavailable
    if reason:
        form.disabled.add(path)
        form.report(path, unavailable_problem(spec) if ctx.present else None, "unavailable")
    render_kind(classify(spec.type), ctx)
    if reason:
        st.caption(f":material/block: {plain(reason)}")
        if ctx.present:
            st.error(plain(unavailable_problem(spec)), icon=":material/block:")
    show_errors(ctx)


def render_model(form: FormCtx, model: type[BaseModel], path: Path = ()) -> None:
    """Draw every field of a model under a path of the draft."""
    for spec in field_specs(model):
        render_field(form, spec, (*path, spec.name))

"""Unset, null and value: the presence controls shared by every renderer, and variant memory.

An optional field can be left out ("not set": the server's default), a nullable one set to
null ("Off"), or given a value. Switching between them, or between a union's variants, keeps
the values of the one being left so that switching back restores them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from form.context import FieldCtx
from form.introspect import TypeSpec
from form.names import named
from form.state import MISSING, RAW_JSON, RAW_PAIRS, VARIANTS, path_id

UNSET_OPTION = "__unset__"
NULL_OPTION = "__null__"


def presence_options(ctx: FieldCtx, values: list[str]) -> list[str]:
    """The choices of a presence selector: unset (if optional), off (if nullable), then values."""
    options = []
    if not ctx.spec.required:
        options.append(UNSET_OPTION)
    if ctx.type.nullable:
        options.append(NULL_OPTION)
    return options + values


def presence_label(ctx: FieldCtx, option: str, labels: dict[str, str]) -> str:
    if option == UNSET_OPTION:
        return ctx.type.ui.unset_label or "Not set"
    if option == NULL_OPTION:
        return ctx.type.ui.null_label or "Off"
    return labels.get(option, option)


def presence_selector(
    ctx: FieldCtx, values: dict[str, str], active: Callable[[Any], str | None], switch: Callable[[str], None]
) -> str:
    """A horizontal radio over unset / off / values; ``switch`` is called with the new choice.

    ``active`` tells which of ``values`` a (non-null, present) draft value belongs to.
    """
    options = presence_options(ctx, list(values))
    if len(options) == 1:
        return options[0]

    def option_of(value: Any) -> str:
        if value is MISSING:
            return UNSET_OPTION if UNSET_OPTION in options else options[0]
        if value is None:
            return NULL_OPTION
        return active(value) or options[-1]

    key = ctx.bind(ctx.form.key(ctx.path, "presence"), option_of)

    def changed() -> None:
        switch(ctx.form.state[key])
        ctx.form.changed()

    return st.radio(
        ctx.spec.label,
        options,
        format_func=lambda o: presence_label(ctx, o, values),
        horizontal=True,
        key=key,
        help=ctx.help(),
        on_change=changed,
        disabled=ctx.disabled,
    )


def remember(ctx: FieldCtx, tag: str | None) -> None:
    """Keep the values of the variant being left, so switching back restores them."""
    if tag is not None and ctx.value is not MISSING and ctx.value is not None:
        ctx.form.memo(VARIANTS).setdefault(path_id(ctx.path), {})[tag] = ctx.value


def switch_to(ctx: FieldCtx, leaving: str | None, choice: str, fresh: Callable[[str], Any]) -> None:
    """Change a field between unset, off and its variants, keeping every variant's values."""
    remember(ctx, leaving)
    if choice == UNSET_OPTION:
        ctx.write(MISSING)
    elif choice == NULL_OPTION:
        ctx.write(None)
    else:
        stored = ctx.form.memo(VARIANTS).get(path_id(ctx.path), {}).get(choice, MISSING)
        ctx.write(stored if stored is not MISSING else fresh(choice))
    ctx.form.refresh(ctx.path)


def unset(ctx: FieldCtx) -> None:
    """Return a field to 'not set', dropping any text it kept that the draft could not hold."""
    ctx.write(MISSING)
    pid = path_id(ctx.path)
    ctx.form.memo(RAW_JSON).pop(pid, None)
    ctx.form.memo(RAW_PAIRS).pop(pid, None)
    ctx.form.report(ctx.path, None)
    ctx.form.refresh(ctx.path)


def with_reset(ctx: FieldCtx, draw: Callable[[], Any]) -> None:
    """Draw a widget and, for an optional field, a button that returns it to 'not set'."""
    if ctx.spec.required:
        draw()
        return
    left, right = st.columns([8, 1], vertical_alignment="bottom")
    with left:
        draw()
    with right:
        st.button(
            named("↺", f"Reset {ctx.spec.label}"),
            key=ctx.form.key(ctx.path, "reset"),
            help=f"Back to {ctx.type.ui.unset_label or 'not set'}" + ("" if ctx.present else " (already)"),
            disabled=not ctx.present,
            on_click=ctx.form.callback(lambda: unset(ctx)),
        )


def fresh_scalar(spec: TypeSpec) -> Any:
    """The value a field gets when the user turns it on: empty, or the lowest allowed number."""
    if spec.base is list:
        return []
    if spec.base is dict:
        return {}
    if spec.base in (int, float):
        return spec.bounds.get("ge", 0)
    if spec.base is str:
        return ""
    return None


def nullable_scalar(ctx: FieldCtx) -> bool:
    """For a nullable scalar, draw unset / off / set; return True when a value should be drawn."""
    if not ctx.type.nullable:
        return True
    on = "__set__"
    current = on if ctx.present and ctx.value is not None else None
    choice = presence_selector(
        ctx,
        {on: "Set a value"},
        lambda value: on,
        lambda new: switch_to(ctx, current, new, lambda _: fresh_scalar(ctx.type)),
    )
    return choice == on


def field_label(ctx: FieldCtx) -> str:
    """The widget's label; a nullable field already shows its name on the presence selector."""
    return ctx.spec.label if not ctx.type.nullable else f"{ctx.spec.label}: value"

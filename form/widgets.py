"""Renderers for scalar, choice, string-list and free-JSON kinds, registered by kind name."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from form.classify import classify
from form.context import FieldCtx, blank, plain
from form.jsontext import parse_strict
from form.lists import LIST_PAGE_SIZE, render_model_list
from form.presence import (
    NULL_OPTION,
    UNSET_OPTION,
    field_label,
    nullable_scalar,
    presence_selector,
    switch_to,
    with_reset,
)
from form.registry import register, render_model
from form.state import CUSTOM_MODE, MISSING, RAW_JSON, get_in, path_id

CUSTOM = "Custom…"


def _round_to_step(value: float, step: float | None) -> float:
    if step is None:
        return value
    text = f"{step}"
    return round(value, len(text.split(".")[1]) if "." in text else 0)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@register("slider")
def render_slider(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    tp = ctx.type
    is_int = tp.base is int
    low = tp.bounds.get("ge", tp.bounds.get("gt", 0))
    high = tp.bounds.get("le", tp.bounds.get("lt", tp.ui.slider_max))
    step = tp.ui.step or (1 if is_int else 0.01)
    cast = int if is_int else float

    def slider_value(value: Any) -> Any:
        shown = ctx.shown_of(value)
        return cast(min(max(shown if _is_number(shown) else low, low), high))

    def number_value(value: Any) -> Any:
        shown = ctx.shown_of(value)
        return cast(shown) if _is_number(shown) else None

    slider_key = ctx.bind(ctx.form.key(ctx.path, "slider"), slider_value)

    def slider() -> None:
        st.slider(
            field_label(ctx),
            min_value=cast(low),
            max_value=cast(high),
            step=cast(step),
            key=slider_key,
            help=ctx.help(),
            on_change=ctx.on_change(lambda v: cast(_round_to_step(v, step)), key=slider_key),
            disabled=ctx.disabled,
        )

    def draw() -> None:
        if not tp.ui.precise:
            slider()
            return
        number_key = ctx.bind(ctx.form.key(ctx.path, "number"), number_value)
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        with left:
            slider()
        with right:
            # No min/max here on purpose: an out-of-range entry reaches validation and
            # gets a plain message instead of being silently clamped by the browser.
            st.number_input(
                # Not just "Exact value": every precise slider has one, and a name must say whose it is.
                f"{ctx.spec.label}: exact value",
                step=cast(step),
                key=number_key,
                format=None if is_int else "%.2f",
                on_change=ctx.on_change(lambda v: MISSING if v is None else cast(v), key=number_key),
                disabled=ctx.disabled,
            )

    with_reset(ctx, draw)


@register("number")
def render_number(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    tp = ctx.type
    cast = int if tp.base is int else float
    step = tp.ui.step or (1 if tp.base is int else 0.01)

    def number_value(value: Any) -> Any:
        shown = ctx.shown_of(value)
        return cast(shown) if _is_number(shown) else None

    key = ctx.bind(ctx.key, number_value)
    with_reset(
        ctx,
        lambda: st.number_input(
            field_label(ctx),
            step=cast(step),
            key=key,
            help=ctx.help(),
            placeholder=tp.ui.placeholder or "not set",
            on_change=ctx.on_change(lambda v: MISSING if v is None else cast(v)),
            disabled=ctx.disabled,
        ),
    )


def _text_value(ctx: FieldCtx) -> Callable[[Any], str]:
    def text(value: Any) -> str:
        shown = ctx.shown_of(value)
        return shown if isinstance(shown, str) else ("" if shown is None else json.dumps(shown))

    return text


def _render_text_entry(ctx: FieldCtx, multiline: bool) -> None:
    if not nullable_scalar(ctx):
        return
    key = ctx.bind(ctx.key, _text_value(ctx))
    common = {
        "key": key,
        "help": ctx.help(),
        "placeholder": ctx.type.ui.placeholder,
        "on_change": ctx.on_change(lambda text: text or MISSING),
        "disabled": ctx.disabled,
    }
    if multiline:
        long = len(ctx.form.state.get(key) or "") >= 400
        with_reset(ctx, lambda: st.text_area(field_label(ctx), height=300 if long else "content", **common))
    else:
        with_reset(ctx, lambda: st.text_input(field_label(ctx), **common))


@register("text")
def render_text(ctx: FieldCtx) -> None:
    _render_text_entry(ctx, multiline=False)


@register("textarea")
def render_textarea(ctx: FieldCtx) -> None:
    _render_text_entry(ctx, multiline=True)


@register("toggle")
def render_toggle(ctx: FieldCtx) -> None:
    key = ctx.bind(ctx.key, lambda value: bool(ctx.shown_of(value)))
    with_reset(ctx, lambda: st.toggle(
            field_label(ctx), key=key, help=ctx.help(), on_change=ctx.on_change(bool), disabled=ctx.disabled
        ))


def _choice_widget(ctx: FieldCtx, horizontal: bool) -> None:
    options = list(ctx.type.choices)
    key = ctx.bind(ctx.key, lambda value: ctx.shown_of(value) if ctx.shown_of(value) in options else None)
    convert = ctx.on_change(lambda v: MISSING if v is None else v)
    label_for = ctx.type.ui.label_for
    if horizontal:
        st.radio(
            field_label(ctx),
            options,
            format_func=lambda o: label_for(str(o)),
            horizontal=True,
            key=key,
            help=ctx.help(),
            on_change=convert,
            disabled=ctx.disabled,
        )
    else:
        st.selectbox(
            field_label(ctx),
            options,
            format_func=lambda o: label_for(str(o)),
            key=key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            on_change=convert,
            disabled=ctx.disabled,
        )


@register("segmented")
def render_segmented(ctx: FieldCtx) -> None:
    if nullable_scalar(ctx):
        with_reset(ctx, lambda: _choice_widget(ctx, horizontal=True))


@register("select")
def render_select(ctx: FieldCtx) -> None:
    if nullable_scalar(ctx):
        with_reset(ctx, lambda: _choice_widget(ctx, horizontal=False))


@register("const")
def render_const(ctx: FieldCtx) -> None:
    const = ctx.type.choices[0]
    if ctx.spec.required or ctx.spec.has_default:
        if ctx.spec.required and not ctx.present:
            ctx.write(const)  # a tag the value cannot do without
        return  # a fixed value: nothing to choose (one with a default is left as the user wrote it)
    key = ctx.bind(ctx.key, lambda value: value is not MISSING)
    with_reset(
        ctx,
        lambda: st.checkbox(
            f"{ctx.spec.label}: {const}",
            key=key,
            help=ctx.help(),
            on_change=ctx.on_change(lambda on: const if on else MISSING),
            disabled=ctx.disabled,
        ),
    )


def extra_choices(ctx: FieldCtx) -> list[str]:
    """Values offered from elsewhere in the draft (``choices_from="tools.name"``)."""
    source = ctx.type.ui.choices_from
    if not source:
        return []
    list_path, _, item_field = source.rpartition(".")
    items = get_in(ctx.form.draft, tuple(list_path.split(".")), [])
    return [i[item_field] for i in items if isinstance(i, dict) and isinstance(i.get(item_field), str)]


@register("open_choice")
def render_open_choice(ctx: FieldCtx) -> None:
    """Known values plus 'Custom…', which reveals a text entry for any other id."""
    known = list(dict.fromkeys([*ctx.type.choices, *extra_choices(ctx)]))
    options = [*known, CUSTOM]
    custom_mode = ctx.form.memo(CUSTOM_MODE)
    pid = path_id(ctx.path)
    # Nothing typed yet: an optional field goes back to unset; a required one (a union's
    # variant) stays on this choice, empty, and validation asks for the text.
    empty = MISSING if not ctx.spec.required else ""

    def pick_value(value: Any) -> Any:
        shown = ctx.shown_of(value)
        if isinstance(shown, str) and shown in known:
            return shown
        if isinstance(shown, str) or custom_mode.get(pid):
            return CUSTOM
        return None

    def custom_value(value: Any) -> str:
        shown = ctx.shown_of(value)
        return shown if isinstance(shown, str) and shown not in known else ""

    custom_key = ctx.bind(ctx.form.key(ctx.path, "custom"), custom_value)
    pick_key = ctx.bind(ctx.form.key(ctx.path, "pick"), pick_value)
    if ctx.form.state.get(pick_key) not in options:  # a tool that named the choice was removed
        ctx.form.state[pick_key] = pick_value(ctx.value)

    def picked(choice: Any) -> Any:
        custom_mode[pid] = choice == CUSTOM
        if choice == CUSTOM:
            return ctx.form.state.get(custom_key) or empty
        return MISSING if choice is None else choice

    with_reset(
        ctx,
        lambda: st.selectbox(
            field_label(ctx),
            options,
            format_func=lambda o: ctx.type.ui.label_for(str(o)),
            key=pick_key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            on_change=ctx.on_change(picked, key=pick_key),
            disabled=ctx.disabled,
        ),
    )
    if ctx.form.state.get(pick_key) == CUSTOM:
        st.text_input(
            f"{ctx.spec.label}: custom id",
            key=custom_key,
            placeholder="type the id",
            on_change=ctx.on_change(lambda t: t or empty, key=custom_key),
            disabled=ctx.disabled,
        )


@register("multiselect")
def render_multiselect(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    choices = list(ctx.type.item.choices) if ctx.type.item else []

    def selected(value: Any) -> list[Any]:
        shown = ctx.shown_of(value)
        return [v for v in shown if v in choices] if isinstance(shown, list) else []

    key = ctx.bind(ctx.key, selected)
    with_reset(
        ctx,
        lambda: st.multiselect(
            field_label(ctx),
            choices,
            key=key,
            help=ctx.help(),
            format_func=lambda o: ctx.type.ui.label_for(str(o)),
            placeholder="Choose…",
            max_selections=ctx.type.bounds.get("max_length"),
            on_change=ctx.on_change(list),
            disabled=ctx.disabled,
        ),
    )


@register("string_list")
def render_string_list(ctx: FieldCtx) -> None:
    """A list of free texts: a multi-select whose options are the entries so far; typing adds one."""
    if not nullable_scalar(ctx):
        return

    def entries(value: Any) -> list[str]:
        shown = ctx.shown_of(value)
        return [v for v in shown if isinstance(v, str)] if isinstance(shown, list) else []

    key = ctx.bind(ctx.key, entries)
    # The options must hold every selected entry, or Streamlit drops it from the selection.
    selected = ctx.form.state.get(key) or []
    options = list(dict.fromkeys([*entries(ctx.value), *selected, *extra_choices(ctx)]))
    with_reset(
        ctx,
        lambda: st.multiselect(
            field_label(ctx),
            options,
            key=key,
            help=ctx.help(),
            placeholder=ctx.type.ui.placeholder or "Type an entry and press Enter",
            accept_new_options=True,
            max_selections=ctx.type.bounds.get("max_length"),
            on_change=ctx.on_change(list),
            disabled=ctx.disabled,
        ),
    )


@register("json")
def render_json(ctx: FieldCtx) -> None:
    """A JSON text editor; text that does not parse is kept and reported, never lost."""
    if not nullable_scalar(ctx):
        return
    raw_store = ctx.form.memo(RAW_JSON)
    pid = path_id(ctx.path)

    def text_value(value: Any) -> str:
        if pid in raw_store:
            return raw_store[pid]["text"]
        return "" if value is MISSING or value is None else json.dumps(value, indent=2, ensure_ascii=False)

    key = ctx.bind(ctx.key, text_value)

    def parsed() -> None:
        new_text = ctx.form.state[key]
        if not new_text.strip():
            raw_store.pop(pid, None)
            ctx.write(MISSING if not ctx.spec.required else {})
            return
        try:
            data = parse_strict(new_text)
        except (ValueError, RecursionError) as exc:
            if isinstance(exc, json.JSONDecodeError):
                reason = f"this is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}"
            elif isinstance(exc, RecursionError):
                reason = "the JSON is nested too deeply"
            else:
                reason = str(exc)
            raw_store[pid] = {
                "path": list(ctx.path),
                "text": new_text,
                "error": f"{ctx.spec.label}: {reason}. Your text is kept; fix it to apply it.",
            }
            return
        raw_store.pop(pid, None)
        ctx.write(data)

    with_reset(
        ctx,
        lambda: st.text_area(
            field_label(ctx),
            key=key,
            help=ctx.help(),
            height=140,
            placeholder='{"key": "value"}',
            on_change=ctx.form.callback(parsed),
            disabled=ctx.disabled,
        ),
    )
    if pid in raw_store:
        st.error(plain(raw_store[pid]["error"]), icon=":material/data_object:")


# Names other modules import from here, kept after the move of lists and presence controls.
__all__ = [
    "CUSTOM",
    "LIST_PAGE_SIZE",
    "NULL_OPTION",
    "UNSET_OPTION",
    "blank",
    "classify",
    "presence_selector",
    "render_model",
    "render_model_list",
    "switch_to",
]

"""Renderers for scalar, list and free-JSON kinds, registered by kind name."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from form.classify import classify
from form.introspect import FieldSpec, TypeSpec
from form.render import (
    MISSING,
    NULL_OPTION,
    UNSET_OPTION,
    FieldCtx,
    blank,
    plain,
    presence_selector,
    register,
    render_model,
    switch_to,
)
from form.state import OPEN_ITEMS, RAW_JSON, get_in, path_id

CUSTOM = "Custom…"


def with_reset(ctx: FieldCtx, draw: callable) -> None:  # type: ignore[valid-type]
    """Draw a widget and, for an optional field, a button that returns it to 'not set'."""
    if ctx.spec.required:
        draw()
        return
    left, right = st.columns([12, 1], vertical_alignment="bottom")
    with left:
        draw()
    with right:
        st.button(
            "↺",
            key=ctx.form.key(ctx.path, "reset"),
            help=f"Back to {ctx.type.ui.unset_label or 'not set'}" + ("" if ctx.present else " (already)"),
            disabled=not ctx.present,
            on_click=lambda: (ctx.write(MISSING), ctx.form.forget(ctx.path)),
        )


def nullable_scalar(ctx: FieldCtx) -> bool:
    """For a nullable scalar, draw unset / off / set; return True when a value should be drawn."""
    if not ctx.type.nullable:
        return True
    on = "__set__"
    current = on if ctx.present and ctx.value is not None else None
    choice = presence_selector(
        ctx,
        {on: "Set a value"},
        current,
        lambda new: switch_to(ctx, current, new, lambda _: _fresh_scalar(ctx.type)),
    )
    return choice == on


def _fresh_scalar(spec: TypeSpec) -> Any:
    if spec.base is list:
        return []
    if spec.base is dict:
        return {}
    if spec.base in (int, float):
        return spec.bounds.get("ge", 0)
    if spec.base is str:
        return ""
    return None


def _label(ctx: FieldCtx) -> str:
    # Nullable fields already show their label on the presence selector.
    return ctx.spec.label if not ctx.type.nullable else f"{ctx.spec.label}: value"


def _round_to_step(value: float, step: float | None) -> float:
    if step is None:
        return value
    decimals = max(0, len(f"{step}".split(".")[1]) if "." in f"{step}" else 0)
    return round(value, decimals)


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
    value = ctx.shown()
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else low
    slider_key = ctx.form.key(ctx.path, "slider")
    number_key = ctx.form.key(ctx.path, "number")

    def draw() -> None:
        clamped = cast(min(max(number, low), high))
        if not tp.ui.precise:
            st.slider(
                _label(ctx),
                min_value=cast(low),
                max_value=cast(high),
                value=clamped,
                step=cast(step),
                key=slider_key,
                help=ctx.help(),
                on_change=ctx.on_change(lambda v: cast(_round_to_step(v, step)), key=slider_key),
            )
            return
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        with left:
            st.slider(
                _label(ctx),
                min_value=cast(low),
                max_value=cast(high),
                value=clamped,
                step=cast(step),
                key=slider_key,
                help=ctx.help(),
                on_change=ctx.on_change(
                    lambda v: cast(_round_to_step(v, step)), key=slider_key, also_forget=(number_key,)
                ),
            )
        with right:
            # No min/max here on purpose: an out-of-range entry reaches validation and
            # gets a plain message instead of being silently clamped by the browser.
            st.number_input(
                "Exact value",
                value=cast(number),
                step=cast(step),
                key=number_key,
                format=None if is_int else "%.2f",
                label_visibility="visible",
                on_change=ctx.on_change(
                    lambda v: MISSING if v is None else cast(v), key=number_key, also_forget=(slider_key,)
                ),
            )

    with_reset(ctx, draw)


@register("number")
def render_number(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    tp = ctx.type
    is_int = tp.base is int
    cast = int if is_int else float
    value = ctx.shown()
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    step = tp.ui.step or (1 if is_int else 0.01)

    def draw() -> None:
        st.number_input(
            _label(ctx),
            value=None if number is None else cast(number),
            step=cast(step),
            key=ctx.key,
            help=ctx.help(),
            placeholder=tp.ui.placeholder or "not set",
            on_change=ctx.on_change(lambda v: MISSING if v is None else cast(v)),
        )

    with_reset(ctx, draw)


def _text_to_value(ctx: FieldCtx) -> Any:
    def convert(text: str | None) -> Any:
        return MISSING if not text else text

    return convert


@register("text")
def render_text(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    value = ctx.shown()
    text = value if isinstance(value, str) else ("" if value is None else json.dumps(value))
    with_reset(
        ctx,
        lambda: st.text_input(
            _label(ctx),
            value=text,
            key=ctx.key,
            help=ctx.help(),
            placeholder=ctx.type.ui.placeholder,
            on_change=ctx.on_change(_text_to_value(ctx)),
        ),
    )


@register("textarea")
def render_textarea(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    value = ctx.shown()
    text = value if isinstance(value, str) else ("" if value is None else json.dumps(value))
    with_reset(
        ctx,
        lambda: st.text_area(
            _label(ctx),
            value=text,
            key=ctx.key,
            help=ctx.help(),
            placeholder=ctx.type.ui.placeholder,
            height="content" if len(text) < 400 else 300,
            on_change=ctx.on_change(_text_to_value(ctx)),
        ),
    )


@register("toggle")
def render_toggle(ctx: FieldCtx) -> None:
    value = ctx.shown()
    with_reset(
        ctx,
        lambda: st.toggle(_label(ctx), value=bool(value), key=ctx.key, help=ctx.help(), on_change=ctx.on_change(bool)),
    )


def _choice_widget(ctx: FieldCtx, options: list[Any], current: Any, horizontal: bool) -> None:
    labels = {o: ctx.type.ui.label_for(str(o)) for o in options}
    index = options.index(current) if current in options else None
    convert = ctx.on_change(lambda v: MISSING if v is None else v)
    if horizontal:
        st.radio(
            _label(ctx),
            options,
            index=index,
            format_func=labels.get,
            horizontal=True,
            key=ctx.key,
            help=ctx.help(),
            on_change=convert,
        )
    else:
        st.selectbox(
            _label(ctx),
            options,
            index=index,
            format_func=labels.get,
            key=ctx.key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            on_change=convert,
        )


@register("segmented")
def render_segmented(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    with_reset(ctx, lambda: _choice_widget(ctx, list(ctx.type.choices), ctx.shown(), horizontal=True))


@register("select")
def render_select(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    with_reset(ctx, lambda: _choice_widget(ctx, list(ctx.type.choices), ctx.shown(), horizontal=False))


@register("const")
def render_const(ctx: FieldCtx) -> None:
    const = ctx.type.choices[0]
    if ctx.spec.required or ctx.spec.has_default:
        if not ctx.present:
            ctx.write(const)
        return  # a fixed tag: nothing to choose
    with_reset(
        ctx,
        lambda: st.checkbox(
            f"{ctx.spec.label}: {const}",
            value=ctx.present,
            key=ctx.key,
            help=ctx.help(),
            on_change=ctx.on_change(lambda on: const if on else MISSING),
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
    value = ctx.shown()
    custom_key = ctx.form.key(ctx.path, "custom")
    pick_key = ctx.form.key(ctx.path, "pick")
    if isinstance(value, str) and value not in known:
        current = CUSTOM
    elif value in known:
        current = value
    else:
        current = CUSTOM if ctx.form.state.get(pick_key) == CUSTOM else None

    def picked(choice: Any) -> Any:
        if choice == CUSTOM:
            typed = ctx.form.state.get(custom_key)
            return typed or MISSING
        return MISSING if choice is None else choice

    def draw() -> None:
        st.selectbox(
            _label(ctx),
            options,
            index=options.index(current) if current in options else None,
            format_func=lambda o: ctx.type.ui.label_for(str(o)),
            key=pick_key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            accept_new_options=False,
            on_change=ctx.on_change(picked, key=pick_key),
        )

    with_reset(ctx, draw)
    if current == CUSTOM:
        st.text_input(
            f"{ctx.spec.label}: custom id",
            value=value if isinstance(value, str) else "",
            key=custom_key,
            placeholder="type the id",
            on_change=ctx.on_change(lambda t: t or MISSING, key=custom_key),
        )


@register("multiselect")
def render_multiselect(ctx: FieldCtx) -> None:
    if not nullable_scalar(ctx):
        return
    choices = list(ctx.type.item.choices) if ctx.type.item else []
    value = ctx.shown()
    selected = [v for v in value if v in choices] if isinstance(value, list) else []
    with_reset(
        ctx,
        lambda: st.multiselect(
            _label(ctx),
            choices,
            default=selected,
            key=ctx.key,
            help=ctx.help(),
            format_func=lambda o: ctx.type.ui.label_for(str(o)),
            placeholder="Choose…",
            on_change=ctx.on_change(list),
        ),
    )


@register("json")
def render_json(ctx: FieldCtx) -> None:
    """A JSON text editor; text that does not parse is kept and reported, never lost."""
    if not nullable_scalar(ctx):
        return
    raw_store = ctx.form.memo(RAW_JSON)
    pid = path_id(ctx.path)
    value = ctx.value
    if pid in raw_store:
        text = raw_store[pid]["text"]
    elif value is MISSING or value is None:
        text = ""
    else:
        text = json.dumps(value, indent=2, ensure_ascii=False)

    def parsed() -> None:
        new_text = ctx.form.state[ctx.key]
        if not new_text.strip():
            raw_store.pop(pid, None)
            ctx.write(MISSING if not ctx.spec.required else {})
            return
        try:
            data = json.loads(new_text)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = (
                f"this is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}"
                if isinstance(exc, json.JSONDecodeError)
                else "the JSON is nested too deeply"
            )
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
            _label(ctx),
            value=text,
            key=ctx.key,
            help=ctx.help(),
            height=140,
            placeholder='{"key": "value"}',
            on_change=parsed,
        ),
    )
    if pid in raw_store:
        st.error(plain(raw_store[pid]["error"]), icon=":material/data_object:")


def _move(ctx: FieldCtx, index: int, offset: int) -> None:
    items = ctx.value
    target = index + offset
    if not isinstance(items, list) or not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _shift_open(ctx, {index: target, target: index})
    ctx.form.forget(ctx.path)


def _remove(ctx: FieldCtx, index: int) -> None:
    items = ctx.value
    if isinstance(items, list) and 0 <= index < len(items):
        items.pop(index)
        _shift_open(ctx, {i: i - 1 for i in range(index + 1, len(items) + 1)} | {index: None})
        ctx.form.forget(ctx.path)


def _add(ctx: FieldCtx, model: type) -> None:
    items = ctx.value if isinstance(ctx.value, list) else []
    items.append(blank(model))
    ctx.write(items)
    ctx.form.memo(OPEN_ITEMS)[path_id((*ctx.path, len(items) - 1))] = True


def _shift_open(ctx: FieldCtx, moves: dict[int, int | None]) -> None:
    opened = ctx.form.memo(OPEN_ITEMS)
    old = {i: opened.pop(path_id((*ctx.path, i)), False) for i in moves}
    for i, target in moves.items():
        if target is not None and old[i]:
            opened[path_id((*ctx.path, target))] = True


@register("model_list")
def render_model_list(ctx: FieldCtx) -> None:
    """A list of sub-forms. Only opened items draw their widgets, so long lists stay fast."""
    model = ctx.type.item.base  # type: ignore[union-attr]
    items = ctx.value if isinstance(ctx.value, list) else []
    summary_field = ctx.type.ui.summary
    opened = ctx.form.memo(OPEN_ITEMS)
    st.markdown(f"**{plain(ctx.spec.label)}** ({len(items)})", help=ctx.help())
    for index, item in enumerate(items):
        item_path = (*ctx.path, index)
        pid = path_id(item_path)
        name = item.get(summary_field) if isinstance(item, dict) and summary_field else None
        problems = ctx.form.problems_under(item_path)
        with st.container(border=True):
            cols = st.columns([8, 1, 1, 1, 1], vertical_alignment="center")
            badge = f"  :red-badge[{problems} to fix]" if problems else ""
            cols[0].markdown(f"{index + 1}. **{plain(name or '(unnamed)')}**{badge}")
            is_open = opened.get(pid, False)
            cols[1].button(
                ":material/edit:" if not is_open else ":material/expand_less:",
                key=ctx.form.key(item_path, "open"),
                help="Show or hide this item's settings",
                on_click=lambda p=pid: opened.__setitem__(p, not opened.get(p, False)),
            )
            cols[2].button(
                ":material/arrow_upward:",
                key=ctx.form.key(item_path, "up"),
                help="Move up",
                disabled=index == 0,
                on_click=lambda i=index: _move(ctx, i, -1),
            )
            cols[3].button(
                ":material/arrow_downward:",
                key=ctx.form.key(item_path, "down"),
                help="Move down",
                disabled=index == len(items) - 1,
                on_click=lambda i=index: _move(ctx, i, 1),
            )
            cols[4].button(
                ":material/delete:",
                key=ctx.form.key(item_path, "remove"),
                help="Remove",
                on_click=lambda i=index: _remove(ctx, i),
            )
            if is_open:
                if isinstance(item, dict):
                    render_model(ctx.form, model, item_path)
                else:
                    sub = FieldCtx(
                        ctx.form, FieldSpec(str(index), f"Item {index + 1}", "", TypeSpec(dict), True, None), item_path
                    )
                    render_json(sub)
    item_name = ctx.spec.label.rstrip("s").lower() or "item"
    st.button(
        f"Add {item_name}", key=ctx.form.key(ctx.path, "add"), icon=":material/add:", on_click=lambda: _add(ctx, model)
    )


__all__ = ["CUSTOM", "NULL_OPTION", "UNSET_OPTION", "classify"]

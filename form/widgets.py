"""Renderers for scalar, list and free-JSON kinds, registered by kind name."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from form.classify import classify
from form.introspect import FieldSpec, TypeSpec
from form.jsontext import parse_strict
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
from form.state import CUSTOM_MODE, LIST_PAGE, OPEN_ITEMS, RAW_JSON, get_in, path_id

CUSTOM = "Custom…"
# A list longer than this shows its items a page at a time: every row is a handful of
# widgets, and Streamlit redraws every widget on every rerun, so 128 rows would make
# each keystroke anywhere in the form wait for all of them.
LIST_PAGE_SIZE = 10


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
            "↺",
            key=ctx.form.key(ctx.path, "reset"),
            help=f"Back to {ctx.type.ui.unset_label or 'not set'}" + ("" if ctx.present else " (already)"),
            disabled=not ctx.present,
            on_click=ctx.form.callback(lambda: (ctx.write(MISSING), ctx.form.refresh(ctx.path))),
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
        lambda value: on,
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
            _label(ctx),
            min_value=cast(low),
            max_value=cast(high),
            step=cast(step),
            key=slider_key,
            help=ctx.help(),
            on_change=ctx.on_change(lambda v: cast(_round_to_step(v, step)), key=slider_key),
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
                "Exact value",
                step=cast(step),
                key=number_key,
                format=None if is_int else "%.2f",
                on_change=ctx.on_change(lambda v: MISSING if v is None else cast(v), key=number_key),
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
            _label(ctx),
            step=cast(step),
            key=key,
            help=ctx.help(),
            placeholder=tp.ui.placeholder or "not set",
            on_change=ctx.on_change(lambda v: MISSING if v is None else cast(v)),
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
    }
    if multiline:
        long = len(ctx.form.state.get(key) or "") >= 400
        with_reset(ctx, lambda: st.text_area(_label(ctx), height=300 if long else "content", **common))
    else:
        with_reset(ctx, lambda: st.text_input(_label(ctx), **common))


@register("text")
def render_text(ctx: FieldCtx) -> None:
    _render_text_entry(ctx, multiline=False)


@register("textarea")
def render_textarea(ctx: FieldCtx) -> None:
    _render_text_entry(ctx, multiline=True)


@register("toggle")
def render_toggle(ctx: FieldCtx) -> None:
    key = ctx.bind(ctx.key, lambda value: bool(ctx.shown_of(value)))
    with_reset(ctx, lambda: st.toggle(_label(ctx), key=key, help=ctx.help(), on_change=ctx.on_change(bool)))


def _choice_widget(ctx: FieldCtx, horizontal: bool) -> None:
    options = list(ctx.type.choices)
    key = ctx.bind(ctx.key, lambda value: ctx.shown_of(value) if ctx.shown_of(value) in options else None)
    convert = ctx.on_change(lambda v: MISSING if v is None else v)
    label_for = ctx.type.ui.label_for
    if horizontal:
        st.radio(
            _label(ctx),
            options,
            format_func=lambda o: label_for(str(o)),
            horizontal=True,
            key=key,
            help=ctx.help(),
            on_change=convert,
        )
    else:
        st.selectbox(
            _label(ctx),
            options,
            format_func=lambda o: label_for(str(o)),
            key=key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            on_change=convert,
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
        if not ctx.present:
            ctx.write(const)
        return  # a fixed tag: nothing to choose
    key = ctx.bind(ctx.key, lambda value: value is not MISSING)
    with_reset(
        ctx,
        lambda: st.checkbox(
            f"{ctx.spec.label}: {const}",
            key=key,
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
    custom_mode = ctx.form.memo(CUSTOM_MODE)
    pid = path_id(ctx.path)

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
            return ctx.form.state.get(custom_key) or MISSING
        return MISSING if choice is None else choice

    with_reset(
        ctx,
        lambda: st.selectbox(
            _label(ctx),
            options,
            format_func=lambda o: ctx.type.ui.label_for(str(o)),
            key=pick_key,
            help=ctx.help(),
            placeholder=ctx.type.ui.unset_label or "Not set",
            on_change=ctx.on_change(picked, key=pick_key),
        ),
    )
    if ctx.form.state.get(pick_key) == CUSTOM:
        st.text_input(
            f"{ctx.spec.label}: custom id",
            key=custom_key,
            placeholder="type the id",
            on_change=ctx.on_change(lambda t: t or MISSING, key=custom_key),
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
            _label(ctx),
            choices,
            key=key,
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
            _label(ctx),
            key=key,
            help=ctx.help(),
            height=140,
            placeholder='{"key": "value"}',
            on_change=ctx.form.callback(parsed),
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
    _show_page_of(ctx, target)  # follow the item when it crosses to another page
    ctx.form.refresh(ctx.path)


def _remove(ctx: FieldCtx, index: int) -> None:
    items = ctx.value
    if isinstance(items, list) and 0 <= index < len(items):
        items.pop(index)
        _shift_open(ctx, {i: i - 1 for i in range(index + 1, len(items) + 1)} | {index: None})
        ctx.form.refresh(ctx.path)


def _add(ctx: FieldCtx, model: type) -> None:
    items = ctx.value if isinstance(ctx.value, list) else []
    items.append(blank(model))
    ctx.write(items)
    ctx.form.memo(OPEN_ITEMS)[path_id((*ctx.path, len(items) - 1))] = True
    _show_page_of(ctx, len(items) - 1)


def _show_page_of(ctx: FieldCtx, index: int) -> None:
    ctx.form.memo(LIST_PAGE)[path_id(ctx.path)] = index // LIST_PAGE_SIZE


def _page_label(ctx: FieldCtx, page: int, count: int) -> str:
    first, last = page * LIST_PAGE_SIZE, min(count, (page + 1) * LIST_PAGE_SIZE)
    problems = sum(ctx.form.problems_under((*ctx.path, i)) for i in range(first, last))
    return f"{first + 1}–{last} of {count}" + (f" ({problems} to fix)" if problems else "")


def _visible_items(ctx: FieldCtx, count: int) -> range:
    """The indexes to draw: all of a short list, one page of a long one (with a page picker)."""
    if count <= LIST_PAGE_SIZE:
        return range(count)
    pages = -(-count // LIST_PAGE_SIZE)
    chosen = ctx.form.memo(LIST_PAGE)
    pid = path_id(ctx.path)
    page = min(max(int(chosen.get(pid, 0)), 0), pages - 1)
    key = ctx.form.key(ctx.path, "page")
    ctx.form.state[key] = page  # the memo is the truth, so add/move/remove can turn the page
    st.selectbox(
        f"{ctx.spec.label} shown",
        range(pages),
        format_func=lambda p: _page_label(ctx, p, count),
        key=key,
        on_change=lambda: chosen.__setitem__(pid, ctx.form.state[key]),
    )
    return range(page * LIST_PAGE_SIZE, min(count, (page + 1) * LIST_PAGE_SIZE))


def _shift_open(ctx: FieldCtx, moves: dict[int, int | None]) -> None:
    opened = ctx.form.memo(OPEN_ITEMS)
    old = {i: opened.pop(path_id((*ctx.path, i)), False) for i in moves}
    for i, target in moves.items():
        if target is not None and old[i]:
            opened[path_id((*ctx.path, target))] = True


@register("model_list")
def render_model_list(ctx: FieldCtx) -> None:
    """A list of sub-forms. Only opened items draw their widgets, and a long list one page of rows."""
    model = ctx.type.item.base  # type: ignore[union-attr]
    items = ctx.value if isinstance(ctx.value, list) else []
    summary_field = ctx.type.ui.summary
    opened = ctx.form.memo(OPEN_ITEMS)
    st.markdown(f"**{plain(ctx.spec.label)}** ({len(items)})", help=ctx.help())
    for index in _visible_items(ctx, len(items)):
        item = items[index]
        item_path = (*ctx.path, index)
        pid = path_id(item_path)
        name = item.get(summary_field) if isinstance(item, dict) and summary_field else None
        problems = ctx.form.problems_under(item_path)
        with st.container(border=True):
            cols = st.columns([6, 1, 1, 1, 1], vertical_alignment="center", gap="small")
            badge = f"  :red-badge[{problems} to fix]" if problems else ""
            cols[0].markdown(f"{index + 1}. **{plain(name or '(unnamed)')}**{badge}")
            is_open = opened.get(pid, False)
            cols[1].button(
                "✎" if not is_open else "▴",
                key=ctx.form.key(item_path, "open"),
                width="stretch",
                help="Show or hide this item's settings",
                on_click=lambda p=pid: opened.__setitem__(p, not opened.get(p, False)),
            )
            cols[2].button(
                "↑",
                key=ctx.form.key(item_path, "up"),
                width="stretch",
                help="Move up",
                disabled=index == 0,
                on_click=ctx.form.callback(lambda i=index: _move(ctx, i, -1)),
            )
            cols[3].button(
                "↓",
                key=ctx.form.key(item_path, "down"),
                width="stretch",
                help="Move down",
                disabled=index == len(items) - 1,
                on_click=ctx.form.callback(lambda i=index: _move(ctx, i, 1)),
            )
            cols[4].button(
                "✕",
                key=ctx.form.key(item_path, "remove"),
                width="stretch",
                help="Remove",
                on_click=ctx.form.callback(lambda i=index: _remove(ctx, i)),
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
        f"Add {item_name}",
        key=ctx.form.key(ctx.path, "add"),
        icon=":material/add:",
        on_click=ctx.form.callback(lambda: _add(ctx, model)),
    )


__all__ = ["CUSTOM", "NULL_OPTION", "UNSET_OPTION", "classify"]

"""Lists of sub-forms: rows that open, move and go, a page at a time; items of one model or of several.

A list of a discriminated union (``list[Annotated[A | B, Field(discriminator="type")]]``)
offers one "Add" button per member and draws each item with the model its tag names.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.context import FieldCtx, blank, plain
from form.introspect import FieldSpec, TypeSpec
from form.names import item_name, named
from form.registry import register, render_kind, render_model
from form.state import LIST_PAGE, OPEN_ITEMS, path_id
from form.unions import active_variant

# A list longer than this shows its items a page at a time: every row is a handful of
# widgets, and Streamlit redraws every widget on every rerun, so 128 rows would make
# each keystroke anywhere in the form wait for all of them.
LIST_PAGE_SIZE = 10
BUTTON_WIDTH = "content"  # a row's buttons as wide as their glyph: the item's name keeps the rest of the line


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


def _add(ctx: FieldCtx, model: type[BaseModel]) -> None:
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


def item_models(ctx: FieldCtx) -> dict[str, tuple[str, type[BaseModel]]]:
    """The kinds of item a list offers: tag -> (label, model); one entry for a list of one model."""
    item = ctx.type.item
    if item is None:
        return {}
    if item.base == "union":
        label_for = dict(ctx.type.ui.variant_labels)
        return {v.tag: (label_for.get(v.tag, v.label), v.model) for v in item.variants if v.model is not None}
    name = ctx.spec.label.rstrip("s").lower() or "item"
    return {"": (name, item.base)}


def item_model(ctx: FieldCtx, item: Any) -> type[BaseModel] | None:
    """The model an item is drawn with: the list's model, or the one its union variant names."""
    spec = ctx.type.item
    if spec is None:
        return None
    if spec.base != "union":
        return spec.base
    variant = active_variant(spec, item)
    return variant.model if variant is not None else None


def summary_of(item: Any, fields: str | None) -> str | None:
    """What names an item in a collapsed row: the first present of the ``summary`` fields ("name|label")."""
    if not isinstance(item, dict) or not fields:
        return None
    for name in fields.split("|"):
        value = item.get(name.strip())
        if isinstance(value, str) and value:
            return value
    return None


@register("model_list")
def render_model_list(ctx: FieldCtx) -> None:
    """A list of sub-forms. Only opened items draw their widgets, and a long list one page of rows."""
    kinds = item_models(ctx)
    items = ctx.value if isinstance(ctx.value, list) else []
    opened = ctx.form.memo(OPEN_ITEMS)
    st.markdown(f"**{plain(ctx.spec.label)}** ({len(items)})")
    if ctx.help():  # a caption, not a tooltip: a markdown tooltip's button is named only "Help"
        st.caption(plain(ctx.help() or ""))
    for index in _visible_items(ctx, len(items)):
        item = items[index]
        item_path = (*ctx.path, index)
        pid = path_id(item_path)
        name = summary_of(item, ctx.type.ui.summary)
        problems = ctx.form.problems_under(item_path)
        is_open = opened.get(pid, False)
        # One row: the item's name, Edit and Remove, and Move up and down while the item is open
        # (a horizontal box: fewer elements than columns, which matters once a page of ten tools
        # is drawn on every change). A closed item is that row in its border; an open one has
        # its settings below the row, in the same border.
        row_style = {"horizontal": True, "vertical_alignment": "center", "gap": "small", "wrap": False}
        box = st.container(border=True, **({} if is_open else row_style))
        with box:
            row = st.container(**row_style) if is_open else box
            badge = f"  :red-badge[{problems} to fix]" if problems else ""
            row.markdown(f"{index + 1}. **{plain(name or '(unnamed)')}**{badge}", width="stretch")
            called = item_name(ctx.spec.label, index, name)
            row.button(
                named("✎", f"Edit {called}") if not is_open else named("▴", f"Close {called}"),
                key=ctx.form.key(item_path, "open"),
                width=BUTTON_WIDTH,
                help="Show or hide this item's settings",
                on_click=lambda p=pid: opened.__setitem__(p, not opened.get(p, False)),
            )
            if is_open:  # moving is part of editing an item: a closed row stays short
                row.button(
                    named("↑", f"Move {called} up"),
                    key=ctx.form.key(item_path, "up"),
                    width=BUTTON_WIDTH,
                    help="Move up",
                    disabled=index == 0 or ctx.disabled,
                    on_click=ctx.form.callback(lambda i=index: _move(ctx, i, -1)),
                )
                row.button(
                    named("↓", f"Move {called} down"),
                    key=ctx.form.key(item_path, "down"),
                    width=BUTTON_WIDTH,
                    help="Move down",
                    disabled=index == len(items) - 1 or ctx.disabled,
                    on_click=ctx.form.callback(lambda i=index: _move(ctx, i, 1)),
                )
            row.button(
                named("✕", f"Remove {called}"),
                key=ctx.form.key(item_path, "remove"),
                width=BUTTON_WIDTH,
                help="Remove",
                disabled=ctx.disabled,
                on_click=ctx.form.callback(lambda i=index: _remove(ctx, i)),
            )
            if is_open:
                model = item_model(ctx, item)
                if isinstance(item, dict) and model is not None:
                    render_model(ctx.form, model, item_path)
                else:  # not an object, or of no kind the list knows: let the user see and fix it
                    raw = FieldSpec(str(index), f"Item {index + 1}", "", TypeSpec(dict), True, None)
                    render_kind("json", ctx.sub(raw, item_path))
    for tag, (label, model) in kinds.items():
        st.button(
            f"Add {label}",
            key=ctx.form.key(ctx.path, f"add:{tag}" if tag else "add"),
            icon=":material/add:",
            disabled=ctx.disabled,
            on_click=ctx.form.callback(lambda m=model: _add(ctx, m)),
        )

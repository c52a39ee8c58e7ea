"""Name -> value maps (``dict[str, str]``) as rows of two text entries, with remove and add buttons.

The rows as typed live in a memo, like the text of a JSON editor: two rows with one name,
or a value without a name, cannot be a map, so the draft keeps its last good map and the
problem is reported (``FormCtx.json_problems``) until the rows are fixed. Nothing is lost.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from form.context import FieldCtx, plain
from form.jsontext import quote
from form.names import named
from form.presence import nullable_scalar, with_reset
from form.registry import register
from form.state import FORM_PROBLEMS, RAW_PAIRS, path_id

Rows = list[list[str]]


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def current_rows(ctx: FieldCtx) -> Rows:
    """The rows to show: as typed, unless the draft changed since they last gave it its map."""
    store = ctx.form.memo(RAW_PAIRS)
    pid = path_id(ctx.path)
    mapping = _mapping(ctx.value)
    kept = store.get(pid)
    if kept is not None and kept["gave"] == mapping:
        return kept["rows"]
    rows = [[str(name), _as_text(value)] for name, value in mapping.items()]
    store[pid] = {"rows": rows, "gave": dict(mapping)}
    return rows


def rows_problem(label: str, rows: Rows) -> str | None:
    """Why rows cannot be a map (a value without a name, a name used twice), or None."""
    seen: set[str] = set()
    for number, (name, value) in enumerate(rows, start=1):
        if not name and value:
            return f"{label}: row {number} has a value but no name; give it a name or remove the row."
        if name and name in seen:
            return f"{label}: the name {quote(name)} is used in more than one row; keep only one of them."
        seen.add(name)
    return None


def apply_rows(ctx: FieldCtx, rows: Rows) -> None:
    """Keep the rows; write the map they give, or report why they give none (the draft keeps its map)."""
    store = ctx.form.memo(RAW_PAIRS)
    pid = path_id(ctx.path)
    problem = rows_problem(ctx.spec.label, rows)
    if problem is not None:
        store[pid] = {"rows": rows, "gave": dict(_mapping(ctx.value))}
        ctx.form.report(ctx.path, f"{problem} Your rows are kept; fix them to apply them.", "pairs_invalid")
        return
    ctx.form.report(ctx.path, None)
    mapping = {name: value for name, value in rows if name}
    ctx.write(mapping)
    store[pid] = {"rows": rows, "gave": dict(mapping)}


@register("pairs")
def render_pairs(ctx: FieldCtx) -> None:
    """Rows of name and value, a ✕ per row and an Add button."""
    if not nullable_scalar(ctx):
        return
    rows = current_rows(ctx)
    problem = ctx.form.memo(FORM_PROBLEMS).get(path_id(ctx.path))

    def header() -> None:
        st.markdown(f"**{plain(ctx.spec.label)}** ({sum(1 for n, _ in rows if n)})", help=ctx.help())

    if ctx.type.nullable:
        header()  # the presence selector above already offers "not set"
    else:
        with_reset(ctx, header)

    def edited(index: int, column: int, key: str) -> None:
        rows = current_rows(ctx)
        if index < len(rows):
            rows[index][column] = ctx.form.state.get(key) or ""
            apply_rows(ctx, rows)

    def removed(index: int) -> None:
        rows = current_rows(ctx)
        if index < len(rows):
            rows.pop(index)
            apply_rows(ctx, rows)
            ctx.form.refresh(ctx.path)

    def added() -> None:
        rows = current_rows(ctx)
        rows.append(["", ""])
        for column in ("name", "value"):
            ctx.form.state[ctx.form.key((*ctx.path, len(rows) - 1), column)] = ""
        apply_rows(ctx, rows)

    def cell(index: int, column: int) -> Any:
        rows = current_rows(ctx)
        return rows[index][column] if index < len(rows) else ""

    for index in range(len(rows)):
        row_path = (*ctx.path, index)
        name_key = ctx.bind(ctx.form.key(row_path, "name"), lambda _v, i=index: cell(i, 0))
        value_key = ctx.bind(ctx.form.key(row_path, "value"), lambda _v, i=index: cell(i, 1))
        left, middle, right = st.columns([4, 6, 1], vertical_alignment="bottom", gap="small")
        left.text_input(
            f"{ctx.spec.label}: name {index + 1}",
            key=name_key,
            placeholder="name",
            label_visibility="collapsed",
            disabled=ctx.disabled,
            on_change=ctx.form.callback(lambda i=index, k=name_key: edited(i, 0, k)),
        )
        middle.text_input(
            f"{ctx.spec.label}: value {index + 1}",
            key=value_key,
            placeholder="value",
            label_visibility="collapsed",
            disabled=ctx.disabled,
            on_change=ctx.form.callback(lambda i=index, k=value_key: edited(i, 1, k)),
        )
        right.button(
            named("✕", f"Remove {ctx.spec.label} row {index + 1}"),
            key=ctx.form.key(row_path, "remove"),
            help="Remove this row",
            width="stretch",
            disabled=ctx.disabled,
            on_click=ctx.form.callback(lambda i=index: removed(i)),
        )
    st.button(
        named("Add", f"a row to {ctx.spec.label}"),
        key=ctx.form.key(ctx.path, "add"),
        icon=":material/add:",
        help=f"Add a row to {ctx.spec.label}",
        disabled=ctx.disabled,
        on_click=ctx.form.callback(added),
    )
    if problem is not None:
        st.error(plain(problem["error"]), icon=":material/data_object:")

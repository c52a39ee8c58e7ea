"""Compare two sessions setting by setting, labelled with the form's titles; word-level diff of text.

Pure and defensive: either side may be a draft that does not validate yet. Rows walk
the model's fields (nested settings such as turn-taking and each tool get one row per
sub-setting when both sides have the same kind), so a row reads "Turn-taking ›
Silence that ends a turn (ms)" rather than a raw path.

Any two targets compare. Two sessions of one target are walked with that target's model.
Otherwise both are read in the current realtime shape (``apis.convert``) and named by its
editor's labels and paths; a flat-only value (temperature) is shown as "not in the current
API", and a setting a transcription session has no place for as absent on that side.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from form.classify import is_transparent
from form.introspect import NO_DEFAULT, FieldSpec, Path, TypeSpec, field_specs, spec_by_name
from session_model.apis import APIS, Api, api_of, convert

UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()
TEXT_FIELDS = ("instructions",)  # long text: compared word by word below the table
NOT_IN_CURRENT = "not in the current API"
NOT_IN_TRANSCRIPTION = "not in a transcription session"


@dataclass(frozen=True)
class Row:
    """One setting on both sides: its path, plain label, the two values and how to show them."""

    path: Path
    label: str
    left: Any
    right: Any
    left_text: str
    right_text: str

    @property
    def differs(self) -> bool:
        """True when the two sides hold different values (unset counts as a value)."""
        return self.left_text != self.right_text or _canonical(self.left) != _canonical(self.right)


def _canonical(value: Any) -> str:
    return "<unset>" if value is UNSET else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _variant_model(spec: TypeSpec, value: Any) -> type[BaseModel] | None:
    if _is_model(spec.base):
        return spec.base
    if not isinstance(value, Mapping):
        return None
    models = [v for v in spec.variants if v.model is not None]
    for variant in models:
        if value.get("type") == variant.tag:
            return variant.model
    return models[0].model if len(models) == 1 else None


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def show(value: Any, spec: FieldSpec | None) -> str:
    """A value in plain words: labels for choices, "Off" for null, the default for unset."""
    ui = spec.type.ui if spec else None
    if value is UNSET:
        if spec is None or spec.default is NO_DEFAULT or spec.default in (None, [], {}):
            return "not set (server default)"
        return f"not set: server default is {show(spec.default, spec)}"
    if value is None:
        return ui.null_label if ui and ui.null_label else "Off"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return ui.label_for(value) if ui else value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(ui.label_for(item) if ui else item for item in value) if value else "none"
    if isinstance(value, list) and not value:
        return "none"
    model = _variant_model(spec.type, value) if spec is not None else None
    if isinstance(value, Mapping) and model is not None:
        # A variant without a "type" tag (a custom tracing configuration) is named by its settings alone.
        kind = ui.label_for(value["type"]) if ui and spec.type.variants and "type" in value else ""
        return _show_settings(model, value, kind)
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _show_settings(model: type[BaseModel], value: Mapping[str, Any], kind: str) -> str:
    parts = [kind] if kind else []
    for sub in field_specs(model):
        if sub.name in value and not (kind and sub.name == "type"):
            parts.append(f"{sub.label}: {show(value[sub.name], sub)}")
    parts += [f"{name}: {json.dumps(value[name], ensure_ascii=False)}" for name in value if not _known(model, name)]
    return "; ".join(parts) or "(nothing set)"


def _known(model: type[BaseModel], name: Any) -> bool:
    return any(spec.name == name for spec in field_specs(model))


def _summary(side: Any, summary: str | None) -> str | None:
    # "name|server_label": the first of these keys that the item has names it.
    if not summary or not isinstance(side, Mapping):
        return None
    return next((side[k] for k in summary.split("|") if isinstance(side.get(k), str)), None)


def _item_label(spec: FieldSpec, index: int, left: Any, right: Any) -> str:
    names = [name for name in (_summary(side, spec.type.ui.summary) for side in (left, right)) if name is not None]
    name = f" ({names[0]})" if names and all(n == names[0] for n in names) else ""
    return f"item {index + 1}{name}"


def _walk(model: type[BaseModel], left: Any, right: Any, path: Path, labels: tuple[str, ...]) -> list[Row]:
    rows: list[Row] = []
    left_map = left if isinstance(left, Mapping) else {}
    right_map = right if isinstance(right, Mapping) else {}
    known = {spec.name for spec in field_specs(model)}
    for spec in field_specs(model):
        if spec.name not in left_map and spec.name not in right_map:
            continue
        rows.extend(_field_rows(spec, left_map.get(spec.name, UNSET), right_map.get(spec.name, UNSET), path, labels))
    for name in sorted((set(left_map) | set(right_map)) - known, key=str):  # settings the model does not know
        rows.append(
            _row(None, (*path, name), (*labels, f'"{name}"'), left_map.get(name, UNSET), right_map.get(name, UNSET))
        )
    return rows


def _row(spec: FieldSpec | None, path: Path, labels: tuple[str, ...], left: Any, right: Any) -> Row:
    return Row(path, " › ".join(labels), left, right, show(left, spec), show(right, spec))


def _field_rows(spec: FieldSpec, left: Any, right: Any, path: Path, labels: tuple[str, ...]) -> list[Row]:
    # A group that only holds settings shown in sections of their own (audio) adds no words.
    here, label = (*path, spec.name), (labels if is_transparent(spec) else (*labels, spec.label))
    item = spec.type.item
    if (
        spec.type.base is list
        and item is not None
        and (_is_model(item.base) or any(v.model is not None for v in item.variants))
        and (isinstance(left, list) or isinstance(right, list))
    ):
        lefts = left if isinstance(left, list) else []
        rights = right if isinstance(right, list) else []
        rows = []
        if len(lefts) != len(rights):
            rows.append(Row(here, " › ".join(label), left, right, _count(left), _count(right)))
        for index in range(max(len(lefts), len(rights))):
            a = lefts[index] if index < len(lefts) else UNSET
            b = rights[index] if index < len(rights) else UNSET
            item_labels = (*label, _item_label(spec, index, a, b))
            # A list of one model (functions) or of a union of models (functions and MCP servers).
            model_a, model_b = _variant_model(item, a), _variant_model(item, b)
            if isinstance(a, Mapping) and isinstance(b, Mapping) and model_a is not None and model_a is model_b:
                rows.extend(_walk(model_a, a, b, (*here, index), item_labels))
            else:
                rows.append(
                    Row(
                        (*here, index),
                        " › ".join(item_labels),
                        a,
                        b,
                        _item_text(a, model_a),
                        _item_text(b, model_b),
                    )
                )
        return rows
    left_model = _variant_model(spec.type, left)
    right_model = _variant_model(spec.type, right)
    if (
        left_model is not None
        and left_model is right_model
        and isinstance(left, Mapping)
        and isinstance(right, Mapping)
    ):
        if not spec.type.variants:
            return _walk(left_model, left, right, here, label)
        # A tagged union of the same kind on both sides: name the kind once, then compare inside it.
        kind = Row(here, " › ".join(label), left.get("type"), right.get("type"), *_kind_texts(spec, left, right))
        return [kind] + [r for r in _walk(left_model, left, right, here, label) if r.path[-1] != "type"]
    # A whole group only one side has: name it (its settings have no row of their own here).
    return [_row(spec, here, (*labels, spec.label) if is_transparent(spec) else label, left, right)]


def _kind_texts(spec: FieldSpec, left: Mapping[str, Any], right: Mapping[str, Any]) -> tuple[str, str]:
    return spec.type.ui.label_for(str(left.get("type"))), spec.type.ui.label_for(str(right.get("type")))


def _count(value: Any) -> str:
    size = len(value) if isinstance(value, list) else 0
    return "none" if size == 0 else f"{size} item{'s' if size != 1 else ''}"


def _item_text(value: Any, model: type[BaseModel] | None) -> str:
    if value is UNSET:
        return "not there"
    if isinstance(value, Mapping) and model is not None:
        return _show_settings(model, value, "")
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


# ---- across targets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    """One side as compared: its own target, its data in the shape compared, and its flat-only paths."""

    api: Api
    data: dict[str, Any]
    flat_only: frozenset[Path] = frozenset()


def _as_realtime(data: Mapping[str, Any]) -> _Side:
    """A session of any target in the current realtime shape; values it cannot carry stay, marked."""
    api = api_of(data)
    try:
        converted = convert(dict(data), APIS["realtime"])
    except (TypeError, ValueError):
        # An invalid draft (say, an object where a format name belongs) is compared as it is.
        return _Side(api, dict(data))
    out = dict(converted.data)
    kept: set[Path] = set()
    for drop in converted.drops:
        if len(drop.path) == 1 and isinstance(drop.path[0], str):  # flat-only keys sit at the top level
            out[drop.path[0]] = drop.value
            kept.add(drop.path)
    return _Side(api, out, frozenset(kept))


def _has_path(model: type[BaseModel], path: Path) -> bool:
    """True when a model has a place for ``path`` (inside a union or a free-form value, anything goes)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return True
        spec = spec_by_name(current, part)
        if spec is None:
            return False
        item = spec.type.item if spec.type.base is list else None
        base = item.base if item is not None else spec.type.base
        current = base if _is_model(base) else None
    return True


def _across(row: Row, left: _Side, right: _Side) -> Row:
    """A row of two targets: the session type in words, flat-only values and absent settings marked."""
    if row.path == ("type",):
        return Row(row.path, row.label, left.api.key, right.api.key, left.api.title, right.api.title)
    texts = []
    for side, value, text in ((left, row.left, row.left_text), (right, row.right, row.right_text)):
        other = right if side is left else left
        if row.path in side.flat_only:
            text = f"{text} ({NOT_IN_CURRENT})"
        elif value is UNSET and row.path in other.flat_only:
            text = NOT_IN_CURRENT
        elif value is UNSET and side.api.key == "transcription" and not _has_path(side.api.model, row.path):
            text = NOT_IN_TRANSCRIPTION
        texts.append(text)
    return Row(row.path, row.label, row.left, row.right, *texts)


def rows(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[Row]:
    """Every setting present on either side, in the form's order, with plain labels.

    Sessions of one target are walked with its model; two targets in the current realtime
    shape, with the session type as the first row.
    """
    left_api, right_api = api_of(left), api_of(right)
    if left_api is right_api:
        found = _walk(left_api.model, left, right, (), ())
        if not left_api.current:
            return found
        sides = _Side(left_api, dict(left)), _Side(right_api, dict(right))
        return [_across(row, *sides) for row in found]
    sides = _as_realtime(left), _as_realtime(right)
    return [_across(row, *sides) for row in _walk(APIS["realtime"].model, sides[0].data, sides[1].data, (), ())]


def differences(left: Mapping[str, Any], right: Mapping[str, Any]) -> list[Row]:
    """Only the settings that differ."""
    return [row for row in rows(left, right) if row.differs]


Op = Literal["same", "removed", "added"]
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[Op, str]]:
    """The changes from one text to another, word by word: runs of ("same"|"removed"|"added", text)."""
    a, b = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    out: list[tuple[Op, str]] = []

    def emit(op: Op, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit("same", a[i1:i2])
        else:
            emit("removed", a[i1:i2])
            emit("added", b[j1:j2])
    return out

"""Turn pydantic validation errors into plain-language problems tied to field paths.

"Speed must be between 0.5 and 2; you entered 3" instead of
"Input should be less than or equal to 1.2". Pure, model-agnostic.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from form.introspect import FieldSpec, Path, dotted, field_specs, resolve, spec_by_name


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft, located by field path."""

    path: Path
    message: str
    code: str = "invalid"

    @property
    def where(self) -> str:
        """The dotted path (``engine.limits.rpm``), or ``(top level)``."""
        return visible(dotted(self.path)) or "(top level)"


def visible(text: str) -> str:
    """Escape line breaks and other invisible characters, so a message stays on one line and shows them."""
    if text.isprintable():
        return text
    escapes = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(c if c.isprintable() else escapes.get(c, f"\\u{ord(c):04x}") for c in text)


def show_value(value: Any, limit: int = 60) -> str:
    """A short, readable rendering of what the user entered."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: Any) -> str:
    return str(value)


def _entered(error: dict[str, Any]) -> str:
    value = error.get("input")
    if isinstance(value, bool):
        return f"; you entered {str(value).lower()} (a yes/no value)"
    if isinstance(value, str) and error["type"] in ("float_type", "int_type"):
        return f'; you entered the text "{value[:40]}" (write numbers without quotes)'
    if isinstance(value, (dict, list)) and error["type"] not in (
        "model_type",
        "dict_type",
        "list_type",
    ):
        return ""
    return f"; you entered {show_value(value)}"


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def _range(spec: FieldSpec | None, ctx: dict[str, Any]) -> str | None:
    bounds = spec.type.bounds if spec else {}
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    # Bounds of a union member (the "limit" of "number or 'inf'") live on the variant.
    if spec and spec.type.variants and low is None and high is None:
        for variant in spec.type.variants:
            if variant.scalar is not None:
                low = variant.scalar.bounds.get("ge", low)
                high = variant.scalar.bounds.get("le", high)
    if low is not None and high is not None:
        return f"must be between {_num(low)} and {_num(high)}"
    if "ge" in ctx:
        return f"must be at least {_num(ctx['ge'])}"
    if "le" in ctx:
        return f"must be at most {_num(ctx['le'])}"
    if "gt" in ctx:
        return f"must be more than {_num(ctx['gt'])}"
    if "lt" in ctx:
        return f"must be less than {_num(ctx['lt'])}"
    return None


def _scalar_text(tp: Any, bounds: dict[str, Any]) -> str:
    noun = {int: "a whole number", float: "a number", str: "text", bool: "on/off"}.get(tp, "a value")
    if "ge" in bounds and "le" in bounds:
        return f"{noun} from {_num(bounds['ge'])} to {_num(bounds['le'])}"
    return noun


def _choices_text(spec: FieldSpec | None) -> str:
    """What a field accepts, listed: '"a", "b"' or 'a whole number from 1 to 4096, "inf"'."""
    if spec is None:
        return ""
    if spec.type.choices:
        return ", ".join(f'"{v}"' for v in spec.type.choices)
    parts: list[str] = []
    for v in spec.type.variants:
        if v.scalar is not None:
            part = _scalar_text(v.scalar.base, v.scalar.bounds)
        elif v.model is not None:
            part = "a group of settings (JSON object)"
        else:
            part = f'"{v.const}"'
        if part not in parts:  # two kinds of object read the same to the user: say it once
            parts.append(part)
    return ", ".join(parts[:-1]) + (" or " if len(parts) > 1 else "") + parts[-1] if parts else ""


def closest(key: str, candidates: list[str]) -> str | None:
    """The known name a mistyped key most likely meant (``colour`` -> ``color``), or None."""
    guess = difflib.get_close_matches(key, candidates, n=1, cutoff=0.75)
    if guess:
        return guess[0]
    # A shortened name ("names" for "tool_names"): the one known name it is a whole part of.
    parts = [c for c in candidates if key in c.split("_") or c.endswith("_" + key) or c.startswith(key + "_")]
    return parts[0] if len(parts) == 1 else None


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    parent_path, parent, _ = resolve(model, loc[:-1]) if loc[:-1] else ((), None, [])
    siblings: list[str] = []
    elsewhere: list[str] = []
    models: list[Any] = []
    if parent is None and not parent_path:
        siblings = [s.name for s in field_specs(model)]
        models = [model]
    elif parent is not None:
        base = parent.type.item.base if parent.type.item else parent.type.base
        variants = {v.tag: v for v in parent.type.variants if v.model}
        active = variants.get(str(loc[-2])) if len(loc) >= 2 else None
        models = [active.model] if active else ([v.model for v in variants.values()] or [base])
        for candidate in models:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                siblings += [s.name for s in field_specs(candidate)]
        if active is not None:
            elsewhere = [v.label for v in variants.values() if v is not active and spec_by_name(v.model, key)]
    where = f" in {'.'.join(map(str, parent_path))}" if parent_path else ""
    # A model may say where keys of an older shape of itself live now (``moved_keys``).
    moved = {k: v for m in models for k, v in getattr(m, "moved_keys", {}).items()}
    if key in moved:
        return f'"{key}" {moved[key]}.'
    if elsewhere:
        return f'"{key}" only applies to {" / ".join(elsewhere)}, not to {variants[str(loc[-2])].label}; remove it.'
    guess = closest(key, siblings)
    hint = f'; did you mean "{guess}"?' if guess else "; remove it (the API rejects settings it does not know)"
    return f'"{key}" is not a known setting{where}{hint}'


def _mixed_union(spec: FieldSpec | None) -> bool:
    """A union of a group of settings and something else (a word, a number)."""
    variants = spec.type.variants if spec else ()
    return any(v.model is not None for v in variants) and any(v.model is None for v in variants)


def _message(model: type[BaseModel], error: dict[str, Any], spec: FieldSpec | None, label: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    entered = _entered(error)
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return f"{label} {_range(spec, ctx) or error['msg'].lower()}{entered}."
    if kind in ("int_type", "int_from_float") and spec is not None and spec.type.variants:
        return f"{label} must be {_choices_text(spec)}{entered}."
    if kind in ("model_type", "model_attributes_type", "dict_type") and _mixed_union(spec):
        return f"{label} must be {_choices_text(spec)}{entered}."  # "auto" or an object, not only an object
    if kind in _SIMPLE:
        return f"{label} {_SIMPLE[kind]}{entered}."
    if kind == "missing":
        return f"{label} is required."
    if kind == "string_too_short":
        return f"{label} cannot be empty."
    if kind == "string_too_long":
        have = len(error["input"]) if isinstance(error.get("input"), str) else None
        has = f"; yours has {have:,}" if have is not None else ""
        return f"{label} can be at most {ctx.get('max_length', 0):,} characters long{has}."
    if kind == "string_pattern_mismatch":
        return f"{label} is not in the expected form{entered}. {_first_sentence(spec.help if spec else '')}".strip()
    if kind == "literal_error":
        # pydantic lists the choices in Python quotes ('a' or 'b'); users read JSON.
        if spec and len(spec.type.choices) == 1 and not spec.type.variants:
            return f"{label} must be {show_value(spec.type.choices[0])}{entered}."
        choices = _choices_text(spec) or str(ctx.get("expected", "")).replace("'", '"')
        return f"{label} must be {'one of ' if spec and spec.type.choices else ''}{choices}{entered}."
    if kind == "too_short":
        return f"{label} needs at least {ctx.get('min_length', 1)} item(s)."
    if kind == "too_long":
        return f"{label} can have at most {ctx.get('max_length')} item(s)."
    if kind == "extra_forbidden":
        return _unknown_key(model, tuple(error["loc"]), str(error["loc"][-1]))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = " or ".join(f'"{v.tag}"' for v in spec.type.variants) if spec else ""
        return f'{label} must say which kind it is with "type": {tags}{entered}.'
    if kind in ("json_invalid", "value_error", "assertion_error"):
        return f"{label}: {error['msg']}."
    if kind.startswith("finite_number"):
        return f"{label} must be an ordinary number (not NaN or infinity)."
    return (
        f"{label} {error['msg'][0].lower()}{error['msg'][1:]}."
        if kind not in _PYDANTIC_TYPES
        else f"{label}: {error['msg']}."
    )


# Error types whose message is one fixed phrase after the label (and "; you entered ...").
_SIMPLE = {
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be on or off (true or false)",
    "string_type": "must be text",
    "model_type": "must be a group of settings (a JSON object)",
    "dict_type": "must be a group of settings (a JSON object)",
    "model_attributes_type": "must be a group of settings (a JSON object)",
    "list_type": "must be a list",
}

# Error types whose pydantic message is not phrased to follow a field label.
_PYDANTIC_TYPES = {
    "enum",
    "is_instance_of",
    "union_tag_invalid",
    "dataclass_type",
    "date_type",
    "url_parsing",
}


def explain(model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """Plain-language problems for a validation error, one per field path.

    Errors of the alternatives of one union at one path are merged: the user sees
    one sentence about what the field accepts, not one per alternative.
    """
    grouped: dict[Path, list[tuple[dict[str, Any], FieldSpec | None, list[str]]]] = {}
    for error in exc.errors(include_url=False):
        path, spec, labels = resolve(model, tuple(error["loc"]))
        grouped.setdefault(path, []).append((error, spec, labels))
    # A union whose matching alternative has a problem inside (the share kept after trimming is
    # above 1) also reports that the value is none of the other alternatives; only the inner
    # problem is news to the user.
    for path in list(grouped):
        deeper = any(len(other) > len(path) and other[: len(path)] == path for other in grouped)
        if deeper:
            kept = [item for item in grouped[path] if item[0]["type"] not in _UNION_MEMBER_ERRORS]
            if kept:
                grouped[path] = kept
            else:
                del grouped[path]
    problems = []
    for path, items in grouped.items():
        error, spec, labels = items[0]
        label = " › ".join(labels) if labels else "The config"
        if error["type"] == "extra_forbidden":
            label = " › ".join(labels[:-1])
        if len(items) > 1 and all(e["type"] in _UNION_MEMBER_ERRORS for e, _, _ in items):
            problems.append(Problem(path, _merged_union_message(spec, label, error), "invalid_type"))
            continue
        problems.extend(Problem(path, _message(model, e, s, label), e["type"]) for e, s, _ in items)
    # Keys and values come from the user: a line break in one must not split a message.
    return [Problem(p.path, visible(p.message), p.code) for p in problems]


_UNION_MEMBER_ERRORS = {
    "literal_error",
    "model_attributes_type",
    "list_type",
    "string_type",
    "int_type",
    "float_type",
    "model_type",
    "dict_type",
    "string_too_short",
    "bool_type",
}


def _merged_union_message(spec: FieldSpec | None, label: str, error: dict[str, Any]) -> str:
    if spec is not None and spec.type.open_choices:
        return f"{label} must be text: one of the listed values or your own id{_entered(error)}."
    return f"{label} must be one of: {_choices_text(spec)}{_entered(error)}."


def validate(model: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[Problem]]:
    """Validate data against a model: the instance and no problems, or None and the problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, explain(model, exc)

"""Strict JSON text: what Python's parser lets through but other JSON readers refuse, refused in plain words.

Python accepts NaN and Infinity, overflows ``1e400`` to infinity (which exports as
``null``), keeps the last of two equal keys, and raises a bare ValueError on integers
longer than 4,300 digits. Every place that reads JSON a person typed or uploaded uses
``parse_strict`` instead. No Streamlit here.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_NUMBER_DIGITS = 100  # far more than any setting needs; Python itself stops at 4,300


def quote(text: str, limit: int = 60) -> str:
    """Show user text in a message: in double quotes, shortened, with line breaks and control characters escaped."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(short, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")


def parse_strict(text: str, error: type[ValueError] = ValueError) -> Any:
    """Parse JSON text, raising ``error`` (a ValueError) with a plain reason for what strict JSON forbids.

    Syntax errors still raise ``json.JSONDecodeError``, so callers can point at the line.
    """

    def constant(name: str) -> Any:
        raise error(f"{name} is not a number JSON allows; use an ordinary number")

    def whole(digits: str) -> int:
        count = len(digits.lstrip("-"))
        if count > MAX_NUMBER_DIGITS:
            raise error(f"a number has {count} digits; the limit is {MAX_NUMBER_DIGITS}")
        return int(digits)

    def finite(number: str) -> float:
        value = float(number)
        if not math.isfinite(value):
            raise error(f"the number {number[:40]} is too large to store; use an ordinary number")
        return value

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise error(f"the key {quote(key)} appears twice in the same object; keep only one of them")
            seen[key] = value
        return seen

    return json.loads(text, parse_constant=constant, parse_int=whole, parse_float=finite, object_pairs_hook=unique)

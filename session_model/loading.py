"""Read untrusted JSON text safely: size and depth limits, clear messages, never a traceback."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from form.jsontext import parse_strict, quote

# A real session config is a few kilobytes; these limits leave a wide margin while
# keeping a pasted or uploaded file from exhausting memory or the parser's stack.
MAX_INPUT_BYTES = 2 * 1024 * 1024
MAX_NESTING = 64


class InputError(ValueError):
    """The input cannot be read as a JSON object; the message says why in plain words."""


@dataclass(frozen=True)
class Loaded:
    """Parsed JSON plus notes about harmless fix-ups (such as a stripped byte-order mark)."""

    data: Any
    notes: tuple[str, ...] = ()


def _lone_surrogate_path(data: Any) -> str | None:
    """Where a string holds half of a UTF-16 pair (valid JSON escapes, but not text), if anywhere."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return where or "(top level)"
        elif isinstance(node, dict):
            for key, value in node.items():
                stack.append((f"{where}.{key}" if where else key, key))
                stack.append((f"{where}.{key}" if where else key, value))
        elif isinstance(node, list):
            stack.extend((f"{where}[{i}]", value) for i, value in enumerate(node))
    return None


def read_bounded(handle: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read at most ``limit`` bytes (plus one, to tell that there was more); raise ``InputError`` past it.

    An upload or a pipe can be any size: reading it whole before checking would let a
    huge file exhaust memory.
    """
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"the input is over {limit / 1024 / 1024:g} MB; the limit is {limit / 1024 / 1024:g} MB "
            "(a session config is normally a few kilobytes)"
        )
    return data


def read_source(name: str, stdin: TextIO) -> bytes:
    """Read a command-line input (a path, or ``-`` for standard input) with the size limit applied."""
    if name == "-":
        if hasattr(stdin, "buffer"):
            return read_bounded(stdin.buffer)
        return read_bounded(io.BytesIO(stdin.read(MAX_INPUT_BYTES + 1).encode("utf-8", "surrogatepass")))
    with open(name, "rb") as handle:
        return read_bounded(handle)


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, found without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def load_json(raw: bytes | str) -> Loaded:
    """Parse JSON text into Python data, or raise ``InputError`` with a plain-words reason."""
    notes: list[str] = []
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"the input is {size / 1024 / 1024:.1f} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB "
            "(a session config is normally a few kilobytes)"
        )
    if isinstance(raw, bytes):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError("the file is not UTF-8 text but UTF-16 (some Windows editors save so); save it as UTF-8")
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            notes.append("removed a byte-order mark at the start of the file")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the file is not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8 and try again"
            ) from None
    else:
        text = raw
        if text.startswith("\ufeff"):
            text = text[1:]
            notes.append("removed a byte-order mark at the start of the text")
    if not text.strip():
        raise InputError("the input is empty; paste or upload a JSON object")
    depth = _nesting_depth(text)
    if depth > MAX_NESTING:
        raise InputError(f"the data is nested {depth} levels deep; the limit is {MAX_NESTING}")
    try:
        data = parse_strict(text, InputError)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"this is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputError(f"the data is nested too deeply; the limit is {MAX_NESTING} levels") from None
    bad = _lone_surrogate_path(data)
    if bad is not None:
        # "\ud800" alone is valid JSON but no text: it cannot be saved, shown or exported.
        raise InputError(
            f"the text at {quote(bad)} contains a broken character escape (half of a \\uXXXX pair); "
            "remove it or complete the pair"
        )
    return Loaded(data, tuple(notes))


def describe_json_type(value: Any) -> str:
    """Name a JSON value's type in plain words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a piece of text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def load_object(raw: bytes | str) -> Loaded:
    """Like ``load_json``, but the top level must be a JSON object."""
    loaded = load_json(raw)
    if not isinstance(loaded.data, dict):
        raise InputError(f"expected a JSON object ({{...}}) at the top level, found {describe_json_type(loaded.data)}")
    return loaded

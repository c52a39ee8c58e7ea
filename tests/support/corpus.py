"""The bad-input corpus (tests/corpus/bad): its manifest, and the large cases built at run time."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "bad"
CASES: list[dict[str, str]] = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
FILE_CASES = [c for c in CASES if "file" in c]
GENERATED_CASES = [c for c in CASES if "generate" in c]


def _twenty_megabytes() -> bytes:
    pad = "x" * (20 * 1024 * 1024)
    return json.dumps({"tracing": {"metadata": {"pad": pad}}}).encode()


def _nested_lists() -> bytes:
    return b"[" * 10_000 + b"]" * 10_000


def _nested_objects() -> bytes:
    return b'{"a": ' * 10_000 + b"1" + b"}" * 10_000


def _huge_instructions() -> bytes:
    return json.dumps({"instructions": "Speak warmly. " * (1024 * 1024 // 14) + "x" * (1024 * 1024 % 14)}).encode()


def _instructions_just_over() -> bytes:
    return json.dumps({"instructions": "x" * 100_001}).encode()


def _many_tools() -> bytes:
    tools = [{"name": f"tool_{i}", "description": f"Tool number {i}."} for i in range(4999)] + [{"name": "tool_0"}]
    return json.dumps({"tools": tools}).encode()


def _many_bad_tools() -> bytes:
    return json.dumps({"tools": [{"name": f"bad name {i}"} for i in range(5000)]}).encode()


GENERATORS: dict[str, Callable[[], bytes]] = {
    "twenty_megabytes": _twenty_megabytes,
    "nested_lists": _nested_lists,
    "nested_objects": _nested_objects,
    "huge_instructions": _huge_instructions,
    "instructions_just_over": _instructions_just_over,
    "many_tools": _many_tools,
    "many_bad_tools": _many_bad_tools,
}


def materialise(case: dict[str, str], folder: Path) -> Path:
    """The case's file: the committed one, or one generated into ``folder``."""
    if "file" in case:
        return CORPUS / case["file"]
    path = folder / f"{case['name']}.json"
    path.write_bytes(GENERATORS[case["generate"]]())
    return path


def raw(case: dict[str, str]) -> bytes:
    """The case's bytes, read or generated."""
    return (CORPUS / case["file"]).read_bytes() if "file" in case else GENERATORS[case["generate"]]()

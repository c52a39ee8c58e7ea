"""Import a config in any shape: detect it, convert it to the flat draft, and report in plain words.

Nothing here replaces anything: ``import_config`` returns an ``ImportReport`` holding the
flat draft to load and everything the user should know first (what was converted, what
was dropped and why, unknown keys, validation problems by field). The studio's import
page and ``python -m session_model convert`` both read it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from form.introspect import dotted
from form.messages import Problem, validate, visible
from form.state import del_in
from session_model.loading import InputError, load_object
from session_model.models import RealtimeSession
from session_model.shapes import (
    ENVELOPE,
    SERVER_ONLY,
    Change,
    Detected,
    Drop,
    Path,
    Shape,
    ShapeError,
    Unknown,
    detect,
    flat_to_nested_path,
    json_text,
    nested_to_flat_path,
    to_flat,
)


@dataclass(frozen=True)
class Finding:
    """One line of the report: where in the input, and what to say about it."""

    where: str
    message: str

    def __post_init__(self) -> None:
        # Keys come from the input: a line break in one must not break the report's layout.
        object.__setattr__(self, "where", visible(self.where))
        object.__setattr__(self, "message", visible(self.message))


@dataclass(frozen=True)
class ImportReport:
    """What an import would load, and everything the user should hear before confirming it."""

    shape: Shape | None = None
    error: str | None = None  # the input is not a session at all; nothing can be loaded
    data: dict[str, Any] = field(default_factory=dict)  # the flat draft to load
    loaded: tuple[str, ...] = ()  # flat field names in ``data``
    converted: tuple[Finding, ...] = ()
    dropped: tuple[Finding, ...] = ()
    unknown: tuple[Finding, ...] = ()
    problems: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # harmless fix-ups while reading (a byte-order mark)

    @property
    def readable(self) -> bool:
        """The input was a session in a known shape (it may still have problems)."""
        return self.error is None

    @property
    def clean(self) -> bool:
        """Readable, valid, and every key known: the import loads exactly what was given."""
        return self.readable and not self.problems and not self.unknown

    def summary(self) -> str:
        """One sentence: the shape and the counts."""
        if self.error is not None:
            return f"Nothing can be imported: {self.error}."
        parts = [
            _count(len(self.loaded), "setting", "settings") + " loaded",
            f"{len(self.converted)} converted",
            f"{len(self.dropped)} dropped",
            _count(len(self.unknown), "unknown key", "unknown keys"),
            _count(len(self.problems), "problem", "problems") if self.problems else "no problems",
        ]
        return f"Read {self.shape.name if self.shape else 'the input'}: {', '.join(parts)}."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def field_title(name: str) -> str:
    """The label the editor shows for a flat field (``speed`` -> ``Speaking speed``)."""
    info = RealtimeSession.model_fields.get(name)
    return (info.title if info and info.title else name.replace("_", " ").capitalize())


def describe_change(change: Change, prefix: Path = ()) -> Finding:
    """``audio.input.format {"type": "audio/pcmu"} -> input_audio_format "g711_ulaw"`` in plain words."""
    source, target = dotted((*prefix, *change.source)), dotted(change.target)
    if change.before == change.after:
        return Finding(source, f"moved to {target}")
    return Finding(source, f"{json_text(change.before)} became {target} {json_text(change.after)}")


def describe_drop(drop: Drop, prefix: Path = ()) -> Finding:
    """A dropped value and the reason, in plain words."""
    return Finding(dotted((*prefix, *drop.path)), f"{json_text(drop.value)} was left out: {drop.reason}")


def describe_unknown(item: Unknown, prefix: Path = ()) -> Finding:
    """An unknown nested-shape key with its "did you mean"."""
    key = str(item.path[-1])
    where = dotted((*prefix, *item.path[:-1]))
    place = f" in {where}" if where else ""
    if item.reason:
        hint = f'; did you mean "{item.suggestion}"? ({item.reason})' if item.suggestion else f" ({item.reason})"
    elif item.suggestion:
        hint = f'; did you mean "{item.suggestion}"?'
    else:
        hint = "; it will be left out"
    return Finding(dotted((*prefix, *item.path)), f'"{key}" is not a known setting{place}{hint}')


def _session_path(detected: Detected, flat_path: Path) -> Path:
    """Where a flat field path sits in the input as the user wrote it."""
    inner = flat_to_nested_path(flat_path) if detected.shape.nested else flat_path
    return (*detected.path, *inner)


def _strip_unknown(flat: dict[str, Any]) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Validate; remove keys the model does not know (they cannot be edited); return data, unknown, problems."""
    data = copy.deepcopy(flat)
    unknown: list[Problem] = []
    for _ in range(5):  # a union hides the extras of its members until its tag is right; a few passes suffice
        _, problems = validate(RealtimeSession, data)
        extras = [p for p in problems if p.code == "extra_forbidden"]
        if not extras:
            return data, unknown, problems
        for problem in extras:
            del_in(data, problem.path)
        unknown += extras
    _, problems = validate(RealtimeSession, data)
    return data, unknown, problems


def import_detected(detected: Detected, notes: tuple[str, ...] = ()) -> ImportReport:
    """Build the report for a session whose shape is already known."""
    converted: list[Finding] = []
    dropped: list[Finding] = []
    unknown: list[Finding] = []
    problems: list[Finding] = []
    for key, value in detected.envelope.items():
        if key in ENVELOPE:
            dropped.append(Finding(key, f"{json_text(value)} was left out: {ENVELOPE[key]}"))
        else:
            unknown.append(Finding(key, f'"{key}" is not part of {detected.shape.name}; it will be left out'))
    prefix = detected.path
    if detected.shape.nested:
        result = to_flat(detected.session)
        flat = result.data
        converted += [describe_change(c, prefix) for c in result.changes]
        dropped += [describe_drop(d, prefix) for d in result.drops]
        unknown += [describe_unknown(u, prefix) for u in result.unknown]
        problems += [
            Finding(dotted((*prefix, *i.path)), f"{field_title(str(nested_to_flat_path(i.path)[0]))}: {i.message}")
            for i in result.issues
        ]
    else:
        flat = {}
        for key, value in detected.session.items():
            if key in SERVER_ONLY:
                dropped.append(describe_drop(Drop((key,), value, SERVER_ONLY[key]), prefix))
            else:
                flat[key] = value
    data, extras, invalid = _strip_unknown(flat)
    unknown += [Finding(dotted(_session_path(detected, p.path)), p.message) for p in extras]
    problems += [Finding(dotted(_session_path(detected, p.path)) or "(top level)", p.message) for p in invalid]
    return ImportReport(
        shape=detected.shape,
        data=data,
        loaded=tuple(data),
        converted=tuple(converted),
        dropped=tuple(dropped),
        unknown=tuple(unknown),
        problems=tuple(problems),
        notes=notes,
    )


def import_config(raw: bytes | str) -> ImportReport:
    """Read JSON text in any supported shape and report what importing it would do."""
    try:
        loaded = load_object(raw)
        detected = detect(loaded.data)
    except (InputError, ShapeError) as exc:
        return ImportReport(error=str(exc))
    return import_detected(detected, loaded.notes)

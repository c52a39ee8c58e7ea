"""Import a config in any shape: detect it, load it as a draft of its own target, and report in plain words.

Nothing here replaces anything: ``import_config`` returns an ``ImportReport`` holding the
draft to load and everything the user should know first (what was converted, what was
dropped and why, unknown keys, validation problems by field). A session of the current
API loads as a draft of its own type (``realtime`` or ``transcription``), validated by its
own model, with nothing dropped that the model carries; a beta (flat) session loads as
flat, and its report carries the conversion to the current API (``conversion``), which
the import page offers. ``conversion_report`` gives the same report for a draft switched
to another target (the sidebar's target switcher). The studio's import page and
``python -m session_model convert`` both read it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from form.messages import Problem, validate, visible
from form.state import del_in
from session_model import apis
from session_model.apis import APIS, Api
from session_model.loading import InputError, load_object
from session_model.shapes import (
    ENVELOPE,
    SERVER_ONLY,
    Change,
    Converted,
    Detected,
    Drop,
    Path,
    Shape,
    ShapeError,
    Unknown,
    detect,
    json_text,
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
    data: dict[str, Any] = field(default_factory=dict)  # the draft to load, in the target's shape
    loaded: tuple[str, ...] = ()  # top-level field names in ``data``
    target: Api = APIS["realtime"]  # what ``data`` is written for
    source: Api | None = None  # for a target switch: what the draft was written for
    converted: tuple[Finding, ...] = ()
    dropped: tuple[Finding, ...] = ()
    unknown: tuple[Finding, ...] = ()
    problems: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # harmless fix-ups while reading (a byte-order mark)
    conversion: ImportReport | None = None  # a beta (flat) import: the same draft converted to the current API

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
        if self.source is not None and self.shape is None:
            return f"{self.source.title} to {self.target.title}: {', '.join(parts)}."
        return f"Read {self.shape.name if self.shape else 'the input'} as {self.target.title}: {', '.join(parts)}."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def dot(path: Path) -> str:
    """A field path in dot notation, list indexes included (``tools.0.server_label``)."""
    return visible(".".join(map(str, path)))


def field_title(name: str, target: Api | None = None) -> str:
    """The label the editor shows for a top-level field (``instructions`` -> ``Instructions``)."""
    models = [target.model] if target else [a.model for a in APIS.values()]
    for model in models:
        info = model.model_fields.get(name)
        if info and info.title:
            return info.title
    return name.replace("_", " ").capitalize()


def describe_change(change: Change, prefix: Path = ()) -> Finding:
    """``audio.input.format {"type": "audio/pcmu"} -> input_audio_format "g711_ulaw"`` in plain words."""
    source, target = dot((*prefix, *change.source)), dot(change.target)
    if change.before == change.after:
        return Finding(source, f"moved to {target}")
    return Finding(source, f"{json_text(change.before)} became {target} {json_text(change.after)}")


def describe_drop(drop: Drop, prefix: Path = ()) -> Finding:
    """A dropped value and the reason, in plain words."""
    return Finding(dot((*prefix, *drop.path)), f"{json_text(drop.value)} was left out: {drop.reason}")


def describe_unknown(item: Unknown, prefix: Path = ()) -> Finding:
    """An unknown key with its "did you mean"."""
    key = str(item.path[-1])
    where = dot((*prefix, *item.path[:-1]))
    place = f" in {where}" if where else ""
    if item.reason:
        hint = f'; did you mean "{item.suggestion}"? ({item.reason})' if item.suggestion else f" ({item.reason})"
    elif item.suggestion:
        hint = f'; did you mean "{item.suggestion}"?'
    else:
        hint = "; it will be left out"
    return Finding(dot((*prefix, *item.path)), f'"{key}" is not a known setting{place}{hint}')


def strip_unknown(
    model: type[BaseModel], session: dict[str, Any]
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Validate; remove keys the model does not know (they cannot be edited); return data, unknown, problems."""
    data = copy.deepcopy(session)
    unknown: list[Problem] = []
    for _ in range(5):  # a union hides the extras of its members until its tag is right; a few passes suffice
        _, problems = validate(model, data)
        extras = [p for p in problems if p.code == "extra_forbidden"]
        if not extras:
            return data, unknown, problems
        for problem in extras:
            del_in(data, problem.path)
        unknown += extras
    _, problems = validate(model, data)
    return data, unknown, problems


ADDED_TYPE = 'added "type": "realtime": the current API needs it, and the other settings are those of a voice agent'


def _ga_session(session: dict[str, Any], prefix: Path, dropped: list[Finding],
                converted: list[Finding]) -> dict[str, Any]:
    """The session minus what only the server writes (reported as dropped)."""
    kept: dict[str, Any] = {}
    if "type" not in session:
        kept["type"] = "realtime"
        converted.append(Finding(dot((*prefix, "type")) or "type", ADDED_TYPE))
    for key, value in session.items():
        if key in SERVER_ONLY:
            dropped.append(describe_drop(Drop((key,), value, SERVER_ONLY[key]), prefix))
        else:
            kept[key] = value
    return kept


def import_detected(detected: Detected, notes: tuple[str, ...] = ()) -> ImportReport:
    """Build the report for a session whose shape is already known."""
    converted: list[Finding] = []
    dropped: list[Finding] = []
    unknown: list[Finding] = []
    for key, value in detected.envelope.items():
        if key in ENVELOPE:
            dropped.append(Finding(key, f"{json_text(value)} was left out: {ENVELOPE[key]}"))
        else:
            unknown.append(Finding(key, f'"{key}" is not part of {detected.shape.name}; it will be left out'))
    prefix = detected.path
    if detected.shape.nested:
        session = _ga_session(detected.session, prefix, dropped, converted)
    else:
        session = {}
        for key, value in detected.session.items():
            if key in SERVER_ONLY:
                dropped.append(describe_drop(Drop((key,), value, SERVER_ONLY[key]), prefix))
            else:
                session[key] = value
    target = apis.api_of(session)
    data, extras, invalid = strip_unknown(target.model, session)
    unknown += [Finding(dot((*prefix, *p.path)), p.message) for p in extras]
    problems = [Finding(dot((*prefix, *p.path)) or "(top level)", p.message) for p in invalid]
    return ImportReport(
        shape=detected.shape,
        data=data,
        loaded=tuple(data),
        target=target,
        converted=tuple(converted),
        dropped=tuple(dropped),
        unknown=tuple(unknown),
        problems=tuple(problems),
        notes=notes,
        conversion=None if target.current else conversion_report(data, APIS["realtime"]),
    )


def conversion_report(data: dict[str, Any], target: Api) -> ImportReport:
    """The report for switching a draft to another target: what moved, what cannot be carried and why.

    ``data`` is a draft (or session) of any target; the report's ``data`` is the draft for
    ``target``, ``converted`` what moved or was rewritten, ``dropped`` what the target cannot
    carry (with the reason), and ``problems`` what the target's model refuses in the result.
    """
    source = apis.api_of(data)
    result: Converted = apis.convert(data, target)
    converted = [describe_change(c) for c in result.changes]
    dropped = [describe_drop(d) for d in result.drops]
    unknown = [describe_unknown(u) for u in result.unknown]
    problems = [Finding(dot(i.path) or "(top level)", i.message) for i in result.issues]
    draft, extras, invalid = strip_unknown(target.model, result.data)
    unknown += [Finding(dot(p.path), p.message) for p in extras]
    problems += [Finding(dot(p.path) or "(top level)", p.message) for p in invalid]
    return ImportReport(
        data=draft,
        loaded=tuple(draft),
        target=target,
        source=source,
        converted=tuple(converted),
        dropped=tuple(dropped),
        unknown=tuple(unknown),
        problems=tuple(problems),
    )


MISSING_TYPE = (
    'Session type is required: the current API needs "type": "realtime" (a voice agent) or "transcription" '
    "(speech to text); without it the session reads as the retired beta (flat) shape."
)
# Shapes the server sends: its own fields (id, object, expires_at) are expected in them.
SERVER_SENT = ("nested-server-event", "flat-server-event", "client-secret-response")


def check_input(data: dict[str, Any]) -> tuple[Api, list[Problem]]:
    """Validate a session in any shape against its own target, strictly; problems located in the input as written.

    A bare session, a ``session.update`` event or a client secret request is checked as
    sent: every key must be known. In what the server sends (``session.created``, a client
    secret response) the server's own fields are expected and skipped. Raises ``ShapeError``
    when the input is no session at all.
    """
    detected = detect(data)
    session = detected.session
    if detected.shape.key in SERVER_SENT:
        session = {k: v for k, v in session.items() if k not in SERVER_ONLY}
    missing: list[Problem] = []
    if detected.shape.nested and "type" not in session:
        # Written for the current API (audio, output_modalities, ...) but without its type: check it as one.
        missing.append(Problem(("type",), MISSING_TYPE, "missing"))
        session = {"type": "realtime", **session}
    api, _, problems = apis.check(session)
    return api, [Problem((*detected.path, *p.path), p.message, p.code) for p in [*missing, *problems]]


def import_config(raw: bytes | str) -> ImportReport:
    """Read JSON text in any supported shape and report what importing it would do."""
    try:
        loaded = load_object(raw)
        detected = detect(loaded.data)
    except (InputError, ShapeError) as exc:
        return ImportReport(error=str(exc))
    return import_detected(detected, loaded.notes)

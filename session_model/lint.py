"""``python -m session_model lint FILE``: validation problems and advice, one line each."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TextIO

from session_model.advice import SEVERITIES
from session_model.advice_ga import advise_any
from session_model.importing import check_input, dot
from session_model.loading import InputError, load_object, read_source
from session_model.shapes import ShapeError, detect


@dataclass(frozen=True)
class Finding:
    """One line of lint output."""

    severity: str
    where: str
    message: str
    rule: str


def lint_data(data: dict) -> list[Finding]:
    """Validation problems (as errors) followed by the advice on the session, errors first; any shape read."""
    _, problems = check_input(data)
    findings = [Finding("error", dot(p.path) or "(top level)", p.message, "invalid") for p in problems]
    detected = detect(data)
    for item in advise_any(detected.session):
        where = ", ".join(dot((*detected.path, *p)) for p in item.paths) or "(top level)"
        findings.append(Finding(item.severity, where, item.message, item.rule))
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))  # type: ignore[arg-type]


def lint_file(name: str, stdin: TextIO) -> list[Finding]:
    """Lint one file; unreadable or non-JSON input is one error finding."""
    try:
        loaded = load_object(read_source(name, stdin))
    except OSError as exc:
        return [Finding("error", "(file)", f"cannot read it: {exc.strerror or exc}", "unreadable")]
    except InputError as exc:
        return [Finding("error", "(file)", str(exc), "unreadable")]
    try:
        return lint_data(loaded.data)
    except ShapeError as exc:
        return [Finding("error", "(file)", str(exc), "unreadable")]


def _count(findings: list[Finding]) -> str:
    parts = []
    for severity, plural in (("error", "errors"), ("warning", "warnings"), ("tip", "tips")):
        n = sum(f.severity == severity for f in findings)
        parts.append(f"{n} {severity if n == 1 else plural}")
    return ", ".join(parts)


def cmd_lint(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Print each finding as ``FILE: severity: field.path: message [rule]``; exit 1 if any is an error."""
    failed = False
    for name in args.files:
        label = "<stdin>" if name == "-" else name
        findings = lint_file(name, stdin)
        if args.errors_only:
            findings = [f for f in findings if f.severity == "error"]
        failed = failed or any(f.severity == "error" for f in findings)
        for f in findings:
            print(f"{label}: {f.severity}: {f.where}: {f.message} [{f.rule}]", file=out)
        if not args.quiet:
            print(f"{label}: {_count(findings)}", file=err)
    return 1 if failed else 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``lint`` subcommand on the CLI's subparsers."""
    p = sub.add_parser("lint", help="print advice on session JSON files; exit 1 if any has an error")
    p.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for standard input")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the per-file counts")
    p.add_argument("--errors-only", action="store_true", help="print errors only, no warnings or tips")
    p.set_defaults(func=cmd_lint)

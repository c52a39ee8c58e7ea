"""Command line for deployment pipelines: ``python -m session_model validate|schema|lint|convert``.

Every command reads a session of the current API (``"type": "realtime"`` or
``"transcription"``), a ``session.update`` or server event, a client secret request or
response, or a session of the retired beta (flat) shape. Problems are printed as
``FILE: field.path: message`` with paths in dot notation (``tools.0.server_label``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from pydantic import BaseModel

from session_model import apis, lint, targets
from session_model.api_keys import Masking
from session_model.export import SCHEMA_SHAPES, dumps, session_json_schema
from session_model.importing import check_input, dot, import_config
from session_model.loading import InputError, load_object, read_source
from session_model.shapes import ShapeError


def check_file(name: str, stdin: TextIO) -> list[str]:
    """Validate one file; return one ``FILE: field.path: message`` line per problem."""
    label = "<stdin>" if name == "-" else name
    try:
        loaded = load_object(read_source(name, stdin))
        _, problems = check_input(loaded.data)
    except OSError as exc:
        return [f"{label}: (file): cannot read it: {exc.strerror or exc}"]
    except (InputError, ShapeError) as exc:
        return [f"{label}: (file): {exc}"]
    return [f"{label}: {dot(p.path) or '(top level)'}: {p.message}" for p in problems]


def cmd_validate(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    failed = False
    for name in args.files:
        lines = check_file(name, stdin)
        failed = failed or bool(lines)
        for line in lines:
            print(line, file=out)
        if not lines and not args.quiet:
            print(f"{'<stdin>' if name == '-' else name}: valid", file=err)
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    print(dumps(session_json_schema(args.shape)), file=out)
    return 0


# The schemas have their own command. Older names stay accepted for pipelines written before.
CONVERT_TARGETS = tuple(key for key in targets.TARGETS if not key.endswith("schema"))
ALIASES = {"nested-session-update": "session-update", "session": "nested"}


def import_file(name: str, stdin: TextIO, err: TextIO) -> BaseModel | None:
    """Read FILE (``-``: standard input) in any importable shape; the session, or None after saying why on ``err``.

    Dropped fields are reported as warnings. Unknown keys fail (the import page leaves them
    out after showing them): a pipeline must not lose a typo.
    """
    label = "<stdin>" if name == "-" else name
    try:
        report = import_config(read_source(name, stdin))
    except OSError as exc:
        print(f"{label}: (file): cannot read it: {exc.strerror or exc}", file=err)
        return None
    if report.error is not None:
        print(f"{label}: (file): {report.error}", file=err)
        return None
    failures = [*report.unknown, *report.problems]
    for finding in failures:
        print(f"{label}: {finding.where}: {finding.message}", file=err)
    if failures:
        return None
    for finding in report.dropped:
        print(f"{label}: warning: {finding.where}: {finding.message}", file=err)
    return report.target.model.model_validate(report.data)


def cmd_convert(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Read any importable shape, write the target to ``out``; problems and warnings go to ``err``."""
    label = "<stdin>" if args.file == "-" else args.file
    key = ALIASES.get(args.to, args.to)
    session = import_file(args.file, stdin, err)
    if session is None:
        return 1
    api = targets.api_key_of(session)
    if api not in targets.TARGETS[key].apis:
        print(f"{label}: (file): --to {args.to} does not apply to a {apis.APIS[api].title} session; choose one "
              f"of {', '.join(t.key for t in targets.targets_for(api) if t.key in CONVERT_TARGETS)}", file=err)
        return 1
    export = targets.build(key, session)
    for drop in export.left_out:
        print(f"{label}: warning: {dot(drop.path)}: not in {args.to} output: {drop.reason}", file=err)
    out.write(export.text if export.text.endswith("\n") else export.text + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; subcommands register themselves here."""
    parser = argparse.ArgumentParser(prog="python -m session_model", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check session JSON files; exit 1 if any is invalid")
    p.add_argument("files", nargs="+", metavar="FILE", help="a JSON file, or - for standard input")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing for valid files")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("schema", help="print the JSON Schema of the session (the current API unless --shape flat)")
    p.add_argument("--shape", choices=SCHEMA_SHAPES, default="current",
                   help="current: both session types of the current API (default); flat: the retired beta shape")
    p.set_defaults(func=cmd_schema)
    lint.add_parser(sub)
    p = sub.add_parser("convert", help="convert a session in any shape; exit 1 if it is invalid")
    p.add_argument("file", metavar="FILE", help="a JSON file in any importable shape, or - for standard input")
    p.add_argument("--to", required=True, choices=[*CONVERT_TARGETS, *ALIASES], metavar="TARGET",
                   help=f"the shape or code to write: {', '.join(CONVERT_TARGETS)}")
    p.set_defaults(func=cmd_convert)
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    stdin: TextIO = sys.stdin,
) -> int:
    """Run the command line; return the exit code."""
    return run(build_parser(), argv, out, err, lambda args, out, err: args.func(args, out, err, stdin))


def run(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    out: TextIO,
    err: TextIO,
    command: Callable[[argparse.Namespace, TextIO, TextIO], int],
) -> int:
    """Parse ``argv`` and run ``command`` with masked output streams; the exit code (130 on Ctrl-C)."""
    args = parser.parse_args(argv)
    out, err = Masking(out), Masking(err)  # type: ignore[assignment]  # a pasted key never reaches a log
    try:
        return int(command(args, out, err))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python's exit flush from failing too.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141

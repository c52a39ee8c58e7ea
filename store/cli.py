"""Command line for pipelines: ``python -m store list | export NAME | import FILE --name NAME``.

Reads the library named by ``STUDIO_DATABASE_URL`` (else the default SQLite file),
exactly like the app. Versions it saves name their author: ``--author`` or ``STUDIO_AUTHOR``
(default "local"). Errors are one plain line each on standard error, exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from session_model.cli import import_file, run
from session_model.export import dumps, export_session
from store.actors import cli_actor
from store.errors import InvalidSession, StoreError
from store.library import Library

AUTHOR_ENV = "STUDIO_AUTHOR"


def cmd_list(library: Library, args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    found = library.personas(args.search or "")
    if args.json:
        rows = [
            {
                "name": p.name,
                "description": p.description,
                "tags": list(p.tags),
                "latest_version": p.latest,
                "versions": p.count,
                "updated_at": p.updated_at.isoformat(),
            }
            for p in found
        ]
        print(dumps(rows), file=out)
        return 0
    if not found:
        print("The library has no personas yet." if not args.search else "No persona matches.", file=err)
    for p in found:
        tags = ", ".join(p.tags)
        print(f"{p.name}\tversion {p.latest}\t{p.updated_at:%Y-%m-%d %H:%M} UTC\t{tags}".rstrip("\t"), file=out)
    return 0


def cmd_export(library: Library, args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    print(dumps(library.version(args.name, args.version).session), file=out)
    return 0


def cmd_import(library: Library, args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    label = "<stdin>" if args.file == "-" else args.file
    session = import_file(args.file, stdin, err)
    if session is None:
        print(f"{label}: not imported; the library is unchanged", file=err)
        return 1
    try:
        saved = library.save(
            args.name,
            export_session(session),
            note=args.note or f"Imported from {label}",
            description=args.description,
            tags=args.tags,
            by=cli_actor(args.author),
        )
    except InvalidSession as exc:
        for problem in exc.problems:
            print(f"{label}: {problem.where}: {problem.message}", file=err)
        print(f"{label}: not imported ({len(exc.problems)} problem(s)); the library is unchanged", file=err)
        return 1
    what = "created" if saved.created else "added a version to"
    print(f'{label}: {what} "{saved.persona}": version {saved.number}', file=err)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m store``."""
    parser = argparse.ArgumentParser(prog="python -m store", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list the saved personas, most recently changed first")
    p.add_argument("search", nargs="?", help="only personas whose name, description or tags contain these words")
    p.add_argument("--json", action="store_true", help="print a JSON list instead of one line per persona")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("export", help="print a saved persona's session JSON")
    p.add_argument("name", metavar="NAME", help="the persona's name")
    p.add_argument("--version", type=int, metavar="N", help="which version (from 1); default the newest")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "import", help="validate a session (any shape the import page reads) and save it as a persona's next version"
    )
    p.add_argument("file", metavar="FILE", help="a JSON file, or - for standard input")
    p.add_argument("--name", required=True, metavar="NAME", help="the persona to create or add a version to")
    p.add_argument("--note", help="change note for this version")
    p.add_argument("--description", help="one-line description (sets it on the persona)")
    p.add_argument("--tags", help="comma-separated tags (sets them on the persona)")
    p.add_argument(
        "--author",
        default=os.environ.get(AUTHOR_ENV) or "local",
        help=f"who the saved version names as their author (default: ${AUTHOR_ENV}, else local)",
    )
    p.set_defaults(func=cmd_import)
    return parser


def main(
    argv: Sequence[str] | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    stdin: TextIO = sys.stdin,
) -> int:
    """Run the command line; return the exit code."""

    def command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        library = None
        try:
            library = Library()
            return int(args.func(library, args, out, err, stdin))
        except StoreError as exc:
            print(f"error: {exc}", file=err)
            return 1
        finally:
            if library is not None:
                library.close()

    return run(build_parser(), argv, out, err, command)

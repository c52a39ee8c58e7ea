"""The bad-input corpus (tests/corpus/bad): every case is refused with a plain line naming the field.

Each case goes through the command line (`python -m session_model validate`): exit 1,
one ``FILE: field.path: message`` line per problem, never a traceback, and a bounded
amount of memory even for a 20 MB file or 10,000 levels of nesting. Cases too big to
commit are listed in the manifest with a ``generate`` key and built here at run time.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from session_model import cli
from tests.support.corpus import CASES, CORPUS, FILE_CASES, GENERATED_CASES, GENERATORS, ROOT, materialise

# Generous: the CLI peaks at 35-50 MB here (50 MB while printing 5,000 problems).
PEAK_MEMORY_LIMIT_KB = 250 * 1024
LINE = re.compile(r"^(?P<file>[^:]+): (?P<where>\S+|\(file\)|\(top level\)): (?P<message>\S.*)$")


def expect_refused(case: dict[str, str], label: str, output: str) -> list[str]:
    """Assert the lines name the case's field with its message; return the lines."""
    lines = output.splitlines()
    assert lines, f"{case['name']}: no problem reported"
    for line in lines:
        match = LINE.match(line)
        assert match and match["file"] == label, f"not a FILE: path: message line: {line[:200]!r}"
    wanted = f"{label}: {case['path']}: "
    assert any(line.startswith(wanted) and case["message"] in line for line in lines), (
        f"{case['name']}: expected a line starting {wanted!r} containing {case['message']!r}; got {lines[:5]}"
    )
    return lines


# A small launcher runs the CLI and reports the peak memory of that one child. Measuring from
# the test process would count the test's own memory: Linux carries a process's peak from
# before exec, and the child of a big pytest process starts as a copy of it.
LAUNCHER = """
import os, resource, subprocess, sys
code = subprocess.run([sys.executable, "-m", "session_model", *sys.argv[1:]]).returncode
with open(os.environ["CORPUS_RUSAGE_REPORT"], "w") as report:
    report.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_cli(args: list[str], stdin: Path | None = None, timeout: float = 120) -> tuple[int, str, str, int]:
    """Run the CLI in a child process; return exit code, stdout, stderr and its peak memory in KB."""
    report = Path(os.environ.get("TMPDIR", "/tmp")) / f"corpus-rusage-{os.getpid()}-{threading.get_ident()}"
    with open(stdin or os.devnull, "rb") as given:
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, *args],
            cwd=ROOT,
            stdin=given,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "CORPUS_RUSAGE_REPORT": str(report)},
        )
    peak_kb = int(report.read_text())
    report.unlink()
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"), peak_kb


def test_the_manifest_lists_every_file_and_at_least_sixty_cases():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) >= 60
    listed = {c["file"] for c in FILE_CASES}
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "cases.toml"}
    assert listed == on_disk
    assert {c["generate"] for c in GENERATED_CASES} == set(GENERATORS)
    for case in CASES:
        assert case["message"].strip() and case["path"].strip(), case["name"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_each_case_is_refused_with_a_line_naming_the_field(case, tmp_path):
    path = materialise(case, tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["validate", str(path)], out=out, err=err, stdin=io.StringIO(""))
    assert code == 1
    expect_refused(case, str(path), out.getvalue())
    assert err.getvalue() == ""


def test_the_committed_corpus_through_one_cli_process_never_shows_a_traceback():
    files = [str(CORPUS / c["file"]) for c in FILE_CASES]
    code, out, err, peak_kb = run_cli(["validate", *files])
    assert code == 1
    assert "Traceback" not in err and err == ""
    by_file: dict[str, list[str]] = {}
    for line in out.splitlines():
        match = LINE.match(line)
        assert match, f"not a FILE: path: message line: {line[:200]!r}"
        by_file.setdefault(match["file"], []).append(line)
    for case in FILE_CASES:
        label = str(CORPUS / case["file"])
        expect_refused(case, label, "\n".join(by_file.get(label, [])))
    assert peak_kb < PEAK_MEMORY_LIMIT_KB


def test_lint_refuses_the_same_files_with_errors_and_no_traceback():
    files = [str(CORPUS / c["file"]) for c in FILE_CASES]
    code, out, err, peak_kb = run_cli(["lint", "--errors-only", "--quiet", *files])
    assert code == 1 and "Traceback" not in err
    flagged = {line.split(": error: ")[0] for line in out.splitlines() if ": error: " in line}
    assert flagged == set(files)
    assert peak_kb < PEAK_MEMORY_LIMIT_KB


@pytest.mark.parametrize("case", GENERATED_CASES, ids=lambda c: c["name"])
def test_large_cases_through_the_cli_in_bounded_memory(case, tmp_path):
    path = materialise(case, tmp_path)
    code, out, err, peak_kb = run_cli(["validate", str(path)])
    assert code == 1 and "Traceback" not in err
    lines = expect_refused(case, str(path), out)
    if case["generate"] == "many_bad_tools":
        assert len(lines) == 5000  # one line per problem, none dropped
    assert peak_kb < PEAK_MEMORY_LIMIT_KB, f"peak memory {peak_kb // 1024} MB"


def test_twenty_megabytes_are_refused_without_being_read_whole(tmp_path):
    small = tmp_path / "small.json"
    small.write_text('{"voice": "coral"}')
    *_, baseline_kb = run_cli(["validate", str(small)])
    [case] = [c for c in GENERATED_CASES if c["generate"] == "twenty_megabytes"]
    big = materialise(case, tmp_path)
    code, out, _, from_file_kb = run_cli(["validate", str(big)])
    assert code == 1 and case["message"] in out
    code, out, _, from_stdin_kb = run_cli(["validate", "-"], stdin=big)
    assert code == 1 and out.startswith("<stdin>: (file): ") and case["message"] in out
    # Reading the file whole would add 20 MB (and decoding it 20 more); a bounded read adds about 2.
    assert from_file_kb - baseline_kb < 12 * 1024
    assert from_stdin_kb - baseline_kb < 12 * 1024

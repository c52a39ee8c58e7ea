"""Mutation testing of ``session_model``: how many small code changes do the unit tests notice?

``python -m bench.mutation [--module NAME ...]`` runs mutmut once per module, each in its
own copy of the repository (under ``--workdir``), so the working tree is never touched and
two runs never share mutmut's cache. A mutant is a one-token change (``<`` to ``<=``, a
string changed, an argument dropped); the module's tests either fail (killed) or pass
(survived). Not a test and not in CI: it takes minutes per module.

Each module is tried against only the unit tests written for it (``MODULES``), so a
mutant reruns a few fast tests; mutmut further narrows that to the tests that call the
mutated function. Property tests (Hypothesis) and tests that start a child process are
left out: they are slow, and a random example makes a kill depend on the seed.

Prints a table, then one ``FIGURE mutation_<module> ratio=X.XX target>=0.85`` line per
module. The ratio counts timeouts as killed (the mutant made the code loop) and mutants
no selected test reaches as survivors; mutants listed in ``EQUIVALENT`` (no test can
tell them from the original, see the reasons) are left out of it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.85
# Copied into each work folder: the package under test, what its tests import, and pytest's settings.
COPIED = ("session_model", "form", "studio", "store", "bench", "tests", "pyproject.toml")
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache", "e2e", "app")


@dataclass(frozen=True)
class Selection:
    """A module to mutate and the unit tests that cover it (paths or pytest node ids)."""

    source: str
    tests: tuple[str, ...]


# In-process tests only: a CLI test that starts `python -m session_model` would run the child
# unmutated or mutated depending on the environment, and costs a second per mutant.
BAD_INPUT_IN_PROCESS = "tests/unit/test_bad_input_corpus.py::test_each_case_is_refused_with_a_line_naming_the_field"
MODULES: dict[str, Selection] = {
    "share": Selection(
        "session_model/share.py",
        ("tests/unit/test_share.py", "tests/unit/test_no_api_keys.py", "tests/unit/test_mutants_share.py"),
    ),
    "export": Selection(
        "session_model/export.py",
        ("tests/unit/test_export.py", "tests/unit/test_targets.py", "tests/unit/test_mutants_export.py"),
    ),
    "shapes": Selection(
        "session_model/shapes.py",
        ("tests/unit/test_shapes.py", "tests/unit/test_importing.py", "tests/unit/test_mutants_shapes.py"),
    ),
    "advice": Selection(
        "session_model/advice.py",
        ("tests/unit/test_advice.py", "tests/unit/test_advice_ga.py", "tests/unit/test_mutants_advice.py"),
    ),
    "advice_ga": Selection(
        "session_model/advice_ga.py",
        ("tests/unit/test_advice_ga.py", "tests/unit/test_presets.py", "tests/unit/test_mutants_advice_ga.py"),
    ),
    "models": Selection(
        "session_model/models.py",
        (
            "tests/unit/test_model.py",
            "tests/unit/test_ga_corpus.py",
            "tests/unit/test_messages.py",
            "tests/unit/test_validation_caching.py",
            BAD_INPUT_IN_PROCESS,
            "tests/unit/test_mutants_models.py",
        ),
    ),
    "ga": Selection(
        "session_model/ga.py",
        (
            "tests/unit/test_ga_corpus.py",
            "tests/unit/test_targets.py",
            "tests/unit/test_importing.py",
            BAD_INPUT_IN_PROCESS,
            "tests/unit/test_mutants_ga.py",
        ),
    ),
}

# Survivors no test can observe, by mutmut's name, with the reason. Left out of the ratio.
# mutmut numbers a function's mutants in order, so a name holds while its function is unchanged.
_CODEC_ALIAS = "codec names are case-insensitive: 'UTF-8' and 'ASCII' are the same codecs"
_FALSY = "json.dumps tests ensure_ascii for truth, so None acts as False"
_NOT_FLAT = "_schema treats every shape but 'flat' as the current one, so any other default gives the same schema"
_INNER_UNSEEN = (
    'detect calls _inner here only when "session" is an object, so the description of the input it would '
    "put in an error is never shown"
)
_DUMP_MODE = (
    "pydantic takes any mode but 'json' as 'python'; the two dumps of a session model differ only inside "
    "free-form JSON values (tuple or list in tool parameters, tracing metadata), which no rule reads; only a "
    "value JSON cannot write at all, which no export can hold, would tell them apart (by an error)"
)
EQUIVALENT: dict[str, str] = {
    "session_model.share.x_encode__mutmut_11": _FALSY,
    "session_model.share.x_encode__mutmut_31": _CODEC_ALIAS,
    "session_model.share.x_encode__mutmut_35": _CODEC_ALIAS,
    "session_model.share.x_decode__mutmut_26": (
        "padding of +len % 4 instead of -len % 4 differs only for length 3 mod 4 (three '=' for one), and "
        "base64.urlsafe_b64decode ignores surplus padding after the last quantum"
    ),
    "session_model.export.x_dumps__mutmut_3": _FALSY,
    "session_model.export.x_session_json_schema__mutmut_1": _NOT_FLAT,
    "session_model.export.x_session_json_schema__mutmut_2": _NOT_FLAT,
    "session_model.advice.x_advise__mutmut_8": _DUMP_MODE,
    "session_model.advice.x_advise__mutmut_10": _DUMP_MODE,
    "session_model.advice.x_advise__mutmut_12": _DUMP_MODE,
    "session_model.advice.x_advise__mutmut_13": _DUMP_MODE,
    "session_model.advice.x__repair_variables__mutmut_31": (
        "the name was just stripped of braces, so the braces test on it is false, as it is for None; "
        "only the truth of the result is used, never its wording"
    ),
    "session_model.models.x__schema_failure__mutmut_4": "json.dumps tests allow_nan for truth, so None acts as False",
    "session_model.models.x__schema_failure__mutmut_13": "plain is only tested for truth, so None acts as False",
    "session_model.advice_ga.x_advise_any__mutmut_8": _DUMP_MODE,
    "session_model.advice_ga.x_advise_any__mutmut_10": _DUMP_MODE,
    "session_model.advice_ga.x_advise_any__mutmut_12": _DUMP_MODE,
    "session_model.advice_ga.x_advise_any__mutmut_13": _DUMP_MODE,
    "session_model.advice_ga.x_replay__mutmut_48": (
        "ga_path reads the draft only for a tools path with an index; a removed setting's path is one key"
    ),
    "session_model.shapes.x_detect__mutmut_83": _INNER_UNSEEN,
    "session_model.shapes.x_detect__mutmut_86": _INNER_UNSEEN,
    "session_model.shapes.x_detect__mutmut_87": _INNER_UNSEEN,
    "session_model.shapes.x_detect__mutmut_106": _INNER_UNSEEN,
    "session_model.shapes.x_detect__mutmut_109": _INNER_UNSEEN,
    "session_model.shapes.x_detect__mutmut_110": _INNER_UNSEEN,
    "session_model.shapes.x_json_text__mutmut_3": _FALSY,
    "session_model.shapes.x_to_flat__mutmut_234": (
        "every key to_flat writes is a RealtimeSession field (unknown keys were set aside first), so the "
        "rank of a key outside the model's order is never asked for"
    ),
    "session_model.shapes.x_to_nested__mutmut_56": (
        "every moved key has a new place, so target != (key,) is always true and the change is always listed"
    ),
}

# mutmut's statuses, grouped for the table.
KILLED = {"killed", "caught by type check"}
TIMEOUT = {"timeout"}
UNCHECKED = {"not checked", "skipped", "check was interrupted by user"}


@dataclass(frozen=True)
class Counts:
    """One module's mutants by outcome."""

    killed: int = 0
    survived: int = 0
    no_tests: int = 0
    timeouts: int = 0
    suspicious: int = 0
    equivalent: int = 0
    unchecked: int = 0

    @property
    def mutants(self) -> int:
        """Every mutant mutmut made, whatever became of it."""
        return (
            self.killed
            + self.survived
            + self.no_tests
            + self.timeouts
            + self.suspicious
            + self.equivalent
            + self.unchecked
        )

    @property
    def ratio(self) -> float:
        """Detected (killed or timed out) over every checked mutant that is not known to be equivalent."""
        scored = self.mutants - self.equivalent - self.unchecked
        return (self.killed + self.timeouts) / scored if scored else 0.0


def tally(results: list[tuple[str, str]], equivalent: dict[str, str] | None = None) -> Counts:
    """Count ``(mutant name, mutmut status)`` pairs; a surviving mutant in ``equivalent`` counts apart."""
    equivalent = EQUIVALENT if equivalent is None else equivalent
    by_kind: Counter[str] = Counter()
    for name, status in results:
        if status == "survived" and name in equivalent:
            by_kind["equivalent"] += 1
        elif status in KILLED:
            by_kind["killed"] += 1
        elif status in TIMEOUT:
            by_kind["timeouts"] += 1
        elif status == "survived":
            by_kind["survived"] += 1
        elif status == "no tests":
            by_kind["no_tests"] += 1
        elif status in UNCHECKED:
            by_kind["unchecked"] += 1
        else:
            by_kind["suspicious"] += 1
    return Counts(**by_kind)


def parse_results(text: str) -> list[tuple[str, str]]:
    """``mutmut results --all true`` output (``    name: status`` lines) as pairs."""
    pairs = []
    for line in text.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and name and "__mutmut_" in name:
            pairs.append((name, status))
    return pairs


def figure_line(module: str, counts: Counts, target: float = TARGET) -> str:
    """``FIGURE mutation_<module> ratio=X.XX target>=Y.YY``."""
    return f"FIGURE mutation_{module} ratio={counts.ratio:.2f} target>={target:.2f}"


def table(rows: dict[str, Counts]) -> str:
    """A plain-text table: one row per module."""
    head = ("module", "mutants", "killed", "survived", "no tests", "timeouts", "suspicious", "equivalent", "killed %")
    lines = ["".join(f"{h:>11}" for h in head)]
    for module, c in rows.items():
        cells = (module, c.mutants, c.killed, c.survived, c.no_tests, c.timeouts, c.suspicious, c.equivalent)
        lines.append("".join(f"{cell:>11}" for cell in cells) + f"{c.ratio * 100:>10.1f}%")
    return "\n".join(lines)


def mutmut_config(selection: Selection, timeout_multiplier: float) -> str:
    """The ``[tool.mutmut]`` table for one module (appended to the copy's pyproject.toml)."""
    tests = ", ".join(f'"{t}"' for t in selection.tests)
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["session_model"]\n'
        f'only_mutate = ["{selection.source}"]\n'
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
        # bench.cold_caches: each test recomputes what session_model caches, so mutmut links it to those functions.
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "bench.cold_caches"]\n'
        'also_copy = ["form", "studio", "store", "bench"]\n'
        f"timeout_multiplier = {timeout_multiplier}\n"
        "timeout_constant = 2.0\n"
        "use_git_change_detection = false\n"
        # Workers fork from a server that has only collected the tests: forked from a process that
        # had run them, they would inherit warm caches (export's functools.cache on the schema) and
        # never execute a mutant inside a cached function.
        'process_isolation = "forkserver"\n'
    )


def selected_tests(module: str, baseline: bool = False) -> tuple[str, ...]:
    """The tests a module is mutated against; ``baseline`` leaves out the ones written to kill its mutants."""
    tests = MODULES[module].tests
    return tuple(t for t in tests if not Path(t).name.startswith("test_mutants_")) if baseline else tests


def prepare(module: str, workdir: Path, timeout_multiplier: float, baseline: bool = False) -> Path:
    """A fresh copy of the repository for one module's run, with mutmut configured; returns it."""
    selection = Selection(MODULES[module].source, selected_tests(module, baseline))
    folder = workdir / module
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=IGNORED)
        else:
            shutil.copy2(source, folder / name)
    # Test files listed for a module but not written yet are dropped, so the run still starts.
    present = tuple(t for t in selection.tests if (folder / t.split("::")[0]).exists())
    config = mutmut_config(Selection(selection.source, present), timeout_multiplier)
    with open(folder / "pyproject.toml", "a", encoding="utf-8") as pyproject:
        pyproject.write(config)
    return folder


def mutmut_command() -> list[str]:
    """The ``mutmut`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "mutmut"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from mutmut.__main__ import cli; cli()"]


def run_module(module: str, workdir: Path, jobs: int, timeout_multiplier: float, baseline: bool = False) -> Counts:
    """Mutate one module in its own copy and count the outcomes; mutmut's log stays in the copy."""
    folder = prepare(module, workdir, timeout_multiplier, baseline)
    log_path = folder / "mutmut.log"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    print(f"{module}: mutating {MODULES[module].source} in {folder} (log: {log_path})", file=sys.stderr, flush=True)
    with open(log_path, "w", encoding="utf-8") as log:
        subprocess.run(
            [*mutmut_command(), "run", "--max-children", str(jobs)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    listed = subprocess.run(
        [*mutmut_command(), "results", "--all", "true"], cwd=folder, env=env, capture_output=True, text=True
    )
    results = parse_results(listed.stdout)
    (folder / "results.txt").write_text(listed.stdout, encoding="utf-8")
    counts = tally(results)
    minutes = (time.monotonic() - started) / 60
    print(f"{module}: {counts.mutants} mutants in {minutes:.1f} min; survivors in {folder / 'results.txt'}")
    for name, status in results:
        if status not in KILLED | TIMEOUT and name not in EQUIVALENT:
            print(f"   {status}: {name}")
    return counts


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m bench.mutation``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.mutation",
        description="Mutation-test session_model with mutmut, one module at a time, and print FIGURE lines.",
    )
    parser.add_argument(
        "--module", choices=list(MODULES), action="append", help="mutate only this module (repeatable); default: all"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "session-studio-mutation",
        help="where the per-module copies go (each is replaced on every run)",
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (default: 2)")
    parser.add_argument(
        "--timeout-multiplier",
        type=float,
        default=5.0,
        help="a mutant times out after (its tests' clean time + 2 s) x 2 x this, in CPU seconds (default: 5)",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="without the tests/unit/test_mutants_*.py files: the score before they were written",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the chosen modules, print the table and the FIGURE lines."""
    args = build_parser().parse_args(argv)
    modules = args.module or list(MODULES)
    rows = {
        module: run_module(module, args.workdir, args.jobs, args.timeout_multiplier, args.baseline)
        for module in modules
    }
    print(table(rows))
    for module, counts in rows.items():
        print(figure_line(module, counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

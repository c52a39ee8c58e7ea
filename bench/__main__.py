"""Run the benchmarks: ``python -m bench`` (full) or ``python -m bench --quick`` (under three minutes).

Prints a table, then one ``FIGURE`` line per figure, last, for scripts to read.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.figures import Figure, table


@dataclass(frozen=True)
class Plan:
    """How much to measure: repeats per figure."""

    reruns: int
    scaling_reruns: int
    changes: int
    switches: int
    cold_starts: int
    chart_starts: int  # cold starts on the chart's section (shown, not in the ratio)
    corpus: int
    passes: int


# A cold start moves by a tenth of a second with the machine's other load: five of each side,
# alternating, keep one slow start from deciding the quick mode's median.
QUICK = Plan(reruns=15, scaling_reruns=9, changes=30, switches=30, cold_starts=5, chart_starts=2, corpus=200, passes=5)
FULL = Plan(reruns=40, scaling_reruns=12, changes=60, switches=60, cold_starts=7, chart_starts=7, corpus=500, passes=7)
FIGURES = ("rerun", "latency", "switch", "scaling", "cold", "throughput", "memory")


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m bench``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure the studio against Streamlit's own floor and print FIGURE lines.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats; finishes in under three minutes")
    parser.add_argument(
        "--only", choices=FIGURES, action="append", help="run only this figure (repeatable); default: all"
    )
    return parser


def quiet_streamlit() -> None:
    """Silence Streamlit's 'missing ScriptRunContext' chatter from in-process runs."""
    from streamlit import config

    config.set_option("logger.level", "error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def run(plan: Plan, only: set[str]) -> list[Figure]:
    """Measure the chosen figures, in the order of the issue."""
    from bench import browser, rerun, throughput

    figures: list[Figure] = []

    def step(name: str, measure: Callable[[], Figure | list[Figure]]) -> None:
        if name not in only:
            return
        started = time.perf_counter()
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        result = measure()
        figures.extend(result if isinstance(result, list) else [result])
        print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    step("rerun", lambda: rerun.rerun_cost(plan.reruns))
    if only & {"latency", "switch", "cold", "memory"}:
        with browser.chromium() as chromium:
            step("latency", lambda: browser.interaction_latency(chromium, plan.changes))
            step("switch", lambda: browser.section_switch(chromium, plan.switches))
            step("scaling", lambda: rerun.tool_scaling(plan.scaling_reruns))
            step("cold", lambda: browser.cold_start(chromium, plan.cold_starts, plan.chart_starts))
            step("throughput", lambda: throughput.validation_throughput(plan.corpus, plan.passes))
            # Quick mode skips the bare page's sessions: the editor's growth is the figure.
            step("memory", lambda: browser.memory(chromium, compare=plan is FULL))
    else:
        step("scaling", lambda: rerun.tool_scaling(plan.scaling_reruns))
        step("throughput", lambda: throughput.validation_throughput(plan.corpus, plan.passes))
    order = {name: i for i, name in enumerate(FIGURES)}
    return sorted(figures, key=lambda f: order[_kind(f)])


def _kind(figure: Figure) -> str:
    prefixes = {
        "rerun_cost": "rerun",
        "interaction": "latency",
        "section_switch": "switch",
        "tool_scaling": "scaling",
        "cold_start": "cold",
        "validation": "throughput",
        "memory": "memory",
    }
    return next(kind for prefix, kind in prefixes.items() if figure.name.startswith(prefix))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table and the FIGURE lines."""
    args = build_parser().parse_args(argv)
    quiet_streamlit()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="studio-bench-") as data:
        # Autosaves of the measured sessions go to a throwaway library, never the user's.
        os.environ["STUDIO_DATA_DIR"] = data
        os.environ["STUDIO_DATABASE_URL"] = f"sqlite:///{data}/library.db"
        figures = run(QUICK if args.quick else FULL, set(args.only or FIGURES))
    print(table(figures))
    print(f"(measured in {time.perf_counter() - started:.0f} s, {'quick' if args.quick else 'full'} mode)")
    for figure in figures:
        print(figure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark suite imports, parses its command line and prints readable FIGURE lines (nothing is timed)."""

from __future__ import annotations

import re

import pytest

from bench import browser, corpus, rerun, throughput  # noqa: F401  (the modules must import)
from bench.__main__ import build_parser
from bench.figures import Figure, p95
from studio.draft import check

FIGURE_LINE = re.compile(r"^FIGURE [a-z0-9_]+ (ratio=\d+\.\d{2}( target<=\d+\.\d)?|value=-?\d+ unit=\S+)$")


def test_help_describes_the_quick_mode(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    assert "--quick" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("figure", "line"),
    [
        (Figure("rerun_cost", "", ratio=1.234, target=1.3), "FIGURE rerun_cost ratio=1.23 target<=1.3"),
        (Figure("validation_throughput", "", ratio=3.0), "FIGURE validation_throughput ratio=3.00"),
        (Figure("memory_at_10", "", value=812.4, unit="KiB"), "FIGURE memory_at_10 value=812 unit=KiB"),
    ],
)
def test_figure_lines_are_script_readable(figure, line):
    assert figure.line() == line
    assert FIGURE_LINE.match(figure.line())


def test_p95_is_one_of_the_samples():
    samples = [float(n) for n in range(1, 101)]
    assert p95(samples) == 95.0
    assert p95([3.0]) == 3.0


@pytest.mark.parametrize("tools", [0, 1, 16, 128])
def test_full_configs_are_valid_and_tool_names_unique(tools):
    config = corpus.full_config(tools)
    session, problems = check(config)
    assert problems == []
    names = [t["name"] for t in config["tools"]]
    assert len(set(names)) == tools


def test_corpus_is_valid_for_the_studio_and_the_sdk():
    configs = corpus.corpus(40)
    for config in configs:
        assert throughput.ours(config)
        assert throughput.sdk(config)
    assert len({c["voice"] for c in configs}) > 3  # varied, not one config repeated


def test_temperature_walk_stays_within_the_slider():
    values = [value for _, value in browser.temperatures(80)]
    assert min(values) >= browser.LOW and max(values) <= browser.HIGH
    assert all(abs(a - b) == pytest.approx(browser.STEP) for a, b in zip(values, values[1:], strict=False))

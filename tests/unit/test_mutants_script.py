"""``python -m bench.mutation``: its command line, each module's test selection and its arithmetic.

Nothing here runs mutmut; the counts are literal and the ratios worked out by hand.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bench import mutation
from bench.mutation import Counts, build_parser, figure_line, parse_results, selected_tests, tally

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_option_means_every_module():
    args = build_parser().parse_args([])
    assert args.module is None and args.jobs == 2 and not args.baseline
    assert list(mutation.MODULES) == ["share", "export", "shapes", "advice", "advice_ga", "models", "ga"]


def test_module_is_repeatable_and_checked():
    assert build_parser().parse_args(["--module", "share", "--module", "ga"]).module == ["share", "ga"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--module", "cli"])


@pytest.mark.parametrize("module", list(mutation.MODULES))
def test_each_module_and_its_tests_exist(module):
    selection = mutation.MODULES[module]
    assert selection.source == f"session_model/{module}.py" and (ROOT / selection.source).is_file()
    assert f"tests/unit/test_mutants_{module}.py" in selection.tests
    for test in selection.tests:
        assert test.startswith("tests/unit/test_"), test
        if not Path(test).name.startswith("test_mutants_"):
            assert (ROOT / test.split("::")[0]).is_file(), test


def test_share_is_tried_against_its_own_tests_and_baseline_leaves_the_mutant_tests_out():
    assert selected_tests("share") == (
        "tests/unit/test_share.py",
        "tests/unit/test_no_api_keys.py",
        "tests/unit/test_mutants_share.py",
    )
    assert selected_tests("share", baseline=True) == ("tests/unit/test_share.py", "tests/unit/test_no_api_keys.py")


def test_the_config_is_toml_mutmut_reads():
    text = mutation.mutmut_config(mutation.Selection("session_model/share.py", ("tests/unit/test_share.py",)), 5.0)
    config = tomllib.loads(text)["tool"]["mutmut"]
    assert config["only_mutate"] == ["session_model/share.py"]
    assert config["pytest_add_cli_args_test_selection"] == ["tests/unit/test_share.py"]
    assert config["timeout_multiplier"] == 5.0
    assert config["process_isolation"] == "forkserver"
    assert "bench.cold_caches" in config["pytest_add_cli_args"]


def test_results_are_read_from_mutmut_lines():
    text = (
        "    session_model.share.x_encode__mutmut_1: killed\n"
        "    session_model.share.x_encode__mutmut_2: survived\n"
        "    session_model.share.x_decode__mutmut_3: no tests\n"
        "some other line: not a mutant\n"
    )
    assert parse_results(text) == [
        ("session_model.share.x_encode__mutmut_1", "killed"),
        ("session_model.share.x_encode__mutmut_2", "survived"),
        ("session_model.share.x_decode__mutmut_3", "no tests"),
    ]


def test_timeouts_count_as_killed_and_untested_mutants_as_survivors():
    results = [(f"m{i}", "killed") for i in range(80)]
    results += [("t1", "timeout"), ("t2", "timeout")]
    results += [(f"s{i}", "survived") for i in range(15)]
    results += [("n1", "no tests"), ("q1", "suspicious"), ("q2", "segfault")]
    counts = tally(results, equivalent={})
    assert counts == Counts(killed=80, survived=15, no_tests=1, timeouts=2, suspicious=2)
    assert counts.mutants == 100
    assert counts.ratio == pytest.approx(0.82)  # (80 + 2) / 100


def test_equivalent_survivors_leave_the_ratio():
    results = [(f"m{i}", "killed") for i in range(17)] + [("e1", "survived"), ("e2", "survived"), ("s1", "survived")]
    counts = tally(results, equivalent={"e1": "why", "e2": "why"})
    assert (counts.mutants, counts.equivalent, counts.survived) == (20, 2, 1)
    assert counts.ratio == pytest.approx(17 / 18)
    assert figure_line("share", counts) == "FIGURE mutation_share ratio=0.94 target>=0.85"


def test_no_mutants_is_a_ratio_of_zero_not_a_crash():
    assert Counts().ratio == 0.0
    assert figure_line("ga", Counts()) == "FIGURE mutation_ga ratio=0.00 target>=0.85"


def test_the_table_has_a_row_per_module():
    text = mutation.table({"share": Counts(killed=87, survived=13), "export": Counts(killed=9, timeouts=1)})
    lines = text.splitlines()
    assert lines[0].split() == [
        "module",
        "mutants",
        "killed",
        "survived",
        "no",
        "tests",
        "timeouts",
        "suspicious",
        "equivalent",
        "killed",
        "%",
    ]
    assert lines[1].split() == ["share", "100", "87", "13", "0", "0", "0", "0", "87.0%"]
    assert lines[2].split() == ["export", "10", "9", "0", "0", "1", "0", "0", "100.0%"]

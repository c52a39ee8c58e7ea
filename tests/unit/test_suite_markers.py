"""Suite-wide settings from tests/conftest.py: the ``e2e`` marker selects exactly the browser tests
(``-m e2e`` runs them, ``-m "not e2e"`` skips them), and the Hypothesis profile is loaded for every test."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
E2E = ROOT / "tests" / "e2e"
SAMPLE = ROOT / "tests" / "unit" / "test_share.py"


def written_tests(path: Path) -> set[tuple[str, str]]:
    """(file, test name) for every test function written in ``path``, read from its source, not from pytest."""
    tree = ast.parse(path.read_text())
    rel = path.relative_to(ROOT).as_posix()
    return {(rel, node.name) for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def collected(marker: str) -> set[tuple[str, str]]:
    """(file, test name) of what ``pytest --collect-only -m marker`` selects from tests/e2e and one unit file."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", marker,
         "tests/e2e", SAMPLE.relative_to(ROOT).as_posix()],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    # 5 is "no tests collected", a correct answer for a selection that matches nothing.
    assert result.returncode in (0, 5), result.stdout + result.stderr
    found = set()
    for line in result.stdout.splitlines():
        if "::" in line:
            file, *_, name = line.split("::")
            found.add((file, name.split("[")[0]))
    return found


def test_dash_m_e2e_selects_every_browser_test_and_nothing_else():
    browser_tests = set().union(*(written_tests(p) for p in E2E.glob("test_*.py")))
    assert browser_tests, "no browser tests found on disk"
    assert collected("e2e") == browser_tests


def test_dash_m_not_e2e_selects_no_browser_test():
    selected = collected("not e2e")
    assert {file for file, _ in selected} == {"tests/unit/test_share.py"}
    assert selected == written_tests(SAMPLE)


def test_the_hypothesis_profile_named_by_the_environment_is_loaded_for_every_test():
    expected = {"ci": 100, "thorough": 2000}[os.environ.get("HYPOTHESIS_PROFILE", "ci")]
    assert settings.default.max_examples == expected
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check

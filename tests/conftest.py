"""Suite-wide settings: Hypothesis profiles, and the ``e2e`` marker on every browser test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

E2E_DIR = Path(__file__).resolve().parent / "e2e"

# One place for the property tests' budgets: "ci" by default, HYPOTHESIS_PROFILE=thorough locally.
settings.register_profile("ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as ``e2e`` before ``-m`` selects (a conftest's pytestmark marks nothing)."""
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)

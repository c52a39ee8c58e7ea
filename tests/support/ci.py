"""What CI promised to run: a test whose tool is missing skips on a developer machine, fails under CI=true."""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    """True under CI (``CI=true``, as .ci/run and most CI services set it)."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(message: str) -> None:
    """Skip the test on a developer machine; fail it under CI, where a missing tool is a broken CI."""
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def require_program(name: str, how: str) -> str:
    """The path of the program ``name``, or skip (fail under CI) saying ``how`` to get it."""
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} is not installed: {how}")
    return path  # type: ignore[return-value]

"""A pytest plugin for mutation runs only (``-p bench.cold_caches``): every test starts with cold caches.

mutmut learns which tests reach a function from one run of the whole selection, then reruns
only those tests on that function's mutants. A function behind ``functools.cache`` (export's
schema) or ``lru_cache`` (a tool's schema check) runs for the first test only; later tests get
the cached result, so mutmut would never try them on its mutants. Clearing the caches of
``session_model`` before each test makes every test that needs the cached value compute it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


def clear_session_model_caches() -> int:
    """Empty every ``functools`` cache at the top level of a loaded ``session_model`` module; return how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "session_model" or name.startswith("session_model.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
                cleared += 1
    return cleared


@pytest.fixture(autouse=True)
def cold_session_model_caches() -> Iterator[None]:
    """Clear the caches before each test."""
    clear_session_model_caches()
    yield

"""The library's databases for tests: a SQLite file, and the PostgreSQL server that .ci/run starts.

``STUDIO_TEST_POSTGRES_URL`` names a PostgreSQL database the tests may wipe. Without it the
PostgreSQL cases skip on a developer machine, but fail under ``CI=true``: CI promised to run
them, so a missing server is a broken CI, not a reason to skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.support.ci import skip_or_fail

POSTGRES_ENV = "STUDIO_TEST_POSTGRES_URL"


def wipe(url: str) -> None:
    """Drop every table of a test database, so each test starts from an empty library."""
    engine = sa.create_engine(url)
    try:
        found = sa.MetaData()
        found.reflect(engine)
        found.drop_all(engine)
    finally:
        engine.dispose()


def postgres_url() -> str:
    """The test PostgreSQL URL, or skip (fail under CI) when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        skip_or_fail(f"{POSTGRES_ENV} is not set: start PostgreSQL as .ci/run does to run these cases")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty library database: a fresh SQLite file, then the test PostgreSQL database wiped clean."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'library.db'}"
        return
    url = postgres_url()
    wipe(url)
    yield url
    wipe(url)

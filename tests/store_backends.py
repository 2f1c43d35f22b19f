"""Archive backends for tests: a fresh SQLite file, or a fresh database on the test PostgreSQL.

``archive_url`` runs a test once per backend (the PostgreSQL run is skipped only when
KARTOTEKA_TEST_PG is unset; CI always sets it, see .ci/postgres.sh). ``pg_url`` is a fresh,
empty database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV = "KARTOTEKA_TEST_PG"


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def fresh_pg_database() -> Iterator[str]:
    """A new empty database on the test server, its URL, and its removal."""
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(f"{PG_ENV} is not set (source .ci/postgres.sh; start_postgres)")
    import psycopg

    name = f"kt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from fresh_pg_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a test's archive lives: once an SQLite file, once a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "archive.db")
    else:
        request.node.add_marker(pytest.mark.postgres)
        yield from fresh_pg_database()

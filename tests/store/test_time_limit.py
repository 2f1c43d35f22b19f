"""A query past its time budget is stopped with a QueryError naming the budget (both backends)."""

from __future__ import annotations

import time

import pytest

from kartoteka.errors import QueryError
from kartoteka.store import open_archive

SLOW = {  # a count to a billion: far past any budget here, stopped by the engine, not awaited
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
              "SELECT count(*) FROM n",
    "postgresql": "SELECT count(*) FROM generate_series(1, 1000000000)",
}


def test_a_query_past_its_budget_is_stopped(archive_url: str) -> None:
    archive = open_archive(archive_url, create=True)
    try:
        t0 = time.monotonic()
        with pytest.raises(QueryError, match=r"more than its 0.2 s") as info, archive.db.time_limit(0.2):
            archive.db.query(SLOW[archive.db.name])
        assert time.monotonic() - t0 < 5
        assert info.value.expected and "narrower query" in info.value.expected
        assert archive.db.query("SELECT 1")[0][0] == 1  # the connection serves the next query unlimited
        with archive.db.time_limit(5):
            assert archive.db.query("SELECT 2")[0][0] == 2
    finally:
        archive.close()

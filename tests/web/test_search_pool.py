"""Broad searches run in the reading room's search worker: which queries go there (a table), and
on a real archive the worker's answer is the one the reading room's own process gives, from a
process at a lower CPU priority that ends with the reading room."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_web_limits import costly_query

from kartoteka.search.query import cost, parse_query
from kartoteka.store import open_archive
from kartoteka.web.finder import Finder, Query, run_search
from kartoteka.web.searchpool import HEAVY, NICE, heavy


@pytest.mark.parametrize(("query", "expected_cost", "goes"), [
    ("Guatemala", 1, False),
    ('"Foreign Minister" Toriello', 3, False),
    ("Arbenz OR Arévalo OR Toriello", 3, False),
    ("Guat*", 4, False),
    ("t* OR s*", 32, True),
    ("t* s* a*", 48, True),
    (" ".join(f"w{i}" for i in range(31)), 31, False),
    (" OR ".join(f"w{i}" for i in range(32)), 32, True),
    ("Mosc* NOT a*", 20, False),
    ("", 0, False),  # does not parse: refused on the usual path
])
def test_which_queries_go_to_the_worker(query: str, expected_cost: int, goes: bool) -> None:
    if query:
        assert cost(parse_query(query)) == expected_cost
    assert heavy(query) is goes
    assert (expected_cost >= HEAVY) is goes


def test_the_worker_answers_as_the_reading_room_does(built_archive: Path) -> None:
    path = str(built_archive)
    q = costly_query(built_archive)
    assert heavy(q)
    finder = Finder(path, 1)
    try:
        for query, offset in ((Query(q=q), 0), (Query(q=q, exact=True), 20)):
            got = finder.search(query, offset, 20)
            with open_archive(path) as archive:
                here = run_search(archive, query, offset, 20)
            assert got.result.total == here.result.total > 20
            assert got.all_ids == here.all_ids
            assert [(h.document_id, h.snippet) for h in got.result.hits] == [
                (h.document_id, h.snippet) for h in here.result.hits]
        pool = finder.pool._pool
        assert pool is not None
        workers = list(pool._processes.values())
        assert len(workers) == 1 and workers[0].pid is not None
        assert os.getpriority(os.PRIO_PROCESS, workers[0].pid) >= os.getpriority(os.PRIO_PROCESS, 0) + min(
            NICE, 19 - os.getpriority(os.PRIO_PROCESS, 0))
    finally:
        finder.pool.close()
    # close() has stopped the worker; its exit code is recorded by whichever thread reaped it
    # (close's join or the pool's own thread), so it is looked for until it is there
    deadline = time.monotonic() + 10
    while workers[0].exitcode is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers[0].exitcode is not None
    assert not workers[0].is_alive()

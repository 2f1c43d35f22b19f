"""Broad searches away from the reading room's process: a query whose cost for the index
(:func:`kartoteka.search.query.cost`) reaches ``HEAVY`` runs in a worker process of its own, at a
lower CPU priority, one at a time.

In the reading room's process such a query competes with every other reader: its SQLite work runs
without the GIL, but each row it reads and each look at its deadline takes the GIL back, so the
other handlers' threads wait at every switch; and on a machine short of cores it takes a core the
page answers need. In the worker it holds neither: the readers' pages go first, the broad query
gets the CPU left over. At most ``WAITING`` broad searches wait at once (more are refused as
busy), and each has ``BUDGET_S`` of wall-clock time in the worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from kartoteka.errors import KartotekaError, Location, QueryError, StoreError
from kartoteka.search.query import cost, parse_query

if TYPE_CHECKING:
    from kartoteka.store import Archive
    from kartoteka.store.searcher import Findings
    from kartoteka.web.finder import Query

HEAVY = 32  # e.g. two one-letter prefixes, or 32 words (the name searches of a page cost 1 to 10)
WAITING = 4
NICE = 10  # the worker's CPU priority below the reading room's (Linux: about a tenth of its share)
BUDGET_S = 60.0  # wall-clock: at a lower priority on a busy machine, a second of work may take tens
_opened: dict[str, Archive] = {}  # in the worker: the archive, opened once


def heavy(q: str) -> bool:
    """Whether a query goes to the worker (one that does not parse is refused on the usual path)."""
    try:
        return cost(parse_query(q)) >= HEAVY
    except KartotekaError:
        return False


def _start_worker() -> None:
    """In the worker: a lower priority, and an end when the reading room's process is gone
    (stopped or killed, it cannot be left running a search for no one)."""
    # where lowering is not allowed, the worker still leaves the reading room's GIL free
    with contextlib.suppress(OSError):
        os.nice(NICE)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="kartoteka-search-watch", daemon=True).start()


def _search(path: str, query: Query, offset: int, limit: int) -> Findings | tuple[str, str, str | None]:
    """In the worker: the search as the reading room runs it; an error as (kind, message, expected)."""
    from kartoteka.store import open_archive
    from kartoteka.web.finder import run_search

    try:
        archive = _opened.get(path)
        if archive is None:
            archive = _opened[path] = open_archive(path)
        return run_search(archive, query, offset, limit, BUDGET_S)
    except KartotekaError as exc:
        return ("query" if isinstance(exc, QueryError) else "store", exc.message, exc.expected)


class SearchPool:
    """The worker process of one reading room (started at the first broad search)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._waiting = threading.BoundedSemaphore(WAITING)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawned, not forked: the reading room's threads and connections stay behind
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker)
            return self._pool

    def search(self, query: Query, offset: int, limit: int) -> Findings:
        where = Location("query")
        if not self._waiting.acquire(blocking=False):
            raise QueryError("the reading room is busy with other broad searches", location=where,
                             expected="a narrower query (fewer prefixes or words), or a moment's wait")
        try:
            future: Future[Findings | tuple[str, str, str | None]] = self._executor().submit(
                _search, self.path, query, offset, limit)
            got = future.result()
        except BrokenProcessPool:
            with self._lock:
                self._pool = None
            raise StoreError("the search worker stopped", location=where, expected="the search again") from None
        finally:
            self._waiting.release()
        if isinstance(got, tuple):
            kind, message, expected = got
            raise (QueryError if kind == "query" else StoreError)(message, location=where, expected=expected)
        return got

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                # a search still running is not waited for: its worker is stopped
                workers = list(getattr(self._pool, "_processes", {}).values())
                self._pool.shutdown(wait=False, cancel_futures=True)
                for w in workers:
                    w.terminate()
                for w in workers:
                    # the pool's own thread may reap the worker first: then this join returns at
                    # once and the exit code appears when that thread records it
                    w.join(timeout=10)
                self._pool = None


__all__ = ["BUDGET_S", "HEAVY", "WAITING", "SearchPool", "heavy"]

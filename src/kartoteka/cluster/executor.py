"""Per-document work on Dask workers, with flat memory: the executor ``kartoteka.ingest`` runs on
a cluster.

Inputs are read lazily and cut into small chunks; at most ``in_flight`` chunks are on the
cluster at once, and each result is handed on as soon as its chunk completes, so memory holds
a bounded window of the collection however large it is. A task whose worker dies is re-run by
the scheduler, a task that raises is retried (``retries``); a chunk that still fails is split
into single items, so one poisonous document cannot take its neighbours with it, and a single
one that still fails becomes ``failure(item, exception)``. Every chunk's results are yielded
exactly once: a future completes once, whatever ran it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from kartoteka.cluster.connect import ClusterError
from kartoteka.errors import Location
from kartoteka.ingest.inputs import Item
from kartoteka.ingest.tasks import item_failure, parse_item, run_chunk
from kartoteka.model import Record

if TYPE_CHECKING:
    from distributed import Client, Future

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Plan:
    """How work is cut: ``chunk`` items per task, ``in_flight`` tasks at most (0 = two per
    worker thread), ``retries`` per task."""

    chunk: int = 4
    in_flight: int = 0
    retries: int = 3


def _chunks(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    it = iter(items)
    while chunk := tuple(islice(it, max(1, size))):
        yield chunk


class DaskExecutor:
    """Maps over a Dask cluster's workers through ``client``, cut as ``plan`` says."""

    def __init__(self, client: Client, plan: Plan = Plan(),
                 failure: Callable[[Any, BaseException], Any] = item_failure) -> None:
        self.client = client
        self.plan = plan
        self.failure = failure

    def _window(self) -> int:
        if self.plan.in_flight > 0:
            return self.plan.in_flight
        threads: int = sum(self.client.nthreads().values())
        return max(2, 2 * threads)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        from distributed import as_completed

        chunks = _chunks(items, self.plan.chunk)
        pending: dict[Hashable, tuple[T, ...]] = {}
        done = as_completed(loop=self.client.loop)

        def submit(chunk: tuple[T, ...]) -> None:
            fut = self.client.submit(run_chunk, fn, chunk, retries=self.plan.retries, pure=False)
            pending[fut.key] = chunk
            done.add(fut)

        def refill() -> None:
            while len(pending) < self._window():
                chunk = next(chunks, None)
                if chunk is None:
                    return
                submit(chunk)

        refill()
        for fut in done:
            chunk = pending.pop(fut.key)
            results = self._outcome(fut, chunk, submit)
            fut.release()
            refill()
            yield from results

    def _outcome(self, fut: Future[tuple[R, ...]], chunk: tuple[T, ...],
                 resubmit: Callable[[tuple[T, ...]], None]) -> tuple[R, ...]:
        if fut.status == "finished":
            results: tuple[R, ...] = fut.result()
            return results
        if fut.status != "error":
            raise ClusterError(f"a task was {fut.status}: the scheduler or client went away",
                               location=Location(str(getattr(chunk[0], "path", chunk[0]))),
                               expected="a cluster that stays up")
        if len(chunk) > 1:
            for item in chunk:
                resubmit((item,))
            return ()
        return (self.failure(chunk[0], fut.exception()),)


def map_items(client: Client, items: Iterable[Item], plan: Plan = Plan(),
              progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """A Record for every item, parsed on the cluster, in completion order (not input order)."""
    for rec in DaskExecutor(client, plan).map(parse_item, items):
        if progress:
            progress(1)
        yield rec


def batches(records: Iterable[Record], size: int) -> Iterator[Sequence[Record]]:
    """Records in lists of ``size`` (the last one shorter), for one transaction each."""
    it = iter(records)
    while batch := list(islice(it, max(1, size))):
        yield batch


__all__ = ["DaskExecutor", "Plan", "batches", "map_items"]

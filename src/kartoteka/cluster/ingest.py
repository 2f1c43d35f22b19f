"""Distributed per-document work: items to Records over Dask workers, with flat memory.

Inputs are read lazily and cut into small chunks; at most ``in_flight`` chunks are on the
cluster at once, and each Record is handed on as soon as its chunk completes, so memory holds
a bounded window of the collection however large it is. A task whose worker dies is re-run by
the scheduler, a task that raises is retried (``retries``); a chunk that still fails is split
into single documents, so one poisonous document cannot take its neighbours with it. Every
chunk's Records are yielded exactly once: a future completes once, whatever ran it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from kartoteka.cluster.connect import ClusterError
from kartoteka.cluster.inputs import Item
from kartoteka.cluster.tasks import parse_chunk
from kartoteka.errors import Location
from kartoteka.model import Record, Source
from kartoteka.pipeline import failed

if TYPE_CHECKING:
    from distributed import Client, Future


@dataclass(frozen=True, slots=True)
class Plan:
    """How work is cut: ``chunk`` documents per task, ``in_flight`` tasks at most (0 = two per
    worker thread), ``retries`` per task, ``batch`` Records per archive write."""

    chunk: int = 16
    in_flight: int = 0
    retries: int = 3
    batch: int = 256


def _chunks(items: Iterable[Item], size: int) -> Iterator[tuple[Item, ...]]:
    it = iter(items)
    while chunk := tuple(islice(it, max(1, size))):
        yield chunk


def _window(client: Client, plan: Plan) -> int:
    if plan.in_flight > 0:
        return plan.in_flight
    threads: int = sum(client.nthreads().values())
    return max(2, 2 * threads)


def map_items(
    client: Client, items: Iterable[Item], plan: Plan = Plan(), progress: Callable[[int], None] | None = None,
) -> Iterator[Record]:
    """A Record for every item, in completion order (not input order)."""
    from distributed import as_completed

    chunks = _chunks(items, plan.chunk)
    pending: dict[Hashable, tuple[Item, ...]] = {}
    done = as_completed(loop=client.loop)

    def submit(chunk: tuple[Item, ...]) -> None:
        fut = client.submit(parse_chunk, chunk, retries=plan.retries, pure=False)
        pending[fut.key] = chunk
        done.add(fut)

    def refill() -> None:
        while len(pending) < _window(client, plan):
            chunk = next(chunks, None)
            if chunk is None:
                return
            submit(chunk)

    refill()
    for fut in done:
        chunk = pending.pop(fut.key)
        records = _outcome(fut, chunk, submit)
        fut.release()
        refill()
        if records:
            if progress:
                progress(len(records))
            yield from records


def _outcome(
    fut: Future[tuple[Record, ...]], chunk: tuple[Item, ...], resubmit: Callable[[tuple[Item, ...]], None],
) -> tuple[Record, ...]:
    if fut.status == "finished":
        records: tuple[Record, ...] = fut.result()
        return records
    if fut.status != "error":
        raise ClusterError(f"a task was {fut.status}: the scheduler or client went away",
                           location=Location(chunk[0].path), expected="a cluster that stays up")
    if len(chunk) > 1:
        for item in chunk:
            resubmit((item,))
        return ()
    exc = fut.exception()
    item = chunk[0]
    error = ClusterError(f"the cluster could not parse it: {type(exc).__name__}: {exc}",
                         location=Location(item.path))
    return (failed(Source(item.path, ""), error),)


def batches(records: Iterable[Record], size: int) -> Iterator[Sequence[Record]]:
    """Records in lists of ``size`` (the last one shorter), for one transaction each."""
    it = iter(records)
    while batch := list(islice(it, max(1, size))):
        yield batch


__all__ = ["Plan", "batches", "map_items"]

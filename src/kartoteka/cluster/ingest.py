"""Distributed per-document work: items to Records over Dask workers, with flat memory.

Inputs are read lazily and cut into small chunks; at most ``in_flight`` chunks are on the
cluster at once, and each Record is handed on as soon as its chunk completes, so memory holds
a bounded window of the collection however large it is. A task whose worker dies is re-run by
the scheduler, a task that raises is retried (``retries``); a chunk that still fails is split
into single documents, so one poisonous document cannot take its neighbours with it. Every
chunk's Records are yielded exactly once: a future completes once, whatever ran it.
"""

from __future__ import annotations

import hashlib
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

    from kartoteka.store import Archive
    from kartoteka.store.ingest import IngestReport

MAX_FAILURES_KEPT = 100
HASH_CHUNK = 512


@dataclass(frozen=True, slots=True)
class Plan:
    """How work is cut: ``chunk`` documents per task, ``in_flight`` tasks at most (0 = two per
    worker thread), ``retries`` per task, ``batch`` Records per archive write."""

    chunk: int = 4
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


def item_sha256(item: Item) -> str | None:
    """The identity a document will have, known before parsing: its bytes' sha256 (None when
    this machine cannot read the file; a worker may still be able to)."""
    if item.problem is not None:
        return None
    if item.text is not None:
        return hashlib.sha256(item.text.encode("utf-8")).hexdigest()
    from kartoteka.store.ingest import file_sha256

    return file_sha256(item.path)


def _unknown(archive: Archive, items: Iterable[Item], skipped: list[int],
             progress: Callable[[int], None] | None) -> Iterator[Item]:
    it = iter(items)
    while chunk := list(islice(it, HASH_CHUNK)):
        shas = [item_sha256(i) for i in chunk]
        known = archive.known(s for s in shas if s)
        for item, sha in zip(chunk, shas, strict=True):
            if sha is not None and sha in known:
                skipped[0] += 1
                if progress:
                    progress(1)
            else:
                yield item


def ingest_items(
    archive: Archive, items: Iterable[Item], client: Client, *, plan: Plan = Plan(), replace: bool = False,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Parse ``items`` on the cluster and store them in batches (one transaction each).

    Documents the archive already holds are not sent (unless ``replace``); the archive also
    skips a sha256 it holds, so a re-run after a crash, or a task that ran twice, adds nothing.
    """
    from kartoteka.store.ingest import IngestReport

    skipped = [0]
    seen = added = replaced = failed = dup = 0
    failures: list[str] = []
    todo = items if replace else _unknown(archive, items, skipped, progress)
    for batch in batches(map_items(client, todo, plan, progress), plan.batch):
        seen += len(batch)
        good = []
        for rec in batch:
            if rec.document is None:
                failed += 1
                if rec.error is not None and len(failures) < MAX_FAILURES_KEPT:
                    failures.append(rec.error.message)
            else:
                good.append(rec)
        rep = archive.add_records(good, replace=replace)
        added += rep.added
        replaced += rep.replaced
        dup += rep.skipped
    return IngestReport(seen + skipped[0], added, replaced, skipped[0] + dup, failed, tuple(failures))


__all__ = ["Plan", "batches", "ingest_items", "item_sha256", "map_items"]

"""Ingest: inputs streamed into an archive, per-document work on an executor, written in batches.

Inputs are hashed first (sha256 of their bytes, the document's identity), and the ones the
archive already holds are not parsed again. The rest are parsed on an executor (in this
process, a process pool, a Dask cluster) with a bounded window of work in flight, and their
records reach the archive in batches, each one transaction: memory holds one window and one
batch, never the collection; a kill at any moment leaves whole batches only, and a re-run
parses just what is missing (the archive also skips a sha256 it holds, so a task that ran twice
adds nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from kartoteka.ingest.executor import Executor, InProcess
from kartoteka.ingest.inputs import Item, item_sha256
from kartoteka.ingest.tasks import parse_item
from kartoteka.model import Record
from kartoteka.store import Archive
from kartoteka.store.clock import timestamp

HASH_CHUNK = 512
MAX_FAILURES_KEPT = 100
# Told how many more documents are done (stored, skipped or failed).
Advance = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """Counts of one ingest, and the first failures' messages (file and reason)."""

    files: int
    added: int
    replaced: int
    skipped: int
    failed: int
    failures: tuple[str, ...] = field(default=())
    versions: int = 0  # changed files stored as a new version of the document at their address


@dataclass(slots=True)
class _Tally:
    seen: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    versions: int = 0

    def report(self) -> IngestReport:
        return IngestReport(self.seen, self.added, self.replaced, self.skipped, self.failed, tuple(self.failures),
                            self.versions)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def _unknown(archive: Archive, items: Iterable[Item], tally: _Tally, progress: Advance | None) -> Iterator[Item]:
    """The items whose bytes the archive does not hold yet."""
    for chunk in chunks(items, HASH_CHUNK):
        shas = [item_sha256(i) for i in chunk]
        known = archive.known(s for s in shas if s)
        for item, sha in zip(chunk, shas, strict=True):
            tally.seen += 1
            if sha is not None and sha in known:
                tally.skipped += 1
                if progress:
                    progress(1)
            else:
                yield item


def _counted(items: Iterable[Item], tally: _Tally) -> Iterator[Item]:
    for item in items:
        tally.seen += 1
        yield item


def ingest(
    archive: Archive, items: Iterable[Item], executor: Executor | None = None, *, batch: int = 64,
    replace: bool = False, progress: Advance | None = None, parse: Callable[[Item], Record] = parse_item,
    collection: str | None = None, author: str = "ingest",
) -> IngestReport:
    """Parse ``items`` on ``executor`` and store them in batches of ``batch`` (one transaction
    each); documents the archive holds are not parsed again unless ``replace``. Documents get their
    address in ``collection`` (None: derived from each path); a changed file at its address is a new
    version by ``author`` (see :meth:`kartoteka.store.Archive.add_records`). Linking is the caller's
    next step."""
    since = timestamp()

    def store(buffer: list[Record]) -> None:
        _store(archive, buffer, replace, tally, collection=collection, author=author, since=since)

    tally = _Tally()
    todo = _counted(items, tally) if replace else _unknown(archive, items, tally, progress)
    buffer: list[Record] = []
    for rec in (executor or InProcess()).map(parse, todo):
        if rec.document is None:
            tally.failed += 1
            if len(tally.failures) < MAX_FAILURES_KEPT:
                tally.failures.append(rec.error.message if rec.error else f"{rec.source.path}: could not be read")
            if progress:
                progress(1)
            continue
        buffer.append(rec)
        if progress:  # as each is parsed: the bar moves a document at a time, not a batch
            progress(1)
        if len(buffer) >= batch:
            store(buffer)
    store(buffer)
    return tally.report()


def _store(archive: Archive, buffer: list[Record], replace: bool, tally: _Tally, *,
           collection: str | None = None, author: str = "ingest", since: str | None = None) -> None:
    if not buffer:
        return
    rep = archive.add_records(buffer, replace=replace, collection=collection, author=author, since=since)
    tally.added += rep.added
    tally.replaced += rep.replaced
    tally.skipped += rep.skipped
    tally.versions += rep.versions
    tally.failed += len(rep.refused)
    tally.failures.extend(rep.refused[:max(0, MAX_FAILURES_KEPT - len(tally.failures))])
    buffer.clear()


def ingest_records(archive: Archive, records: Iterable[Record], *, batch: int = 500,
                   progress: Advance | None = None) -> IngestReport:
    """The bulk path: already-parsed records stored in batches (no files, no parsing)."""
    tally = _Tally()
    it = iter(records)
    while chunk := list(islice(it, max(1, batch))):
        rep = archive.add_records(chunk)
        tally.seen += len(chunk)
        tally.added += rep.added
        tally.skipped += rep.skipped
        tally.failed += rep.failed
        if progress:
            progress(len(chunk))
    return tally.report()


__all__ = ["Advance", "IngestReport", "chunks", "ingest", "ingest_records"]

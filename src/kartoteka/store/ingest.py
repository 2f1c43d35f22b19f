"""Ingest: source files streamed into an archive, per-document work on all cores, written in batches.

Files are hashed first (sha256 of their bytes, the document's identity), and the ones the
archive already holds are not parsed again. The rest go through the pipeline in a process pool
with a bounded window of work in flight, and their records reach the archive in batches, each
one transaction: memory holds one window and one batch, never the collection; a kill at any
moment leaves whole batches only, and a re-run parses just what is missing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice

from kartoteka.errors import Location, ParseError
from kartoteka.model import Record
from kartoteka.pipeline import Job, parse_path
from kartoteka.store.archive import Archive

HASH_CHUNK = 512
MAX_FAILURES_KEPT = 100


@dataclass(frozen=True, slots=True)
class IngestReport:
    """Counts of one ingest, and the first failures' messages (file and reason)."""

    files: int
    added: int
    replaced: int
    skipped: int
    failed: int
    failures: tuple[str, ...] = field(default=())


def file_sha256(path: str) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read (parsing will say why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _to_parse(archive: Archive, files: Iterable[str], replace: bool,
              progress: Callable[[int], None] | None, skipped: list[int]) -> Iterator[str]:
    """The files whose bytes the archive does not hold yet (all of them with ``replace``)."""
    for chunk in _chunks(files, HASH_CHUNK):
        if replace:
            yield from chunk
            continue
        shas = {p: file_sha256(p) for p in chunk}
        known = archive.known(s for s in shas.values() if s)
        for p in chunk:
            if shas[p] in known:
                skipped[0] += 1
                if progress:
                    progress(1)
            else:
                yield p


def _warm() -> None:
    from kartoteka import entities

    entities.warm()


def parse_stream(paths: Iterable[str], job: Job, parse: Callable[[str], Record] = parse_path) -> Iterator[Record]:
    """Records of ``paths`` in completion order, with at most a few tasks per worker in flight."""
    if job.workers <= 1:
        for p in paths:
            yield parse(p)
        return
    window = max(2, job.workers * 4)
    it = iter(paths)
    try:
        yield from _pooled(it, job.workers, window, parse)
    except BrokenProcessPool:
        raise ParseError("a worker process died (out of memory?); what was stored is kept",
                         location=Location("ingest"), expected="a re-run, perhaps with fewer --jobs") from None


def _pooled(it: Iterator[str], workers: int, window: int, parse: Callable[[str], Record]) -> Iterator[Record]:
    # the pipeline's models load once per worker before work arrives; other work needs nothing
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm if parse is parse_path else None) as pool:
        pending: set[Future[Record]] = set()
        for p in islice(it, window):
            pending.add(pool.submit(parse, p))
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
                nxt = next(it, None)
                if nxt is not None:
                    pending.add(pool.submit(parse, nxt))


def ingest_files(
    archive: Archive, files: Sequence[str], *, job: Job | None = None, batch: int = 64, replace: bool = False,
    progress: Callable[[int], None] | None = None, parse: Callable[[str], Record] = parse_path,
) -> IngestReport:
    """Parse and store ``files``; returns what happened. Linking is the caller's next step."""
    job = job or Job.auto(len(files))
    skipped = [0]
    added = replaced = failed = 0
    failures: list[str] = []
    buffer: list[Record] = []

    def flush() -> None:
        nonlocal added, replaced
        if buffer:
            rep = archive.add_records(buffer, replace=replace)
            added += rep.added
            replaced += rep.replaced
            skipped[0] += rep.skipped
            if progress:
                progress(len(buffer))
            buffer.clear()

    for rec in parse_stream(_to_parse(archive, files, replace, progress, skipped), job, parse):
        if rec.document is None:
            failed += 1
            if len(failures) < MAX_FAILURES_KEPT:
                failures.append(rec.error.message if rec.error else f"{rec.source.path}: could not be read")
            if progress:
                progress(1)
            continue
        buffer.append(rec)
        if len(buffer) >= batch:
            flush()
    flush()
    return IngestReport(len(files), added, replaced, skipped[0], failed, tuple(failures))


def ingest_records(archive: Archive, records: Iterable[Record], *, batch: int = 500,
                   progress: Callable[[int], None] | None = None) -> IngestReport:
    """The bulk path: already-parsed records stored in batches (no files, no parsing)."""
    added = skipped = failed = n = 0
    for chunk in _record_chunks(records, batch):
        rep = archive.add_records(chunk)
        n += len(chunk)
        added += rep.added
        skipped += rep.skipped
        failed += rep.failed
        if progress:
            progress(len(chunk))
    return IngestReport(n, added, 0, skipped, failed)


def _record_chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


__all__ = ["IngestReport", "file_sha256", "ingest_files", "ingest_records", "parse_stream"]

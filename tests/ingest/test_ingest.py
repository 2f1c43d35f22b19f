"""Ingest mechanics: every executor yields each input's record exactly once; files the archive
holds are not parsed again; unreadable files are reported, not stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.ingest import (
    Executor,
    InProcess,
    Item,
    Job,
    ProcessPool,
    file_sha256,
    in_order,
    ingest,
    ingest_records,
)
from kartoteka.model import Document, Failure, Record, Source
from kartoteka.readers import read_file
from kartoteka.store import open_archive


def read_only(item: Item) -> Record:
    """A record with the document and nothing found in it (the store does not need more)."""
    doc: Document = read_file(item.path)
    return Record(source=doc.source, document=doc)


def _files(tmp_path: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        p = tmp_path / f"f{i:03d}.txt"
        p.write_text(f"Telegram {i}\n\nThe Ambassador reported on item {i} from Tabriz.\n", encoding="utf-8")
        out.append(str(p))
    return out


@pytest.mark.parametrize("executor", [InProcess(), ProcessPool(2), ProcessPool(2, per_worker=1)],
                         ids=["in-process", "pool", "pool-narrow-window"])
def test_executor_yields_every_item_once(tmp_path: Path, executor: Executor) -> None:
    files = _files(tmp_path, 40)
    got = [r.source.path for r in executor.map(read_only, (Item(f) for f in files))]
    assert sorted(got) == files
    assert [r.source.path for r in in_order(executor, read_only, [Item(f) for f in files])] == files


def test_job_picks_the_executor() -> None:
    assert isinstance(Job(1).executor(), InProcess)
    assert Job(3).executor(warm=True) == ProcessPool(3, warm=True)
    assert Job.auto(5) == Job(1)


def test_ingest_skips_what_is_stored_and_reports_failures(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)
    missing = str(tmp_path / "missing.txt")
    parsed: list[str] = []
    told: list[int] = []

    def counting(item: Item) -> Record:
        parsed.append(item.path)
        if item.path == missing:
            return Record(source=Source(item.path, ""), error=Failure("read_error", f"{item.path}: no such file"))
        return read_only(item)

    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        rep = ingest(arc, [Item(f) for f in files[:5]], batch=2, parse=counting)
        assert (rep.files, rep.added, rep.skipped) == (5, 5, 0)
        parsed.clear()
        rep = ingest(arc, [Item(f) for f in [*files, missing]], batch=4, parse=counting, progress=told.append)
        assert (rep.files, rep.added, rep.skipped, rep.failed) == (13, 7, 5, 1)
        assert sum(told) == 13  # every input told once: skipped, stored or failed
        assert told == [1] * 13  # one at a time as each is parsed, never a batch at once
        assert sorted(parsed) == sorted([*files[5:], missing])  # the stored five were not parsed again
        assert arc.known([file_sha256(f) or "" for f in files]) == {file_sha256(f) for f in files}
        assert arc.stats().documents == 12


def test_ingest_from_texts_is_the_ingest_of_files(tmp_path: Path) -> None:
    files = _files(tmp_path, 6)
    texts = [Item(f + ".json", Path(f).read_text(encoding="utf-8")) for f in files]
    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        assert ingest(arc, [Item(f) for f in files], Job(2).executor()).added == 6
        rep = ingest(arc, texts, ProcessPool(2))
        assert (rep.added, rep.skipped) == (0, 6)  # same bytes, same documents


def test_bulk_path_stores_parsed_records_in_batches(tmp_path: Path) -> None:
    records = [read_only(Item(f)) for f in _files(tmp_path, 7)]
    told: list[int] = []
    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        rep = ingest_records(arc, [*records, records[0]], batch=3, progress=told.append)
        assert (rep.files, rep.added, rep.skipped) == (8, 7, 1)
        assert told == [3, 3, 2]


def test_failed_file_message_names_it(tmp_path: Path) -> None:
    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        rep = ingest(arc, [Item(str(tmp_path / "nope.txt"))])
    assert rep.failed == 1 and "nope.txt" in rep.failures[0] and "no such file" in rep.failures[0]

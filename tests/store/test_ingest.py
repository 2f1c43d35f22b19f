"""Ingest mechanics: the bounded process pool yields each file's record exactly once; files the
archive holds are not parsed again; unreadable files are reported, not stored."""

from __future__ import annotations

from pathlib import Path

from kartoteka.model import Document, Failure, Record, Source
from kartoteka.pipeline import Job
from kartoteka.readers import read_file
from kartoteka.store import open_archive
from kartoteka.store.ingest import file_sha256, ingest_files, parse_stream


def read_only(path: str) -> Record:
    """A record with the document and nothing found in it (the store does not need more)."""
    doc: Document = read_file(path)
    return Record(source=doc.source, document=doc)


def _files(tmp_path: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        p = tmp_path / f"f{i:03d}.txt"
        p.write_text(f"Telegram {i}\n\nThe Ambassador reported on item {i} from Tabriz.\n", encoding="utf-8")
        out.append(str(p))
    return out


def test_pool_yields_every_file_once(tmp_path: Path) -> None:
    files = _files(tmp_path, 40)
    got = [r.source.path for r in parse_stream(files, Job(2), read_only)]
    assert sorted(got) == files


def test_ingest_skips_what_is_stored_and_reports_failures(tmp_path: Path) -> None:
    files = _files(tmp_path, 12)
    missing = str(tmp_path / "missing.txt")
    parsed: list[str] = []

    def counting(path: str) -> Record:
        parsed.append(path)
        if path == missing:
            return Record(source=Source(path, ""), error=Failure("read_error", f"{path}: no such file"))
        return read_only(path)

    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        rep = ingest_files(arc, files[:5], job=Job(1), batch=2, parse=counting)
        assert (rep.added, rep.skipped) == (5, 0)
        parsed.clear()
        rep = ingest_files(arc, [*files, missing], job=Job(1), batch=4, parse=counting)
        assert (rep.added, rep.skipped, rep.failed) == (7, 5, 1)
        assert sorted(parsed) == sorted([*files[5:], missing])  # the stored five were not parsed again
        assert arc.known([file_sha256(f) or "" for f in files]) == {file_sha256(f) for f in files}
        assert arc.stats().documents == 12


def test_failed_file_message_names_it(tmp_path: Path) -> None:
    from kartoteka.pipeline import parse_path

    with open_archive(str(tmp_path / "a.db"), create=True) as arc:
        rep = ingest_files(arc, [str(tmp_path / "nope.txt")], job=Job(1), parse=parse_path)
    assert rep.failed == 1 and "nope.txt" in rep.failures[0] and "no such file" in rep.failures[0]

"""Re-linking from kept counts, on real SQLite files and the real PostgreSQL server: after new
documents only those are counted, and every table linking writes (links, entities, variants,
blocks, the kept counts themselves) is what a whole re-link of the same archive makes; whenever
the kept counts cannot be added to exactly, the whole archive is counted again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_relink import _diff, _telegram, dev_records, state

from kartoteka.model import Record
from kartoteka.store import Archive, open_archive
from kartoteka.store.relinker import Relinker, RelinkReport
from kartoteka.store.schema import DOCUMENT_TABLES
from kartoteka.store.writer import Writer


@pytest.fixture(scope="module")
def batches(soviet_records: list[Record]) -> tuple[list[Record], list[Record]]:
    """Two batches of real documents: the seed and the first half of (every other) FRUS dev
    document, then the genre set and the second half."""
    recs = dev_records(2)
    half = len(recs) // 2
    return [soviet_records[0], *recs[:half]], [*soviet_records[1:], *recs[half:]]


def linked(arc: Archive) -> dict[str, list[Any]]:
    """:func:`state` with the tables only linking reads back: kept counts and blocks."""
    out = state(arc)
    out["link_counts"] = sorted(arc.db.query("SELECT counter, key, count FROM link_counts"), key=repr)
    out["unlinked_mentions"] = sorted(arc.db.query(
        'SELECT d.sha256, u.kind, u.start, u."end", u.method FROM unlinked_mentions u '
        "JOIN documents d ON d.id = u.document_id"), key=repr)
    out["link_blocks"] = sorted(arc.db.query("SELECT digest, clustering FROM link_blocks"), key=repr)
    out["meta"] = sorted(arc.db.query("SELECT key, value FROM meta WHERE key IN ('link_spreading', "
                                      "'link_counts_through', 'link_counts_documents', 'links_stale')"))
    return out


def relink(arc: Archive, *, full: bool = False) -> tuple[RelinkReport, dict[str, int]]:
    """A re-link, and how many documents each phase read."""
    read: dict[str, int] = {}

    def progress(phase: str, done: int, total: int) -> None:
        read[phase] = max(read.get(phase, 0), done)

    return Relinker(arc.db, progress=progress).run(full=full), read


def test_new_documents_alone_are_counted_and_the_archive_is_a_whole_relinks(
        archive_url: str, tmp_path: Path, batches: tuple[list[Record], list[Record]]) -> None:
    first, second = batches
    with open_archive(archive_url, create=True) as a:
        a.add_records(first)
        rep, read = relink(a)
        assert rep.counted == read["evidence"] == len(first)
        a.add_records(second)
        rep, read = relink(a)
        # the evidence of the first batch is kept; the second is read for it, every one decided
        assert rep.counted == read["evidence"] == len(second)
        assert rep.decided == read["decide"] == len(first) + len(second)
        # the verdicts changed: the first batch's documents they reach are spread anew
        assert rep.moved is not None and rep.respread == rep.moved + len(second)
        incremental = linked(a)
        assert len(incremental["link_counts"]) > 1000
        # parsed mentions linking took out (a compound split into its names) are kept for the next
        assert incremental["unlinked_mentions"]
        whole, _ = relink(a, full=True)
        assert whole.counted == len(first) + len(second)
        assert (whole.rewritten, whole.entities_changed) == (0, 0)
        assert not _diff(incremental, linked(a))
    with open_archive(str(tmp_path / "whole.db"), create=True) as b:
        b.add_records([*first, *second])
        relink(b)
        assert not _diff(incremental, linked(b))


def _as_whole(a: Archive, records: list[Record], where: Path) -> None:
    """The archive an incremental re-link left equals a ``--full`` re-link of it, and a fresh
    archive of the same documents linked once."""
    incremental = linked(a)
    relink(a, full=True)
    assert not _diff(incremental, linked(a))
    with open_archive(str(where / "whole.db"), create=True) as b:
        b.add_records(records)
        relink(b)
        assert not _diff(incremental, linked(b))


def test_unchanged_verdicts_keep_the_tally(archive_url: str, tmp_path: Path,
                                           batches: tuple[list[Record], list[Record]]) -> None:
    """A document that tells the collection nothing new about its names leaves the spreading
    verdicts as they were: the names and countries of the others are the kept ones."""
    import time

    first, _ = batches
    more = [_telegram(7), _telegram(8)]
    with open_archive(archive_url, create=True) as a:
        a.add_records(first)
        time.sleep(1.1)  # ingest times are in seconds: a document stored in the second a re-link began is new to it
        relink(a)
        a.add_records(more)
        rep, read = relink(a)
        assert rep.counted == read["evidence"] == read["tally"] == rep.respread == len(more)
        _as_whole(a, [*first, *more], tmp_path)


def test_changed_verdicts_reach_few_documents(archive_url: str, tmp_path: Path,
                                              batches: tuple[list[Record], list[Record]]) -> None:
    """A few documents more move the verdicts a little: the documents linked before that the
    change reaches are spread and counted again, not all of them."""
    first, more = [*batches[0], *batches[1][:-12]], batches[1][-12:]
    with open_archive(archive_url, create=True) as a:
        a.add_records(first)
        relink(a)
        spreading = Writer(a.db).meta("link_spreading")
        a.add_records(more)
        rep, read = relink(a)
        assert Writer(a.db).meta("link_spreading") != spreading
        assert rep.moved is not None and 0 < rep.moved < len(first) // 2
        assert rep.counted == read["tally"] == len(more) and rep.respread == rep.moved + len(more)
        _as_whole(a, [*first, *more], tmp_path)


def _replace_one(a: Archive, first: list[Record]) -> None:
    a.add_records([first[1]], replace=True)


def _delete_one(a: Archive, first: list[Record]) -> None:
    with a.db.transaction():
        doc = a.db.query("SELECT id FROM documents WHERE sha256 = ?", (first[1].source.sha256,))[0][0]
        a.db.fts_delete([doc])
        for table in DOCUMENT_TABLES:
            a.db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc,))
        a.db.execute("DELETE FROM documents WHERE id = ?", (doc,))


def _other_version(a: Archive, first: list[Record]) -> None:
    with a.db.transaction():
        a.db.execute("UPDATE meta SET value = 'another' WHERE key = 'link_counts_version'")


def _older_archive(a: Archive, first: list[Record]) -> None:
    with a.db.transaction():
        a.db.execute("DELETE FROM meta WHERE key LIKE 'link_counts_%'")
        a.db.execute("DELETE FROM link_counts")


@pytest.mark.parametrize("change", [_replace_one, _delete_one, _other_version, _older_archive],
                         ids=["replaced", "deleted", "counting-code", "no-kept-counts"])
def test_what_cannot_be_added_to_is_counted_anew(archive_url: str, change: Callable[[Archive, list[Record]], None],
                                                 soviet_records: list[Record],
                                                 batches: tuple[list[Record], list[Record]]) -> None:
    first = [*soviet_records[:4], *batches[0][1:6]]
    second = [*soviet_records[4:], *batches[1][-4:]]
    with open_archive(archive_url, create=True) as a:
        a.add_records(first)
        relink(a)
        change(a, first)
        a.add_records(second)
        rep, read = relink(a)
        n = a.stats().documents
        assert rep.counted == read["evidence"] == read["tally"] == n
        after = linked(a)
        whole, _ = relink(a, full=True)
        assert whole.rewritten == 0
        assert not _diff(after, linked(a))

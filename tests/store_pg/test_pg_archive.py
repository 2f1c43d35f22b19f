"""The PostgreSQL archive gives the same results as the SQLite archive on the same collection,
and stays consistent under concurrent writers and readers (a real server, real processes)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kartoteka.corrections import Merge, SetDate
from kartoteka.model import Record
from kartoteka.pipeline import parse_path
from kartoteka.readers import walk
from kartoteka.search.filters import make_filters
from kartoteka.store import Archive, open_archive
from kartoteka.store.pageviews import EntityPage
from store_backends import fresh_pg_database

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"

QUERIES = [
    "Guatemala", "Arbenz", '"United Fruit"', "commun*", "Guatemala -Honduras", "Armas OR Castillo",
    "Castillo Armas", "embassy AND (army OR military)", "Toriello", "\"Secretary of State\"", "Árbenz", "Dulles", "Guat*",
]


@pytest.fixture(scope="module")
def records() -> list[Record]:
    files = list(walk([str(DEV)]))
    if not files:
        pytest.skip("the FRUS dev set is not in ../shared/corpus/frus-dev")
    return [parse_path(f) for f in files[::10]]


@pytest.fixture(scope="module")
def pair(records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, Archive]]:
    pg_db = fresh_pg_database()
    url = next(pg_db)
    lite = open_archive(str(tmp_path_factory.mktemp("lite") / "a.db"), create=True)
    pg = open_archive(url, create=True)
    for a in (lite, pg):
        for i in range(0, len(records), 16):
            a.add_records(records[i:i + 16])
        a.relink()
    yield lite, pg
    lite.close()
    pg.close()
    next(pg_db, None)


def _hits(a: Archive, query: str, **filters: object) -> tuple[int, list[str], object]:
    res = a.search(query, make_filters(**filters) if filters else None, limit=1000)  # type: ignore[arg-type]
    return res.total, sorted(h.sha256 for h in res.hits), res.facets


def test_same_counts(pair: tuple[Archive, Archive]) -> None:
    lite, pg = (a.stats() for a in pair)
    assert lite.documents > 0 and lite.mentions > 0
    for field in ("documents", "failed", "mentions", "entities", "variants", "corrections", "schema_version",
                  "by_kind", "links_stale"):
        assert getattr(pg, field) == getattr(lite, field), field
    assert pg.size_bytes > 0


@pytest.mark.parametrize("query", QUERIES)
def test_same_hits_and_facets(pair: tuple[Archive, Archive], query: str) -> None:
    lite, pg = (_hits(a, query) for a in pair)
    assert pg == lite
    assert lite[0] > 0


def test_same_hits_with_filters(pair: tuple[Archive, Archive]) -> None:
    cases = [
        {"date_from": "1954-01-01", "date_to": "1954-06-30"},
        {"classifications": ("secret",)},
        {"persons": ("Arbenz",)},
        {"places": ("Guatemala",)},
    ]
    for f in cases:
        lite, pg = (_hits(a, "Guatemala OR government", **f) for a in pair)
        assert pg == lite, f


def test_snippets_highlight_what_was_searched(pair: tuple[Archive, Archive]) -> None:
    from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN

    for a in pair:
        res = a.search("Arbenz", limit=5)
        assert res.hits
        for h in res.hits:
            assert HIGHLIGHT_OPEN in h.snippet and HIGHLIGHT_CLOSE in h.snippet
            inner = h.snippet.split(HIGHLIGHT_OPEN, 1)[1].split(HIGHLIGHT_CLOSE, 1)[0]
            assert inner.casefold().startswith("arbenz") or "arbenz" in inner.casefold()


def test_same_documents_and_entities(pair: tuple[Archive, Archive], records: list[Record]) -> None:
    lite, pg = pair
    for rec in records[:10]:
        assert pg.document(rec.source.sha256) == lite.document(rec.source.sha256)
    for name in ("Arbenz", "Guatemala", "Dulles", "Castillo Armas"):
        assert pg.find_entities(name) == lite.find_entities(name), name


def _timeless(pages: list[EntityPage]) -> list[EntityPage]:
    """Entity pages without the moments of their corrections (each store made them at its own)."""
    return [replace(p, audit=tuple(replace(h, created_at="", undone_at=h.undone_at and "") for h in p.audit))
            for p in pages]


def test_corrections_apply_and_undo_alike(records: list[Record], tmp_path: Path, pg_url: str) -> None:
    outcomes = []
    for target in (str(tmp_path / "c.db"), pg_url):
        with open_archive(target, create=True) as a:
            a.add_records(records[:20])
            a.relink()
            people = sorted((e for e in a.find_entities("Arbenz") + a.find_entities("Dulles")), key=lambda e: e.id)
            assert len(people) >= 2
            merge = a.correct(Merge(a.entity_ref(people[0].id), a.entity_ref(people[1].id)),
                              author="historian", reason="same person")
            sha = records[0].source.sha256
            a.correct(SetDate(sha, "1953-02-01", "1953-02-01", "1953-02-01"), author="h", reason="misread")
            after = (a.stats().entities, a.document(sha).date_iso, _timeless(a.find_entities(people[1].name)))
            a.relink()  # corrections survive re-linking
            relinked = (a.stats().entities, a.document(sha).date_iso, _timeless(a.find_entities(people[1].name)))
            a.undo(merge.id, author="historian", reason="not the same")
            undone = (a.stats().entities, [c.action for c in a.corrections()], _timeless(a.find_entities(people[1].name)))
            outcomes.append((after, relinked, undone))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == outcomes[0][1]


def _ingest_part(url: str, part: list[Record], barrier: object, out: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    added = 0
    with open_archive(url, create=True) as a:
        for i in range(0, len(part), 3):
            added += a.add_records(part[i:i + 3]).added
    out.put(added)  # type: ignore[attr-defined]


def test_concurrent_writers_store_every_document_once(records: list[Record], pg_url: str) -> None:
    """Three processes create the archive and ingest overlapping halves at the same moment."""
    n = len(records)
    parts = [records[: n * 2 // 3], records[n // 3:], records[::2]]
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(len(parts)), ctx.Queue()
    procs = [ctx.Process(target=_ingest_part, args=(pg_url, p, barrier, out)) for p in parts]
    for p in procs:
        p.start()
    added = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    with open_archive(pg_url) as a:
        assert a.stats().documents == n == sum(added)
        assert a.schema_version() >= 1
        assert len({h.sha256 for h in a.search("the", limit=10_000).hits}) <= n


def _search_loop(url: str, rounds: int) -> list[int]:
    totals = []
    with open_archive(url) as a:
        for _ in range(rounds):
            totals.append(a.search("Guatemala", limit=5, facets=True).total)
    return totals


def test_readers_see_consistent_totals_while_a_writer_ingests(records: list[Record], pg_url: str) -> None:
    with open_archive(pg_url, create=True) as a:
        a.add_records(records[:4])
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        reader = pool.apply_async(_search_loop, (pg_url, 40))
        with open_archive(pg_url) as w:
            for i in range(4, len(records), 4):
                w.add_records(records[i:i + 4])
        totals = reader.get(timeout=120)
    assert totals == sorted(totals)  # batches commit whole: a reader never sees one half-written
    with open_archive(pg_url) as a:
        assert a.search("Guatemala", limit=1).total >= totals[-1]


def test_schema_is_versioned(pg_url: str) -> None:
    from kartoteka.errors import StoreError
    from kartoteka.store.schema import MIGRATIONS, SCHEMA_VERSION

    with open_archive(pg_url, create=True) as a:
        assert a.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1].version
    with open_archive(pg_url) as a:  # re-opening applies nothing twice
        assert a.db.query("SELECT count(*) FROM schema_version") == [(len(MIGRATIONS),)]
        a.db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (SCHEMA_VERSION + 1, "x"))
    with pytest.raises(StoreError, match="newer"):
        open_archive(pg_url)

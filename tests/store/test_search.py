"""Search on real archives (an SQLite file; PostgreSQL too when the test server is there): facet
counts over every match equal a brute-force count from the stored documents, by both ways of
counting (SQL over the matches' ids, and the in-memory facet index); totals with and without
filters; ranking order stable across pages; the facet index follows changes to the archive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kartoteka.corrections import SetClassification
from kartoteka.model import Record
from kartoteka.search.filters import Filters, make_filters
from kartoteka.search.result import SearchResult
from kartoteka.store import Archive, facets, open_archive

QUERIES = [
    ("the OR of OR and", {}),           # nearly every document
    ("Qavam OR Tabriz OR Azerbaijan", {}),
    ("oil", {}),
    ("Javid", {}),                      # a name: every spelling
    ("commun*", {}),
    ("the OR of", {"classifications": ("secret",)}),
    ("the OR of", {"date_from": "1946", "date_to": "1947"}),
    ("the OR of", {"persons": ("Kavam",)}),
    ("the OR of", {"places": ("Tabriz",)}),
]
WAYS = {"sql": 10**9, "index": 0}  # facets.SQL_MATCHES: every match set counted one way or the other


@pytest.fixture(scope="module")
def shared(soviet_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    a = open_archive(str(tmp_path_factory.mktemp("search") / "a.db"), create=True)
    a.add_records(soviet_records)
    a.relink()
    yield a
    a.close()


@pytest.fixture
def arc(archive_url: str, soviet_records: list[Record]) -> Iterator[Archive]:
    a = open_archive(archive_url, create=True)
    a.add_records(soviet_records)
    a.relink()
    yield a
    a.close()


def _brute(a: Archive, result: SearchResult) -> dict[str, Counter[str]]:
    """Counts by year, level and entity name of kind, read document by document."""
    out: dict[str, Counter[str]] = {k: Counter() for k in ("year", "classification", *facets.ENTITY_KINDS)}
    for h in result.hits:
        d = a.document(h.sha256)
        if d.date_iso:
            out["year"][d.date_iso[:4]] += 1
        if d.classification_level:
            out["classification"][d.classification_level] += 1
        for eid in {m.entity for m in d.mentions if m.entity}:
            e = a.entity(eid)
            out[e.kind][e.name] += 1
    return out


def _check_facets(a: Archive, query: str, flt: Filters) -> None:
    every = a.search(query, flt, limit=10_000, facets=False)
    assert every.total == len(every.hits) > 0
    r = a.search(query, flt, limit=3)
    assert r.total == every.total and r.facets_over == r.total
    brute = _brute(a, every)
    shown = {f.name: {v.value: v.count for v in f.values} for f in r.facets}
    for name, counts in brute.items():
        got = shown.get(name, {})
        assert len(got) == min(len(counts), facets.FACET_VALUES), name
        for value, n in got.items():
            assert counts[value] == n, (name, value)
        if got and len(counts) > len(got):  # the values shown are the most frequent ones
            assert min(got.values()) >= max(n for v, n in counts.items() if v not in got), name


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_facets_count_every_match(shared: Archive, monkeypatch: pytest.MonkeyPatch, way: str, query: str,
                                  filters: dict[str, object]) -> None:
    monkeypatch.setattr(facets, "SQL_MATCHES", WAYS[way])
    _check_facets(shared, query, make_filters(**filters))  # type: ignore[arg-type]


def test_both_ways_count_alike_on_each_backend(arc: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = arc.matching_ids("the OR of OR and")
    assert len(ids) > 2
    monkeypatch.setattr(facets, "SQL_MATCHES", 0)
    by_index = arc.search("the OR of OR and", limit=0).facets
    monkeypatch.setattr(facets, "SQL_MATCHES", 10**9)
    by_sql = arc.search("the OR of OR and", limit=0).facets
    assert by_index == by_sql and by_sql


@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_totals_with_and_without_filters(arc: Archive, query: str, filters: dict[str, object]) -> None:
    flt = make_filters(**filters)  # type: ignore[arg-type]
    where, params = arc.filter_clause(flt)
    kept = {int(r[0]) for r in arc.db.query(f"SELECT d.id FROM documents d{where}", params)}
    unfiltered = set(arc.matching_ids(query))
    expected = unfiltered & kept
    ids = arc.matching_ids(query, flt)
    assert ids == sorted(expected)
    for fac in (True, False):
        for limit in (0, 1, 1000):
            r = arc.search(query, flt, limit=limit, facets=fac)
            assert r.total == len(expected), (fac, limit)
            assert len(r.hits) == min(limit, len(expected))


def test_order_is_stable_across_pages(arc: Archive) -> None:
    whole = arc.search("the OR of OR and", limit=1000, facets=False)
    scores = [h.score for h in whole.hits]
    assert scores == sorted(scores, reverse=True) and whole.total == len(whole.hits) > 3
    paged = [h.document_id for off in range(0, whole.total, 3)
             for h in arc.search("the OR of OR and", limit=3, offset=off).hits]
    assert paged == [h.document_id for h in whole.hits]
    assert [h.document_id for h in arc.search("the OR of OR and", limit=1000, facets=False).hits] == paged


def test_facet_index_follows_changes(arc: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets, "SQL_MATCHES", 0)
    before = arc.search("the OR of OR and", limit=0)
    levels = {v.value: v.count for f in before.facets if f.name == "classification" for v in f.values}
    target = next(h for h in arc.search("the OR of OR and", limit=1000, facets=False).hits
                  if h.classification != "top secret")
    arc.correct(SetClassification(target.sha256, "top secret"), author="t", reason="test")
    after = arc.search("the OR of OR and", limit=0)
    now = {v.value: v.count for f in after.facets if f.name == "classification" for v in f.values}
    assert now.get("top secret", 0) == levels.get("top secret", 0) + 1
    if target.classification:
        assert now.get(target.classification, 0) == levels[target.classification] - 1
    other = open_archive(arc.url)  # a change by another connection is seen too
    try:
        other.correct(SetClassification(target.sha256, target.classification), author="t", reason="back")
    finally:
        other.close()
    again = arc.search("the OR of OR and", limit=0)
    assert {v.value: v.count for f in again.facets if f.name == "classification" for v in f.values} == levels

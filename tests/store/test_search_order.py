"""Search orders, filters without words, and the language and type facets, on real archives
(SQLite, and PostgreSQL when the test server is there): every order equals the one computed from
the stored rows, undated documents come last both ways, ties go by id, pages join up; the
facets count what their filters keep; an archive made before the columns is filled by its
migration as an ingest fills them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kartoteka.corrections import SetDate
from kartoteka.model import Record
from kartoteka.search.filters import FIELDS, Sort, make_filters
from kartoteka.store import Archive, facets, open_archive
from kartoteka.store.ordering import title_key
from kartoteka.structure.genre import genre
from kartoteka.structure.language import language

BROAD = "the OR of OR and"


@pytest.fixture
def arc(archive_url: str, soviet_records: list[Record]) -> Iterator[Archive]:
    a = open_archive(archive_url, create=True)
    a.add_records(soviet_records)
    a.relink()
    # two documents share a date (a tie) and one loses its date (undated): both orders must place them
    docs = a.db.rows("SELECT sha256 FROM documents ORDER BY id")
    a.correct(SetDate(str(docs[1]["sha256"]), "1946-12-09", "1946-12-09", "1946-12-09"), author="t", reason="tie")
    a.correct(SetDate(str(docs[2]["sha256"]), "1946-12-09", "1946-12-09", "1946-12-09"), author="t", reason="tie")
    a.db.execute("UPDATE documents SET date_not_before = NULL, date_not_after = NULL, date_iso = NULL "
                 "WHERE id = ?", (int(a.db.rows("SELECT max(id) AS m FROM documents")[0]["m"]),))
    facets.bump_content(a.db)
    yield a
    a.close()


def _expected(a: Archive, ids: set[int], order: Sort) -> list[int]:
    rows = [r for r in a.db.rows("SELECT id, date_not_before, title, path FROM documents") if int(r["id"]) in ids]
    dated = [r for r in rows if r["date_not_before"] is not None]
    undated = sorted(int(r["id"]) for r in rows if r["date_not_before"] is None)
    if order is Sort.TITLE:
        return [int(r["id"]) for r in sorted(rows, key=lambda r: (title_key(r["title"], r["path"]), int(r["id"])))]
    by_day: dict[str, list[int]] = {}
    for r in dated:
        by_day.setdefault(str(r["date_not_before"]), []).append(int(r["id"]))
    days = sorted(by_day, reverse=order is Sort.DATE_DESC)
    return [i for d in days for i in sorted(by_day[d])] + undated


@pytest.mark.parametrize("order", [Sort.DATE, Sort.DATE_DESC, Sort.TITLE])
@pytest.mark.parametrize("query", [BROAD, "Tabriz", ""])
def test_every_order_is_the_stored_rows_order(arc: Archive, order: Sort, query: str) -> None:
    flt = make_filters() if query else make_filters("1900", "2000")
    whole = arc.search(query, flt, limit=1000, facets=False, sort=order)
    ids = set(arc.find(query, flt, limit=0).all_ids)
    assert whole.total == len(whole.hits) == len(ids) > 1
    if not query:  # the date filter keeps dated documents only: the undated one is added by no filter
        ids = set(arc.find("", make_filters(persons=("Qavam",)), limit=0).all_ids) | ids
        whole = arc.search("", make_filters(persons=("Qavam",)), limit=1000, facets=False, sort=order)
        ids = {h.document_id for h in whole.hits}
    assert [h.document_id for h in whole.hits] == _expected(arc, ids, order)
    paged = [h.document_id for off in range(0, whole.total, 4)
             for h in arc.search(query, flt if query else make_filters(persons=("Qavam",)), limit=4, offset=off,
                                 facets=False, sort=order).hits]
    assert paged == [h.document_id for h in whole.hits]


def test_undated_documents_come_last_both_ways_and_ties_go_by_id(arc: Archive) -> None:
    undated = int(arc.db.rows("SELECT max(id) AS m FROM documents")[0]["m"])
    for order in (Sort.DATE, Sort.DATE_DESC):
        hits = arc.search(BROAD, limit=1000, facets=False, sort=order).hits
        assert hits[-1].document_id == undated and hits[-1].date is None, order
        tied = [h.document_id for h in hits if h.date == "1946-12-09"]
        assert len(tied) >= 2 and tied == sorted(tied), order
    # relevance keeps its scores, the other orders keep each hit's own score
    ranked = arc.search(BROAD, limit=1000, facets=False)
    by_date = arc.search(BROAD, limit=1000, facets=False, sort="date")
    assert {h.document_id: h.score for h in ranked.hits} == {h.document_id: h.score for h in by_date.hits}


def test_filters_alone_keep_what_the_filter_clause_keeps(arc: Archive) -> None:
    flt = make_filters("1946", "1947")
    where, params = arc.filter_clause(flt)
    kept = sorted(int(r[0]) for r in arc.db.query(f"SELECT d.id FROM documents d{where}", params))
    found = arc.find("", flt, limit=3)
    assert list(found.all_ids) == kept and found.result.total == len(kept) > 3
    assert [h.document_id for h in found.result.hits] == _expected(arc, set(kept), Sort.DATE)[:3]
    assert all(h.score == 0 and h.snippet == "" and h.title for h in found.result.hits)
    counted = arc.search("", flt, limit=1)
    assert counted.total == len(kept) and counted.facets  # the command line's facets over the filters alone


def _stored(a: Archive) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for f in FIELDS:
        out[f.name] = Counter(str(r["v"]) for r in a.db.rows(f"SELECT {f.column} AS v FROM documents")
                              if r["v"] is not None)
    return out


@pytest.mark.parametrize("way", [0, 10**9])  # facets.SQL_MATCHES: the index, or SQL over the ids
def test_language_and_type_facets_count_what_their_filters_keep(arc: Archive, monkeypatch: pytest.MonkeyPatch,
                                                                way: int) -> None:
    monkeypatch.setattr(facets, "SQL_MATCHES", way)
    stored = _stored(arc)
    assert set(stored["language"]) >= {"en", "ru"}, "the genre set has documents in Russian"
    assert "telegram" in stored["type"]
    everything = arc.search("", None, limit=0)  # no words, no filter: every document (the library allows it)
    every_id = arc.find("", None, limit=0).all_ids
    assert everything.total == len(every_id) == int(arc.db.rows("SELECT count(*) AS n FROM documents")[0]["n"])
    shown = {f.name: {v.value: v.count for v in f.values} for f in everything.facets}
    web = arc.reading.facets(list(every_id))
    for name in ("language", "type"):
        assert shown[name], name
        web_counts = {c.key: c.count for c in web.of(name)}
        assert {v: web_counts.get(v) for v in shown[name]} == shown[name], name  # the reading room counts alike
        for value, n in shown[name].items():
            kept = arc.search("", make_filters(values={name: (value,)}), limit=0, facets=False)
            assert kept.total == n == stored[name][value], (name, value)
            assert arc.search(BROAD, make_filters(values={name: (value,)}), limit=0).total <= kept.total


def test_a_migration_fills_language_and_type_as_an_ingest_does(arc: Archive) -> None:
    before = arc.db.rows("SELECT id, language, genre, title, text FROM documents ORDER BY id")
    assert any(r["language"] == "ru" for r in before) and any(r["genre"] for r in before)
    for r in before:  # what the writer stored is what the pure functions give
        assert r["language"] == language(str(r["text"]))
    # the archive as schema 14 left it: no columns, no indexes, no migration 16
    for st in ("DROP INDEX documents_language", "DROP INDEX documents_genre",
               "ALTER TABLE documents DROP COLUMN language", "ALTER TABLE documents DROP COLUMN genre",
               "DELETE FROM schema_version WHERE version = 16"):
        arc.db.execute(st)
    url = arc.url
    arc.close()
    again = open_archive(url)
    try:
        after = again.db.rows("SELECT id, language, genre FROM documents ORDER BY id")
        assert [(r["id"], r["language"], r["genre"]) for r in after] == \
               [(r["id"], r["language"], r["genre"]) for r in before]
        parsed_titles = {int(r["id"]): genre(r["title"]) for r in before}
        assert all(parsed_titles[int(r["id"])] == r["genre"] for r in after)
    finally:
        again.close()

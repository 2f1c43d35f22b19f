"""Search from match lists gives what the engine's own ranking gives, on real archives (an
SQLite file, and a PostgreSQL database when the test server is there).

The archive holds the 275 FRUS dev texts (stored as plain texts) and the parsed, linked seed and
genre documents. Every query of the table is searched as searches run (match lists: the query
read whole, and — where the score is a sum over phrases, as bm25 is — every word's and phrase's
list combined by the query's tree), and its reference is one SQL statement ranking the whole
expression inside the engine with the filters as SQL conditions, ``ORDER BY score DESC, id``.
Totals, the set of matches, and the order and scores of the page must be the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kartoteka.model import Document, Record, Source
from kartoteka.search.filters import make_filters
from kartoteka.search.query import parse_query
from kartoteka.search.variants import expand
from kartoteka.store import Archive, matches, open_archive
from store_backends import fresh_pg_database

FRUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("Guatemala", {}),                              # in most documents
    ("the", {}),                                    # in nearly every document
    ("oil", {}),
    ('"United Fruit"', {}),
    ('"Department of State"', {}),
    ("commun*", {}),
    ("agrarian reform", {}),                        # AND
    ("Arbenz OR Castillo", {}),
    ("communist NOT Guatemala", {}),
    ("(army OR military) AND Honduras", {}),
    ("communist OR (agrarian AND reform) OR oil", {}),
    ("Javid", {}),                                  # a name: every spelling, across scripts
    ("Qavam OR Tabriz OR Azerbaijan", {}),
    ("Guatemala", {"date_from": "1953", "date_to": "1954"}),
    ("the", {"classifications": ("secret",)}),
    ("the", {"persons": ("Kavam",)}),
    ("the OR of", {"places": ("Tabriz",)}),
    ("telegram", {"senders": ("Dulles",)}),
    ("zzzznotaword", {}),
]


def _plain(path: Path) -> Record:
    text = path.read_text(encoding="utf-8")
    src = Source(str(path), hashlib.sha256(path.read_bytes()).hexdigest(), "text")
    return Record(source=src, document=Document(src, text))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def arc(request: pytest.FixtureRequest, soviet_records: list[Record],
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    texts = sorted(FRUS.glob("*/text/*.txt"))
    if len(texts) < 100:
        pytest.skip("the FRUS dev texts are not in ../shared")
    where = fresh_pg_database() if request.param == "postgresql" else None
    url = next(where) if where is not None else str(tmp_path_factory.mktemp("ranking") / "r.db")
    a = open_archive(url, create=True)
    a.add_records([_plain(p) for p in texts] + soviet_records)
    a.relink()
    yield a
    a.close()
    if where is not None:
        next(where, None)


def _engine(a: Archive, query: str, filters: dict[str, Any]) -> list[tuple[int, float]]:
    """Every match ranked inside the engine by one statement, the filters as SQL conditions."""
    s = a._searcher
    node, _ = expand(parse_query(query), s.lookup())
    sql, params = a.db.fts_matches(a.db.fts_compile(node))
    flt = make_filters(**filters)  # type: ignore[arg-type]
    where, wp = s.render(s.conditions(flt), "h.document_id") if not flt.empty() else ("", [])
    rows = a.db.fts_query(f"SELECT h.document_id, h.score FROM ({sql}) h{where} "
                          f"ORDER BY h.score DESC, h.document_id", [*params, *wp])
    return [(int(r[0]), float(r[1])) for r in rows]


@pytest.mark.parametrize("combined", [False, True], ids=["as-read", "parts-combined"])
@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_lists_rank_as_the_engine(arc: Archive, query: str, filters: dict[str, Any], combined: bool,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if combined:  # as if every word's and phrase's list were kept: the query's tree combines them
        monkeypatch.setattr(matches.MatchCache, "has", lambda self, expression, version: True)
    arc._searcher.cache.clear()
    engine = _engine(arc, query, filters)
    found = arc.search(query, make_filters(**filters), limit=30)  # type: ignore[arg-type]
    assert found.total == len(engine)
    assert sorted(arc.matching_ids(query, make_filters(**filters))) == sorted(i for i, _ in engine)  # type: ignore[arg-type]
    # the hit's score is rounded to 4 places for display; the order is the unrounded one's
    assert [h.score for h in found.hits] == pytest.approx([round(s, 4) for _, s in engine[:30]], abs=1e-4)
    assert [h.document_id for h in found.hits] == [i for i, _ in engine[:30]]
    assert all(h.snippet for h in found.hits)


def test_pages_follow_one_order(arc: Archive) -> None:
    whole = arc.search("Guatemala", limit=60)
    pages = [h.document_id for k in range(3) for h in arc.search("Guatemala", limit=20, offset=20 * k).hits]
    assert pages == [h.document_id for h in whole.hits] and len(set(pages)) == 60


def test_matching_ids_are_every_match(arc: Archive) -> None:
    ids = arc.matching_ids("Arbenz OR Castillo")
    assert ids == sorted(ids) and len(ids) == arc.search("Arbenz OR Castillo", limit=0).total > 50


def test_kept_lists_follow_new_documents(archive_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matches, "KEEP_FROM", 10)  # a small archive's lists count as frequent
    texts = sorted(FRUS.glob("*/text/*.txt"))
    if len(texts) < 100:
        pytest.skip("the FRUS dev texts are not in ../shared")
    with open_archive(archive_url, create=True) as a:
        a.add_records([_plain(p) for p in texts[:150]])
        before = a.search("the", limit=5)
        searcher = a._searcher
        reads = searcher.cache.reads
        # the next page and a filter come from the kept list: nothing read from the index
        assert a.search("the", limit=5, offset=5).total == before.total
        assert a.search("the", make_filters(date_from="1950")).total <= before.total
        assert searcher.cache.reads == reads
        a.add_records([_plain(p) for p in texts[150:]])  # a write moves the content version
        after, engine = a.search("the", limit=5), _engine(a, "the", {})
        assert after.total == len(engine) > before.total
        assert [h.document_id for h in after.hits] == [i for i, _ in engine[:5]]

"""Ranking from match lists equals the engine's own ranking, on a real SQLite archive.

The archive holds the 275 FRUS dev texts (stored as plain texts) and the parsed, linked seed and
genre documents. Every query of the table is run as searches run (match lists, with every part
read whole and with every word's and phrase's list combined by the query's tree) and ranked
inside SQLite by ``bm25`` over the whole expression. Totals, facets, snippets and the order of
every page must be the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kartoteka.model import Document, Record, Source
from kartoteka.search.filters import make_filters
from kartoteka.store import Archive, matches, open_archive

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


@pytest.fixture(scope="module")
def arc(soviet_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    texts = sorted(FRUS.glob("*/text/*.txt"))
    if len(texts) < 100:
        pytest.skip("the FRUS dev texts are not in ../shared")
    a = open_archive(str(tmp_path_factory.mktemp("ranking") / "r.db"), create=True)
    a.add_records([_plain(p) for p in texts] + soviet_records)
    a.relink()
    yield a
    a.close()


def _both(a: Archive, query: str, filters: dict[str, Any], **kw: Any) -> tuple[Any, Any]:
    flt = make_filters(**filters)  # type: ignore[arg-type]
    db = a.db
    assert db.scores_by_parts
    try:
        db.scores_by_parts = False  # type: ignore[misc]
        engine = a.search(query, flt, **kw)
    finally:
        db.scores_by_parts = True  # type: ignore[misc]
    return a.search(query, flt, **kw), engine


@pytest.mark.parametrize("combined", [False, True], ids=["as-read", "parts-combined"])
@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_lists_rank_as_the_engine(arc: Archive, query: str, filters: dict[str, Any], combined: bool,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if combined:  # as if every word's and phrase's list were kept: the query's tree combines them
        monkeypatch.setattr(matches.MatchCache, "has", lambda self, expression, version: True)
    lists, engine = _both(arc, query, filters, limit=30)
    assert lists.total == engine.total
    assert lists.facets == engine.facets
    got = [(h.document_id, h.score) for h in lists.hits]
    want = [(h.document_id, h.score) for h in engine.hits]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-9, abs=1e-9)
    assert [i for i, _ in got] == [i for i, _ in want]
    assert [h.snippet for h in lists.hits] == [h.snippet for h in engine.hits]
    assert lists.expanded == engine.expanded


def test_pages_follow_one_order(arc: Archive) -> None:
    whole = arc.search("Guatemala", limit=60)
    pages = [h.document_id for k in range(3) for h in arc.search("Guatemala", limit=20, offset=20 * k).hits]
    assert pages == [h.document_id for h in whole.hits] and len(set(pages)) == 60


def test_matching_ids_are_every_match(arc: Archive) -> None:
    ids = arc.matching_ids("Arbenz OR Castillo")
    assert ids == sorted(ids) and len(ids) == arc.search("Arbenz OR Castillo", limit=0).total > 50


def test_kept_lists_follow_new_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matches, "KEEP_FROM", 10)  # a small archive's lists count as frequent
    texts = sorted(FRUS.glob("*/text/*.txt"))
    if len(texts) < 100:
        pytest.skip("the FRUS dev texts are not in ../shared")
    with open_archive(str(tmp_path / "k.db"), create=True) as a:
        a.add_records([_plain(p) for p in texts[:150]])
        before = a.search("the", limit=5)
        searcher = a._searcher
        reads = searcher.cache.reads
        assert a.search("the", limit=5).total == before.total and searcher.cache.reads == reads
        a.add_records([_plain(p) for p in texts[150:]])  # a write moves the content version
        after, engine = _both(a, "the", {}, limit=5)
        assert after.total == engine.total > before.total
        assert [h.document_id for h in after.hits] == [h.document_id for h in engine.hits]

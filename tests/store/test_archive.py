"""The archive on real databases (an SQLite file; PostgreSQL too when the test server is there):
idempotent batches, search over every spelling, filters, facets, corrections that outlive
re-parsing and re-linking, schema versions."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from kartoteka.corrections import Merge, Reattach, Rename, SetClassification, SetDate, SetTitle, Split
from kartoteka.errors import CorrectionError, QueryError, StoreError
from kartoteka.model import Record
from kartoteka.search.filters import make_filters
from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from kartoteka.store import Archive, open_archive

SEED = "000_e3d0ee8980a77a04.txt"


@pytest.fixture
def arc(archive_url: str, soviet_records: list[Record]) -> Archive:
    a = open_archive(archive_url, create=True)
    a.add_records(soviet_records)
    a.relink()
    yield a  # type: ignore[misc]
    a.close()


def _paths(result: object) -> list[str]:
    return [Path(h.path).name for h in result.hits]  # type: ignore[attr-defined]


def test_batches_are_idempotent(archive_url: str, soviet_records: list[Record]) -> None:
    with open_archive(archive_url, create=True) as a:
        first = a.add_records(soviet_records)
        again = a.add_records(soviet_records)
        twice_in_one = a.add_records(soviet_records + soviet_records)
        s = a.stats()
    assert first.added == len(soviet_records) and first.skipped == 0
    assert again.added == 0 and again.skipped == len(soviet_records)
    assert twice_in_one.added == 0
    assert s.documents == len(soviet_records)
    assert s.mentions == sum(len(r.mentions) for r in soviet_records)
    assert s.links_stale


def test_stored_text_and_offsets_are_the_source(arc: Archive, soviet_records: list[Record]) -> None:
    for rec in soviet_records:
        assert rec.document is not None
        view = arc.document(rec.source.sha256)
        assert view.text == rec.document.text
        for m in view.mentions:
            assert view.text[m.start:m.end] == m.text


@pytest.mark.parametrize(("query", "expected"), [
    ("Javid", SEED),            # the seed writes "Dzhavid"
    ("Джавид", SEED),           # Cyrillic finds the transliteration
    ("Emami", SEED),            # "Dzhmal Imami"
    ("Emelyanov", SEED),        # "Yemel’yanov", soft sign and ye
    ("Pishehvari", SEED),       # "Pishevari", silent h
    ("Mossadegh", "g06.txt"),   # "Mosaddyk [Mosaddegh]"
    ("Kavam", SEED),            # "Qavam"
])
def test_a_name_finds_every_spelling(arc: Archive, query: str, expected: str) -> None:
    assert expected in _paths(arc.search(query, limit=50))
    assert expected not in _paths(arc.search(query, limit=50, expand_names=False))


def test_words_phrases_booleans_prefixes(arc: Archive) -> None:
    assert _paths(arc.search('"oil question"')) == [SEED]
    assert _paths(arc.search('"question oil"')) == []
    both = set(_paths(arc.search("Qavam Tabriz", limit=50)))
    either = set(_paths(arc.search("Qavam OR Tabriz", limit=50)))
    assert both and both <= either
    assert set(_paths(arc.search("Qavam", limit=50))) - set(_paths(arc.search("Qavam -Tabriz", limit=50))) >= both
    prefixed = set(_paths(arc.search("Azerb*", limit=50)))
    assert prefixed >= set(_paths(arc.search("Azerbaijan", limit=50, expand_names=False))) and prefixed
    assert _paths(arc.search("Azerb", limit=50)) == []


def test_hits_are_ranked_with_highlighted_snippets(arc: Archive) -> None:
    r = arc.search("Azerbaijan", limit=50)
    assert r.total == len(r.hits) > 1
    scores = [h.score for h in r.hits]
    assert scores == sorted(scores, reverse=True)
    for h in r.hits:
        marked = [part.split(HIGHLIGHT_CLOSE)[0] for part in h.snippet.split(HIGHLIGHT_OPEN)[1:]]
        assert any("Azerbaijan" in m for m in marked), h.snippet
    page = arc.search("Azerbaijan", limit=2, offset=1)
    assert [h.sha256 for h in page.hits] == [h.sha256 for h in r.hits[1:3]] and page.total == r.total


def test_facets_count_the_matching_documents(arc: Archive) -> None:
    r = arc.search("Azerbaijan", limit=1)
    facets = {f.name: {v.value: v.count for v in f.values} for f in r.facets}
    everything = arc.search("Azerbaijan", limit=100)
    years: dict[str, int] = {}
    for h in everything.hits:
        if h.date:
            years[h.date[:4]] = years.get(h.date[:4], 0) + 1
    assert facets["year"] == years
    with_place = sum(1 for h in everything.hits
                     if any(m.kind == "place" and m.entity_name == "Azerbaijan" for m in arc.document(h.sha256).mentions))
    assert facets["place"]["Azerbaijan"] == with_place > 0


def test_filters(arc: Archive) -> None:
    seed = arc.document(SEED)
    year = (seed.date_iso or "")[:4]
    assert year
    assert SEED in _paths(arc.search("Qavam", make_filters(year, year), limit=50))
    assert SEED not in _paths(arc.search("Qavam", make_filters(str(int(year) + 1)), limit=50))
    level = seed.classification_level
    if level:
        assert SEED in _paths(arc.search("Qavam", make_filters(classifications=(level,)), limit=50))
    other = "confidential" if level != "confidential" else "secret"
    assert SEED not in _paths(arc.search("Qavam", make_filters(classifications=(other,)), limit=50))
    assert SEED in _paths(arc.search("oil", make_filters(persons=("Kavam",)), limit=50))
    assert SEED in _paths(arc.search("oil", make_filters(places=("Tabriz",)), limit=50))
    assert _paths(arc.search("oil", make_filters(persons=("Nobody Atall",)), limit=50)) == []
    senders = [a.value for a in seed.values("sender")]
    if senders:
        assert SEED in _paths(arc.search("oil", make_filters(senders=(senders[0],)), limit=50))


@pytest.mark.parametrize("which", ["year", "person", "place", "classification", "none"])
def test_public_filter_clause_keeps_what_the_search_keeps(arc: Archive, which: str) -> None:
    seed = arc.document(SEED)
    year = (seed.date_iso or "")[:4]
    f = {"year": make_filters(year, year), "person": make_filters(persons=("Kavam",)),
         "place": make_filters(places=("Tabriz",)), "none": make_filters(),
         "classification": make_filters(classifications=(seed.classification_level or "secret",))}[which]
    where, params = arc.filter_clause(f)
    assert where.startswith(" WHERE ")
    browsed = {int(r[0]) for r in arc.db.query(f"SELECT d.id FROM documents d{where}", params)}
    everything = arc.search("the OR of OR and", limit=1000, facets=False)
    searched = arc.search("the OR of OR and", f, limit=1000, facets=False)
    assert {h.document_id for h in searched.hits} == browsed & {h.document_id for h in everything.hits}
    assert (which == "none") == (len(browsed) == arc.stats().documents)


@pytest.mark.parametrize(("text", "searchable"), [
    ('"', False), ("(", False), ("NOT", False), ("*", False), ("-x", False), ("'", False), ("\x00", False),
    ("—", False), ("NEAR(Qavam", True), ("Tabriz:Qavam", True), ('Qavam"', True), ("Qavam AND", True),
    ("Qavam OR OR Tabriz", True), ("{Qavam}", True), ("Qavam^2", True),
])
def test_odd_queries_give_hits_or_a_query_error(arc: Archive, text: str, searchable: bool) -> None:
    if searchable:
        assert arc.search(text).total >= 1
    else:
        with pytest.raises(QueryError, match="nothing to search"):
            arc.search(text)


def _person(arc: Archive, name: str) -> str:
    found = arc.find_entities(name, "person")
    assert found, name
    return found[0].id


def _mention_entity(arc: Archive, sha: str, start: int) -> str | None:
    return next(m.entity for m in arc.document(sha).mentions if m.start == start)


def test_corrections_survive_reparse_and_relink(arc: Archive, soviet_records: list[Record]) -> None:
    seed = arc.document(SEED)
    qavam, pishevari = _person(arc, "Qavam"), _person(arc, "Imami")
    assert qavam != pishevari
    q_mentions = [m for m in seed.mentions if m.entity == qavam]
    assert len(q_mentions) >= 3
    who = {"author": "historian", "reason": "checked against the archive file"}
    arc.correct(Merge(arc.entity_ref(qavam), arc.entity_ref(pishevari)), **who)
    split = arc.correct(Split(arc.entity_ref(qavam), (arc.mention_ref(q_mentions[0].id),), "Qavam the younger"),
                        **who)
    arc.correct(Reattach(arc.mention_ref(q_mentions[1].id), None), **who)
    arc.correct(SetDate(seed.sha256, "1946-12-10", "1946-12-10", "1946-12-10"), **who)
    arc.correct(SetTitle(seed.sha256, "Telegram from Tabriz"), **who)
    arc.correct(SetClassification(seed.sha256, "secret", ("Eyes Only",)), **who)
    arc.correct(Rename(arc.entity_ref(qavam), "Ahmad Qavam"), **who)

    def check() -> None:
        d = arc.document(SEED)
        assert (d.date_iso, d.title, d.classification_level, d.classification_caveats) == (
            "1946-12-10", "Telegram from Tabriz", "secret", ("Eyes Only",))
        by_start = {m.start: m for m in d.mentions}
        assert by_start[q_mentions[0].start].entity == f"c{split.id}"
        assert by_start[q_mentions[0].start].entity_name == "Qavam the younger"
        assert by_start[q_mentions[1].start].entity is None
        imami = next(m for m in d.mentions if m.text == "Dzhmal Imami")
        kept = by_start[q_mentions[2].start].entity
        assert kept is not None and imami.entity == kept
        assert by_start[q_mentions[2].start].entity_name == "Ahmad Qavam" == arc.entity(kept).name
        assert "Ahmad Qavam" in [e.name for e in arc.find_entities("Ahmad Qavam")]
        assert SEED in _paths(arc.search("Tabriz", make_filters("1946-12-10", "1946-12-10"), limit=50))
        assert SEED not in _paths(arc.search("Tabriz", make_filters("1946-12-09", "1946-12-09"), limit=50))

    check()
    # applied one by one, the corrections left what replaying them all leaves
    def derived() -> list[object]:
        return [arc.db.query("SELECT document_id, entity_id, kind, mentions FROM document_entities "
                             "ORDER BY document_id, entity_id"),
                arc.db.query("SELECT id, name, mentions, documents, merged_into FROM entities ORDER BY id")]

    incremental = derived()
    arc.relink()
    assert derived() == incremental
    # a full re-ingest: every document parsed again and replaced, then linked again
    rep = arc.add_records(soviet_records, replace=True)
    assert rep.replaced == len(soviet_records)
    arc.relink()
    check()
    assert arc.stats().active_corrections == 7

    # undo restores what the parse and the linker said
    for e in arc.corrections():
        arc.undo(e.id, author="historian", reason="second thoughts")
    d = arc.document(SEED)
    assert (d.date_iso, d.title) == (seed.date_iso, seed.title)
    assert [(m.start, m.entity, m.entity_name) for m in d.mentions] == [
        (m.start, m.entity, m.entity_name) for m in seed.mentions]
    log = arc.corrections()
    assert len(log) == 7 and all(e.undone_by == "historian" for e in log)
    assert arc.corrections(include_undone=False) == []


def test_bad_corrections_are_refused(arc: Archive) -> None:
    qavam = _person(arc, "Qavam")
    ref = arc.entity_ref(qavam)
    with pytest.raises(CorrectionError, match="already one entity"):
        arc.correct(Merge(ref, ref), author="a", reason="b")
    with pytest.raises(CorrectionError, match="reason"):
        arc.correct(SetTitle(arc.document(SEED).sha256, "x"), author="a", reason=" ")
    with pytest.raises(CorrectionError, match="no document"):
        arc.correct(SetTitle("0" * 64, "x"), author="a", reason="b")
    with pytest.raises(CorrectionError, match="no correction"):
        arc.undo(999, author="a", reason="b")
    with pytest.raises(CorrectionError):
        arc.entity_ref("no-such-entity")


def test_documents_by_prefix_path_or_name(arc: Archive) -> None:
    d = arc.document(SEED)
    assert arc.document(d.sha256[:8]).id == d.id
    assert arc.document(d.path).id == d.id
    with pytest.raises(StoreError, match="no such document"):
        arc.document("nothing-like-this.txt")


def test_missing_foreign_and_newer_archives(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no archive here"):
        open_archive(str(tmp_path / "none.db"))
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE documents (x)")
    with pytest.raises(StoreError, match="not a kartoteka archive"):
        open_archive(str(other))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a kartoteka archive"):
        open_archive(str(junk))
    new = tmp_path / "new.db"
    open_archive(str(new), create=True).close()
    with sqlite3.connect(new) as c:
        c.execute("INSERT INTO schema_version VALUES (99, 'later')")
    with pytest.raises(StoreError, match="newer"):
        open_archive(str(new))


def test_relink_after_new_documents(archive_url: str, soviet_records: list[Record]) -> None:
    with open_archive(archive_url, create=True) as a:
        a.add_records(soviet_records[:1])
        a.relink()
        n1 = a.stats().entities
        a.add_records(soviet_records[1:])
        assert a.links_stale()
        a.relink()
        s = a.stats()
    assert not s.links_stale and s.entities >= n1


def test_failed_records_are_not_stored(archive_url: str, soviet_records: list[Record]) -> None:
    broken = replace(soviet_records[0], document=None)
    with open_archive(archive_url, create=True) as a:
        rep = a.add_records([broken])
        assert (rep.added, rep.failed, a.stats().documents) == (0, 1, 0)


def test_relinked_archive_equals_the_parse_of_the_collection(archive_url: str, soviet_paths: list[str],
                                                             soviet_records: list[Record]) -> None:
    """Linking from stored mentions gives what linking the freshly parsed collection gives."""
    from kartoteka.linking import link

    linked = link(soviet_records)
    with open_archive(archive_url, create=True) as a:
        a.add_records(soviet_records)
        for _ in range(2):  # and again: re-linking starts from the parse, not from the last linking
            a.relink()
            for rec in linked:
                view = a.document(rec.source.sha256)
                assert [(m.start, m.end, m.kind, m.entity) for m in view.mentions] == [
                    (m.span.start, m.span.end, str(m.kind), m.entity) for m in rec.mentions], rec.source.path
        names = {e.id: e.name for r in linked for e in r.entities}
        for eid, name in list(names.items())[:20]:
            assert a.entity(eid).name == name


def test_an_older_archive_is_migrated(tmp_path: Path, soviet_records: list[Record]) -> None:
    from kartoteka.store.schema import MIGRATIONS, SCHEMA_VERSION
    from kartoteka.store.sqlite import SQLiteDialect

    path = tmp_path / "old.db"
    old = SQLiteDialect(str(path), create=True)  # an archive as version 1 made it
    with old.transaction():
        for st in MIGRATIONS[0].statements:
            old.execute(old.ddl(st))
        for st in old.fts_create():
            old.execute(st)
        old.execute("INSERT INTO schema_version VALUES (1, 'then')")
    old.close()
    with open_archive(str(path)) as a:
        assert a.schema_version() == SCHEMA_VERSION
        a.add_records(soviet_records)
        a.relink()
        assert a.stats().documents == len(soviet_records)
        assert SEED in _paths(a.search("Javid"))
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents_path'").fetchone()
        assert [r[0] for r in c.execute("SELECT version FROM schema_version ORDER BY version")] == [
            m.version for m in MIGRATIONS]


def test_stale_name_keys_are_rebuilt_on_relink(tmp_path: Path, soviet_records: list[Record]) -> None:
    with open_archive(str(tmp_path / "k.db"), create=True) as a:
        a.add_records(soviet_records)
        a.relink()
        want = a.db.query("SELECT key, form FROM name_keys ORDER BY key, form")
        with a.db.transaction():
            a.db.execute("UPDATE name_keys SET key = 'stale:' || key")
            a.db.execute("UPDATE meta SET value = 'old' WHERE key = 'keys_version'")
        assert "000_e3d0ee8980a77a04.txt" not in _paths(a.search("Javid"))
        a.relink()
        assert a.db.query("SELECT key, form FROM name_keys ORDER BY key, form") == want
        assert "000_e3d0ee8980a77a04.txt" in _paths(a.search("Javid"))


def test_archive_reads_back_as_the_records_it_stored(archive_url: str, soviet_records: list[Record]) -> None:
    """Every field of the record contract survives the archive, offsets and entity ids included."""
    from kartoteka.export.record_json import record_json
    from kartoteka.linking import link

    linked = {r.source.sha256: r for r in link(soviet_records)}
    with open_archive(archive_url, create=True) as a:
        a.add_records(soviet_records)
        a.relink()
        back = list(a.records())
    assert len(back) == len(linked)
    for rec in back:
        want, got = record_json(linked[rec.source.sha256]), record_json(rec)
        assert {e["id"] for e in got.pop("entities")} == {e["id"] for e in want.pop("entities")}
        assert got == want, rec.source.path


def test_name_filters_reach_documents_not_linked_yet(archive_url: str, soviet_records: list[Record]) -> None:
    seed = [r for r in soviet_records if Path(r.source.path).name == SEED]
    others = [r for r in soviet_records if Path(r.source.path).name != SEED]
    with open_archive(archive_url, create=True) as a:
        a.add_records(seed)
        a.relink()
        assert a.find_entities("Pishevari", "person")
        a.add_records(others)  # not linked yet
        assert a.links_stale()
        stale = set(_paths(a.search("Azerbaijan OR Pishevari", make_filters(persons=("Pishevari",)), limit=50)))
        a.relink()
        linked = set(_paths(a.search("Azerbaijan OR Pishevari", make_filters(persons=("Pishevari",)), limit=50)))
    assert SEED in stale and len(stale) > 1
    assert stale == linked

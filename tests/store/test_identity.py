"""A document's identity in the archive, on SQLite and PostgreSQL alike: its readable address, a new
transcription that keeps it and carries its corrections over, withdrawal, and the collection filter
and facet."""

from __future__ import annotations

import pytest

from kartoteka.corrections import Reattach, SetTitle
from kartoteka.errors import StoreError
from kartoteka.model import Record
from kartoteka.pipeline import parse_text
from kartoteka.search.filters import Filters
from kartoteka.store import open_archive
from kartoteka.store.schema import MIGRATIONS

DOC = "genre-dev/g04"
GONE, STAYS = "Nakhichevan without", "Ganja"
AUTHOR = "A. Historian"


def _new_version(old: Record) -> Record:
    """The same document, transcribed again: one place name spelled otherwise, a sentence longer."""
    assert old.document is not None
    text = old.document.text
    assert GONE in text and STAYS in text
    text = text.replace(GONE, "Nakhchivan without").replace("help them.", "help them, dear comrade.")
    return parse_text(text, path=old.source.path)


def _mention_at(arc: object, doc_id: int, word: str) -> int:
    view = arc.document(doc_id)  # type: ignore[attr-defined]
    i = view.text.index(word)
    return next(m.id for m in view.mentions if m.start == i and m.text == word.split()[0])


def test_address_replace_withdraw(archive_url: str, soviet_records: list[Record]) -> None:
    with open_archive(archive_url, create=True) as arc:
        arc.add_records(soviet_records)
        arc.relink()
        doc_id = arc.resolve_document(DOC)
        old = arc.document(doc_id)
        assert arc.resolve_document(old.sha256) == doc_id
        page = arc.reading.document(DOC)
        assert page is not None and (page.collection, page.name, page.address) == ("genre-dev", "g04", DOC)
        assert arc.reading.document(old.sha256[:12]) == page
        seed = arc.reading.document_page(arc.resolve_document("seed/000_e3d0ee8980a77a04"))
        assert seed is not None and seed.collection == "seed"

        title = arc.correct(SetTitle(old.sha256, "Pishevari on the refugees"), author=AUTHOR, reason="clearer")
        kept = arc.correct(Reattach(arc.mention_ref(_mention_at(arc, doc_id, STAYS)), None),
                           author=AUTHOR, reason="the town, not the entity")
        lost = arc.correct(Reattach(arc.mention_ref(_mention_at(arc, doc_id, GONE)), None),
                           author=AUTHOR, reason="spelled otherwise now")

        rec = next(r for r in soviet_records if r.source.path.endswith("/g04.txt"))
        done = arc.replace_document(DOC, _new_version(rec), author=AUTHOR, reason="corrected transcription")
        arc.relink()
        assert (done.address, done.old_version, done.new_version) == (DOC, 1, 2)
        assert {c.id: c.status for c in done.corrections} == {title.id: "carried", kept.id: "carried",
                                                              lost.id: "lost"}
        assert [c.id for c in done.lost()] == [lost.id]

        # the same document: id, address; the old sha256 still names it; the old text is kept
        assert arc.resolve_document(DOC) == doc_id == arc.resolve_document(old.sha256)
        new = arc.document(doc_id)
        assert new.sha256 != old.sha256 and new.title == "Pishevari on the refugees"
        versions = arc.versions.versions(doc_id)
        assert [(v.version, v.sha256, v.current) for v in versions] == [(1, old.sha256, False), (2, new.sha256, True)]
        assert versions[0].replaced_by == AUTHOR and arc.versions.text(doc_id, 1) == old.text
        assert arc.versions.by_old_sha(old.sha256[:10]) == (doc_id, 1)
        # the kept correction holds on the new text, at its new offsets; the lost one is undone
        ganja = next(m for m in new.mentions if m.text == STAYS)
        assert ganja.start == new.text.index(STAYS) and ganja.entity is None
        assert arc.correction(lost.id).undone_by == AUTHOR and arc.correction(kept.id).undone_at is None
        events = arc.versions.events(doc_id)
        assert [(e.action, e.author) for e in events] == [("replace", AUTHOR)]
        assert events[0].detail["corrections"][2]["status"] == "lost"
        with pytest.raises(StoreError, match="same text"):
            arc.replace_document(DOC, _new_version(rec), author=AUTHOR, reason="again")

        # withdrawn: out of search, browse and facets; its page says so; reinstated: back
        assert doc_id in {h.document_id for h in arc.search("Nakhchivan").hits}
        arc.withdraw(DOC, author=AUTHOR, reason="a duplicate of another file")
        assert doc_id not in {h.document_id for h in arc.search("Nakhchivan").hits}
        assert doc_id not in arc.find("", Filters(values=(("collection", ("genre-dev",)),)), limit=100).all_ids
        assert doc_id not in arc.matching_ids("Ganja")
        assert doc_id not in arc.find("", Filters(date_from="1000-01-01"), limit=1000).all_ids
        assert new.sha256 not in {r.source.sha256 for r in arc.records(withdrawn=False)}
        assert new.sha256 in {r.source.sha256 for r in arc.records()}
        named = {m.entity for m in new.mentions if m.entity}
        for entity_id in named:  # its entities' pages list it no more
            e = arc.reading.entity(entity_id)
            assert e is None or doc_id not in {d.id for d in e.documents}
            assert e is None or doc_id not in {m.document.id for m in e.mentions}
        page = arc.reading.document(DOC)
        assert page is not None and page.withdrawn_reason == "a duplicate of another file"
        with pytest.raises(StoreError, match="already withdrawn"):
            arc.withdraw(DOC, author=AUTHOR, reason="twice")
        arc.withdraw(DOC, author=AUTHOR, reason="not a duplicate after all", reinstate=True)
        assert doc_id in {h.document_id for h in arc.search("Nakhchivan").hits}
        assert [e.action for e in arc.versions.events(doc_id)] == ["replace", "withdraw", "reinstate"]


def test_collection_filter_and_facet(archive_url: str, soviet_records: list[Record]) -> None:
    with open_archive(archive_url, create=True) as arc:
        arc.add_records(soviet_records)
        arc.relink()
        every = arc.search("Tabriz", limit=100)
        facet = {v.value: v.count for f in every.facets if f.name == "collection" for v in f.values}
        in_genre = arc.search("Tabriz", Filters(values=(("collection", ("genre-dev",)),)), limit=100)
        assert facet["genre-dev"] == in_genre.total > 0
        assert facet.get("seed", 0) == arc.search("Tabriz", Filters(values=(("collection", ("seed",)),)), limit=100).total
        assert sum(facet.values()) == every.total
        assert {arc.document(h.document_id).path.split("/")[-2] for h in in_genre.hits} == {"docs"}
        browsed = arc.find("", Filters(values=(("collection", ("seed",)),)), limit=100)
        assert browsed.result.total == sum(1 for r in soviet_records if "/seed/" in r.source.path)
        assert arc.reading.facets(None).collection


def test_one_address_one_file_per_ingest_and_new_versions_after(archive_url: str, soviet_records: list[Record]) -> None:
    rec = next(r for r in soviet_records if r.source.path.endswith("/g04.txt"))
    other = parse_text(rec.document.text + "\nA later note.\n", path="elsewhere/genre-dev/g04.md")  # type: ignore[union-attr]
    with open_archive(archive_url, create=True) as arc:
        arc.add_records([rec], since="2000-01-01T00:00:00Z")
        # another file of the same ingest (stored since it began) at the same address: refused
        report = arc.add_records([other], since="2000-01-01T00:00:00Z")
        assert (report.added, report.failed, report.versions) == (0, 1, 0)
        assert "genre-dev/g04 is already" in report.refused[0]
        # a later ingest of a changed file at its address: a new version of the document
        changed = parse_text(rec.document.text + "\nA later note.\n", path=rec.source.path)  # type: ignore[union-attr]
        report = arc.add_records([changed], author=AUTHOR, since="2999-01-01T00:00:00Z")
        assert report.versions == 1 and arc.document(DOC).sha256 == changed.source.sha256
        doc_id = arc.resolve_document(DOC)
        assert [v.version for v in arc.versions.versions(doc_id)] == [1, 2]
        # the earlier transcription ingested again: already there, not a third version
        assert arc.known([rec.source.sha256]) == {rec.source.sha256}
        report = arc.add_records([rec], replace=True)
        assert (report.skipped, report.versions) == (1, 0) and arc.document(DOC).sha256 == changed.source.sha256


def test_older_archives_get_derived_addresses(archive_url: str, soviet_records: list[Record]) -> None:
    """Migration 15 on documents stored before it, a clash given the sha256's start."""
    step = next(m for m in MIGRATIONS if m.version == 15).step
    with open_archive(archive_url, create=True) as arc:
        arc.add_records(soviet_records[:3])
        arc.db.execute("DROP INDEX documents_address")
        arc.db.execute("UPDATE documents SET collection = NULL, name = NULL")
        ids = [int(r[0]) for r in arc.db.query("SELECT id FROM documents ORDER BY id")]
        arc.db.execute("UPDATE documents SET path = ? WHERE id = ?", ("old/text/same.txt", ids[0]))
        arc.db.execute("UPDATE documents SET path = ? WHERE id = ?", ("old/docs/same.txt", ids[1]))
        step(arc.db)
        rows = arc.db.rows("SELECT id, sha256, collection, name FROM documents ORDER BY id")
        assert (rows[0]["collection"], rows[0]["name"]) == ("old", "same")
        assert (rows[1]["collection"], rows[1]["name"]) == ("old", "same-" + rows[1]["sha256"][:8])
        assert all(r["collection"] and r["name"] for r in rows)

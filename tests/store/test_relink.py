"""Re-linking a stored archive, on real SQLite files and the real PostgreSQL server: streamed a
chunk of documents at a time, incremental after new documents exactly as a whole re-link,
corrections kept, and the pure ``linking.link`` over the same documents as its reference."""

from __future__ import annotations

import gc
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.corrections import Merge, Rename
from kartoteka.linking import link
from kartoteka.model import Record
from kartoteka.pipeline import parse_path
from kartoteka.store import Archive, open_archive
from kartoteka.store.relinker import Relinker

FRUS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"


@cache
def parsed(path: str) -> Record:
    """A dev document parsed once per session (the relink tests share them)."""
    return parse_path(path)


def dev_records(step: int, start: int = 0) -> list[Record]:
    """Every ``step``-th FRUS dev document, parsed (skipped without the dev set)."""
    dev = sorted(p for p in FRUS_DEV.rglob("*.txt") if "gold" not in p.parts)[start::step]
    if not dev:
        pytest.skip("the FRUS dev set is not in ../shared")
    return [parsed(str(p)) for p in dev]


@pytest.fixture(scope="module")
def collection(soviet_records: list[Record]) -> list[Record]:
    """The seed, the genre set and every tenth FRUS dev document, parsed."""
    return [*soviet_records, *dev_records(10)]


def state(arc: Archive) -> dict[str, list[Any]]:
    """Everything linking and corrections leave in an archive, keyed so that row ids do not matter."""
    q = arc.db.query
    return {
        "mentions": sorted(q('SELECT d.sha256, m.start, m."end", m.kind, m.method, m.linked_entity_id, m.entity_id, '
                             "m.parsed_kind, m.parsed_method FROM mentions m JOIN documents d ON d.id = m.document_id"),
                           key=repr),
        "agents": sorted(q('SELECT d.sha256, a.role, a.step, a.start, a."end", a.linked_entity_id, a.entity_id '
                           "FROM agents a JOIN documents d ON d.id = a.document_id"), key=repr),
        "places": sorted(q("SELECT sha256, place_entity_id FROM documents"), key=repr),
        "entities": sorted(q("SELECT id, kind, name, linked_name, description, latitude, longitude, mentions, "
                             "documents, origin, merged_into FROM entities"), key=repr),
        "variants": sorted(((r[0], r[1], round(float(r[2]), 3), r[3])
                            for r in q("SELECT entity_id, variant, score, method FROM name_variants")), key=repr),
        "document_entities": sorted(q("SELECT d.sha256, e.entity_id, e.kind, e.mentions FROM document_entities e "
                                      "JOIN documents d ON d.id = e.document_id"), key=repr),
    }


def _diff(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> dict[str, tuple[list[Any], list[Any]]]:
    return {k: ([x for x in a[k] if x not in b[k]][:3], [x for x in b[k] if x not in a[k]][:3])
            for k in a if a[k] != b[k]}


def test_relink_is_the_pure_linking_of_the_collection(archive_url: str, collection: list[Record]) -> None:
    """Streamed in chunks of three documents, the archive's linking is ``link`` of all records."""
    linked = link(collection)
    with open_archive(archive_url, create=True) as a:
        a.add_records(collection)
        rep = Relinker(a.db, chunk=3).run()
        assert rep.decided == rep.documents == len(collection) and rep.clustered == rep.blocks > 0
        for rec in linked:
            view = a.document(rec.source.sha256)
            assert [(m.start, m.end, m.kind, m.entity) for m in view.mentions] == [
                (m.span.start, m.span.end, str(m.kind), m.entity) for m in rec.mentions], rec.source.path
            place = a.db.query("SELECT place_entity_id FROM documents WHERE sha256 = ?", (rec.source.sha256,))
            assert place[0][0] == (rec.place.entity if rec.place else None)
            agents = a.db.query('SELECT a.start, a."end", a.entity_id FROM agents a JOIN documents d '
                                "ON d.id = a.document_id WHERE d.sha256 = ?", (rec.source.sha256,))
            want = [*rec.senders, *rec.recipients, *rec.signatories, *(x for s in rec.chain for x in s.agents)]
            assert sorted(agents, key=repr) == sorted(
                ((x.span.start, x.span.end, x.entity) for x in want), key=repr)
        entities = {e.id: e for r in linked for e in r.entities}
        assert a.stats().entities == len(entities)
        for e in list(entities.values())[::7]:
            view = a.entity(e.id)
            assert view.name == e.name
            assert {(v.variant, v.score, v.method) for v in view.variants} >= {
                (ld.variant, ld.score, ld.method) for ld in e.links}


def test_incremental_relink_equals_a_whole_relink(archive_url: str, tmp_path: Path,
                                                  collection: list[Record]) -> None:
    half = len(collection) // 2
    with open_archive(archive_url, create=True) as a:
        a.add_records(collection[:half])
        first = a.relink()
        a.add_records(collection[half:])
        rep = a.relink()
        assert not a.links_stale()
        incremental = state(a)
    assert isinstance(first.blocks, int) and rep.clustered < rep.blocks  # type: ignore[attr-defined]
    with open_archive(str(tmp_path / "whole.db"), create=True) as b:
        b.add_records(collection)
        b.relink(full=True)
        whole = state(b)
    assert not _diff(incremental, whole)


def test_nothing_changed_writes_nothing(archive_url: str, collection: list[Record]) -> None:
    with open_archive(archive_url, create=True) as a:
        a.add_records(collection)
        a.relink()
        before = state(a)
        again = a.relink()
        assert again.skipped  # type: ignore[attr-defined]
        forced = a.relink(full=True)
        assert (forced.rewritten, forced.entities_changed) == (0, 0)  # type: ignore[attr-defined]
        assert forced.decided == len(collection)  # type: ignore[attr-defined]
        assert state(a) == before


def test_corrections_survive_an_incremental_relink(archive_url: str, tmp_path: Path,
                                                   collection: list[Record]) -> None:
    who = {"author": "historian", "reason": "the file says so"}
    half = len(collection) // 2

    def corrected(a: Archive) -> None:
        qavam = a.find_entities("Qavam", "person")[0].id
        imami = a.find_entities("Imami", "person")[0].id
        a.correct(Merge(a.entity_ref(qavam), a.entity_ref(imami)), **who)
        a.correct(Rename(a.entity_ref(qavam), "Ahmad Qavam os-Saltaneh"), **who)

    with open_archive(archive_url, create=True) as a:
        a.add_records(collection[:half])
        a.relink()
        corrected(a)
        a.add_records(collection[half:])
        rep = a.relink()
        assert rep.corrections_applied == 2
        merged = a.find_entities("Imami", "person")[0]
        assert merged.name == "Ahmad Qavam os-Saltaneh"
        incremental = state(a)
    with open_archive(str(tmp_path / "whole.db"), create=True) as b:
        b.add_records(collection)
        b.relink()
        corrected(b)
        whole = state(b)
    assert not _diff(incremental, whole)


def _live_records() -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, Record))


def test_relink_never_holds_the_collection(tmp_path: Path, collection: list[Record]) -> None:
    """Between chunks the relinker holds no more records than a chunk's, however many documents
    there are (a relink that read all records first would hold every one of them)."""
    with open_archive(str(tmp_path / "a.db"), create=True) as a:
        a.add_records(collection)
    del collection  # the fixture's own copies stay alive: counted before, subtracted
    gc.collect()
    base = _live_records()
    seen: list[int] = []
    with open_archive(str(tmp_path / "a.db")) as a:
        Relinker(a.db, chunk=2, progress=lambda phase, done, total: seen.append(_live_records() - base)).run()
        n = a.stats().documents
    assert n > 20 and len(seen) > 3 * (n // 2)
    assert max(seen) <= 2 * 2 + 2, seen


def test_link_command_says_what_it_did(tmp_path: Path, collection: list[Record]) -> None:
    db = str(tmp_path / "a.db")
    with open_archive(db, create=True) as a:
        a.add_records(collection)
    runner = CliRunner()
    r = runner.invoke(cli, ["link", "--archive", db, "--progress"])
    assert r.exit_code == 0, r.output
    assert "link: decide" in r.stderr and "link: evidence" in r.stderr
    summary = r.stderr.strip().splitlines()[-1]
    n = len(collection)
    assert f"{n} of {n} document(s) counted anew, {n} re-decided" in summary
    assert "name block(s) re-clustered" in summary and summary.split(" in ")[1].split("s:")[0].replace(".", "").isdigit()
    again = runner.invoke(cli, ["link", "--archive", db, "--no-progress"])
    assert again.exit_code == 0 and "up to date" in again.stderr
    full = runner.invoke(cli, ["link", "--archive", db, "--full", "--no-progress"])
    assert full.exit_code == 0 and ", 0 rewritten;" in full.stderr
    with open_archive(db) as a:  # new documents: only they are counted, every one is decided
        a.add_records([_telegram(1), _telegram(2)])
    more = runner.invoke(cli, ["link", "--archive", db, "--no-progress"])
    assert more.exit_code == 0 and f"2 of {n + 2} document(s) counted anew, {n + 2} re-decided" in more.stderr


def _telegram(n: int) -> Record:
    """A short new document, through the parser, that tells the collection nothing new about its
    names (capitals only: no word in lower case, none capitalised mid-sentence)."""
    from kartoteka.pipeline import parse_source
    from kartoteka.readers import read_bytes

    return parse_source(read_bytes(f"TELEGRAM NO. {n} FROM TABRIZ\n\n12 DECEMBER 1946\n".encode(), f"t{n}.txt"))


def test_documents_linked_before_are_not_spread_again(archive_url: str, tmp_path: Path,
                                                      collection: list[Record]) -> None:
    """With the collection's verdicts unchanged, only the new documents are spread; the rest are
    read as their rows say, and the archive is what a whole re-link makes."""
    import time

    more = [_telegram(1), _telegram(2)]
    with open_archive(archive_url, create=True) as a:
        a.add_records(collection)
        time.sleep(1.1)  # ingest times are in seconds: a document stored in the second a re-link began is new to it
        assert a.relink().respread == len(collection)  # type: ignore[attr-defined]
        a.add_records(more)
        rep = a.relink()
        assert rep.respread == len(more) and rep.decided == len(collection) + len(more)  # type: ignore[attr-defined]
        incremental = state(a)
        assert a.relink(full=True).rewritten == 0  # type: ignore[attr-defined]
    with open_archive(str(tmp_path / "whole.db"), create=True) as b:
        b.add_records([*collection, *more])
        b.relink()
        assert not _diff(incremental, state(b))

"""The archive's content version on both backends: every write that changes what facets count moves
it (new documents, re-linking, a correction, an undo, by this connection or another) and the next
search's facets are those of the archive as it is now; writes that do not (a reading-room user,
another database on the same PostgreSQL server) leave the in-memory facet index in place."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from kartoteka.corrections import Rename, SetClassification
from kartoteka.model import Record
from kartoteka.store import Archive, facets, open_archive
from kartoteka.store.users import Users
from store_backends import PG_ENV

QUERY = "the OR of OR and"  # nearly every document


@pytest.fixture
def arc(archive_url: str, soviet_records: list[Record], monkeypatch: pytest.MonkeyPatch) -> Iterator[Archive]:
    monkeypatch.setattr(facets, "SQL_MATCHES", 0)  # every search counts through the index
    a = open_archive(archive_url, create=True)
    a.add_records(soviet_records[:-2])
    a.relink()
    yield a
    a.close()


def _facets(a: Archive) -> dict[str, dict[str, int]]:
    return {f.name: {v.value: v.count for v in f.values} for f in a.search(QUERY, limit=0).facets}


def _by_sql(a: Archive, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, int]]:
    with monkeypatch.context() as m:
        m.setattr(facets, "SQL_MATCHES", 10**9)
        return _facets(a)


def _index(a: Archive) -> object:
    return a._searcher.tally._index


def test_a_fresh_archive_has_a_version(archive_url: str) -> None:
    a = open_archive(archive_url, create=True)
    try:
        assert a.db.fts_version() is not None
        again = open_archive(archive_url)  # opening a current archive migrates nothing, moves nothing
        try:
            assert again.db.fts_version() == a.db.fts_version()
        finally:
            again.close()
    finally:
        a.close()


def test_content_writes_move_the_version_and_facets_follow(arc: Archive, soviet_records: list[Record],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _facets(arc)
    tally = arc._searcher.tally
    built = tally.builds
    target = next(h for h in arc.search(QUERY, limit=1000, facets=False).hits if h.classification != "top secret")
    person = arc.find_entities("Qavam", "person")[0]

    def changes() -> Iterator[str]:
        arc.correct(SetClassification(target.sha256, "top secret"), author="t", reason="test")
        yield "document correction"
        arc.correct(Rename(arc.entity_ref(person.id), "Ahmad Qavam-os-Saltaneh"), author="t", reason="test")
        yield "entity correction"
        arc.undo(arc.corrections()[-1].id, author="t", reason="back")
        yield "undo"
        arc.add_records(soviet_records[-2:])
        yield "documents added"
        arc.add_records(soviet_records[-1:], replace=True)
        yield "document replaced"
        arc.relink()
        yield "relink"

    for what in changes():
        version = arc.db.fts_version()
        got = _facets(arc)
        assert tally.builds == built + 1, what
        built = tally.builds
        assert got == _by_sql(arc, monkeypatch), what
        assert arc.db.fts_version() == version, what  # searching writes nothing
    assert _facets(arc)["classification"].get("top secret", 0) >= 1


def test_other_writes_leave_the_index(arc: Archive) -> None:
    first = _facets(arc)
    index = _index(arc)
    builds = arc._searcher.tally.builds
    version = arc.db.fts_version()
    users = Users(arc.url)
    users.add("reader", "a long password")
    users.new_token("reader")
    users.remove("reader")
    assert arc.db.fts_version() == version
    assert _facets(arc) == first
    assert _index(arc) is index and arc._searcher.tally.builds == builds


def test_a_write_to_another_database_on_the_server_leaves_the_index(pg_url: str,
                                                                    soviet_records: list[Record],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facets, "SQL_MATCHES", 0)
    import psycopg

    a = open_archive(pg_url, create=True)
    try:
        a.add_records(soviet_records[:3])
        first = _facets(a)
        index = _index(a)
        server = os.environ[PG_ENV]
        table = f"kt_other_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server, autocommit=True) as conn:  # the server's default test database
            conn.execute(f"CREATE TABLE {table} (x INTEGER)")
            try:
                conn.execute(f"INSERT INTO {table} VALUES (1)")
            finally:
                conn.execute(f"DROP TABLE {table}")
        assert _facets(a) == first
        assert _index(a) is index and a._searcher.tally.builds == 1
    finally:
        a.close()


def test_a_writer_on_another_connection_is_seen(arc: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _facets(arc)
    index = _index(arc)
    target = next(h for h in arc.search(QUERY, limit=1000, facets=False).hits if h.classification != "top secret")
    other = open_archive(arc.url)
    try:
        other.correct(SetClassification(target.sha256, "top secret"), author="t", reason="elsewhere")
    finally:
        other.close()
    after = _facets(arc)
    assert _index(arc) is not index
    assert after["classification"].get("top secret", 0) == before["classification"].get("top secret", 0) + 1
    assert after == _by_sql(arc, monkeypatch)

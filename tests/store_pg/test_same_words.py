"""A query finds the same documents in the server store as in the embedded one: both index the
words SQLite's FTS5 cuts (``kartoteka.search.words``). The FRUS dev texts go into an SQLite file
and a PostgreSQL database; every word form of the texts that holds more than letters (hyphens,
apostrophes, dots, dashes, slashes, accents), a sample of the others, phrases and prefixes are
searched in both and must match the same documents."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kartoteka.errors import KartotekaError
from kartoteka.model import Document, Record, Source
from kartoteka.store import Archive, open_archive
from kartoteka.store.schema import SCHEMA_VERSION
from store_backends import fresh_pg_database

FRUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"
_FORM = re.compile(r"\S*[^\W\d_]\S*")


def _plain(path: Path) -> Record:
    src = Source(str(path), hashlib.sha256(path.read_bytes()).hexdigest(), "text")
    return Record(source=src, document=Document(src, path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, Archive, list[str]]]:
    texts = sorted(FRUS.glob("*/text/*.txt"))
    if len(texts) < 100:
        pytest.skip("the FRUS dev texts are not in ../shared")
    where = fresh_pg_database()
    pg_url = next(where)
    records = [_plain(p) for p in texts]
    lite = open_archive(str(tmp_path_factory.mktemp("words") / "w.db"), create=True)
    server = open_archive(pg_url, create=True)
    for a in (lite, server):
        a.add_records(records)
    forms = sorted({m.group(0).strip(".,;:()[]\"'") for p in texts for m in _FORM.finditer(p.read_text("utf-8"))})
    yield lite, server, [f for f in forms if f]
    lite.close()
    server.close()
    next(where, None)


def _found(a: Archive, query: str) -> set[str]:
    try:
        ids = a.matching_ids(query, expand_names=False)
    except KartotekaError:
        return {"<refused>"}
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    return {str(r[0]) for r in a.db.query(f"SELECT sha256 FROM documents WHERE id IN ({marks})", ids)}


def test_the_same_words_find_the_same_documents(stores: tuple[Archive, Archive, list[str]]) -> None:
    lite, server, forms = stores
    hard = [f for f in forms if not f.isalpha() or not f.isascii()]
    queries = hard + forms[::25] + ['"Department of State"', '"C-47"', "commun*", "Arbenz-*", "O'Brien",
                                    "Calligeris NOT Castillo", "Árbenz OR Джавид"]
    assert len(hard) > 300
    differ = [q for q in queries if _found(lite, q) != _found(server, q)]
    assert not differ, differ[:20]


def test_an_older_server_archive_is_indexed_again(pg_url: str, tmp_path: Path) -> None:
    doc = tmp_path / "d1.txt"
    doc.write_text("Move out to approx 14¼53'long 90¼lat. with the unit-to-Calligeris-to-unit-info.\n",
                   encoding="utf-8")
    with open_archive(pg_url, create=True) as a:
        a.add_records([_plain(doc)])
        # the words as PostgreSQL's own parser cut them before schema 10
        a.db.execute("UPDATE documents_fts SET tsv = to_tsvector('simple', "
                      "(SELECT text FROM documents d WHERE d.id = document_id))")
        a.db.execute("DELETE FROM schema_version WHERE version >= 10")  # an archive of schema 9
        a.db.execute("DROP TABLE reading_room_sessions")
        a.db.execute("DROP TABLE reading_room_users")
        a.db.execute("ALTER TABLE corrections DROP COLUMN imported_from")  # schema 14's
        a.db.execute("ALTER TABLE corrections DROP COLUMN imported_at")
        a.db.execute("ALTER TABLE documents DROP COLUMN language")  # schema 16's (its indexes go with them)
        a.db.execute("ALTER TABLE documents DROP COLUMN genre")
        for column in ("collection", "name", "version", "withdrawn_at", "withdrawn_by", "withdrawn_reason"):
            a.db.execute(f"ALTER TABLE documents DROP COLUMN {column}")  # schema 15's
        a.db.execute("DROP TABLE document_versions")
        a.db.execute("DROP TABLE document_events")
        assert a.search("90¼lat").total == 0
    with open_archive(pg_url) as a:  # opening migrates: every document's words cut again
        assert a.schema_version() == SCHEMA_VERSION
        assert a.search("90¼lat").total == a.search('"unit to Calligeris"').total == 1

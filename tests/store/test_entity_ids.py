"""Entity ids follow the entities, not the order documents came in: the same documents ingested
forwards, backwards, or in two batches with a re-link between, give every mention, agent and
place the same entity id, and so does a whole re-link (``link --full``) afterwards."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kartoteka.ingest import ingest_records
from kartoteka.model import Document, Mention, MentionKind, Record, Span
from kartoteka.pipeline import parse_path
from kartoteka.store import open_archive

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FRUS = SHARED / "corpus" / "frus-dev"

Links = dict[str, set[tuple[object, ...]]]


@pytest.fixture(scope="module")
def records(soviet_paths: list[str]) -> list[Record]:
    # the seed, the genre set and FRUS documents from each volume: persons spelled many ways,
    # places the gazetteer does not know, organisations named in full and by initials
    frus = [sorted(v.glob("text/d*.txt"))[:12] for v in sorted(FRUS.iterdir()) if v.is_dir()]
    paths = [*soviet_paths, *(str(p) for vol in frus for p in vol)]
    return [parse_path(p) for p in paths]


# Made-up telegrams naming one committee, one village and one tribe in two transliterations each
# (the same spelling key: dzh/j, kh/q, a plural); which spelling a collection meets first
# must not name the entity's id.
TELEGRAMS = [
    ("Telegram 101\n\nThe Dzhavid Committee sent a delegation to Qukhsar; the Kuhsaris there refused it.\n",
     [("Dzhavid Committee", MentionKind.ORGANIZATION), ("Qukhsar", MentionKind.PLACE),
      ("Kuhsaris", MentionKind.GROUP)]),
    ("Telegram 102\n\nThe Javid Committee returned from Kukhsar; a Kuhsari chief went with it.\n",
     [("Javid Committee", MentionKind.ORGANIZATION), ("Kukhsar", MentionKind.PLACE),
      ("Kuhsari", MentionKind.GROUP)]),
]


def _telegram(text: str, names: list[tuple[str, MentionKind]], n: int) -> Record:
    doc = Document.from_text(text, path=f"telegram-{n}.txt")
    mentions = tuple(Mention(Span(text.index(name), text.index(name) + len(name), name), kind, method="model")
                     for name, kind in names)
    return Record(source=doc.source, document=doc, mentions=mentions)


def test_ids_of_spelling_variants_do_not_follow_the_first_spelling(archive_url: str, tmp_path: Path) -> None:
    records = [_telegram(text, names, n) for n, (text, names) in enumerate(TELEGRAMS)]
    forwards = _build(str(tmp_path / "forwards.db"), [records])
    backwards = _build(archive_url, [records[::-1]])
    _same(forwards, backwards)
    ids = {e for e, _ in forwards["entities"]}
    assert {"org:javid-cumiti", "place:kuksar", "group:kuhsari"} <= ids, ids
    # each pair of spellings is one entity
    assert len({(m[0], m[4]) for m in forwards["mentions"]}) == 6 and len(ids) == 3


def _links(url: str) -> Links:
    with open_archive(url) as arc:
        def rows(sql: str) -> set[tuple[object, ...]]:
            return {tuple(r) for r in arc.db.query(sql)}

        return {
            "mentions": rows('SELECT d.sha256, m.start, m."end", m.kind, m.entity_id FROM mentions m '
                             "JOIN documents d ON d.id = m.document_id"),
            "agents": rows('SELECT d.sha256, a.role, a.start, a."end", a.entity_id FROM agents a '
                           "JOIN documents d ON d.id = a.document_id"),
            "places": rows("SELECT sha256, place_start, place_entity_id FROM documents"),
            "entities": rows("SELECT id, kind FROM entities"),
        }


def _build(url: str, batches: Sequence[Sequence[Record]], *, full: bool = False) -> Links:
    with open_archive(url, create=True) as arc:
        for batch in batches:
            ingest_records(arc, batch)
            arc.relink()
        if full:
            arc.relink(full=True)
    return _links(url)


def _same(a: Links, b: Links) -> None:
    for part in a:
        assert sorted(a[part] - b[part], key=str)[:10] == [], part
        assert sorted(b[part] - a[part], key=str)[:10] == [], part


@pytest.mark.timeout(900)
def test_entity_ids_do_not_follow_ingest_order(records: list[Record], archive_url: str, tmp_path: Path) -> None:
    one = str(tmp_path / "forwards.db")
    forwards = _build(one, [records])
    assert len(forwards["entities"]) > 200 and any(e[1] == "place" for e in forwards["entities"])
    half = len(records) // 2
    backwards = _build(archive_url, [records[half:][::-1], records[:half][::-1]])
    _same(forwards, backwards)
    with open_archive(archive_url) as arc:
        arc.relink(full=True)
    _same(forwards, _links(archive_url))

"""An entity's page counts the people and places named with it over every one of its documents:
checked against a count made row by row from ``document_entities``, for every entity of a real
linked archive (the seed and the genre documents)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kartoteka.model import Record
from kartoteka.store import Archive, open_archive
from kartoteka.store.pages import CO_PEOPLE


@pytest.fixture(scope="module")
def built(soviet_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, str]]:
    path = str(tmp_path_factory.mktemp("reading") / "r.db")
    a = open_archive(path, create=True)
    a.add_records(soviet_records)
    a.relink()
    yield a, path
    a.close()


def _brute(a: Archive, entity_id: str) -> tuple[Counter[str], Counter[str], dict[str, str]]:
    rows = a.db.query("SELECT document_id, entity_id, kind FROM document_entities")
    mine = {int(d) for d, e, _ in rows if e == entity_id}
    mine |= {int(r[0]) for r in a.db.query("SELECT document_id FROM agents WHERE entity_id = ?", (entity_id,))}
    people: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for d, e, kind in rows:
        if int(d) in mine:
            (people if kind == "person" else others)[str(e)] += 1
    people.pop(entity_id, None)
    names = {str(r[0]): str(r[1]) for r in a.db.query("SELECT id, name FROM entities")}
    return people, others, names


def test_co_occurring_people_and_places_count_every_document(built: tuple[Archive, str]) -> None:
    a, _ = built
    reading = a.reading
    checked = 0
    for (eid,) in a.db.query("SELECT id FROM entities WHERE merged_into IS NULL ORDER BY id"):
        page = reading.entity(str(eid))
        assert page is not None
        people, others, names = _brute(a, str(eid))
        want = sorted(people.items(), key=lambda x: (-x[1], names[x[0]]))[:CO_PEOPLE]
        assert [(c.key, c.count) for c in page.people] == want
        for p in page.places:
            assert p.documents == others[p.id] or (p.id == eid and p.documents == page.document_count)
        assert page.counted_over == page.document_count
        checked += bool(want)
    assert checked >= 5

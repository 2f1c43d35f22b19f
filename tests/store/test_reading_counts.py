"""An entity's page counts the people and places named with it over every one of its documents:
checked against a count made row by row from ``document_entities``, for every entity of a real
linked archive (the seed and the genre documents)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from kartoteka.corrections import SetDate
from kartoteka.model import Record
from kartoteka.search.filters import make_filters
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


def test_an_entity_page_counts_every_year_a_date_covers(archive_url: str, soviet_records: list[Record]) -> None:
    """An entity's year chart counts a document in each year its date reaches into, as the search's
    year facet and year filter do: each bar is the number of the entity's documents a search of that
    year keeps (a document dated 1945-47 in 1945, 1946 and 1947)."""
    with open_archive(archive_url, create=True) as a:
        a.add_records(soviet_records)
        a.relink()
        eid, doc = (str(x) for x in a.db.query(
            "SELECT entity_id, document_id FROM document_entities d JOIN entities e ON e.id = d.entity_id "
            "WHERE e.kind = 'person' ORDER BY e.documents DESC, e.id, d.document_id LIMIT 1")[0])
        sha = str(a.db.query("SELECT sha256 FROM documents WHERE id = ?", (int(doc),))[0][0])
        a.correct(SetDate(sha, "1945", "1945-06-01", "1947-02-28"), author="test", reason="a range of years")
        page = a.entity(eid)
        mine = {int(r[0]) for r in a.db.query("SELECT document_id FROM document_entities WHERE entity_id = ? UNION "
                                              "SELECT document_id FROM agents WHERE entity_id = ?", (eid, eid))}
        assert int(doc) in mine and page.document_count == len(mine)
        years = {c.key: c.count for c in page.years}
        for year in ("1945", "1946", "1947"):
            kept = set(a.find("", make_filters(year, year)).all_ids) & mine
            assert int(doc) in kept and years.get(year) == len(kept), year
        assert years == dict(a.counts(sorted(mine)).years)

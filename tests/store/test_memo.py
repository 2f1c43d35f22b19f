"""Values kept for the archive's content version (``store.memo``), and the reading room's kept
facets and pages over real archives on both backends: a correction shows at once, an archive made
anew at the same address never meets the old one's values, and counting through the facet index
for few matches gives what SQL gives."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from kartoteka.corrections import Rename
from kartoteka.model import Record
from kartoteka.store import Archive, open_archive
from kartoteka.store.memo import ContentMemo, ids_key

# --- the memo itself: a table of steps (archive, key, version) and whether each computes


@pytest.mark.parametrize(("steps", "computes"), [
    ([("a", "k", 1), ("a", "k", 1)], [True, False]),  # kept
    ([("a", "k", 1), ("a", "k", 2), ("a", "k", 2)], [True, True, False]),  # a new version computes anew
    ([("a", "k", 1), ("b", "k", 1), ("a", "k", 1)], [True, True, False]),  # archives apart
    ([("a", "k", 1), ("b", "k", 2), ("a", "k", 1)], [True, True, False]),  # b's version leaves a's values
    ([("a", "k", None), ("a", "k", None)], [True, True]),  # no version: nothing kept
    ([("a", "k", 2), ("a", "k", 1), ("a", "k", 2)], [True, True, True]),  # one version per archive at a time
])
def test_the_memo_keeps_a_value_per_archive_key_and_version(steps: list[tuple[str, str, int | None]],
                                                              computes: list[bool]) -> None:
    memo: ContentMemo[str] = ContentMemo(8)
    got = []
    for archive, key, version in steps:
        before = memo.computed
        value = memo.get(archive, key, version, lambda v=version: f"{v}")  # type: ignore[misc]
        assert value == f"{version}"
        got.append(memo.computed > before)
    assert got == computes


def test_the_memo_forgets_the_least_recently_used_past_its_size() -> None:
    memo: ContentMemo[int] = ContentMemo(2)
    for k in (1, 2, 1, 3):  # 2 is the least recently used when 3 comes
        memo.get("a", k, 1, lambda k=k: k)  # type: ignore[misc]
    before = memo.computed
    memo.get("a", 1, 1, lambda: 1)
    memo.get("a", 3, 1, lambda: 3)
    assert memo.computed == before
    memo.get("a", 2, 1, lambda: 2)
    assert memo.computed == before + 1


@pytest.mark.parametrize(("a", "b", "same"), [
    (None, None, True), ([1, 2, 3], [1, 2, 3], True), ([1, 2, 3], [1, 2], False), ([1, 2], [2, 1], False),
    ([], None, False), ([], [], True),
])
def test_ids_key(a: list[int] | None, b: list[int] | None, same: bool) -> None:
    assert (ids_key(a) == ids_key(b)) is same


# --- the reading room's kept values over real archives


@pytest.fixture
def arc(archive_url: str, soviet_records: list[Record]) -> Iterator[Archive]:
    a = open_archive(archive_url, create=True)
    a.add_records(soviet_records[:12])
    a.relink()
    yield a
    a.close()


def _a_person(a: Archive) -> str:
    rows = a.db.rows("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC, id LIMIT 1")
    return str(rows[0]["id"])


def test_only_a_long_lived_reader_keeps_pages(arc: Archive) -> None:
    person = _a_person(arc)
    page = arc.reading.entity(person)
    assert page is not None and arc.reading.entity(person) is not page  # a command reads afresh
    assert arc.reading.facets(None) is not arc.reading.facets(None)


def test_a_correction_shows_at_once_on_kept_pages_and_facets(arc: Archive) -> None:
    arc.keep_read_values()
    reading = arc.reading
    person = _a_person(arc)
    page = reading.entity(person)
    assert page is not None and reading.entity(person) is page  # kept
    before = reading.facets(None)
    assert reading.facets(None) is before
    doc = reading.document_page(1)
    assert doc is not None and reading.document_page(1) is doc
    arc.correct(Rename(arc.entity_ref(person), "Kept Name Renamed"), author="tester", reason="test")
    page2 = reading.entity(person)
    assert page2 is not None and page2.name == "Kept Name Renamed"
    assert any(c.label == "Kept Name Renamed" for c in reading.facets(None).person)
    doc2 = reading.document_page(1)
    assert doc2 is not None and doc2 is not doc


def test_few_matches_counted_through_the_index_as_sql_counts(arc: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [int(r["id"]) for r in arc.db.rows("SELECT id FROM documents ORDER BY id")][:5]
    by_sql = arc.counts(ids)
    arc.keep_read_values()
    by_index = arc.counts(ids)
    assert arc._searcher.tally._index is not None  # it counted from the index, for five documents
    assert sorted(by_index.years) == sorted(by_sql.years)
    assert sorted(by_index.levels) == sorted(by_sql.levels)
    assert sorted(by_index.entities) == sorted(by_sql.entities)


def test_an_archive_made_anew_at_the_same_path_is_not_the_old_one(tmp_path: os.PathLike[str],
                                                                  soviet_records: list[Record]) -> None:
    path = os.path.join(tmp_path, "a.db")
    first = open_archive(path, create=True)
    first.keep_read_values()
    first.add_records(soviet_records[:3])
    first.relink()
    facets_before = first.reading.facets(None)
    identity = first.db.identity
    first.close()
    os.remove(path)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    second = open_archive(path, create=True)
    try:
        second.keep_read_values()
        second.add_records(soviet_records[3:9])
        second.relink()
        assert second.db.identity != identity
        got = second.reading.facets(None)
        assert got == second.reading._facets(None, 12)  # what is counted now, not what was kept
        assert got != facets_before
    finally:
        second.close()


"""Undo on real archives (SQLite, and PostgreSQL when the test server is there): after undoing any
one of a log of related and unrelated corrections, the archive is the one in which that correction
was never made — and the one a full replay of the log gives — though undo replays only a part."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kartoteka.corrections import (
    Correction,
    EntityRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
)
from kartoteka.errors import CorrectionError
from kartoteka.model import Record
from kartoteka.store import Archive, open_archive
from kartoteka.store.corrector import Corrector
from kartoteka.store.facets import bump_content
from kartoteka.store.replay import Replay
from store_backends import fresh_pg_database

SEED = "000_e3d0ee8980a77a04.txt"
WHO = {"author": "historian", "reason": "checked against the file"}


def _person(arc: Archive, name: str) -> str:
    found = arc.find_entities(name, "person")
    assert found, name
    return found[0].id


def _mentions(arc: Archive, entity_id: str) -> list[int]:
    return [int(r[0]) for r in arc.db.query("SELECT id FROM mentions WHERE entity_id = ? ORDER BY id", (entity_id,))]


def _seed_sha(arc: Archive) -> str:
    return arc.document(SEED).sha256


def _other_sha(arc: Archive) -> str:
    return arc.document("g01.txt").sha256


# Each step makes one correction from the archive as the earlier steps left it. Several touch the
# same people (Qavam, Pishevari, Bagirov, the entity a split makes); Molotov's rename and the
# document values are unrelated to them.
Step = Callable[[Archive, list[int]], Correction]
STEPS: list[tuple[str, Step]] = [
    ("merge", lambda a, _: Merge(a.entity_ref(_person(a, "Qavam")), a.entity_ref(_person(a, "Pishevari")))),
    ("split", lambda a, _: Split(a.entity_ref(_person(a, "Qavam")),
                                 (a.mention_ref(_mentions(a, _person(a, "Qavam"))[0]),), "Qavam the younger")),
    ("reattach", lambda a, _: Reattach(a.mention_ref(_mentions(a, _person(a, "Bagirov"))[0]),
                                       a.entity_ref(_person(a, "Qavam")))),
    ("detach", lambda a, _: Reattach(a.mention_ref(_mentions(a, _person(a, "Qavam"))[1]), None)),
    ("rename", lambda a, _: Rename(a.entity_ref(_person(a, "Qavam")), "Ahmad Qavam")),
    ("rename elsewhere", lambda a, _: Rename(a.entity_ref(_person(a, "Molotov")), "Vyacheslav Molotov")),
    ("reattach to the split", lambda a, ids: Reattach(a.mention_ref(_mentions(a, _person(a, "Beria"))[0]),
                                                      a.entity_ref(f"c{ids[1]}"))),
    ("date", lambda a, _: SetDate(_seed_sha(a), "1946-12-10", "1946-12-10", "1946-12-10")),
    ("title", lambda a, _: SetTitle(_seed_sha(a), "Telegram from Tabriz")),
    ("classification", lambda a, _: SetClassification(_seed_sha(a), "secret", ("Eyes Only",))),
    ("date elsewhere", lambda a, _: SetDate(_other_sha(a), "1946-05", "1946-05-01", "1946-05-31")),
    ("second title", lambda a, _: SetTitle(_seed_sha(a), "Telegram from Tabriz, second copy")),
    # no anchors and an id that is gone: found by the name the rename above gave
    ("rename by name", lambda a, _: Rename(EntityRef("no-such-id", "Ahmad Qavam", "person"), "Qavam, Ahmad")),
]
SUPERSEDED = {"title"}


def _fresh(url: str, records: list[Record]) -> Archive:
    a = open_archive(url, create=True)
    a.add_records(records)
    a.relink()
    return a


def state(a: Archive) -> dict[str, list[tuple[Any, ...]]]:
    """Everything corrections change, with the ids a correction gives (``c<log id>``, ``#<log id>``)
    written as what they stand for, so two logs with different numbering compare."""
    made = {str(r[0]): f"split:{r[1]}" for r in a.db.query("SELECT id, name FROM entities WHERE origin = 'correction'")}

    def e(x: Any) -> Any:
        return made.get(str(x), x) if x is not None else None

    def rows(sql: str, *ents: int) -> list[tuple[Any, ...]]:
        out = []
        for r in a.db.query(sql):
            t = list(r)
            for i in ents:
                t[i] = e(t[i])
            out.append(tuple(re.sub(r"#\d+", "#", v) if isinstance(v, str) and "correction #" in v else v
                             for v in t))
        return sorted(out, key=repr)

    return {
        "documents": rows("SELECT sha256, title, title_start, title_end, date_iso, date_precision, date_not_before, "
                          "date_not_after, date_certainty, date_start, date_end, classification_level, "
                          "classification_caveats, classification, classification_start, classification_end "
                          "FROM documents"),
        "mentions": rows('SELECT document_id, start, "end", entity_id FROM mentions', 3),
        "agents": rows('SELECT document_id, role, start, "end", entity_id FROM agents', 4),
        "entities": rows("SELECT id, kind, name, mentions, documents, merged_into, origin FROM entities", 0, 5),
        "variants": rows("SELECT entity_id, variant, score, method FROM name_variants", 0),
        "document_entities": rows("SELECT document_id, entity_id, kind, mentions FROM document_entities", 1),
    }


@pytest.fixture
def logged(archive_url: str, soviet_records: list[Record]) -> Iterator[tuple[Archive, list[int], list[Correction]]]:
    """An archive with every step's correction made, their log ids, and the corrections."""
    a = _fresh(archive_url, soviet_records)
    ids: list[int] = []
    made: list[Correction] = []
    for _, step in STEPS:
        c = step(a, ids)
        made.append(c)
        ids.append(a.correct(c, **WHO).id)
    yield a, ids, made
    a.close()


@pytest.mark.parametrize("undone", [name for name, _ in STEPS])
def test_undo_leaves_the_archive_as_if_never_made(logged: tuple[Archive, list[int], list[Correction]],
                                                  undone: str, soviet_records: list[Record],
                                                  tmp_path: Path) -> None:
    a, ids, made = logged
    k = [name for name, _ in STEPS].index(undone)
    before = state(a)
    a.undo(ids[k], author="historian", reason="second thoughts")
    after = state(a)
    # a title set again later stays; anything else undone shows
    assert (after == before) == (undone in SUPERSEDED)
    # the same as replaying the whole log
    with a.db.transaction():
        Corrector(a.db).replay_entities()
        Corrector(a.db).replay_documents([int(r[0]) for r in a.db.query("SELECT id FROM documents")])
    assert state(a) == after
    # the same as never having made it
    twin = _twin(a.url, tmp_path)
    try:
        with _fresh(next(twin), soviet_records) as never:
            for i, c in enumerate(made):
                if i != k:
                    # refused now means dormant in a replay too: it changes nothing either way
                    with contextlib.suppress(CorrectionError):
                        never.correct(c, **WHO)
            assert state(never) == after
    finally:
        twin.close()


def _twin(url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty archive on the same backend."""
    if url.startswith("postgresql"):
        yield from fresh_pg_database()
    else:
        yield str(tmp_path / "never.db")


def test_undo_replays_only_related_corrections(logged: tuple[Archive, list[int], list[Correction]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    a, ids, _ = logged
    replayed: list[int] = []
    original = Replay.apply_entity

    def counted(self: Replay, cid: int, c: Correction) -> set[str] | None:
        replayed.append(cid)
        return original(self, cid, c)

    monkeypatch.setattr(Replay, "apply_entity", counted)
    a.undo(ids[5], author="historian", reason="Molotov's name as the documents give it")
    assert replayed == []  # nothing else touches Molotov
    a.undo(ids[4], author="historian", reason="the rename was premature")
    # Qavam's group is replayed (the merge, the split, the re-attachments), never Molotov's rename
    assert sorted(replayed) == sorted([ids[0], ids[1], ids[2], ids[3], ids[6], ids[12]])
    molotov = _person(a, "Molotov")
    assert a.entity(molotov).name == a.db.query("SELECT linked_name FROM entities WHERE id = ?", (molotov,))[0][0]


@pytest.mark.parametrize("dropped", [(0, 1), (2, 3, 6), (4, 12), ()])
def test_replay_of_moved_rows_equals_a_full_replay(logged: tuple[Archive, list[int], list[Correction]],
                                                   dropped: tuple[int, ...]) -> None:
    """The whole log replayed touching only the rows corrections moved, and recounting only their
    entities and what a caller says it re-linked, leaves what the replay recounting everything
    leaves: with corrections gone from the log since (their rows must go back), and a link the
    caller changed as a re-link writes it (both columns at once)."""
    a, ids, _ = logged
    for k in dropped:
        a.db.execute("UPDATE corrections SET undone_at = 'x', undone_by = 'x', undo_reason = 'x' WHERE id = ?",
                     (ids[k],))
    beria, molotov = _person(a, "Beria"), _person(a, "Molotov")
    moved = _mentions(a, molotov)[0]
    with a.db.transaction():
        a.db.execute("UPDATE mentions SET linked_entity_id = ?, entity_id = ? WHERE id = ?", (beria, beria, moved))
        bump_content(a.db)  # as the re-link this stands for does: what was read before is stale
        a._corrector.replay_entities(relinked={beria, molotov})
    part = state(a)
    with a.db.transaction():
        a._corrector.replay_entities()
    assert state(a) == part
    assert a.entity(molotov).mention_count == len(_mentions(a, molotov))

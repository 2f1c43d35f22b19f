"""Corrections made in another archive, logged in this one by ``kartoteka import``: each keeps its
maker and time (``author``, ``created_at``) and says which file it came from and when it was
imported; then they are replayed like any of the log's, and every later re-link replays them too.

The files of one export repeat a correction in each document it is about: it is logged once.
Corrections keep their order (the exporting archive's, by time and number); an entity a split
made (``c<number>``) is renamed to the number the split gets here. One already in the log (the
same maker, time, action, correction and reason: the files imported again) is not logged twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kartoteka.corrections import (
    Correction,
    EntityRef,
    LoggedCorrection,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    action_of,
    describe,
    to_payload,
)
from kartoteka.store.facets import bump_content
from kartoteka.store.replay import Replay
from kartoteka.store.writer import Writer

if TYPE_CHECKING:
    from kartoteka.store.archive import Archive


@dataclass(frozen=True, slots=True)
class Restored:
    """What an import did with the corrections its files carried."""

    logged: int = 0  # new entries of the log
    already: int = 0  # in the log before (the same files imported again)
    applied: int = 0  # entity corrections that found their targets at the replay (all the log's)
    dormant: int = 0


def _renumbered(c: Correction, ids: dict[str, str]) -> Correction:
    """``c`` with the ids of entities made by imported splits as they are numbered here."""
    def ref(e: EntityRef) -> EntityRef:
        return replace(e, id=ids[e.id]) if e.id in ids else e

    if isinstance(c, Merge):
        return Merge(ref(c.into), ref(c.other))
    if isinstance(c, Split | Rename):
        return replace(c, entity=ref(c.entity))
    if isinstance(c, Reattach) and c.entity is not None:
        return replace(c, entity=ref(c.entity))
    return c


def _document_name(arc: Archive, c: Correction) -> str | None:
    if not isinstance(c, SetDate | SetClassification | SetTitle):
        return None
    rows = arc.db.query("SELECT path FROM documents WHERE sha256 = ?", (c.sha256,))
    return str(rows[0][0]).replace("\\", "/").rsplit("/", 1)[-1] if rows else None


def restore_corrections(arc: Archive, changes: Sequence[tuple[str, LoggedCorrection]]) -> Restored:
    """Log ``changes`` (each with the name of the file it came from) and replay the log."""
    first: dict[tuple[str, str, str, str, int], tuple[str, LoggedCorrection]] = {}
    for source, x in changes:
        first.setdefault((x.created_at, x.author, to_payload(x.correction), x.reason, x.correction_id),
                         (source.replace("\\", "/").rsplit("/", 1)[-1], x))
    ordered = sorted(first.values(), key=lambda sx: (sx[1].created_at, sx[1].correction_id))
    if not ordered:
        return Restored()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids: dict[str, str] = {}
    logged = already = 0
    shas: set[str] = set()
    with arc.db.transaction():
        present = {(str(r["created_at"]), str(r["author"]), str(r["action"]), str(r["payload"]), str(r["reason"])):
                   int(r["id"]) for r in arc.db.rows(
            "SELECT id, created_at, author, action, payload, reason FROM corrections")}
        for source, x in ordered:
            c = _renumbered(x.correction, ids)
            action, payload = str(action_of(c)), to_payload(c)
            key = (x.created_at, x.author, action, payload, x.reason)
            if key in present:
                already += 1
            else:
                present[key] = arc.db.insert_id(
                    "INSERT INTO corrections (created_at, author, action, target, payload, reason, imported_from, "
                    "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (x.created_at, x.author, action, describe(c, _document_name(arc, c)), payload, x.reason,
                     source, now))
                logged += 1
                if isinstance(c, SetDate | SetClassification | SetTitle):
                    shas.add(c.sha256)
            if isinstance(c, Split):
                ids[f"c{x.correction_id}"] = f"c{present[key]}"
        applied = dormant = 0
        if logged:
            replay = Replay(arc.db)
            replay.replay_documents([i for _, i in Writer(arc.db).ids_by_sha(sorted(shas))])
            applied, dormant = replay.replay_entities()
            bump_content(arc.db)
    return Restored(logged, already, applied, dormant)


__all__ = ["Restored", "restore_corrections"]

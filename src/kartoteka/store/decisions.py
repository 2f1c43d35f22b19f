"""Linking's decisions written where they differ from the stored rows: a document's mention,
agent and place links (a document whose mentions linking changed has them re-inserted, and
the parse's mentions linking took out kept in ``unlinked_mentions``), and the linked entities."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from kartoteka.model import Entity, Mention, Record
from kartoteka.store.dialect import marks
from kartoteka.store.stored import Stored
from kartoteka.store.writer import Writer


class Decisions:
    """Rows of decided documents that differ from the stored ones, written in batches."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        self.mentions: list[tuple[Any, ...]] = []
        self.agents: list[tuple[Any, ...]] = []
        self.places: list[tuple[Any, ...]] = []
        self.remade: list[tuple[int, tuple[Mention, ...], tuple[Mention, ...]]] = []  # id, linked, parsed
        self.relinked: set[str] = set()  # entities whose mentions this writes (their counts change)

    def document(self, s: Stored, rec: Record) -> int:
        """Queue what changed in one document; 1 when anything did."""
        before = len(self.mentions) + len(self.agents) + len(self.places) + len(self.remade)
        now = [(m.span.start, m.span.end, str(m.kind), m.method or None) for m in rec.mentions]
        if now != [(start, end, kind, method) for _, start, end, kind, method, _ in s.mentions]:
            self.remade.append((s.doc_id, rec.mentions, s.record.mentions))
            self.relinked.update(str(row[5]) for row in s.mentions if row[5] is not None)
            self.relinked.update(m.entity for m in rec.mentions if m.entity is not None)
        else:
            # the effective link is left as it was: the replay that follows finds the row moved
            # (and recounts the entity a correction had put it on, as well as the new one)
            self.mentions.extend((m.entity, row[0]) for m, row in zip(rec.mentions, s.mentions, strict=True)
                                 if m.entity != row[5])
        linked: dict[tuple[str, int, int], str | None] = {}
        for role, group in (("sender", rec.senders), ("recipient", rec.recipients), ("signatory", rec.signatories)):
            linked.update(((role, a.span.start, a.span.end), a.entity) for a in group)
        for step in rec.chain:
            linked.update((("chain", a.span.start, a.span.end), a.entity) for a in step.agents)
        self.agents.extend((linked.get((role, start, end)), linked.get((role, start, end)), aid)
                           for aid, role, start, end, was in s.agents if linked.get((role, start, end)) != was)
        place = rec.place.entity if rec.place is not None else None
        if place != s.place_entity:
            self.places.append((place, s.doc_id))
        if len(self.mentions) + len(self.agents) > 5000 or len(self.remade) > 200:
            self.flush()
        return int(len(self.mentions) + len(self.agents) + len(self.places) + len(self.remade) > before)

    def flush(self) -> None:
        db = self.writer.db
        db.executemany("UPDATE mentions SET linked_entity_id = ? WHERE id = ?", self.mentions)
        db.executemany("UPDATE agents SET linked_entity_id = ?, entity_id = ? WHERE id = ?", self.agents)
        db.executemany("UPDATE documents SET place_entity_id = ? WHERE id = ?", self.places)
        for doc_id, mentions, parse in self.remade:
            self.relinked.update(str(r[0]) for r in db.query(
                "SELECT DISTINCT entity_id FROM mentions WHERE document_id = ? AND entity_id IS NOT NULL", (doc_id,)))
            db.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
            parsed = {(m.span.start, m.span.end): (str(m.kind), m.method) for m in parse}
            self.writer.insert_mentions(doc_id, mentions, parsed)
            # what the parse found where linking now finds nothing is kept for the next linking
            spans = {(m.span.start, m.span.end) for m in mentions}
            db.execute("DELETE FROM unlinked_mentions WHERE document_id = ?", (doc_id,))
            db.executemany('INSERT INTO unlinked_mentions (document_id, kind, text, start, "end", title, title_start, '
                           "title_end, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(doc_id, str(m.kind), m.span.text, m.span.start, m.span.end,
                             m.title.text if m.title else None, m.title.start if m.title else None,
                             m.title.end if m.title else None, m.method or None)
                            for m in parse if (m.span.start, m.span.end) not in spans])
        self.writer.add_keys({m.span.text for _, mentions, _ in self.remade for m in mentions})
        self.mentions, self.agents, self.places, self.remade = [], [], [], []


def _entity_rows(e: Entity) -> tuple[tuple[Any, ...], dict[str, tuple[float, str]]]:
    row = (e.id, str(e.kind), e.name, e.description, json.dumps(dict(e.authority)) if e.authority else None,
           e.latitude, e.longitude)
    variants: dict[str, tuple[float, str]] = {}
    for v in (e.name, *e.variants):
        variants.setdefault(v, (1.0, "link"))
    for ld in e.links:
        variants[ld.variant] = (ld.score, ld.method)
    return row, variants


def write_entities(writer: Writer, entities: dict[str, Entity], written: set[str]) -> int:
    """Replace the linked entities that differ from ``entities`` (and drop the ones gone); how many.
    Their ids go into ``written`` (a row written anew has its counts to make)."""
    db = writer.db
    have_rows: dict[str, tuple[Any, ...]] = {}
    for eid, kind, name, description, authority, latitude, longitude in db.iterate(
            "SELECT id, kind, linked_name, description, authority, latitude, longitude FROM entities "
            "WHERE origin = 'link'"):
        auth = authority if authority is None or isinstance(authority, str) else json.dumps(authority)
        have_rows[str(eid)] = (str(eid), str(kind), name, description, _json_norm(auth), latitude, longitude)
    have_variants: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    for eid, variant, score, method in db.iterate("SELECT entity_id, variant, score, method FROM name_variants "
                                                  "WHERE method NOT LIKE 'correction%'"):
        have_variants[str(eid)][str(variant)] = (round(float(score), 3), str(method))
    stale: list[str] = [i for i in have_rows if i not in entities]
    fresh: list[Entity] = []
    for e in entities.values():
        row, variants = _entity_rows(e)
        row = (*row[:4], _json_norm(row[4]), *row[5:])
        if have_rows.get(e.id) != row or have_variants.get(e.id, {}) != {v: (round(s, 3), m)
                                                                         for v, (s, m) in variants.items()}:
            fresh.append(e)
            if e.id in have_rows:
                stale.append(e.id)
    del have_rows, have_variants
    for i in range(0, len(stale), 500):
        part = stale[i:i + 500]
        held = marks(len(part))
        # a correction's spelling would shadow the linked one: the replay that follows adds it again
        db.execute(f"DELETE FROM name_variants WHERE entity_id IN ({held})", part)
        db.execute(f"DELETE FROM entities WHERE id IN ({held})", part)
    written.update(stale)
    written.update(e.id for e in fresh)
    rows = [_entity_rows(e) for e in fresh]
    db.executemany("INSERT INTO entities (id, kind, name, linked_name, description, authority, latitude, longitude, "
                   "origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'link')",
                   [(r[0], r[1], r[2], r[2], *r[3:]) for r, _ in rows])
    db.executemany(db.insert_ignore("name_variants", ("entity_id", "variant", "score", "method")),
                   [(r[0], v, s, m) for r, variants in rows for v, (s, m) in variants.items()])
    writer.add_keys({v for _, variants in rows for v in variants})
    return len(fresh) + len([i for i in stale if i not in entities])


def _json_norm(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(json.loads(str(value)), sort_keys=True)


__all__ = ["Decisions", "write_entities"]

"""Where a correction points in a stored archive: its anchors (mentions by document and
offsets) resolved to mention rows and entities, and the anchors an entity or mention is given."""

from __future__ import annotations

from collections import Counter

from kartoteka.corrections import (
    EntityRef,
    MentionRef,
)
from kartoteka.errors import CorrectionError, Location
from kartoteka.store.dialect import Dialect

ANCHORS = 5


class Anchors:
    """Anchors resolved against one archive."""

    def __init__(self, db: Dialect) -> None:
        self.db = db

    def _where(self) -> Location:
        return Location(self.db.url)

    def kind(self, entity_id: str) -> str:
        rows = self.db.query("SELECT kind FROM entities WHERE id = ?", (entity_id,))
        return str(rows[0][0]) if rows else ""

    def entity_at(self, mention_id: int) -> str | None:
        rows = self.db.query("SELECT entity_id FROM mentions WHERE id = ?", (mention_id,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def entity_of(self, mention: MentionRef) -> str | None:
        """The entity a mention is joined to now (None: no such mention, or none)."""
        mid = self.mention_id(mention)
        return None if mid is None else self.entity_at(mid)

    def mention_row(self, ref: MentionRef) -> tuple[int, str | None] | None:
        rows = self.db.query('SELECT m.id, m.linked_entity_id FROM mentions m JOIN documents d '
                             'ON d.id = m.document_id WHERE d.sha256 = ? AND m.start = ? AND m."end" = ?',
                             (ref.sha256, ref.start, ref.end))
        return (int(rows[0][0]), rows[0][1]) if rows else None

    def mention_id(self, ref: MentionRef) -> int | None:
        row = self.mention_row(ref)
        return row[0] if row else None

    def resolve(self, ref: EntityRef) -> str | None:
        """The entity that ``ref`` means now: the one holding most of its anchors, else its id or name."""
        votes: Counter[str] = Counter()
        for a in ref.anchors:
            rows = self.db.query('SELECT m.entity_id FROM mentions m JOIN documents d ON d.id = m.document_id '
                                 'WHERE d.sha256 = ? AND m.start = ? AND m."end" = ? AND m.entity_id IS NOT NULL',
                                 (a.sha256, a.start, a.end))
            for r in rows:
                votes[str(r[0])] += 1
        if votes:
            return votes.most_common(1)[0][0]
        rows = self.db.query("SELECT id FROM entities WHERE id = ? AND merged_into IS NULL", (ref.id,))
        if not rows:
            rows = self.db.query("SELECT id FROM entities WHERE name = ? AND kind = ? AND merged_into IS NULL "
                                 "ORDER BY id", (ref.name, ref.kind))
        return str(rows[0][0]) if rows else None

    def entity_ref(self, entity_id: str) -> EntityRef:
        rows = self.db.rows("SELECT id, name, kind, merged_into FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise CorrectionError(f"no entity {entity_id!r}", location=self._where(),
                                  expected="an id from `kartoteka entity NAME`")
        r = rows[0]
        if r["merged_into"] is not None:
            return self.entity_ref(str(r["merged_into"]))
        anchors = self.db.rows(
            'SELECT d.sha256, m.start, m."end" FROM mentions m JOIN documents d ON d.id = m.document_id '
            "WHERE m.entity_id = ? ORDER BY m.id LIMIT ?", (entity_id, ANCHORS))
        return EntityRef(str(r["id"]), str(r["name"]), str(r["kind"]),
                         tuple(MentionRef(str(a["sha256"]), int(a["start"]), int(a["end"])) for a in anchors))

    def mention_ref(self, mention_id: int) -> MentionRef:
        rows = self.db.query('SELECT d.sha256, m.start, m."end" FROM mentions m JOIN documents d '
                             "ON d.id = m.document_id WHERE m.id = ?", (mention_id,))
        if not rows:
            raise CorrectionError(f"no mention #{mention_id}", location=self._where(),
                                  expected="a mention id from `kartoteka show DOC` or `kartoteka entity NAME`")
        return MentionRef(str(rows[0][0]), int(rows[0][1]), int(rows[0][2]))

    # --- for exports -----------------------------------------------------------------------------


__all__ = ["ANCHORS", "Anchors"]

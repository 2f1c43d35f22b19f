"""The roles a document page shows: each title standing alone for its holder ("the Prime
Minister asked…"), with the holder the document or the archive names, and how it was decided."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.entities.roles import roles
from kartoteka.model import Certainty, DateValue, Mention, MentionKind, Precision, Span
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.role_holders import read_role_holders


@dataclass(frozen=True, slots=True)
class RoleShown:
    """A title standing alone over ``[start, end)`` and the person it stands for (None: nobody
    said), ``method`` ``apposition``, ``document`` or ``collection`` and its ``score``."""

    start: int
    end: int
    text: str
    entity: str | None
    entity_name: str | None
    method: str
    score: float


def document_roles(db: Dialect, doc_id: int, text: str, date_iso: str | None) -> tuple[RoleShown, ...]:
    """The roles of one stored document, attached as its record's are (``read_records``)."""
    persons = tuple(
        Mention(Span(int(m["start"]), int(m["end"]), str(m["text"])), MentionKind.PERSON, m["entity_id"],
                Span(int(m["title_start"]), int(m["title_end"]), str(m["title"]))
                if m["title"] is not None and m["title_start"] is not None else None, str(m["method"] or ""))
        for m in db.rows('SELECT text, start, "end", entity_id, title, title_start, title_end, method FROM mentions '
                         "WHERE document_id = ? AND kind = 'person' ORDER BY start, id", (doc_id,)))
    found = roles(text, persons)
    if not found:
        return ()
    date = DateValue(Span(0, 0, ""), date_iso, Precision.DAY, date_iso, date_iso, Certainty.HIGH) if date_iso else None
    attached = read_role_holders(db).attach(found, date)
    ids = sorted({r.entity for r in attached if r.entity})
    names = {str(r["id"]): str(r["name"]) for r in db.rows(
        f"SELECT id, name FROM entities WHERE id IN ({marks(len(ids))})", ids)} if ids else {}
    return tuple(RoleShown(r.span.start, r.span.end, r.span.text, r.entity, names.get(r.entity or ""), r.method,
                           r.score) for r in attached)


__all__ = ["RoleShown", "document_roles"]

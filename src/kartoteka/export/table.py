"""Flat tables of a collection: one row per document, per mention, per entity (for CSV and JSON Lines)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from kartoteka.export.collection import Collection, doc_key


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: str
    path: str
    sha256: str
    title: str | None
    date: str | None
    date_not_before: str | None
    date_not_after: str | None
    place: str | None
    place_entity: str | None
    senders: str
    recipients: str
    signatories: str
    classification: str | None
    caveats: str
    references: str
    summary: str | None
    mentions: int
    characters: int
    corrected_by: str = ""  # "field: author" for each value a historian set


@dataclass(frozen=True, slots=True)
class MentionRow:
    document: str
    kind: str
    text: str
    start: int
    end: int
    entity: str | None
    entity_name: str | None
    title: str | None
    method: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: str
    kind: str
    name: str
    variants: str
    description: str | None
    authority: str
    latitude: float | None
    longitude: float | None
    mentions: int
    documents: int
    corrected_by: str = ""  # "merge: author" for each change a historian made to the entity


SEP = " | "


def document_rows(c: Collection) -> list[DocumentRow]:
    """One row per document, as corrected: a historian's title need not be in the text, and
    ``corrected_by`` says who set each corrected value."""
    out = []
    for r in c.records:
        assert r.document is not None
        cl = r.classification
        fixes = c.fixes(r)
        out.append(DocumentRow(
            document=doc_key(r), path=c.source_name(r), sha256=r.source.sha256,
            title=c.title(r),
            date=r.date.iso if r.date else None,
            date_not_before=r.date.not_before if r.date else None,
            date_not_after=r.date.not_after if r.date else None,
            place=r.place.span.text if r.place else None,
            place_entity=r.place.entity if r.place else None,
            senders=SEP.join(a.span.text for a in r.senders),
            recipients=SEP.join(a.span.text for a in r.recipients),
            signatories=SEP.join(a.span.text for a in r.signatories),
            classification=str(cl.level) if cl and cl.level else None,
            caveats=SEP.join(cl.caveats) if cl else "",
            references=SEP.join(ref.span.text for ref in r.references),
            summary=r.summary.text if r.summary else None,
            mentions=len(r.mentions), characters=len(r.document.text),
            corrected_by=SEP.join(f"{v.field}: {v.author}" for v in fixes.values()),
        ))
    return out


def mention_rows(c: Collection) -> list[MentionRow]:
    names = {e.id: e.name for e in c.entities}
    return [
        MentionRow(doc_key(r), str(m.kind), m.span.text, m.span.start, m.span.end, m.entity,
                   names.get(m.entity) if m.entity else None, m.title.text if m.title else None, m.method)
        for r in c.records for m in r.mentions
    ]


def entity_rows(c: Collection) -> list[EntityRow]:
    mentions: dict[str, int] = {}
    documents: dict[str, set[str]] = {}
    for r in c.records:
        for m in r.mentions:
            if m.entity is not None:
                mentions[m.entity] = mentions.get(m.entity, 0) + 1
                documents.setdefault(m.entity, set()).add(doc_key(r))
    return [
        EntityRow(e.id, str(e.kind), e.name, SEP.join(e.variants), e.description,
                  SEP.join(f"{scheme}:{value}" for scheme, value in e.authority), e.latitude, e.longitude,
                  mentions.get(e.id, 0), len(documents.get(e.id, ())), SEP.join(f"{x.action}: {x.author}" for x in c.entity_fixes(e.id)))
        for e in c.entities
    ]


Row = DocumentRow | MentionRow | EntityRow


def header(row_type: type[Row]) -> list[str]:
    return [f.name for f in fields(row_type)]


def as_dict(row: Row) -> dict[str, Any]:
    return asdict(row)


__all__ = ["DocumentRow", "EntityRow", "MentionRow", "as_dict", "document_rows", "entity_rows", "header",
           "mention_rows"]

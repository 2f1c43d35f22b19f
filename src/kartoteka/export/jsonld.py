"""JSON-LD (schema.org) of a collection: documents as Message/CreativeWork, people as Person.

Authority ids become ``sameAs`` links where the scheme has a public URI form (Wikidata,
GeoNames, VIAF); every entity keeps its kartoteka id as ``identifier``. The graph is the archive
as corrected; each historian's change is a schema.org ``CorrectionComment`` (what, who, when,
why): a document's under ``correction``, an entity's under ``subjectOf``.
"""

from __future__ import annotations

import json
from typing import Any

from kartoteka.corrections import CorrectedValue, EntityCorrection
from kartoteka.export.collection import Collection, authority_uris
from kartoteka.model import Agent, AgentKind, Entity, MentionKind, Record

_TYPE = {MentionKind.PERSON: "Person", MentionKind.PLACE: "Place", MentionKind.ORGANIZATION: "Organization",
         MentionKind.GROUP: "Organization"}


def node_id(entity_id: str) -> str:
    return f"#entity-{entity_id}"


def correction_ld(x: CorrectedValue | EntityCorrection) -> dict[str, Any]:
    """A historian's change as a schema.org CorrectionComment."""
    if isinstance(x, CorrectedValue):
        name, text = f"{x.field} corrected", x.value
    else:
        name, text = f"{x.action} (correction)", x.description
    out: dict[str, Any] = {"@type": "CorrectionComment", "identifier": f"correction-{x.correction_id}",
                           "name": name, "text": text, "author": {"@type": "Person", "name": x.author},
                           "dateCreated": x.created_at}
    if x.reason:
        out["description"] = x.reason
    return out


def entity_ld(e: Entity, corrections: tuple[EntityCorrection, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {"@id": node_id(e.id), "@type": _TYPE[e.kind], "name": e.name, "identifier": e.id}
    alt = [v for v in e.variants if v != e.name]
    if alt:
        out["alternateName"] = alt
    if e.description:
        out["description"] = e.description
    same = authority_uris(e)
    if same:
        out["sameAs"] = same
    if e.kind is MentionKind.PLACE and e.latitude is not None and e.longitude is not None:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": e.latitude, "longitude": e.longitude}
    if corrections:
        out["subjectOf"] = [correction_ld(x) for x in corrections]
    return out


def _agent_ld(a: Agent, known: set[str]) -> dict[str, Any]:
    if a.entity is not None and a.entity in known:
        return {"@id": node_id(a.entity)}
    return {"@type": "Person" if a.kind is AgentKind.PERSON else "Organization", "name": a.span.text}


def document_ld(r: Record, known: set[str], c: Collection | None = None) -> dict[str, Any]:
    """A document as schema.org; with its collection ``c``, as historians corrected it."""
    is_message = bool(r.senders or r.recipients or r.chain)
    out: dict[str, Any] = {"@id": f"urn:sha256:{r.source.sha256}",
                           "@type": "Message" if is_message else "CreativeWork",
                           "identifier": r.source.sha256, "url": r.source.path}
    title = c.title(r) if c is not None else r.title.text if r.title else None
    if title:
        out["name"] = title
    if r.date:
        out["dateCreated"] = r.date.iso
        if r.date.not_before != r.date.not_after:
            out["temporalCoverage"] = f"{r.date.not_before}/{r.date.not_after}"
    if r.place:
        out["locationCreated"] = ({"@id": node_id(r.place.entity)} if r.place.entity in known
                                  else {"@type": "Place", "name": r.place.span.text})
    if r.senders:
        out["sender"] = [_agent_ld(a, known) for a in r.senders]
    if r.recipients:
        out["recipient"] = [_agent_ld(a, known) for a in r.recipients]
    if r.signatories:
        out["author"] = [_agent_ld(a, known) for a in r.signatories]
    if r.summary:
        out["abstract"] = r.summary.text
    if r.classification and (r.classification.level or r.classification.caveats):
        out["conditionsOfAccess"] = "; ".join(
            [*([str(r.classification.level)] if r.classification.level else []), *r.classification.caveats])
    mentioned = sorted({m.entity for m in r.mentions if m.entity is not None and m.entity in known})
    if mentioned:
        out["mentions"] = [{"@id": node_id(i)} for i in mentioned]
    if r.document is not None:
        out["text"] = r.document.text
    fixes = c.fixes(r) if c is not None else {}
    if fixes:
        out["correction"] = [correction_ld(v) for v in fixes.values()]
    return out


def collection_ld(c: Collection) -> dict[str, Any]:
    known = {e.id for e in c.entities}
    graph = [document_ld(r, known, c) for r in c.records] + [entity_ld(e, c.entity_fixes(e.id))
                                                             for e in c.entities]
    return {"@context": "https://schema.org/", "@graph": graph}


def to_jsonld(c: Collection) -> str:
    return json.dumps(collection_ld(c), ensure_ascii=False, indent=1) + "\n"


__all__ = ["collection_ld", "correction_ld", "document_ld", "entity_ld", "to_jsonld"]

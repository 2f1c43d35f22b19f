"""JSON-LD (schema.org) of a collection: documents as Message/CreativeWork, people as Person.

The context is written inline (schema.org as the vocabulary), so the file expands and becomes
RDF with no network. Every node id is absolute: documents are ``urn:sha256:<hash>``, entities
``<base URL>entity/<id>`` or, without a base URL, ``urn:kartoteka:entity:<id>``. A document
names its source by the path relative to the collection's root and its sha256 (``isBasedOn``),
never by a path of the exporting machine. Authority ids become ``sameAs`` links where the scheme
has a public URI form (Wikidata, GeoNames, VIAF, a persons list's URL pattern); every entity
keeps its kartoteka id as ``identifier``. The graph is the archive
as corrected; each historian's change is a schema.org ``CorrectionComment`` (what, who, when,
why): a document's under ``correction``, an entity's under ``subjectOf``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from kartoteka.corrections import CorrectedValue, EntityCorrection
from kartoteka.export.collection import Collection, authority_uris
from kartoteka.model import Agent, AgentKind, Entity, MentionKind, Record

_TYPE = {MentionKind.PERSON: "Person", MentionKind.PLACE: "Place", MentionKind.ORGANIZATION: "Organization",
         MentionKind.GROUP: "Organization"}


# schema.org as the vocabulary, inline: the links (sameAs, url) are IRIs, not strings
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
}


@dataclass(frozen=True, slots=True)
class Ids:
    """How nodes are named: under ``base_url`` when the export is published there, else by URN."""

    base_url: str | None = None
    person_uri: str | None = None

    def entity(self, entity_id: str) -> str:
        if self.base_url:
            return f"{self.base_url}entity/{quote(entity_id, safe='')}"
        return f"urn:kartoteka:entity:{quote(entity_id, safe='')}"


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


def entity_ld(e: Entity, corrections: tuple[EntityCorrection, ...] = (), ids: Ids | None = None) -> dict[str, Any]:
    ids = ids or Ids()
    out: dict[str, Any] = {"@id": ids.entity(e.id), "@type": _TYPE[e.kind], "name": e.name, "identifier": e.id}
    alt = [v for v in e.variants if v != e.name]
    if alt:
        out["alternateName"] = alt
    if e.description:
        out["description"] = e.description
    same = authority_uris(e, ids.person_uri)
    if same:
        out["sameAs"] = same
    if e.kind is MentionKind.PLACE and e.latitude is not None and e.longitude is not None:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": e.latitude, "longitude": e.longitude}
    if corrections:
        out["subjectOf"] = [correction_ld(x) for x in corrections]
    return out


def _agent_ld(a: Agent, known: set[str], ids: Ids) -> dict[str, Any]:
    if a.entity is not None and a.entity in known:
        return {"@id": ids.entity(a.entity)}
    return {"@type": "Person" if a.kind is AgentKind.PERSON else "Organization", "name": a.span.text}


def _unique(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entity once (two recipients linked to one person are one statement in RDF, so once in
    the file too); a party without an entity is a node of its own each time it is named."""
    seen: set[str] = set()
    out = []
    for n in nodes:
        i = n.get("@id")
        if i is None or i not in seen:
            out.append(n)
            if i is not None:
                seen.add(i)
    return out


def _source_ld(r: Record, c: Collection | None) -> dict[str, Any]:
    """The file the document was read from: its path relative to the collection's root and its sha256."""
    name = c.source_name(r) if c is not None else r.source.path.replace("\\", "/").rsplit("/", 1)[-1]
    return {"@type": "MediaObject", "name": name, "sha256": r.source.sha256,
            "encodingFormat": "application/tei+xml" if r.source.format == "tei" else "text/plain"}


def document_ld(r: Record, known: set[str], c: Collection | None = None, ids: Ids | None = None,
                url: str | None = None) -> dict[str, Any]:
    """A document as schema.org; with its collection ``c``, as historians corrected it; ``url`` where
    its TEI export is published."""
    ids = ids or Ids()
    is_message = bool(r.senders or r.recipients or r.chain)
    out: dict[str, Any] = {"@id": f"urn:sha256:{r.source.sha256}",
                           "@type": "Message" if is_message else "CreativeWork",
                           "identifier": r.source.sha256, "isBasedOn": _source_ld(r, c)}
    if url:
        out["url"] = url
    title = c.title(r) if c is not None else r.title.text if r.title else None
    if title:
        out["name"] = title
    if r.date:
        out["dateCreated"] = r.date.iso
        if r.date.not_before != r.date.not_after:
            out["temporalCoverage"] = f"{r.date.not_before}/{r.date.not_after}"
    if r.place:
        out["locationCreated"] = ({"@id": ids.entity(r.place.entity)} if r.place.entity in known
                                  else {"@type": "Place", "name": r.place.span.text})
    for key, agents in (("sender", r.senders), ("recipient", r.recipients), ("author", r.signatories)):
        if agents:
            out[key] = _unique([_agent_ld(a, known, ids) for a in agents])
    if r.summary:
        out["abstract"] = r.summary.text
    if r.classification and (r.classification.level or r.classification.caveats):
        out["conditionsOfAccess"] = "; ".join(
            [*([str(r.classification.level)] if r.classification.level else []), *r.classification.caveats])
    mentioned = sorted({m.entity for m in r.mentions if m.entity is not None and m.entity in known})
    if mentioned:
        out["mentions"] = [{"@id": ids.entity(i)} for i in mentioned]
    if r.document is not None:
        out["text"] = r.document.text
    fixes = c.fixes(r) if c is not None else {}
    if fixes:
        out["correction"] = [correction_ld(v) for v in fixes.values()]
    return out


def collection_ld(c: Collection, base_url: str | None = None, person_uri: str | None = None) -> dict[str, Any]:
    ids = Ids(base_url, person_uri)
    known = {e.id for e in c.entities}
    names = c.file_names() if base_url else {}
    graph = [document_ld(r, known, c, ids, f"{base_url}{names[r.source.sha256]}" if base_url else None)
             for r in c.records] + [
        entity_ld(e, c.entity_fixes(e.id), ids) for e in c.entities]
    return {"@context": CONTEXT, "@graph": graph}


def to_jsonld(c: Collection, base_url: str | None = None, person_uri: str | None = None) -> str:
    return json.dumps(collection_ld(c, base_url, person_uri), ensure_ascii=False, indent=1) + "\n"


__all__ = ["CONTEXT", "Ids", "collection_ld", "correction_ld", "document_ld", "entity_ld", "to_jsonld"]

"""The record contract (shared spec RECORD.md): a Record as a JSON-ready dict.

This is the one interface outside tools rely on: keep field names and meanings exact.
"""

from __future__ import annotations

import json
from typing import Any

from kartoteka.entities.roles import roles
from kartoteka.model import (
    Agent,
    ChainStep,
    Classification,
    DateValue,
    Entity,
    Mark,
    Mention,
    Record,
    Reference,
    Role,
    Span,
)

JSON = dict[str, Any]


def span_json(span: Span | None) -> JSON | None:
    if span is None:
        return None
    return {"text": span.text, "start": span.start, "end": span.end}


def date_json(date: DateValue | None) -> JSON | None:
    if date is None:
        return None
    return {
        **span_json(date.span),  # type: ignore[dict-item]
        "iso": date.iso,
        "precision": str(date.precision),
        "not_before": date.not_before,
        "not_after": date.not_after,
        "certainty": str(date.certainty),
    }


def agent_json(agent: Agent) -> JSON:
    out: JSON = {**span_json(agent.span), "kind": str(agent.kind), "entity": agent.entity}  # type: ignore[dict-item]
    if agent.office is not None:
        out["office"] = span_json(agent.office)
    if agent.rank is not None:
        out["rank"] = span_json(agent.rank)
    if agent.role is not None:
        out["role"] = agent.role
    if agent.lemma is not None:
        out["lemma"] = agent.lemma
    return out


def step_json(step: ChainStep) -> JSON:
    out: JSON = {
        "action": str(step.action),
        "agents": [agent_json(a) for a in step.agents],
        "date": date_json(step.date),
        "place": span_json(step.place),
    }
    if step.time is not None:
        out["time"] = span_json(step.time)
    return out


def classification_json(c: Classification | None) -> JSON | None:
    if c is None:
        return None
    return {
        "level": str(c.level) if c.level else None,
        "caveats": list(c.caveats),
        **span_json(c.span),  # type: ignore[dict-item]
    }


def reference_json(r: Reference) -> JSON:
    """A reference span and kind; an archival citation adds its ``repository`` (a span) and its
    ``parts`` ({"fond": span, "opis": span, …}), fields the record contract lets us add."""
    out: JSON = {**span_json(r.span), "kind": str(r.kind)}  # type: ignore[dict-item]
    if r.repository is not None:
        out["repository"] = span_json(r.repository)
    if r.parts:
        out["parts"] = {p.name: span_json(p.span) for p in r.parts}
    return out


def mark_json(m: Mark) -> JSON:
    out: JSON = {**span_json(m.span), "kind": str(m.kind), "value": m.value}  # type: ignore[dict-item]
    if m.lang:
        out["lang"] = m.lang
    return out


def mention_json(m: Mention) -> JSON:
    out: JSON = {**span_json(m.span), "kind": str(m.kind), "entity": m.entity}  # type: ignore[dict-item]
    if m.title is not None:
        out["title"] = span_json(m.title)
    if m.method:
        out["method"] = m.method
    return out


def role_json(r: Role) -> JSON:
    who = r.referent
    out: JSON = {**span_json(r.span), "person": span_json(who.span) if who else None,  # type: ignore[dict-item]
                 "entity": r.entity}
    if r.entity is not None:
        out["method"], out["score"] = r.method, r.score
    return out


def entity_json(e: Entity) -> JSON:
    out: JSON = {"id": e.id, "kind": str(e.kind), "name": e.name, "variants": list(e.variants)}
    if e.description:
        out["description"] = e.description
    out["authority"] = {scheme: value for scheme, value in e.authority}
    if e.latitude is not None and e.longitude is not None:
        out["coordinates"] = {"lat": e.latitude, "lon": e.longitude}
    if e.links:
        out["links"] = [{"variant": link.variant, "score": link.score, "method": link.method} for link in e.links]
    return out


def record_json(record: Record) -> JSON:
    """The record as the contract's JSON object."""
    source = {"path": record.source.path, "sha256": record.source.sha256, "format": record.source.format}
    if record.error is not None:
        return {"source": source, "error": {"code": record.error.code, "message": record.error.message}}
    out: JSON = {
        "source": source,
        "title": span_json(record.title),
        "date": date_json(record.date),
        "place": {**span_json(record.place.span), "entity": record.place.entity}  # type: ignore[dict-item]
        if record.place
        else None,
        "senders": [agent_json(a) for a in record.senders],
        "recipients": [agent_json(a) for a in record.recipients],
        "signatories": [agent_json(a) for a in record.signatories],
        "chain": [step_json(s) for s in record.chain],
        "classification": classification_json(record.classification),
        "references": [reference_json(r) for r in record.references],
        "summary": span_json(record.summary),
        "marks": [mark_json(m) for m in record.marks],
        "dates": [date_json(d) for d in record.dates],
        "mentions": [mention_json(m) for m in record.mentions],
        "entities": [entity_json(e) for e in record.entities],
    }
    if record.document is not None:
        # a title standing alone for its holder ("the Shah"): no person mention (no name is
        # written), attached to the person the document or its collection says holds it
        found = record.roles if record.roles is not None else roles(record.document.text, record.mentions)
        out["roles"] = [role_json(r) for r in found]
        out["source"]["encoding"] = record.document.encoding
        if record.document.warnings:
            out["warnings"] = list(record.document.warnings)
    return out


def dumps(record: Record) -> str:
    """One line of JSON Lines, deterministic (keys in contract order, non-ASCII kept)."""
    return json.dumps(record_json(record), ensure_ascii=False)

"""A collection of records as exports see it: the records, the entities they point to (once each),
and what historians corrected in them — the one place every export format reads corrections from.

An archive's records already hold corrected dates, classifications and entity links; a corrected
title that is not in the text, and who made each change, come from :class:`Corrected`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from kartoteka.corrections import Corrected, CorrectedValue, EntityCorrection
from kartoteka.model import Agent, Entity, MentionKind, Record


@dataclass(frozen=True, slots=True)
class Collection:
    """Parsed records (error records left out), the distinct entities of all of them, by id, and
    the historians' corrections (none for files parsed afresh)."""

    records: tuple[Record, ...]
    entities: tuple[Entity, ...]
    by_id: Mapping[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    corrected: Corrected = field(default_factory=Corrected, compare=False, repr=False)

    @classmethod
    def of(cls, records: Iterable[Record], corrected: Corrected | None = None) -> Collection:
        recs = tuple(r for r in records if r.error is None and r.document is not None)
        seen: dict[str, Entity] = {}
        for r in recs:
            for e in r.entities:
                seen.setdefault(e.id, e)
        return cls(recs, tuple(sorted(seen.values(), key=lambda e: e.id)), seen, corrected or Corrected())

    def entity(self, entity_id: str | None) -> Entity | None:
        return None if entity_id is None else self.by_id.get(entity_id)

    def fixes(self, r: Record) -> dict[str, CorrectedValue]:
        """The record's values a historian set, by field ("title", "date", "classification")."""
        return self.corrected.of_document(r.source.sha256)

    def title(self, r: Record) -> str | None:
        """The record's title: the historian's when one was set (it need not be in the text)."""
        fixed = self.fixes(r).get("title")
        return fixed.value if fixed is not None else r.title.text if r.title else None

    def entity_fixes(self, entity_id: str | None) -> tuple[EntityCorrection, ...]:
        """The historians' changes to an entity (merges into it, its split, rename, re-attachments)."""
        return self.corrected.of_entity(entity_id) if entity_id else ()

    def of_kind(self, *kinds: MentionKind) -> list[Entity]:
        return [e for e in self.entities if e.kind in kinds]


# The canonical URI forms of the authority files kartoteka knows, by scheme.
AUTHORITY_URI = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://sws.geonames.org/{}/",
}


def authority_uris(e: Entity | None) -> list[str]:
    """An entity's authority ids as URIs, for the schemes that have one."""
    if e is None:
        return []
    return [AUTHORITY_URI[s].format(v) for s, v in e.authority if s in AUTHORITY_URI]


def doc_key(record: Record) -> str:
    """A stable identifier of a record's document: the file name and the start of its content hash."""
    base = record.source.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"{base}#{record.source.sha256[:12]}" if record.source.sha256 else base


def all_agents(record: Record) -> Iterator[tuple[str, Agent]]:
    """Every agent of a record with its role: sender, recipient, signatory, or a chain step's action."""
    for a in record.senders:
        yield "sender", a
    for a in record.recipients:
        yield "recipient", a
    for a in record.signatories:
        yield "signatory", a
    for step in record.chain:
        for a in step.agents:
            yield str(step.action), a


__all__ = ["AUTHORITY_URI", "Collection", "all_agents", "authority_uris", "doc_key"]

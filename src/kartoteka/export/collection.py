"""A collection of records as exports see it: the records, and the entities they point to, once each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from kartoteka.model import Agent, Entity, MentionKind, Record


@dataclass(frozen=True, slots=True)
class Collection:
    """Parsed records (error records left out) and the distinct entities of all of them, by id."""

    records: tuple[Record, ...]
    entities: tuple[Entity, ...]
    by_id: Mapping[str, Entity] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, records: Iterable[Record]) -> Collection:
        recs = tuple(r for r in records if r.error is None and r.document is not None)
        seen: dict[str, Entity] = {}
        for r in recs:
            for e in r.entities:
                seen.setdefault(e.id, e)
        return cls(recs, tuple(sorted(seen.values(), key=lambda e: e.id)), seen)

    def entity(self, entity_id: str | None) -> Entity | None:
        return None if entity_id is None else self.by_id.get(entity_id)

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

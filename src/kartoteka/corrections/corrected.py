"""What an archive's active corrections changed, as exports show it: values set on documents and
changes to entities, each with its author, time, reason and audit-log number."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kartoteka.corrections.correction import (
    Correction,
    SetClassification,
    SetDate,
    SetTitle,
    entity_refs,
    mention_refs,
)


@dataclass(frozen=True, slots=True)
class CorrectedValue:
    """A document's value as a historian set it (title, date or classification), for exports to
    say whose it is: ``value`` is the title, the ISO date, or the level with its caveats."""

    sha256: str
    field: str  # "title", "date" or "classification"
    value: str
    author: str
    created_at: str
    reason: str
    correction_id: int

    def label(self) -> str:
        """One line for a cell or an attribute: ``date 1946-12-10 by historian, 2026-… (#12)``."""
        return f"{self.field} {self.value} by {self.author}, {self.created_at} (#{self.correction_id})"

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "value": self.value, "author": self.author, "created_at": self.created_at,
                "reason": self.reason, "correction": self.correction_id}


def corrected_value(cid: int, c: Correction, author: str, created_at: str, reason: str) -> CorrectedValue | None:
    """The value a document correction sets; None for corrections of entities and mentions."""
    if isinstance(c, SetTitle):
        return CorrectedValue(c.sha256, "title", c.title, author, created_at, reason, cid)
    if isinstance(c, SetDate):
        return CorrectedValue(c.sha256, "date", c.iso, author, created_at, reason, cid)
    if isinstance(c, SetClassification):
        value = "; ".join([c.level or "none", *c.caveats])
        return CorrectedValue(c.sha256, "classification", value, author, created_at, reason, cid)
    return None


@dataclass(frozen=True, slots=True)
class EntityCorrection:
    """A historian's change to an entity, for exports to say whose it is: ``entity`` is the id the
    change concerns in the archive as it stands (the entity kept by a merge, the one a split made,
    the one renamed or given a mention); ``description`` is the audit log's line."""

    entity: str
    action: str
    description: str
    author: str
    created_at: str
    reason: str
    correction_id: int

    def label(self) -> str:
        """One line for a cell or an attribute: ``rename … by historian, 2026-… (#12)``."""
        return f"{self.description} by {self.author}, {self.created_at} (#{self.correction_id})"

    def as_json(self) -> dict[str, Any]:
        return {"action": self.action, "description": self.description, "author": self.author,
                "created_at": self.created_at, "reason": self.reason, "correction": self.correction_id}


@dataclass(frozen=True, slots=True)
class LoggedCorrection:
    """An active correction whole, as the audit log holds it, for an export to carry it so that an
    import can log it again: who made it and when, why, and the correction itself (its anchors);
    ``concerns`` are the entity ids it concerns as the archive stands (see ``EntityCorrection``)."""

    correction_id: int
    correction: Correction
    author: str
    created_at: str
    reason: str
    concerns: tuple[str, ...] = ()

    @property
    def documents(self) -> frozenset[str]:
        """The sha256 of every document it sets a value of or anchors a mention in."""
        c = self.correction
        if isinstance(c, SetDate | SetClassification | SetTitle):
            return frozenset({c.sha256})
        return frozenset(m.sha256 for m in mention_refs(c))


@dataclass(frozen=True, slots=True)
class Corrected:
    """What an archive's active corrections changed, as every export shows it: the values set on
    documents (by sha256, the latest per field) and the changes to entities (by entity id); and
    ``log``, every active correction whole, oldest first."""

    documents: Mapping[str, tuple[CorrectedValue, ...]] = field(default_factory=dict)
    entities: Mapping[str, tuple[EntityCorrection, ...]] = field(default_factory=dict)
    log: tuple[LoggedCorrection, ...] = ()

    def about(self, sha256: str, entity_ids: Iterable[str], names: Iterable[tuple[str, str]] = ()
              ) -> tuple[LoggedCorrection, ...]:
        """The active corrections of one document: its values, the entity corrections anchored in
        it, those concerning an entity it names (``entity_ids``) and those that look an entity up
        by one of the (kind, name) its entities answer to (``names``: a correction found by a name
        an earlier one gave); oldest first."""
        named, called = set(entity_ids), set(names)
        return tuple(x for x in self.log if sha256 in x.documents or named.intersection(x.concerns)
                     or called.intersection((e.kind, e.name) for e in entity_refs(x.correction)))

    def of_document(self, sha256: str) -> dict[str, CorrectedValue]:
        """The document's corrected values by field ("title", "date", "classification")."""
        return {v.field: v for v in self.documents.get(sha256, ())}

    def of_entity(self, entity_id: str) -> tuple[EntityCorrection, ...]:
        return self.entities.get(entity_id, ())

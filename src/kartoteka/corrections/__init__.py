"""Corrections by a historian, as values: what to change, anchored to what outlives re-parsing.

Entities are re-made by every linking run and their ids may change, so a correction names an
entity by *anchors*: a few of its mentions, each (document sha256, start, end) — offsets into
a text that never changes — with the id and name it had as fallbacks. The archive keeps these
in its audit log and replays the active ones, in order, after every ingest and re-linking.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kartoteka.errors import CorrectionError, Location


class Action(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    REATTACH = "reattach"
    RENAME = "rename"
    SET_DATE = "set_date"
    SET_CLASSIFICATION = "set_classification"
    SET_TITLE = "set_title"


ENTITY_ACTIONS = frozenset({Action.MERGE, Action.SPLIT, Action.REATTACH, Action.RENAME})


@dataclass(frozen=True, slots=True, order=True)
class MentionRef:
    """A mention by where it is: stable across re-ingest and re-linking."""

    sha256: str
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.sha256[:12]}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity as it was when the correction was made: anchors first, id and name as fallbacks."""

    id: str
    name: str
    kind: str
    anchors: tuple[MentionRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Merge:
    """``other`` joins ``into``: its mentions and spellings become ``into``'s."""

    into: EntityRef
    other: EntityRef


@dataclass(frozen=True, slots=True)
class Split:
    """``mentions`` leave ``entity`` for a new entity called ``name``, and ``spellings`` with
    them: the spellings of which every mention the entity had was split off. A mention so spelled
    that a later ingest or linking gives the entity goes to the new one too, and the entity no
    longer answers to those spellings."""

    entity: EntityRef
    mentions: tuple[MentionRef, ...]
    name: str
    spellings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reattach:
    """``mention`` is attached to ``entity`` (None: to no entity)."""

    mention: MentionRef
    entity: EntityRef | None


@dataclass(frozen=True, slots=True)
class Rename:
    """``entity`` is called ``name`` (its preferred form; the other spellings stay)."""

    entity: EntityRef
    name: str


@dataclass(frozen=True, slots=True)
class SetDate:
    """The document's own date: ISO at its precision, and the day bounds it covers."""

    sha256: str
    iso: str
    not_before: str
    not_after: str


@dataclass(frozen=True, slots=True)
class SetClassification:
    sha256: str
    level: str | None
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SetTitle:
    sha256: str
    title: str


Correction = Merge | Split | Reattach | Rename | SetDate | SetClassification | SetTitle


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


def entity_refs(c: Correction) -> tuple[EntityRef, ...]:
    """The entities a correction names (none for a document's values)."""
    if isinstance(c, Merge):
        return (c.into, c.other)
    if isinstance(c, Split | Rename):
        return (c.entity,)
    if isinstance(c, Reattach):
        return (c.entity,) if c.entity is not None else ()
    return ()


def mention_refs(c: Correction) -> tuple[MentionRef, ...]:
    """Every mention a correction is anchored to or moves."""
    own = c.mentions if isinstance(c, Split) else (c.mention,) if isinstance(c, Reattach) else ()
    return (*own, *(a for e in entity_refs(c) for a in e.anchors))


def names_of(c: Correction) -> set[tuple[str, str]]:
    """(kind, name) of every name a correction looks an entity up by or gives one."""
    out = {(e.kind, e.name) for e in entity_refs(c)}
    if isinstance(c, Split | Rename):
        out.add((c.entity.kind, c.name))
    return out


def action_of(c: Correction) -> Action:
    return {
        Merge: Action.MERGE, Split: Action.SPLIT, Reattach: Action.REATTACH, Rename: Action.RENAME,
        SetDate: Action.SET_DATE,
        SetClassification: Action.SET_CLASSIFICATION, SetTitle: Action.SET_TITLE,
    }[type(c)]


def describe(c: Correction, document: str | None = None) -> str:
    """A one-line human description of what the correction does (``document``: the file name of
    the document a date, classification or title is set on; else its hash's start)."""
    if isinstance(c, Merge):
        return f"merge {c.other.name} [{c.other.id}] into {c.into.name} [{c.into.id}]"
    if isinstance(c, Split):
        return f"split {len(c.mentions)} mention(s) of {c.entity.name} [{c.entity.id}] into {c.name!r}"
    if isinstance(c, Reattach):
        to = f"{c.entity.name} [{c.entity.id}]" if c.entity else "no entity"
        return f"attach mention {c.mention} to {to}"
    if isinstance(c, Rename):
        return f"rename {c.entity.name} [{c.entity.id}] to {c.name!r}"
    doc = f"{document} [{c.sha256[:12]}]" if document else c.sha256[:12]
    if isinstance(c, SetDate):
        return f"date of {doc} := {c.iso}"
    if isinstance(c, SetClassification):
        return f"classification of {doc} := {c.level or 'none'}" + (
            f" ({', '.join(c.caveats)})" if c.caveats else "")
    return f"title of {doc} := {c.title!r}"


def _mref(d: Any) -> MentionRef:
    return MentionRef(str(d["sha256"]), int(d["start"]), int(d["end"]))


def _eref(d: Any) -> EntityRef:
    return EntityRef(str(d["id"]), str(d["name"]), str(d["kind"]), tuple(_mref(a) for a in d.get("anchors", ())))


def _mjson(m: MentionRef) -> dict[str, Any]:
    return {"sha256": m.sha256, "start": m.start, "end": m.end}


def _ejson(e: EntityRef) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "kind": e.kind, "anchors": [_mjson(a) for a in e.anchors]}


def to_payload(c: Correction) -> str:
    """The correction as the JSON kept in the audit log."""
    d: dict[str, Any]
    if isinstance(c, Merge):
        d = {"into": _ejson(c.into), "other": _ejson(c.other)}
    elif isinstance(c, Split):
        d = {"entity": _ejson(c.entity), "mentions": [_mjson(m) for m in c.mentions], "name": c.name}
        if c.spellings:
            d["spellings"] = list(c.spellings)
    elif isinstance(c, Reattach):
        d = {"mention": _mjson(c.mention), "entity": _ejson(c.entity) if c.entity else None}
    elif isinstance(c, Rename):
        d = {"entity": _ejson(c.entity), "name": c.name}
    elif isinstance(c, SetDate):
        d = {"sha256": c.sha256, "iso": c.iso, "not_before": c.not_before, "not_after": c.not_after}
    elif isinstance(c, SetClassification):
        d = {"sha256": c.sha256, "level": c.level, "caveats": list(c.caveats)}
    else:
        d = {"sha256": c.sha256, "title": c.title}
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def from_payload(action: str, payload: str, where: str = "corrections") -> Correction:
    """A correction back from the audit log; :class:`CorrectionError` if the entry is damaged."""
    try:
        d = json.loads(payload)
        a = Action(action)
        if a is Action.MERGE:
            return Merge(_eref(d["into"]), _eref(d["other"]))
        if a is Action.SPLIT:
            return Split(_eref(d["entity"]), tuple(_mref(m) for m in d["mentions"]), str(d["name"]),
                         tuple(str(x) for x in d.get("spellings", ())))
        if a is Action.REATTACH:
            return Reattach(_mref(d["mention"]), _eref(d["entity"]) if d["entity"] else None)
        if a is Action.RENAME:
            return Rename(_eref(d["entity"]), str(d["name"]))
        if a is Action.SET_DATE:
            return SetDate(str(d["sha256"]), str(d["iso"]), str(d["not_before"]), str(d["not_after"]))
        if a is Action.SET_CLASSIFICATION:
            level = d["level"]
            return SetClassification(str(d["sha256"]), None if level is None else str(level),
                                     tuple(str(x) for x in d.get("caveats", ())))
        return SetTitle(str(d["sha256"]), str(d["title"]))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        # (an entry from an imported file may be any JSON: nested too deep, a list for an object)
        raise CorrectionError(f"damaged correction entry: {str(exc)[:200]}", location=Location(where),
                              expected="an entry written by `kartoteka correct`") from None


__all__ = [
    "ENTITY_ACTIONS",
    "Action",
    "Corrected",
    "CorrectedValue",
    "Correction",
    "EntityCorrection",
    "EntityRef",
    "LoggedCorrection",
    "MentionRef",
    "Merge",
    "Reattach",
    "Rename",
    "SetClassification",
    "SetDate",
    "SetTitle",
    "Split",
    "action_of",
    "corrected_value",
    "describe",
    "entity_refs",
    "from_payload",
    "mention_refs",
    "names_of",
    "to_payload",
]

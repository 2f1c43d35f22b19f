"""Corrections by a historian, as values: what to change, anchored to what outlives re-parsing.

Entities are re-made by every linking run and their ids may change, so a correction names an
entity by *anchors*: a few of its mentions, each (document sha256, start, end) — offsets into
a text that never changes — with the id and name it had as fallbacks. The archive keeps these
in its audit log and replays the active ones, in order, after every ingest and re-linking.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.corrections.typed_date import written


class CorrectionAction(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    REATTACH = "reattach"
    RENAME = "rename"
    SET_DATE = "set_date"
    SET_CLASSIFICATION = "set_classification"
    SET_TITLE = "set_title"


ENTITY_ACTIONS = frozenset({CorrectionAction.MERGE, CorrectionAction.SPLIT, CorrectionAction.REATTACH, CorrectionAction.RENAME})


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
    """The document's own date: ISO at its precision, the day bounds it covers (a range when they
    are wider than the ISO value), and its certainty ("low": a hedged date, "circa 1946")."""

    sha256: str
    iso: str
    not_before: str
    not_after: str
    certainty: str = "high"


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


def action_of(c: Correction) -> CorrectionAction:
    return {
        Merge: CorrectionAction.MERGE, Split: CorrectionAction.SPLIT, Reattach: CorrectionAction.REATTACH, Rename: CorrectionAction.RENAME,
        SetDate: CorrectionAction.SET_DATE,
        SetClassification: CorrectionAction.SET_CLASSIFICATION, SetTitle: CorrectionAction.SET_TITLE,
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
        return f"date of {doc} := {written(c.iso, c.not_before, c.not_after, c.certainty)}"
    if isinstance(c, SetClassification):
        return f"classification of {doc} := {c.level or 'none'}" + (
            f" ({', '.join(c.caveats)})" if c.caveats else "")
    return f"title of {doc} := {c.title!r}"

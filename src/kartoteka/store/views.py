"""What the archive returns to its readers: typed, frozen views of documents, entities, counts
and corrections (no database rows leak out of the store)."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model import LinkDecision


@dataclass(frozen=True, slots=True)
class MentionView:
    id: int
    kind: str
    text: str
    start: int
    end: int
    entity_id: str | None
    entity_name: str | None = None


@dataclass(frozen=True, slots=True)
class AgentView:
    role: str
    kind: str
    name: str
    start: int
    end: int
    entity_id: str | None
    office: str | None = None
    rank: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document as stored: its text and the effective (corrected) header fields."""

    id: int
    sha256: str
    path: str
    text: str
    title: str | None
    date_iso: str | None
    date_text: str | None
    place: str | None
    classification_level: str | None
    classification_caveats: tuple[str, ...]
    summary: str | None
    error: str | None
    agents: tuple[AgentView, ...] = ()
    mentions: tuple[MentionView, ...] = ()
    references: tuple[str, ...] = ()
    corrections: tuple[int, ...] = ()


# A spelling and how it was joined: the model's own record, shown as it is.
VariantView = LinkDecision


@dataclass(frozen=True, slots=True)
class EntityView:
    """An entity with every spelling, how each was joined, and where it is mentioned."""

    id: str
    kind: str
    name: str
    description: str | None
    authority: tuple[tuple[str, str], ...]
    mentions: int
    documents: int
    origin: str
    variants: tuple[VariantView, ...] = ()
    appearances: tuple[tuple[str, str, str | None], ...] = ()  # (sha256, path, title), first few


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    failed: int
    mentions: int
    entities: int
    variants: int
    corrections: int
    active_corrections: int
    links_stale: bool
    schema_version: int
    size_bytes: int
    by_kind: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class CorrectionEntry:
    """One line of the audit log; ``applied`` is False when its targets no longer exist. An entry
    ``imported_from`` a file was made elsewhere (``author``, ``created_at``) and logged here then."""

    id: int
    created_at: str
    author: str
    action: str
    target: str
    reason: str
    payload: str
    undone_at: str | None = None
    undone_by: str | None = None
    undo_reason: str | None = None
    applied: bool = True
    imported_from: str | None = None  # the file it came from by ``kartoteka import`` (None: made here)
    imported_at: str | None = None


@dataclass(frozen=True, slots=True)
class AddReport:
    """What one batch of records did to the archive."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: int = 0
    versions: int = 0  # changed files stored as a new version of the document at their address
    refused: tuple[str, ...] = ()  # files refused, with why (an address another file holds)


@dataclass(frozen=True, slots=True)
class LinkReport:
    mentions: int
    entities: int
    corrections_applied: int
    corrections_dormant: int
    seconds: float


__all__ = [
    "AddReport",
    "AgentView",
    "CorrectionEntry",
    "DocumentView",
    "EntityView",
    "LinkReport",
    "MentionView",
    "Stats",
    "VariantView",
]

"""What the archive's write side and audit log return: typed, frozen counts, reports and log
entries (no database rows leak out of the store). A document's and an entity's read values are
their pages (:mod:`kartoteka.store.pageviews`)."""

from __future__ import annotations

from dataclasses import dataclass


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
    "CorrectionEntry",
    "LinkReport",
    "Stats",
]

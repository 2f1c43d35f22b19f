"""What a search returns: ranked hits with snippets, the total, and facet counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document. ``snippet`` wraps each match in HIGHLIGHT_OPEN … HIGHLIGHT_CLOSE."""

    document_id: int
    path: str
    sha256: str
    title: str | None
    date: str | None
    classification: str | None
    score: float
    snippet: str
    address: str = ""  # collection/name: the document's page is ``/documents/`` + it


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of the matching documents by one field (``year``, ``classification``, ``person``…)."""

    name: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """``expanded`` lists, per query word or name, the other spellings searched for it."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[Facet, ...] = ()
    expanded: tuple[tuple[str, tuple[str, ...]], ...] = ()
    offset: int = 0
    limit: int = 20
    facets_over: int = 0  # how many matches the facets count: every one (== total), 0 without facets


HIGHLIGHT_OPEN = "\x02"
HIGHLIGHT_CLOSE = "\x03"

def hit_json(h: Hit, rank: int) -> dict[str, Any]:
    """A hit as ``kartoteka search --format jsonl`` and the reading room's API write it (matches
    between ``**``): one definition, so a script reads both alike."""
    return {
        "source": {"path": h.path, "sha256": h.sha256}, "address": h.address,
        "title": h.title, "date": h.date, "classification": h.classification,
        "score": h.score, "rank": rank,
        "snippet": h.snippet.replace(HIGHLIGHT_OPEN, "**").replace(HIGHLIGHT_CLOSE, "**"),
    }


__all__ = ["HIGHLIGHT_CLOSE", "HIGHLIGHT_OPEN", "Facet", "FacetValue", "Hit", "SearchResult", "hit_json"]

"""Previous and next from a document page: the hits around it in the search it was opened from.

A search's hit links carry the search (its query string, as every view's links do) and the hit's
place in it (``hit``, counted from 0); the page reads the three hits around that place, so the
way on costs one small search page, whatever the number of matches (the search's match list is
kept between requests: ``store/matches.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.web.finder import Finder, Query

LOOKED_AT = 50  # without a place (a link from elsewhere), the first hits looked through for the document


@dataclass(frozen=True, slots=True)
class HitLink:
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class InSearch:
    """The document's place among a search's hits (``rank`` from 1) and the hits either side."""

    rank: int
    total: int
    prev: HitLink | None
    next: HitLink | None


def hit_href(query: Query, sha256: str, place: int) -> str:
    """A document's address as a hit of ``query`` at ``place`` (from 0)."""
    qs = query.qs()
    return f"/documents/{sha256}{qs}{'&' if qs else '?'}hit={place}"


def in_search(finder: Finder, query: Query, sha256: str, hit: str | None) -> InSearch | None:
    """Where the document stands among the hits of ``query`` (None: no search, or not a hit of it)."""
    if query.empty():
        return None
    place = int(hit) if hit is not None and hit.isdigit() and int(hit) < 10**6 else None
    start = max(place - 1, 0) if place is not None else 0
    found = finder.search(query, start, 3 if place is not None else LOOKED_AT)
    hits = found.result.hits
    at = next((i for i, h in enumerate(hits) if h.sha256 == sha256), None)
    if at is None:
        return None
    here = start + at

    def link(i: int) -> HitLink | None:
        if not 0 <= i - start < len(hits):
            return None
        h = hits[i - start]
        return HitLink(hit_href(query, h.sha256, i), h.title or h.path.rsplit("/", 1)[-1])

    return InSearch(here + 1, found.result.total, link(here - 1), link(here + 1))


__all__ = ["HitLink", "InSearch", "hit_href", "in_search"]

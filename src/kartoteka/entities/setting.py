"""The setting of a document: the countries it names without doubt. A small town of one of
them that the model takes for a body ("sent two brigades to Saqqez") is that town."""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.gazetteer import places

_CAPITALISED = re.compile(r"\b[A-ZÀ-ÞА-ЯЁ][\w'’.-]*(?:[ \t]+[A-ZÀ-ÞА-ЯЁ][\w'’.-]*){0,2}")


@lru_cache(maxsize=8)
def countries(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names: a country, a region or state of our data, or a
    capital or great city (one of a million people or more), and what a historic state covers."""
    out: set[str] = set()
    covers = places.index().covers
    for m in _CAPITALISED.finditer(text):
        words = m.group().split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".")
            if not places.is_scannable(name):
                continue
            hit = places.resolve(name, alternates=False)
            if hit is not None and hit.country and (hit.kind is not places.PlaceKind.CITY or hit.capital
                                                    or hit.population >= 1_000_000):
                out.add(hit.country)
                out.update(covers.get(hit.country, ()))
            break
    return frozenset(out)


__all__ = ["countries"]

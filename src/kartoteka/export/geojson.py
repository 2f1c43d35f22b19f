"""GeoJSON of a collection's places: one Point feature per place entity with coordinates.

Each feature says how often and when the place is named (the first and last day, and the years,
of the documents naming it or sent from it), as the archive stands after historians' corrections:
their changes to the place (merges, re-attachments, renames) and the corrected dates of its
documents are listed in the feature's ``corrections``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from kartoteka.export.collection import Collection, doc_key
from kartoteka.model import MentionKind, Record


def places_geojson(c: Collection) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946: longitude first) of places with where and how often they are named."""
    mentions: Counter[str] = Counter()
    docs: dict[str, dict[str, Record]] = defaultdict(dict)
    origins: Counter[str] = Counter()
    for r in c.records:
        for m in r.mentions:
            if m.entity is not None:
                mentions[m.entity] += 1
                docs[m.entity][doc_key(r)] = r
        if r.place is not None and r.place.entity is not None:
            origins[r.place.entity] += 1
            docs[r.place.entity][doc_key(r)] = r
    features = []
    for e in c.of_kind(MentionKind.PLACE):
        if e.latitude is None or e.longitude is None:
            continue
        named = docs.get(e.id, {})
        dated = [r.date for r in named.values() if r.date is not None]
        corrections = [x.as_json() for x in c.entity_fixes(e.id)]
        corrections += [{**f.as_json(), "document": key} for key, r in sorted(named.items())
                        if (f := c.fixes(r).get("date")) is not None]
        features.append({
            "type": "Feature",
            "id": e.id,
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": {
                "name": e.name,
                "variants": list(e.variants),
                "authority": dict(e.authority),
                "mentions": mentions[e.id],
                "documents": sum(1 for r in named.values() if any(m.entity == e.id for m in r.mentions)),
                "origin_of": origins[e.id],
                "first_date": min((d.not_before for d in dated), default=None),
                "last_date": max((d.not_after for d in dated), default=None),
                "years": sorted({y for d in dated for y in _years(d.not_before, d.not_after)}),
                "corrections": corrections,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def _years(first: str, last: str) -> range:
    """The years a date's bounds cover (a decade at most: a vaguer date names no year)."""
    if not (first[:4].isdigit() and last[:4].isdigit()):
        return range(0)
    lo, hi = int(first[:4]), int(last[:4])
    return range(lo, hi + 1) if 0 <= hi - lo <= 10 else range(0)


def to_geojson(c: Collection) -> str:
    return json.dumps(places_geojson(c), ensure_ascii=False, indent=1) + "\n"


__all__ = ["places_geojson", "to_geojson"]

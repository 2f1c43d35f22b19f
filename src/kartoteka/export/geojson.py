"""GeoJSON of a collection's places: one Point feature per place entity with coordinates."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from kartoteka.export.collection import Collection, doc_key
from kartoteka.model import MentionKind


def places_geojson(c: Collection) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946: longitude first) of places with where and how often they are named."""
    mentions: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    origins: Counter[str] = Counter()
    for r in c.records:
        for m in r.mentions:
            if m.entity is not None:
                mentions[m.entity] += 1
                docs.setdefault(m.entity, set()).add(doc_key(r))
        if r.place is not None and r.place.entity is not None:
            origins[r.place.entity] += 1
    features = []
    for e in c.of_kind(MentionKind.PLACE):
        if e.latitude is None or e.longitude is None:
            continue
        features.append({
            "type": "Feature",
            "id": e.id,
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": {
                "name": e.name,
                "variants": list(e.variants),
                "authority": dict(e.authority),
                "mentions": mentions[e.id],
                "documents": len(docs.get(e.id, ())),
                "origin_of": origins[e.id],
            },
        })
    return {"type": "FeatureCollection", "features": features}


def to_geojson(c: Collection) -> str:
    return json.dumps(places_geojson(c), ensure_ascii=False, indent=1) + "\n"


__all__ = ["places_geojson", "to_geojson"]

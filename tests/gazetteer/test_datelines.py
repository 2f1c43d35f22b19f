"""Every dateline place of the three FRUS dev volumes resolves to the city meant, also where
the collection names one country far more than any other (as a volume names its subject)."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from kartoteka.gazetteer import resolve

FRUS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev"
VOLUMES = ("frus1952-54Guat", "frus1955-57v24", "frus1969-76v12")
# the city each dateline place string of the volumes names, reviewed by hand
MEANT = {
    "Washington": (38.90, -77.04), "New York": (40.71, -74.01), "Guatemala City": (14.64, -90.51),
    "Moscow": (55.75, 37.62), "London": (51.51, -0.13), "Paris": (48.86, 2.35), "Athens": (37.98, 23.73),
    "Ankara": (39.93, 32.86), "Nicosia": (35.17, 33.36), "Bonn": (50.73, 7.10), "Manila": (14.60, 120.98),
    "Bermuda": (32.30, -64.78), "Gettysburg": (39.83, -77.23), "San Clemente": (33.43, -117.61),
}
# the country a volume names most, which must not pull a world capital to a homonym in it
CONTEXTS: tuple[dict[str, int], ...] = ({}, {"US": 500}, {"US": 500, "GT": 300}, {"US": 500, "SU": 300}, {"GB": 100, "SU": 100})


def _dateline_places() -> Counter[str]:
    out: Counter[str] = Counter()
    for vol in VOLUMES:
        for f in sorted((FRUS_DEV / vol / "gold").glob("*.json")):
            place = json.loads(f.read_text(encoding="utf-8")).get("place")
            if place and place.get("declassified") and "declassified" not in place["text"]:
                out[place["text"].strip(" ,.")] += 1
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_every_dev_dateline_place_is_reviewed() -> None:
    seen = _dateline_places()
    assert sum(seen.values()) > 700, "the dev volumes' gold is missing"
    assert set(seen) <= set(MEANT), set(seen) - set(MEANT)


@pytest.mark.parametrize("context", CONTEXTS)
def test_dev_dateline_places_resolve_to_the_city_meant(context: dict[str, int]) -> None:
    for name, count in _dateline_places().items():
        place = resolve(name, near=[{}, context] if context else ())
        assert place is not None, name
        assert _km(MEANT[name], (place.latitude, place.longitude)) <= 50, (name, count, place)

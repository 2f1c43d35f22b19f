"""Geometry of the reading room's figures (timeline bars, map points), computed once on the server.

Pure: counts and coordinates in, SVG coordinates out; templates only place them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kartoteka.store.pageviews import PlacePoint

# The shipped base map (static/world.svg) is equirectangular on a 1000 × 500 canvas.
MAP_WIDTH = 1000
MAP_HEIGHT = 500


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Point:
    id: str
    name: str
    x: float
    y: float
    r: float
    count: int


@dataclass(frozen=True, slots=True)
class View:
    """An SVG viewBox that frames the points with a margin, never narrower than a region."""

    x: float
    y: float
    width: float
    height: float

    def __str__(self) -> str:
        return f"{self.x:.1f} {self.y:.1f} {self.width:.1f} {self.height:.1f}"


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out: list[str] = []
    while (y, m) <= (ly, lm) and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_bars(counts: Sequence[tuple[str, int]], width: float = 900, height: float = 160) -> tuple[list[Bar], list[Tick]]:
    """One bar per month from the first to the last month with documents (empty months included)."""
    data = {k: n for k, n in counts if len(k) >= 7}
    if not data:
        return [], []
    months = _months_between(min(data), max(data))
    step = width / len(months)
    top = max(data.values())
    bars = []
    ticks = []
    for i, m in enumerate(months):
        n = data.get(m, 0)
        h = (height - 4) * n / top if top else 0
        bars.append(Bar(m, m, n, i * step, height - h, max(step - 1, 1), h))
        # the first month is labelled unless a year's label follows too close to read both
        if m.endswith("-01") or (i == 0 and (13 - int(m[5:7])) * step > 60):
            ticks.append(Tick(i * step, m[:4] if m.endswith("-01") else m))
    return bars, ticks


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """Equirectangular: the projection of the shipped base map."""
    return (longitude + 180) / 360 * MAP_WIDTH, (90 - latitude) / 180 * MAP_HEIGHT


def map_points(places: Sequence[tuple[str, str, float, float, int]]) -> list[Point]:
    """Points sized by the square root of their document count, largest drawn first."""
    top = max((p[4] for p in places), default=1) or 1
    out = []
    for pid, name, lat, lon, n in places:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        x, y = project(lat, lon)
        out.append(Point(pid, name, x, y, 2.5 + 6 * math.sqrt(n / top), n))
    return sorted(out, key=lambda p: -p.r)


def frame(points: Sequence[Point], minimum: float = 120) -> View:
    """A viewBox around the points (2:1, like the base map), or the whole world when there are none."""
    if not points:
        return View(0, 0, MAP_WIDTH, MAP_HEIGHT)
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    w = max(max(xs) - min(xs), minimum) * 1.3
    h = max(max(ys) - min(ys), minimum / 2) * 1.3
    w, h = max(w, 2 * h), max(h, w / 2)
    w, h = min(w, MAP_WIDTH), min(h, MAP_HEIGHT)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - w / 2, 0), MAP_WIDTH - w)
    y = min(max(cy - h / 2, 0), MAP_HEIGHT - h)
    return View(x, y, w, h)


def pinned(p: PlacePoint) -> bool:
    # 0°, 0° is open sea: a gazetteer entry without coordinates of its own, not a place named in these papers
    return p.latitude is not None and p.longitude is not None and (p.latitude, p.longitude) != (0.0, 0.0)


def located(places: Sequence[PlacePoint]) -> list[tuple[str, str, float, float, int]]:
    """Places with the archive's own coordinates (set by linking from the gazetteer entry it chose,
    GeoNames or our regions); a place linking could not pin down is listed, never guessed onto the map."""
    return [(p.id, p.name, p.latitude, p.longitude, p.documents) for p in places
            if pinned(p) and p.latitude is not None and p.longitude is not None]


def unlocated(places: Sequence[PlacePoint]) -> list[PlacePoint]:
    return [p for p in places if not pinned(p)]


def labelled(points: Sequence[Point], scale: float, most: int = 25) -> list[Point]:
    """The best-known places whose names fit beside their circles without covering another name."""
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for p in sorted(points, key=lambda p: (-p.count, p.name)):
        x0 = p.x + p.r * scale + scale
        box = (x0, p.y - 6 * scale, x0 + len(p.name) * 5.6 * scale, p.y + 4 * scale)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        out.append(p)
        if len(out) == most:
            break
    return out


__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "Bar", "Point", "Tick", "View", "frame", "labelled", "located", "map_points", "month_bars", "pinned", "project", "unlocated"]

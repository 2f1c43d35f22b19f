"""Geometry of the reading room's figures (timeline bars, map points), computed once on the server.

Pure: counts and coordinates in, SVG coordinates out; templates only place them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "Bar", "Point", "Tick", "View", "frame", "map_points", "month_bars", "project"]

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
MAX_MONTHS = 1200  # a month axis's length at most (a century)
WHOLE_SPAN = 36  # months: a timeline this short opens whole
LABEL_CHARS_PX = 7.0  # a tick label's width per character (11 px sans-serif, with room)


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
    while (y, m) <= (ly, lm) and len(out) < MAX_MONTHS:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_bars(counts: Sequence[tuple[str, int]], width: float = 900, height: float = 160,
               span: tuple[str, str] | None = None) -> tuple[list[Bar], list[Tick]]:
    """One bar per month of ``span`` (default: the first to the last month with documents), empty
    months included; ticks from :func:`ticks`."""
    data = {k: n for k, n in counts if len(k) >= 7}
    if not data:
        return [], []
    months = _months_between(*(span or (min(data), max(data))))
    if not months:
        return [], []
    step = width / len(months)
    top = max((data.get(m, 0) for m in months), default=0)
    bars = []
    for i, m in enumerate(months):
        n = data.get(m, 0)
        h = (height - 4) * n / top if top else 0
        bars.append(Bar(m, m, n, i * step, height - h, max(step - 1, 1), h))
    return bars, ticks(months, width)


def ticks(months: Sequence[str], width: float) -> list[Tick]:
    """Labels for a month axis that never overlap and never leave ``[0, width]``: every year, or
    every 2, 5, 10… years when years are narrow; months (every 1, 2, 3 or 6) on a span of two years
    or less. A label is centred on its month's start, and held inside the axis at either end."""
    if not months:
        return []
    step = width / len(months)
    if len(months) <= 24:
        every = next((k for k in (1, 2, 3, 6, 12) if k * step >= LABEL_CHARS_PX * 8), 12)
        chosen = [(i, m) for i, m in enumerate(months) if (int(m[5:7]) - 1) % every == 0]
        chosen = chosen or [(0, months[0])]
    else:
        every = next((k for k in (1, 2, 5, 10, 20, 50, 100) if k * 12 * step >= LABEL_CHARS_PX * 6), 100)
        chosen = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01") and int(m[:4]) % every == 0]
    out: list[Tick] = []
    for i, label in chosen:
        half = len(label) * LABEL_CHARS_PX / 2
        t = Tick(min(max(i * step, half), width - half), label)
        # a label held in at an end may come too near its neighbour: the later one gives way
        if not out or label_box(out[-1])[1] + 2 <= label_box(t)[0]:
            out.append(t)
    return out


def label_box(t: Tick) -> tuple[float, float]:
    """The horizontal extent a tick's label takes (centred on ``t.x``)."""
    half = len(t.label) * LABEL_CHARS_PX / 2
    return t.x - half, t.x + half


def month_of(value: str, *, last: bool = False) -> str | None:
    """A reader's "1946" or "1946-03" (or a full date) as a month; a year alone is its January, or
    its December with ``last``; None for anything else."""
    value = value.strip()
    if len(value) == 4 and value.isdigit():
        return f"{value}-12" if last else f"{value}-01"
    if len(value) >= 7 and value[:4].isdigit() and value[4] == "-" and value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12:
        return value[:7]
    return None


def shift(month: str, by: int) -> str:
    """The month ``by`` months after (before, when negative) ``month``."""
    n = int(month[:4]) * 12 + int(month[5:7]) - 1 + by
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def focus(counts: Sequence[tuple[str, int]], low: float = 0.05, high: float = 0.95) -> tuple[str, str] | None:
    """The months a timeline opens on: where the documents are.

    Over the documents dated to a month: a span of at most :data:`WHOLE_SPAN` months is shown whole;
    a longer one from the month of the ``low`` quantile document to that of the ``high`` one (the
    5th and 95th percentile: a stray 1975 telegram in a 1945-47 file does not stretch the axis),
    widened to whole years when the focus is longer than :data:`WHOLE_SPAN` months. None for no
    dated documents."""
    data = sorted((k[:7], n) for k, n in counts if len(k) >= 7 and n > 0)
    if not data:
        return None
    first, last = data[0][0], data[-1][0]
    if len(_months_between(first, last)) <= WHOLE_SPAN:
        return first, last
    total = sum(n for _, n in data)
    lo_rank, hi_rank = math.floor(low * (total - 1)), math.ceil(high * (total - 1))
    seen, lo, hi = 0, first, last
    for month, n in data:
        if seen <= lo_rank < seen + n:
            lo = month
        if seen <= hi_rank < seen + n:
            hi = month
        seen += n
    if len(_months_between(lo, hi)) > WHOLE_SPAN:
        lo, hi = f"{lo[:4]}-01", f"{hi[:4]}-12"
    return max(lo, first), min(hi, last)


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


def viewbox(raw: str, least: float = 10) -> View | None:
    """A map zoom from the URL ("x,y,width,height" or with spaces), kept on the base map and at
    least ``least`` wide, at the base map's proportions; None when it is not four numbers."""
    try:
        x, y, w, h = (float(v) for v in raw.replace(",", " ").split())
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (x, y, w, h)) or w <= 0 or h <= 0:
        return None
    w = min(max(w, least), MAP_WIDTH)
    h = w * MAP_HEIGHT / MAP_WIDTH
    return View(min(max(x, 0), MAP_WIDTH - w), min(max(y, 0), MAP_HEIGHT - h), w, h)


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


__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "MAX_MONTHS", "WHOLE_SPAN", "Bar", "Point", "Tick", "View", "focus", "frame",
           "label_box", "labelled", "located", "map_points", "month_bars", "month_of", "pinned", "project", "shift",
           "ticks", "unlocated", "viewbox"]

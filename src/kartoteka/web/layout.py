"""Where the network's people stand: a force layout computed once on the server, deterministic
(fixed seed, no clock), then pushed apart so that no two circles come closer than the sum of
their radii (and a gap), every circle inside the drawing, every label beside its circle and
inside the drawing too.

Pure: radii and weighted ties in, coordinates out (numpy for the pairwise forces).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SEED = 1946  # the layout's random start: fixed, so the same network is drawn the same way
ITERATIONS = 250
GAP = 3.0  # drawing units between two circles at the least
MARGIN = 8.0  # between a circle and the drawing's edge
CHAR_PX = 6.4  # a label's width per character (11 px sans-serif)
Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Spot:
    """A circle's centre and radius, and where its label goes (``anchor``: SVG text-anchor);
    ``crowded`` when no place beside the circle was free of other names and circles (the name is
    then shown only while its person is pointed at or focused)."""

    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str
    crowded: bool = False


def forces(radii: Sequence[float], ties: Sequence[tuple[int, int, float]], width: float, height: float,
           seed: int = SEED, iterations: int = ITERATIONS, pin: int | None = None) -> Array:
    """Fruchterman–Reingold from a seeded random start: every pair repels (k²/d), a tie pulls
    (d²/k, more for a heavier tie), a little gravity keeps loners near the middle, and the step
    shrinks as the layout cools; ``pin`` (an index) stays in the middle. Returns an (n, 2) array
    scaled into the drawing."""
    n = len(radii)
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    pos = rng.uniform(0.2, 0.8, size=(n, 2)) * np.array([width, height])
    k = 0.9 * math.sqrt(width * height / n)
    src = np.array([t[0] for t in ties], dtype=np.int64)
    dst = np.array([t[1] for t in ties], dtype=np.int64)
    pull = np.array([min(1 + math.log(max(t[2], 1)) / 2, 2.5) for t in ties], dtype=np.float64)
    centre = np.array([width / 2, height / 2])
    pull_in = 0.5 * k * k * n / (np.array([width, height]) / 3) ** 2
    if pin is not None:
        pos[pin] = centre
    for it in range(iterations):
        temp = (width / 10) * (1 - it / iterations) + 0.5
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        push = (k * k) / np.maximum(dx * dx + dy * dy, 1e-4)  # (k²/d) along the unit vector (dx, dy)/d
        np.fill_diagonal(push, 0.0)
        disp = np.stack([(dx * push).sum(axis=1), (dy * push).sum(axis=1)], axis=1)
        if len(src):
            d = pos[src] - pos[dst]
            length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 0.01)
            f = (length / k) * pull
            move = d * f[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(dst, move[:, axis], n) - np.bincount(src, move[:, axis], n)
        # gravity: a spring to the middle that balances the repulsion of the crowd about a third of
        # the drawing out (an unconnected group stays near, not at the edge), on the drawing's shape
        disp += (centre - pos) * pull_in
        if pin is not None:
            disp[pin] = 0.0
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
    return _fit(pos, np.asarray(radii, dtype=np.float64), width, height)


def _fit(pos: Array, radii: Array, width: float, height: float) -> Array:
    """The positions stretched to fill the drawing inside its margins (each axis by its own
    factor: a drawing wider than high is used across its width)."""
    pad = MARGIN + float(radii.max())
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    out: Array = pad + (pos - lo) / span * (np.array([width, height]) - 2 * pad)
    if len(pos) == 1:
        out[:] = (width / 2, height / 2)
    return out


def separate(pos: Array, radii: Sequence[float], width: float, height: float, gap: float = GAP,
             rounds: int = 500) -> Array:
    """The positions pushed apart until no two circles are closer than their radii and ``gap``,
    each kept inside the drawing; when the drawing is too crowded for that, a grid in the layout's
    order (row by row, by height then left to right) that is spaced by the largest circle."""
    r = np.asarray(radii, dtype=np.float64)
    n = len(r)
    out = pos.copy()
    if n < 2:
        return _inside(out, r, width, height)
    need = r[:, None] + r[None, :] + gap
    # a fixed direction for two circles on one point: the same answer every time
    jitter = np.stack([np.cos(np.arange(n) * 2.399), np.sin(np.arange(n) * 2.399)], axis=1)
    for _ in range(rounds):
        delta = out[:, None, :] - out[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        short = np.triu(dist < need - 1e-6, 1)
        if not short.any():
            return out
        i, j = np.nonzero(short)
        d = dist[i, j]
        unit = np.where(d[:, None] > 1e-9, delta[i, j] / np.maximum(d, 1e-9)[:, None], jitter[i] - jitter[j])
        push = ((need[i, j] - d) / 2 + 0.01)[:, None] * unit
        np.add.at(out, i, push)
        np.add.at(out, j, -push)
        out = _inside(out, r, width, height)
    if overlaps(out, r, gap):
        return _grid(out, r, width, height, gap)
    return out


def _inside(pos: Array, r: Array, width: float, height: float) -> Array:
    lo = r + MARGIN
    pos[:, 0] = np.clip(pos[:, 0], lo, np.maximum(width - lo, lo))
    pos[:, 1] = np.clip(pos[:, 1], lo, np.maximum(height - lo, lo))
    return pos


def _grid(pos: Array, r: Array, width: float, height: float, gap: float) -> Array:
    cell = 2 * float(r.max()) + gap
    per_row = max(int((width - 2 * MARGIN) // cell), 1)
    order = sorted(range(len(r)), key=lambda i: (round(float(pos[i, 1]) / cell), float(pos[i, 0])))
    out = np.zeros_like(pos)
    for place, i in enumerate(order):
        out[i] = (MARGIN + cell / 2 + (place % per_row) * cell, MARGIN + cell / 2 + (place // per_row) * cell)
    return out


def overlaps(pos: Array, radii: Sequence[float] | Array, gap: float = 0.0) -> bool:
    """Whether any two circles are closer than the sum of their radii and ``gap``."""
    r = np.asarray(radii, dtype=np.float64)
    if len(r) < 2:
        return False
    delta = pos[:, None, :] - pos[None, :, :]
    dist = np.hypot(delta[..., 0], delta[..., 1])
    return bool(np.triu(dist < r[:, None] + r[None, :] + gap - 1e-6, 1).any())


def label_spot(x: float, y: float, r: float, name: str, width: float) -> tuple[float, float, str]:
    """A label beside its circle, right of it when it fits in the drawing, else left of it; a name
    too long for either side is centred under the circle and held inside the drawing."""
    wide = len(name) * CHAR_PX
    if x + r + 3 + wide <= width - 2:
        return x + r + 3, y + 4, "start"
    if x - r - 3 - wide >= 2:
        return x - r - 3, y + 4, "end"
    return min(max(x, wide / 2 + 2), width - wide / 2 - 2), y + r + 12, "middle"


def label_box(x: float, y: float, anchor: str, name: str) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) a label at (x, y) with this anchor takes (baseline at y)."""
    wide = len(name) * CHAR_PX
    x0 = x if anchor == "start" else x - wide if anchor == "end" else x - wide / 2
    return x0, y - 10, x0 + wide, y + 3


def _labels(pos: Array, radii: Sequence[float], names: Sequence[str], width: float,
            height: float) -> list[tuple[float, float, str, bool]]:
    """Each label where it covers no other label and no circle, in order (the first named get the
    best places): right of its circle, left, below, above; else crowded, at :func:`label_spot`."""
    r = np.asarray(radii, dtype=np.float64)
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for i, ((x, y), ri, name) in enumerate(zip(pos.tolist(), radii, names, strict=True)):
        found = None
        for lx, ly, anchor in ((x + ri + 3, y + 4, "start"), (x - ri - 3, y + 4, "end"),
                               (x, y + ri + 12, "middle"), (x, y - ri - 5, "middle")):
            box = label_box(lx, ly, anchor, name)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                continue
            # the nearest point of the box to every circle's centre, and whether it lies inside that circle
            near_x = np.clip(pos[:, 0], box[0], box[2]) - pos[:, 0]
            near_y = np.clip(pos[:, 1], box[1], box[3]) - pos[:, 1]
            hit = near_x * near_x + near_y * near_y < r * r
            hit[i] = False
            if hit.any():
                continue
            found = (lx, ly, anchor)
            break
        if found is None:
            out.append((*label_spot(x, y, ri, name, width), True))
        else:
            taken.append(label_box(*found, name))
            out.append((*found, False))
    return out


def place(radii: Sequence[float], ties: Sequence[tuple[int, int, float]], names: Sequence[str],
          width: float, height: float, seed: int = SEED, pin: int | None = None) -> list[Spot]:
    """The whole layout: forces, then separation, then labels (the first of ``names`` placed first)."""
    pos = np.round(separate(forces(radii, ties, width, height, seed, pin=pin), radii, width, height), 1)
    out = []
    for (x, y), r, (lx, ly, anchor, crowded) in zip(pos.tolist(), radii, _labels(pos, radii, names, width, height),
                                                   strict=True):
        out.append(Spot(x, y, r, round(lx, 1), round(ly, 1), anchor, crowded))
    return out


__all__ = ["GAP", "SEED", "Spot", "forces", "label_box", "label_spot", "overlaps", "place", "separate"]

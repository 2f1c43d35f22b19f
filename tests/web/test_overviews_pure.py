"""Pure parts of the overviews: the timeline's focus and axis, the network's layout and ties, the
map's zoom from the URL."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kartoteka.store.pageviews import EntityBrief, PersonLink, PersonNetwork
from kartoteka.web.figures import (
    MAP_HEIGHT,
    MAP_WIDTH,
    focus,
    label_box,
    month_bars,
    month_of,
    shift,
    ticks,
    viewbox,
)
from kartoteka.web.layout import GAP, forces, overlaps, place, separate
from kartoteka.web.layout import label_box as name_box
from kartoteka.web.ties import default_floor, thinned


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([], None),
        ([("1946-12", 5)], ("1946-12", "1946-12")),
        # a short span opens whole, however thin its ends
        ([("1945-03", 1), ("1946-06", 30), ("1947-12", 1)], ("1945-03", "1947-12")),
        # one 1975 telegram in a 1945-47 file: the focus stays on 1945-47
        ([("1945-03", 10), ("1946-06", 30), ("1947-02", 10), ("1975-05", 1)], ("1945-03", "1947-02")),
        # stray ends on both sides: from the 5th to the 95th percentile
        ([("1900-01", 1), *[(f"1953-{m:02d}", 3) for m in range(1, 13)], *[(f"1954-{m:02d}", 3) for m in range(1, 13)],
          ("1955-06", 40), ("1990-01", 1)], ("1953-02", "1955-06")),
        # a focus longer than three years is widened to whole years
        ([("1900-01", 1), ("1950-05", 20), ("1960-08", 20), ("1961-03", 2), ("1990-01", 1)], ("1950-01", "1961-12")),
        ([("1950-05", 1), *[(f"{y}-06", 5) for y in range(1951, 1970)], ("1990-01", 1)], ("1951-01", "1969-12")),
        # a year alone (no month) is not on a month axis
        ([("1953", 4), ("1953-06", 1)], ("1953-06", "1953-06")),
    ],
)
def test_focus_is_where_the_documents_are(counts: list[tuple[str, int]], expected: tuple[str, str] | None) -> None:
    assert focus(counts) == expected


@pytest.mark.parametrize("n_months", [1, 2, 7, 13, 24, 25, 36, 120, 600, 1200])
@pytest.mark.parametrize("width", [300.0, 900.0])
def test_tick_labels_stay_inside_the_axis_and_apart(n_months: int, width: float) -> None:
    months = [shift("1940-01", i) for i in range(n_months)]
    marks = ticks(months, width)
    assert marks, "an axis always has a label"
    boxes = sorted(label_box(t) for t in marks)
    assert all(a >= 0 and b <= width for a, b in boxes), boxes
    assert all(boxes[i][1] <= boxes[i + 1][0] for i in range(len(boxes) - 1)), boxes


def test_month_bars_cover_the_span_asked_for() -> None:
    counts = [("1945-03", 10), ("1946-06", 30), ("1975-05", 1)]
    bars, _ = month_bars(counts, 900, 100, ("1945-01", "1946-12"))
    assert (bars[0].key, bars[-1].key, len(bars)) == ("1945-01", "1946-12", 24)
    assert bars[-1].x + bars[-1].width <= 900
    assert max(b.height for b in bars) == pytest.approx(96)  # scaled to the span's tallest month


@pytest.mark.parametrize(
    ("value", "last", "expected"),
    [("1946", False, "1946-01"), ("1946", True, "1946-12"), ("1946-03", True, "1946-03"),
     ("1946-03-09", False, "1946-03"), ("1946-13", False, None), ("soon", False, None), ("", False, None)],
)
def test_month_of(value: str, last: bool, expected: str | None) -> None:
    assert month_of(value, last=last) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("100,50,200,100", (100, 50, 200, 100)), ("100 50 200 999", (100, 50, 200, 100)),
     ("-50,-50,200,100", (0, 0, 200, 100)), ("950,480,200,100", (800, 400, 200, 100)),
     ("0,0,1,1", (0, 0, 10, 5)), ("0,0,5000,10", (0, 0, MAP_WIDTH, MAP_HEIGHT)),
     ("", None), ("1,2,3", None), ("a,b,c,d", None), ("0,0,-1,5", None), ("nan,0,10,5", None)],
)
def test_map_zoom_from_the_url(raw: str, expected: tuple[float, float, float, float] | None) -> None:
    v = viewbox(raw)
    assert (None if v is None else (v.x, v.y, v.width, v.height)) == expected


def _net(n: int, seed: int) -> tuple[list[float], list[tuple[int, int, float]]]:
    rng = np.random.default_rng(seed)
    radii = [5 + 11 * math.sqrt(float(x)) for x in rng.uniform(size=n)]
    ties = [(int(a), int(b), float(w)) for a, b, w in zip(rng.integers(0, n, 3 * n), rng.integers(0, n, 3 * n),
                                                          rng.integers(1, 9, 3 * n), strict=True) if a != b]
    return radii, ties


@pytest.mark.parametrize(
    ("radii", "ties"),
    [
        ([10.0], []),
        ([10.0] * 5, []),  # no ties at all: nothing pulls, nothing may stack
        ([16.0, 16.0, 16.0], [(0, 1, 5.0), (1, 2, 5.0), (0, 2, 5.0)]),  # a tight triangle
        ([8.0] * 3, [(0, 1, 50.0), (0, 2, 50.0), (1, 2, 50.0)]),  # heavy ties pull hard
        _net(12, 1),
        _net(60, 2),  # the page's size
        ([16.0] * 60, [(i, (i + 1) % 60, 2.0) for i in range(60)]),  # all at the largest size
    ],
)
def test_layout_keeps_circles_apart_and_inside(radii: list[float], ties: list[tuple[int, int, float]]) -> None:
    spots = place(radii, ties, [f"Person {i}" for i in range(len(radii))], 1000, 640)
    pos = np.array([[s.x, s.y] for s in spots])
    for i, a in enumerate(spots):
        assert a.r <= a.x <= 1000 - a.r and a.r <= a.y <= 640 - a.r
        for b in spots[i + 1:]:
            assert math.dist((a.x, a.y), (b.x, b.y)) >= a.r + b.r, (a, b)
    assert not overlaps(pos, radii)
    # and the same drawing every time
    assert place(radii, ties, [f"Person {i}" for i in range(len(radii))], 1000, 640) == spots


def test_labels_stay_in_the_drawing_and_apart() -> None:
    radii, ties = _net(60, 3)
    names = [("Mohammad Reza Shah Pahlavi" if i % 7 == 0 else f"P{i}") for i in range(60)]
    spots = place(radii, ties, names, 1000, 640)
    shown = [name_box(s.label_x, s.label_y, s.anchor, n) for s, n in zip(spots, names, strict=True)]
    assert all(b[0] >= 0 and b[2] <= 1000 for b in shown)
    clear = [b for b, s in zip(shown, spots, strict=True) if not s.crowded]
    assert len(clear) > 40
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                   for i, a in enumerate(clear) for b in clear[i + 1:])


def test_circles_on_one_point_are_separated() -> None:
    pos = np.full((4, 2), 500.0)
    out = separate(pos, [10.0, 10.0, 10.0, 10.0], 1000, 640)
    assert not overlaps(out, [10.0] * 4, GAP - 0.01)


def test_an_ego_stays_in_the_middle() -> None:
    radii, ties = _net(20, 4)
    pos = forces(radii, ties, 1000, 640, pin=0)
    assert abs(pos[0][0] - 500) < 250 and abs(pos[0][1] - 320) < 160


@pytest.mark.parametrize(
    ("weights", "people", "expected"),
    [([], 10, 1), ([1] * 20, 10, 1), ([1] * 30 + [2] * 5, 10, 2), ([1] * 40 + [3] * 20 + [4] * 5, 10, 2), ([1] * 40 + [2] * 30 + [3] * 5, 10, 3),
     ([50] * 100, 10, 20)],
)
def test_default_floor(weights: list[int], people: int, expected: int) -> None:
    assert default_floor(weights, people) == expected


def test_thinned_keeps_transmission_and_the_egos_circle() -> None:
    people = tuple(EntityBrief(i, "person", i.upper(), 5) for i in ("ego", "a", "b", "c"))
    edges = (PersonLink("a", "ego", 4, "co-mention"), PersonLink("b", "ego", 1, "co-mention"),
             PersonLink("a", "b", 9, "co-mention"), PersonLink("c", "a", 1, "chain"))
    net = PersonNetwork(people, edges)
    assert [(e.source, e.target) for e in thinned(net, 2).edges] == [("a", "ego"), ("a", "b"), ("c", "a")]
    around = thinned(net, 2, "ego")
    assert [n.id for n in around.nodes] == ["ego", "a"]
    assert [(e.source, e.target) for e in around.edges] == [("a", "ego")]

"""The overviews in a real headless Chromium over the real server and archive: the timeline opens
where the documents are, the network's circles never touch (measured in the page), the map zooms
and filters by date, and a place shows its documents in time.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect
from test_web_browser import shot
from web_harness import Server

pytestmark = pytest.mark.browser


def _months(server: Server) -> list[str]:
    with sqlite3.connect(server.archive) as c:
        rows = c.execute("SELECT substr(date_not_before, 1, 7) FROM documents WHERE date_not_before IS NOT NULL "
                         "AND substr(date_not_before, 1, 7) = substr(date_not_after, 1, 7) ORDER BY 1").fetchall()
    c.close()
    return [str(r[0]) for r in rows]


def _param(page: Page, name: str) -> str:
    return parse_qs(urlparse(page.url).query).get(name, [""])[0]


# every label's box inside the drawing (in the page's own pixels), and no two labels on each other
_LABELS_INSIDE = """(sel) => {
  const svg = document.querySelector(sel).getBoundingClientRect();
  const boxes = [...document.querySelectorAll(sel + ' text')].map((t) => t.getBoundingClientRect());
  return {n: boxes.length, outside: boxes.filter((b) => b.left < svg.left - 0.5 || b.right > svg.right + 0.5
                                          || b.top < svg.top - 0.5 || b.bottom > svg.bottom + 0.5).length};
}"""


def test_the_timeline_opens_where_the_documents_are(server: Server, page: Page) -> None:
    months = _months(server)
    n = len(months)
    lo, hi = months[int(0.05 * (n - 1))], months[-(int(0.05 * (n - 1)) + 1)]
    page.goto(server.url + "/timeline")
    svg = page.locator("svg#timeline")
    start, end = svg.get_attribute("data-start") or "", page.locator("#t-end").input_value()
    # the focus: from the 5th to the 95th percentile of the dated documents, strays at the edges
    assert start <= lo and end >= hi and (start, end) != (months[0], months[-1])
    assert months[0] < start, "the archive's oldest stray (the 1946 telegram) is outside the focus"
    expect(page.locator("a.edge.before")).to_contain_text(f"from {months[0]}")
    assert page.evaluate(_LABELS_INSIDE, "svg#timeline")["outside"] == 0
    assert page.locator("svg#timeline text.tick").count() >= 2
    # the list under it: only the range, a page at most
    listed = page.locator(".timeline-list li time").all_text_contents()
    assert 0 < len(listed) <= 50 and all(start <= t[:7] <= end for t in listed)
    shot(page, "timeline-focus")
    # brushing: a drag across the bars zooms to those months (and says so in the URL)
    box = svg.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=8)
    page.mouse.up()
    page.wait_for_url("**/timeline?*start=*")
    narrow = (_param(page, "start"), _param(page, "end"))
    assert start < narrow[0] <= narrow[1] < end
    expect(page.locator("svg#timeline")).to_have_attribute("data-start", narrow[0])
    assert all(narrow[0] <= t[:7] <= narrow[1] for t in page.locator(".timeline-list li time").all_text_contents())
    assert page.evaluate(_LABELS_INSIDE, "svg#timeline")["outside"] == 0
    # the keyboard's way: labelled month fields and a button
    page.get_by_label("From month").fill(months[0])
    page.get_by_label("to month").fill(months[-1])
    page.get_by_label("to month").press("Enter")
    page.wait_for_url(f"**start={months[0]}*")
    expect(page.locator("svg#timeline")).to_have_attribute("data-start", months[0])
    assert page.evaluate(_LABELS_INSIDE, "svg#timeline")["outside"] == 0
    shot(page, "timeline-whole")


# every pair of circles, from where the page draws them: centre distance against the radii
_SPACING = """() => {
  const cs = [...document.querySelectorAll('#network circle')].map((c) => {
    const b = c.getBoundingClientRect();
    return [b.left + b.width / 2, b.top + b.height / 2, b.width / 2];
  });
  let worst = Infinity;
  for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) {
    const d = Math.hypot(cs[i][0] - cs[j][0], cs[i][1] - cs[j][1]);
    worst = Math.min(worst, d - cs[i][2] - cs[j][2]);
  }
  return {n: cs.length, worst};
}"""


def test_the_network_keeps_people_apart_and_filters(server: Server, page: Page) -> None:
    page.goto(server.url + "/network?min=1")
    spacing = page.evaluate(_SPACING)
    assert spacing["n"] > 5 and spacing["worst"] >= -0.5, spacing  # half a pixel: rounding of the page's boxes
    assert page.evaluate(_LABELS_INSIDE, "#network")["outside"] == 0
    ties = page.locator("#network line").count()
    shot(page, "network-spaced")
    # a floor on co-mentions: the form applies it at once, and it travels in the URL
    page.select_option("#netmin", "3")
    page.wait_for_url("**min=3*")
    assert page.locator("#network line").count() < ties
    assert page.evaluate(_SPACING)["worst"] >= -0.5
    # dates: only the documents of 1953
    page.get_by_label("Documents from month").fill("1953-01")
    page.locator("#n-end").fill("1953-12")
    page.locator("#network-filter button").click()
    page.wait_for_url("**start=1953-01*")
    assert page.evaluate(_SPACING)["worst"] >= -0.5
    # keyboard: a person's own ties alone while they have the focus
    page.goto(server.url + "/network?min=1")
    page.locator("#network a[data-id]").first.focus()
    expect(page.locator("#network.focused")).to_have_count(1)
    assert page.locator("#network line.hot").count() > 0


def test_a_persons_page_leads_to_the_network_around_them(server: Server, page: Page) -> None:
    with sqlite3.connect(server.archive) as c:
        eid = c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC, id LIMIT 1").fetchone()[0]
    c.close()
    page.goto(f"{server.url}/entities/{eid}")
    page.locator("a.ego-network").click()
    page.wait_for_url("**/network?ego=*")
    ego = page.locator("#network a.ego")
    expect(ego).to_have_count(1)
    assert ego.get_attribute("data-id") == eid
    others = [a.get_attribute("data-id") for a in page.locator("#network a[data-id]:not(.ego)").all()]
    assert others
    touching = {x for line in page.locator("#network line").all()
                for x in (line.get_attribute("data-s"), line.get_attribute("data-t"))
                if eid in (line.get_attribute("data-s"), line.get_attribute("data-t"))}
    assert set(others) <= touching, "everyone drawn around a person is tied to them"
    assert page.evaluate(_SPACING)["worst"] >= -0.5
    assert page.evaluate(_LABELS_INSIDE, "#network")["outside"] == 0
    shot(page, "network-ego")


def _view(page: Page) -> list[float]:
    return [float(v) for v in (page.locator("svg#map").get_attribute("viewBox") or "").split()]


def test_the_map_zooms_filters_by_date_and_shows_a_place_in_time(server: Server, page: Page) -> None:
    page.goto(server.url + "/map")
    everywhere = page.locator("svg#map circle").count()
    assert everywhere > 3
    before = _view(page)
    r0 = float(page.locator("svg#map circle").first.get_attribute("r") or 0)
    page.get_by_role("button", name="Zoom in").click()
    after = _view(page)
    assert after[2] == pytest.approx(before[2] / 2, rel=0.01)
    # circles keep their size on the screen: half the map's units
    assert float(page.locator("svg#map circle").first.get_attribute("r") or 0) == pytest.approx(r0 / 2, rel=0.02)
    assert _param(page, "view"), "the zoom is in the URL"
    # the keyboard pans and zooms the focused map
    page.locator("svg#map").focus()
    page.keyboard.press("ArrowLeft")
    assert _view(page)[0] < after[0] or after[0] == 0
    page.keyboard.press("-")
    assert _view(page)[2] == pytest.approx(after[2] * 2, rel=0.01)
    kept = _view(page)
    page.reload()
    assert _view(page) == pytest.approx(kept, abs=0.11)
    shot(page, "map-zoomed")
    # a date range: only the places of documents of 1953
    page.locator("#m-start").fill("1953-01")
    page.locator("#m-end").fill("1953-12")
    page.locator("#map-filter button").click()
    page.wait_for_url("**start=1953-01*")
    assert 0 < page.locator("svg#map circle").count() < everywhere
    assert _view(page) == pytest.approx(kept, abs=0.11), "the zoom stays through a date filter"
    # a place's documents in time, within the range
    page.locator("svg#map a.place").first.click()
    page.wait_for_url("**at=*")
    expect(page.locator("#place")).to_be_visible()
    dates = page.locator("#place .place-docs time").all_text_contents()
    assert dates and dates == sorted(dates) and all(d.startswith("1953") for d in dates)
    assert page.locator("#place svg.spark rect").count() >= 1
    assert _view(page) == pytest.approx(kept, abs=0.11), "the zoom stays when a place is opened"
    shot(page, "map-place")

"""Sorting a search by date in a real headless Chromium over the real server: the reader picks
"date, newest first" and "oldest first" on the page, the dates follow, and the order stays
through the next page and a facet. Leaves a screenshot in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from web_harness import SCREENSHOTS, Server

pytestmark = pytest.mark.browser



def _dates(page: Page) -> list[str]:
    return [d[:10] for d in page.locator("ol.hits li.hit .meta time").all_inner_texts()]


def test_sorting_by_date_in_the_browser(server: Server, page: Page) -> None:
    page.goto(server.url + "/")
    page.fill("#q", "Guatemala")
    page.press("#q", "Enter")
    expect(page.locator(".sort [aria-current]")).to_have_text("best match")
    page.click(".sort a[data-sort='-date']")
    expect(page.locator(".sort [aria-current]")).to_have_text("date, newest first")
    newest = _dates(page)
    assert len(newest) == 20 and newest == sorted(newest, reverse=True) and newest[0] > newest[-1]
    page.screenshot(path=str(SCREENSHOTS / "search-sorted-newest.png"), full_page=True)
    page.click("a[rel=next]")
    expect(page.locator(".sort [aria-current]")).to_have_text("date, newest first")
    following = _dates(page)
    assert following and following == sorted(following, reverse=True) and following[0] <= newest[-1]
    page.click(".sort a[data-sort='date']")
    expect(page.locator(".sort [aria-current]")).to_have_text("date, oldest first")
    oldest = _dates(page)
    assert oldest == sorted(oldest) and oldest[0] < newest[0]
    assert "offset" not in page.url  # a new order starts on page one
    # a facet narrows the search and keeps the order
    page.locator("aside.facets a").first.click()
    expect(page.locator(".sort [aria-current]")).to_have_text("date, oldest first")
    narrowed = _dates(page)
    assert narrowed == sorted(narrowed)
    # a new query typed in the box keeps the order too
    page.fill("#q", "Arbenz")
    page.press("#q", "Enter")
    expect(page.locator(".sort [aria-current]")).to_have_text("date, oldest first")

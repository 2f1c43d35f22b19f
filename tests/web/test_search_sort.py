"""The reading room's search orders, filters without words and language/type facets, over the
real server: the API's ``sort``, its refusal of an empty search, and the page's sort links, kept
by paging and by facet links."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import httpx
import pytest
from starlette.requests import Request
from web_harness import Server

from kartoteka.search.filters import Sort
from kartoteka.web.finder import Query


def _api(server: Server, params: list[tuple[str, str]]) -> httpx.Response:
    return httpx.get(server.url + "/api/search", params=params, timeout=60)


@pytest.mark.parametrize("order", ["date", "-date", "title"])
def test_the_api_orders_every_hit(server: Server, order: str) -> None:
    body = _api(server, [("q", "Guatemala"), ("sort", order), ("limit", "1000")]).json()
    assert body["sort"] == order and body["total"] == len(body["hits"]) > 10
    if order == "title":
        keys = [" ".join((h["title"] or h["source"]["path"].rsplit("/", 1)[-1]).split()).casefold()
                for h in body["hits"]]
        assert keys == sorted(keys)
    else:
        dates = [h["date"][:10] for h in body["hits"] if h["date"]]
        assert dates == sorted(dates, reverse=order == "-date")
        assert not [h for h in body["hits"][len(dates):] if h["date"]]  # undated last
    ranked = _api(server, [("q", "Guatemala"), ("limit", "1000")]).json()
    assert ranked["sort"] == "relevance"
    assert {h["source"]["sha256"] for h in ranked["hits"]} == {h["source"]["sha256"] for h in body["hits"]}


def test_filters_alone_default_to_date_and_nothing_at_all_is_refused(server: Server) -> None:
    body = _api(server, [("from", "1953"), ("to", "1953"), ("limit", "1000")]).json()
    dates = [h["date"] for h in body["hits"]]
    assert body["sort"] == "date" and dates == sorted(dates) and len(dates) > 3
    for params in ([], [("sort", "date")], [("exact", "1"), ("offset", "20")]):
        r = _api(server, params)
        assert r.status_code == 400 and r.json()["error"] == "no query and no filter", params
    bad = _api(server, [("q", "oil"), ("sort", "newest")])
    assert bad.status_code == 400 and "relevance, date, -date, title" in bad.json()["expected"]


def test_language_and_type_facets_narrow_to_their_counts(server: Server) -> None:
    facets = _api(server, [("q", "Guatemala")]).json()["facets"]
    assert facets["language"] and facets["type"]
    for name in ("language", "type"):
        top = facets[name][0]
        assert top["filter"] == [(name, top["key"])] or top["filter"] == [[name, top["key"]]]
        narrowed = _api(server, [("q", "Guatemala"), *top["filter"]]).json()
        assert narrowed["total"] == top["count"]


def test_the_page_offers_the_orders_and_keeps_the_chosen_one(server: Server) -> None:
    page = httpx.get(server.url + "/", params={"q": "Guatemala"}, timeout=60).text
    nav = re.search(r'<nav class="sort".*?</nav>', page, re.S)
    assert nav and '<b aria-current="true">best match</b>' in nav.group(0)
    hrefs = {m.group(2): unescape(m.group(1)) for m in re.finditer(r'<a href="([^"]+)" data-sort="([^"]+)"', nav.group(0))}
    assert set(hrefs) == {"date", "-date", "title"}
    newest = httpx.get(server.url + hrefs["-date"], timeout=60).text
    assert '<b aria-current="true">date, newest first</b>' in newest
    assert '<input type="hidden" name="sort" value="-date">' in newest  # a new query keeps the order
    nxt = unescape(re.search(r'<a rel="next" href="([^"]+)"', newest).group(1))  # type: ignore[union-attr]
    assert "sort=-date" in nxt and "offset=20" in nxt
    aside = re.findall(r'<aside class="facets".*?</aside>', newest, re.S)[0]
    facet_links = [unescape(h) for h in re.findall(r'href="([^"]+)"', aside)]
    assert len(facet_links) > 5 and all("sort=-date" in h for h in facet_links)
    # without words "best match" is no choice: the date is the default
    browse = httpx.get(server.url + "/", params={"from": "1953", "to": "1953"}, timeout=60).text
    assert '<b aria-current="true">date, oldest first</b>' in browse and "best match" not in browse


def _request(qs: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": qs.encode(), "headers": []})


@pytest.mark.parametrize(("qs", "empty", "back", "order"), [
    ("q=oil&sort=-date&offset=20", False, "?q=oil&sort=-date", Sort.DATE_DESC),
    ("q=oil", False, "?q=oil", Sort.RELEVANCE),
    ("from=1953", False, "?from=1953", Sort.DATE),
    ("from=1953&sort=relevance", False, "?from=1953&sort=relevance", Sort.DATE),
    ("type=telegram&language=en&language=ru", False, "?language=en&language=ru&type=telegram", Sort.DATE),
    ("sort=title&exact=1", True, "?exact=1&sort=title", Sort.TITLE),
])
def test_the_order_and_the_fields_travel_in_the_query(qs: str, empty: bool, back: str, order: Sort) -> None:
    q = Query.of(_request(qs))
    assert (q.empty(), q.qs(), q.order()) == (empty, back, order)
    assert Query.of(_request(q.qs().lstrip("?"))) == replace(q, offset=0)


def test_a_field_value_is_added_and_removed_like_a_name() -> None:
    q = Query(q="oil", sort="date").with_(language="ru").with_(type="telegram").with_(language="en")
    assert q.values_of("language") == ("ru", "en") and q.values_of("type") == ("telegram",)
    assert q.without("language", "ru").qs() == "?q=oil&language=en&type=telegram&sort=date"
    assert q.filters().of("language") == ("ru", "en")

"""Citing in the reading room, over the real server and archive (seed, demo FRUS volume, hostile
document): a document page's citation block and head tags, its CSL-JSON, BibTeX and RIS downloads,
a search's bibliography — and, in a real headless Chromium, the note copied from the page against
the CSL-JSON download."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import httpx
import pytest
from browsing import watched
from playwright.sync_api import Browser, Page, expect
from web_harness import SCREENSHOTS, Server

from kartoteka.store.citations import MAX_CITED


class Head(HTMLParser):
    """The ``<meta name content>`` pairs of a page, as a reference manager reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta.append((a["name"] or "", a.get("content") or ""))


def meta_of(html: str) -> list[tuple[str, str]]:
    head = Head()
    head.feed(html)
    return head.meta


def document(archive: Path | str, like: str) -> tuple[str, str]:
    """(sha256, title) of the archive's document whose path is like ``like``."""
    with sqlite3.connect(archive) as c:
        sha, title = c.execute("SELECT sha256, title FROM documents WHERE path LIKE ?", (like,)).fetchone()
    c.close()
    return str(sha), str(title)


def address_of(archive: Path | str, sha: str) -> str:
    """The readable address (collection/name) of the document with this sha256."""
    with sqlite3.connect(archive) as c:
        collection, name = c.execute("SELECT collection, name FROM documents WHERE sha256 = ?", (sha,)).fetchone()
    c.close()
    return f"{collection}/{name}"


def test_a_document_page_carries_its_citation(server: Server) -> None:
    sha, title = document(server.archive, "%frus1952-54Guat/d12.txt")
    page = httpx.get(f"{server.url}/documents/{sha}")
    assert page.status_code == 200
    meta = meta_of(page.text)
    url = f"{server.url}/documents/{address_of(server.archive, sha)}"
    assert url.endswith("/documents/frus1952-54Guat/d12")
    assert ("citation_title", title) in meta and ("DC.title", title) in meta
    assert ("citation_date", "1952/07/09") in meta and ("DC.date", "1952-07-09") in meta
    assert ("citation_publisher", "Central Intelligence Agency") in meta
    assert ("citation_archive_location", "Job 79-01025A, Box 69, Folder 1") in meta
    assert ("citation_public_url", url) in meta and ("DC.identifier", url) in meta
    for suffix in ("json", "bib", "ris"):
        assert f'href="/documents/{sha}/cite.{suffix}"' in page.text
    [item] = httpx.get(f"{url}/cite.json").json()
    assert item["title"] == title and item["URL"] == url and item["issued"] == {"date-parts": [[1952, 7, 9]]}
    assert item["collection-title"] == "frus1952-54Guat" and item["number"] == "d12"


@pytest.mark.parametrize(("suffix", "media_type", "name"), [
    ("json", "application/vnd.citationstyles.csl+json; charset=utf-8", ".csl.json"),
    ("bib", "application/x-bibtex; charset=utf-8", ".bib"),
    ("ris", "application/x-research-info-systems; charset=utf-8", ".ris"),
])
def test_citation_downloads(server: Server, suffix: str, media_type: str, name: str) -> None:
    sha, title = document(server.archive, "%seed%")
    r = httpx.get(f"{server.url}/documents/{sha[:12]}/cite.{suffix}")
    assert r.status_code == 200
    assert r.headers["content-type"] == media_type
    assert r.headers["content-disposition"] == f'attachment; filename="kartoteka-{sha[:12]}{name}"'
    assert title in r.text and f"{server.url}/documents/{address_of(server.archive, sha)}" in r.text


@pytest.mark.parametrize("path", ["/documents/{sha}/cite.xml", "/documents/0000000000000000/cite.json",
                                  "/api/search.mods?q=Arbenz"])
def test_unknown_citations_are_404_pages(server: Server, path: str) -> None:
    sha, _ = document(server.archive, "%seed%")
    r = httpx.get(server.url + path.format(sha=sha))
    assert r.status_code == 404
    assert "cite" in r.text or "bibliography" in r.text


def test_a_hostile_title_stays_text_in_the_head(server: Server) -> None:
    sha, title = document(server.archive, "%hostile.txt")
    page = httpx.get(f"{server.url}/documents/{sha}").text
    head = page.split("</head>", 1)[0]
    assert "<script>window" not in head and ("citation_title", title) in meta_of(page)
    lib = bibtexparser.parse_string(httpx.get(f"{server.url}/documents/{sha}/cite.bib").text)
    assert not lib.failed_blocks and len(lib.entries) == 1


def test_search_results_as_a_bibliography(server: Server) -> None:
    api = httpx.get(f"{server.url}/api/search", params={"q": "Arbenz", "limit": 1000}).json()
    assert 0 < api["total"] <= MAX_CITED
    ranked = [h["source"]["sha256"] for h in api["hits"]]
    csl = httpx.get(f"{server.url}/api/search.csl.json", params={"q": "Arbenz"})
    assert csl.headers["content-disposition"] == 'attachment; filename="search.csl.json"'
    assert csl.headers["x-total-count"] == str(api["total"])
    assert [i["URL"].split("/documents/", 1)[1] for i in csl.json()] == [h["address"] for h in api["hits"]]
    bib = httpx.get(f"{server.url}/api/search.bib", params={"q": "Arbenz"})
    assert bib.headers["content-type"] == "application/x-bibtex; charset=utf-8"
    assert [e.key for e in bibtexparser.parse_string(bib.text).entries] == [f"kartoteka-{s[:12]}" for s in ranked]
    ris = httpx.get(f"{server.url}/api/search.ris", params={"q": "Arbenz"})
    assert ris.text.count("TY  - MANSCPT") == len(ranked) == ris.text.count("ER  - ")
    page = httpx.get(f"{server.url}/", params={"q": "Arbenz"}).text
    for href in ("/api/search.bib?q=Arbenz", "/api/search.ris?q=Arbenz", "/api/search.csl.json?q=Arbenz"):
        assert f'href="{href}"' in page


@pytest.fixture()
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A page that may read and write the clipboard (the copy button is tested)."""
    with watched(browser, grant=("clipboard-read", "clipboard-write"), origin=server.url) as pg:
        yield pg


@pytest.mark.browser
@pytest.mark.parametrize("like", ["%seed%", "%frus1952-54Guat/d12.txt"])
def test_the_copied_citation_is_the_downloaded_one(server: Server, page: Page, like: str) -> None:
    sha, _ = document(server.archive, like)
    page.goto(f"{server.url}/documents/{sha}")
    block = page.locator("section.cite")
    expect(block).to_be_visible()
    # near the top: the block starts within the first screen
    box = block.bounding_box()
    assert box is not None and box["y"] < 900
    page.click("section.cite button.copy")
    expect(page.locator("section.cite .copied")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = page.locator("#cite-text").inner_text()
    assert copied == shown.strip()
    on_page = json.loads(page.locator("#cite-text").get_attribute("data-csl") or "{}")
    [downloaded] = page.request.get(f"{server.url}/documents/{sha}/cite.json").json()
    for field in ("title", "issued", "URL", "author", "archive", "archive_location"):
        assert on_page.get(field) == downloaded.get(field), field
    assert downloaded["title"] in copied and downloaded["URL"] in copied
    assert downloaded["URL"] == f"{server.url}/documents/{address_of(server.archive, sha)}"
    # the head's tags say the same as the download
    expect(page.locator('meta[name="citation_title"]')).to_have_attribute("content", downloaded["title"])
    expect(page.locator('meta[name="DC.identifier"]')).to_have_attribute("content", downloaded["URL"])
    year, month, day = downloaded["issued"]["date-parts"][0]
    expect(page.locator('meta[name="citation_date"]')).to_have_attribute("content", f"{year}/{month:02d}/{day:02d}")
    assert page.locator('meta[name="citation_author"]').count() == len(downloaded.get("author", []))
    page.screenshot(path=str(SCREENSHOTS / f"cite-{sha[:8]}.png"))

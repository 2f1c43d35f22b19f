"""The reading room's citations: a document's citation block (the note to copy, the tags reference
managers read), its CSL-JSON, BibTeX and RIS downloads, and a search's hits as a bibliography.

Every citation is made by :func:`kartoteka.store.citations.citations`, with the address of
:func:`document_url` (the one place the reading room makes a document's stable URL) and today as
the access date, so the page, its downloads and a search's bibliography cite a document alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kartoteka.export.address import document_url as address
from kartoteka.export.bibliography import FORMATS, filename, render
from kartoteka.export.citation import Citation, csl_json, meta_tags, note, today
from kartoteka.store.citations import MAX_CITED, citations
from kartoteka.web.finder import Finder, Query

SUFFIXES = {"json": "csl-json", "bib": "bibtex", "ris": "ris"}  # a document's download's suffix: its format
SEARCH_SUFFIXES = {"csl.json": "csl-json", "bib": "bibtex", "ris": "ris"}  # /api/search.json is the hits'


@dataclass(frozen=True, slots=True)
class CiteBlock:
    """What a document's page shows of its citation: the note, its CSL-JSON item and the head's tags."""

    text: str
    item: dict[str, Any]
    meta: tuple[tuple[str, str], ...]
    links: tuple[tuple[str, str], ...]  # (label, href) of the downloads


def document_url(request: Request, collection: str, name: str) -> str:
    """A document's stable URL as this reading room is reached (its root from the request)."""
    return address(str(request.base_url), collection, name)


def cite_href(sha256: str, fmt: str) -> str:
    """The download of a document's citation in ``fmt`` (``cite.json``, ``cite.bib``, ``cite.ris``)."""
    suffix = next(s for s, f in SUFFIXES.items() if f == fmt)
    return f"/documents/{sha256}/cite.{suffix}"


def download(text: str, fmt: str, stem: str, total: int | None = None) -> Response:
    """A citation file as a download with its media type and file name (and, for a search, how
    many documents matched: ``X-Total-Count``, of which the first ``MAX_CITED`` are cited)."""
    headers = {"content-disposition": f'attachment; filename="{filename(stem, fmt)}"'}
    if total is not None:
        headers["x-total-count"] = str(total)
    return Response(text, media_type=FORMATS[fmt].media_type, headers=headers)


class Citing:
    """The citation handlers of the reading room's pages (:class:`kartoteka.web.pages.Pages`)."""

    finder: Finder

    def error(self, request: Request, status: int, message: str, expected: str | None) -> Response:
        raise NotImplementedError

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        raise NotImplementedError

    def citations_of(self, request: Request, doc_ids: list[int]) -> list[Citation]:
        return citations(self.finder.archive, doc_ids, accessed=today(),
                         url=lambda collection, name: document_url(request, collection, name))

    def cite_block(self, request: Request, doc_id: int, sha256: str) -> CiteBlock | None:
        """The citation block of a document's page (None when the document is gone)."""
        found = self.citations_of(request, [doc_id])
        if not found:
            return None
        c = found[0]
        links = tuple((label, cite_href(sha256, fmt)) for label, fmt in
                      (("CSL-JSON", "csl-json"), ("BibTeX", "bibtex"), ("RIS", "ris")))
        return CiteBlock(note(c), csl_json(c), meta_tags(c), links)

    async def cite_document(self, request: Request) -> Response:
        fmt = SUFFIXES.get(request.path_params["fmt"])
        p = request.path_params
        doc_id = self.finder.reading.document_id(p["key"] if "key" in p else f"{p['collection']}/{p['name']}")
        if fmt is None or doc_id is None:
            return self.error(request, 404, "no such citation", "/documents/COLLECTION/NAME/cite.json (CSL-JSON), "
                                                                  "cite.bib (BibTeX) or cite.ris (RIS); SHA256 for the address too")
        found = self.citations_of(request, [doc_id])
        if not found:
            return self.error(request, 404, "no such document", "a document's sha256")
        return download(render(found, fmt), fmt, found[0].key)

    async def search_cite(self, request: Request) -> Response:
        """The hits of the current search, best first, as a bibliography (at most ``MAX_CITED``)."""
        fmt = SEARCH_SUFFIXES.get(request.path_params["fmt"], "")
        if fmt not in FORMATS:
            return self.error(request, 404, "no such bibliography",
                              "/api/search.csl.json (CSL-JSON), search.bib (BibTeX) or search.ris (RIS)")
        query = Query.of(request)
        found = self.finder.search(query, 0, MAX_CITED)
        cited = self.citations_of(request, [h.document_id for h in found.result.hits])
        return download(render(cited, fmt), fmt, "search", found.result.total)


def search_cite_links(qs: str) -> tuple[tuple[str, str], ...]:
    """(label, href) of the current search's bibliography downloads (``qs``: its query string)."""
    return tuple((label, f"/api/search.{suffix}{qs}") for label, suffix in
                 (("CSL-JSON", "csl.json"), ("BibTeX", "bib"), ("RIS", "ris")))


__all__ = ["MAX_CITED", "CiteBlock", "Citing", "cite_href", "document_url", "search_cite_links"]

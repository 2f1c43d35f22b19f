"""The reading room's pages and their JSON twins: one method per resource, both from the same values.

Each view (search, timeline, map, network) is filtered by the current search: the query string
(``q``, ``from``, ``to``, ``person``, ``place``, ``org``, ``classification``, ``sender``,
``recipient``) travels with every
link, and the search's matching documents scope what is drawn.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, replace
from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from kartoteka.errors import KartotekaError, Location, QueryError
from kartoteka.export.csv import safe_row
from kartoteka.model import Level, MarkKind
from kartoteka.search.filters import FIELDS
from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, hit_json
from kartoteka.store.citations import MAX_CITED
from kartoteka.store.pageviews import DocumentPage, EntityPage
from kartoteka.store.searcher import Findings
from kartoteka.store.users import Users
from kartoteka.web import auth, figures
from kartoteka.web.citing import Citing
from kartoteka.web.docnav import in_search
from kartoteka.web.editing import Editing
from kartoteka.web.figures import located
from kartoteka.web.finder import Finder, Query
from kartoteka.web.openapi import ENDPOINTS, openapi_document
from kartoteka.web.overviews import Overviews
from kartoteka.web.throttle import Throttle
from kartoteka.web.transcript import Marked, Named, role_note, segments

PAGE_SIZE = 20
MARK_TITLES: dict[str, str] = {
    MarkKind.SUPPLIED: "supplied: words the translator or editor inserted",
    MarkKind.FOREIGN: "foreign: an original-language word kept in brackets",
    MarkKind.SIC: "[sic]: so in the original",
    MarkKind.SIGNED: "signed: a signature mark",
    MarkKind.ILLEGIBLE: "illegible in the original",
    MarkKind.GLOSS: "gloss: an explanatory equivalent",
    MarkKind.REDACTION: "redaction: withheld, not declassified",
    MarkKind.NOTE: "editor's note",
    "query": "matches your search",
}
FACETS = (("person", "People"), ("place", "Places"), ("organization", "Organisations"),
          *((f.name, f.label) for f in FIELDS), ("year", "Year"))
FACET_PARAM = {"person": "person", "place": "place", "organization": "org", **{f.name: f.name for f in FIELDS}}


def facet_query(query: Query, facet: str, key: str) -> Query:
    """The search a facet value links to: ``query`` narrowed by the value the facet counted (an
    entity by its id, a level, a year as a date range)."""
    if facet == "year":
        return query.with_(**{"from": key, "to": key})
    return query.with_(**{FACET_PARAM[facet]: key})


def facet_link(query: Query, facet: str, key: str, label: str, count: int) -> dict[str, Any]:
    """A facet value on the page: a link narrowing the search, or, when already in force, removing it."""
    if facet == "year":
        on = query.date_from == key and query.date_to == key
        off = query.without("from", "").without("to", "") if on else query
    else:
        param = FACET_PARAM[facet]
        on = key in query.values_of(param)
        off = query.without(param, key)
    return {"label": label, "count": count, "on": on, "href": (off if on else facet_query(query, facet, key)).href("/")}


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, highlighted) parts; the markers never reach the page."""
    out: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(HIGHLIGHT_OPEN)):
        if i == 0:
            if chunk:
                out.append((chunk.replace(HIGHLIGHT_CLOSE, ""), False))
            continue
        hit, _, rest = chunk.partition(HIGHLIGHT_CLOSE)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out


def matches(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where the words stand in the text as whole words, any case (at most 500 places)."""
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    return [m.span() for m, _ in zip(pattern.finditer(text), range(500), strict=False)]


def mark_titles(kinds: Sequence[str]) -> str:
    return "; ".join(MARK_TITLES.get(k, k) for k in kinds)


class Pages(Overviews, Editing, Citing):
    """Request handlers over one archive. Reading is open to all; corrections need a user."""

    def __init__(self, users: Users, archive: str, env: Environment, threads: int = 1) -> None:
        self.users = users
        self.archive = archive
        self.env = env
        self.finder = Finder(archive, threads)
        self.throttle = Throttle()
        env.globals["mark_titles"] = mark_titles
        env.globals["max_cited"] = MAX_CITED

    # ------------------------------------------------------------ helpers

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        query: Query = ctx.pop("query", None) or Query.of(request)
        user = auth.current_user(request, self.users)
        base = {
            "page": name.removesuffix(".html"), "q": query.q, "qs": query.qs(), "user": user,
            "csrf": auth.csrf_token(request), "archive_name": self.archive.rsplit("/", 1)[-1],
            "counts": self.finder.reading.counts(), "flash": request.session.pop("flash", ""), "title": "",
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        }
        base.update(ctx)
        return HTMLResponse(self.env.get_template(name).render(**base), status_code=status)

    def error(self, request: Request, status: int, message: str, expected: str | None) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "expected": expected}, status_code=status)
        try:
            return self.render(request, "error.html", status, title=f"{status}", message=message, expected=expected,
                               query=Query())
        except KartotekaError:
            return HTMLResponse(f"<h1>{status}</h1>", status_code=status)

    def _entity_name(self, value: str) -> str:
        """A filter value as a reader knows it: an entity picked from a facet by its preferred name."""
        ref = self.finder.reading.entity_brief(value)
        return ref.name if ref is not None else value

    def scope(self, query: Query) -> list[int] | None:
        """The documents a view is filtered to (None: the whole archive)."""
        if query.empty():
            return None
        return self.finder.document_ids(query)

    # ------------------------------------------------------------ search

    async def search_page(self, request: Request) -> Response:
        query = Query.of(request)
        found: Findings | None = None
        if not query.empty():
            found = self.finder.search(query, query.offset, PAGE_SIZE)
        doc_ids = None if found is None else list(found.all_ids)
        facets = self.finder.facets(doc_ids)
        facet_rows = [(name, label, [facet_link(query, name, c.key, c.label, c.count) for c in facets.of(name)])
                      for name, label in FACETS]
        def typed(value: str) -> bool:
            return self.finder.reading.entity_brief(value) is None

        hits = []
        if found is not None:
            for h in found.result.hits:
                hits.append({"sha256": h.sha256, "title": h.title or h.path.rsplit("/", 1)[-1], "date": h.date,
                             "classification": h.classification, "path": h.path, "address": h.address,
                             "snippet": snippet_parts(h.snippet)})
        prev_href = next_href = None
        if found is not None:
            if query.offset > 0:
                prev_href = query.with_(offset=str(max(0, query.offset - PAGE_SIZE))).href("/")
            if query.offset + PAGE_SIZE < found.result.total:
                next_href = query.with_(offset=str(query.offset + PAGE_SIZE)).href("/")
        return self.render(
            request, "search.html", query=query, title=query.q or "Search", result=found.result if found else None,
            hits=hits, offset=query.offset, prev_href=prev_href, next_href=next_href, facets=facet_rows,
            form=query.form(typed), hidden=query.hidden(typed), levels=[lv.value for lv in Level],
            typed_fields=[(f.name, f.label) for f in FIELDS if f.name != "classification"],
            active=[(label, self._entity_name(value), href) for label, value, href in query.active()],
            expanded=[(w, forms) for w, forms in (found.result.expanded if found else ()) if forms],
            exact=query.exact, switch_href=replace(query, exact=not query.exact, offset=0).href("/"),
            sorts=query.orders() if found is not None else [], sort=query.sort)

    async def search_api(self, request: Request) -> Response:
        query = Query.of(request)
        if query.empty():
            raise QueryError("no query and no filter", location=Location("/api/search"),
                             expected="q, or a filter such as from=1945&to=1947 or person=NAME")
        limit = _int(request.query_params.get("limit"), PAGE_SIZE, 1, 1000)
        found = self.finder.search(query, query.offset, limit)
        facets = self.finder.facets(list(found.all_ids))
        return JSONResponse({
            "query": found.result.query, "total": found.result.total, "offset": query.offset, "limit": limit,
            "hits": [hit_json(h, rank) for rank, h in enumerate(found.result.hits, start=query.offset + 1)],
            "exact": query.exact, "expanded": {w: list(f) for w, f in found.result.expanded},
            "sort": query.order().value,
            "facets": {name: [{"key": c.key, "value": c.label, "count": c.count,
                               "filter": facet_query(Query(), name, c.key).pairs()} for c in facets.of(name)]
                       for name, _ in FACETS},
        })

    async def search_download_json(self, request: Request) -> Response:
        query = Query.of(request)
        found = self.finder.search(query, 0, 10000)
        return JSONResponse([hit_json(h, rank) for rank, h in enumerate(found.result.hits, start=1)],
                            headers={"content-disposition": 'attachment; filename="search.json"'})

    async def search_download_csv(self, request: Request) -> Response:
        query = Query.of(request)
        found = self.finder.search(query, 0, 10000)
        buf = io.StringIO()
        w = csv.writer(buf)
        cols = ["rank", "sha256", "path", "title", "date", "classification", "score", "snippet"]
        w.writerow(cols)
        for i, h in enumerate(found.result.hits, 1):
            snippet = h.snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
            row = [i, h.sha256, h.path, h.title or "", h.date or "", h.classification or "", f"{h.score:.4f}", snippet]
            w.writerow(safe_row(row))
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="search.csv"'})

    # ------------------------------------------------------------ document

    def _document(self, request: Request) -> DocumentPage:
        p = request.path_params
        doc = self.finder.reading.document(p["key"] if "key" in p else f"{p['collection']}/{p['name']}")
        if doc is None:
            raise _NotFound("no such document")
        return doc

    async def document_page(self, request: Request) -> Response:
        try:
            doc = self._document(request)
        except _NotFound as exc:
            if (old := self.finder.reading.earlier(request.path_params.get("key", ""))) is not None:
                return RedirectResponse(f"/documents/{_quote(old[0].collection)}/{_quote(old[0].name)}"
                                        f"?version={old[1]}", status_code=301)
            return self.error(request, 404, str(exc), "an address (collection/name) or a document's sha256 "
                                                      "(or its first 8+ characters)")
        asked_version = _int(request.query_params.get("version"), doc.version, 1, 10**6)
        if asked_version != doc.version:
            return self._version_page(request, doc, asked_version)
        values = [*doc.record, *(a for st in doc.chain for a in (*st.agents, st.date, st.place) if a is not None)]
        spans = [*values, *(d for v in values for d in v.details)]
        cuts = [c for e in spans for c in (e.start, e.end) if c is not None]
        marked = [Marked(m.start, m.end, m.kind) for m in doc.marks]
        asked = Query.of(request)
        marked += [Marked(a, b, "query") for a, b in matches(doc.text, self.finder.highlight_words(asked.q,
                                                                                                   exact=asked.exact))]
        named = [Named(m.start, m.end, m.kind, m.entity) for m in doc.mentions]
        named += [Named(r.start, r.end, "role", r.entity, role_note(r)) for r in doc.roles]
        segs = segments(doc.text, marked, named, cuts)
        names = {m.entity: m.entity_name for m in doc.mentions if m.entity and m.entity_name}
        names.update((r.entity, r.entity_name) for r in doc.roles if r.entity and r.entity_name)
        tally: Counter[tuple[str, str, str]] = Counter(
            (m.entity, m.entity_name or m.text, m.kind) for m in doc.mentions if m.entity)
        people = [(eid, label, kind, n) for (eid, label, kind), n in
                  sorted(tally.items(), key=lambda x: (x[0][2] != "person", -x[1], x[0][1]))]
        cls = next((ev for ev in doc.record if ev.label == "classification"), None)
        groups: dict[str, list[Any]] = {}
        for ev in doc.record:
            groups.setdefault(ev.label, []).append(ev)
        return self.render(request, "document.html", title=doc.title, doc=doc, segs=segs, names=names,
                           around=self.finder.reading.neighbours(doc.id), has_query=bool(asked.q),
                           in_search=in_search(self.finder, asked, doc.sha256, request.query_params.get("hit")),
                           people=people, record=list(groups.items()), corrected=doc.corrected(),
                           levels=[lv.value for lv in Level], classification=cls.value if cls else None,
                           caveats="; ".join(cls.extra.split(", ")) if cls and cls.extra else "",
                           cite=self.cite_block(request, doc.id, doc.sha256))

    def _version_page(self, request: Request, doc: DocumentPage, version: int) -> Response:
        """An earlier transcription of a document, as it was read."""
        shown = next((v for v in doc.versions if v.version == version and not v.current), None)
        text = self.finder.reading.archive.versions.text(doc.id, version) if shown else None
        if shown is None or text is None:
            return self.error(request, 404, f"no version {version} of {doc.address}",
                              f"a version from 1 to {doc.version}")
        return self.render(request, "document_version.html", title=f"{doc.title} (version {version})", doc=doc,
                           shown=shown, text=text)

    async def document_api(self, request: Request) -> Response:
        try:
            doc = self._document(request)
        except _NotFound as exc:
            return self.error(request, 404, str(exc), "an address (collection/name) or a document's sha256")
        return JSONResponse({**asdict(doc), "address": doc.address})

    # ------------------------------------------------------------ entity

    async def entity_page(self, request: Request) -> Response:
        merged = self.finder.reading.merged_into(request.path_params["id"])
        if merged is not None:
            return RedirectResponse(f"/entities/{_quote(merged)}", status_code=301)
        e = self._entity(request)
        if e is None:
            return self.error(request, 404, "no such entity", "an entity id from a document or search page")
        top = max((y.count for y in e.years), default=1)
        years = [{"label": y.label, "count": y.count, "h": 40 * y.count / top} for y in e.years]
        points = figures.map_points(located(e.places))
        return self.render(request, "entity.html", title=e.name, e=e, years=years, points=points,
                           view=figures.frame(points), search_name=_quote(e.name),
                           filter_param=FACET_PARAM.get(e.kind))

    def _entity(self, request: Request) -> EntityPage | None:
        """One page of an entity: ``docs`` is the offset of its documents, ``after`` the last mention
        id already seen (both from the page's "more" links)."""
        q = request.query_params
        return self.finder.reading.entity(request.path_params["id"],
                                          documents_from=_int(q.get("docs"), 0, 0, 10**9),
                                          mentions_after=_int(q.get("after"), 0, 0, 2**62))

    async def entity_api(self, request: Request) -> Response:
        e = self._entity(request)
        if e is None:
            return self.error(request, 404, "no such entity", "an entity id")
        return JSONResponse(asdict(e))

    async def entities_api(self, request: Request) -> Response:
        kind = request.query_params.get("kind", "person")
        prefix = request.query_params.get("prefix", "")
        return JSONResponse([asdict(x) for x in self.finder.reading.entities_like(kind, prefix)])

    # ------------------------------------------------------------ sign-in

    async def login(self, request: Request) -> Response:
        nxt = request.query_params.get("next", "/")
        if request.method == "POST":
            form = await request.form()
            nxt = str(form.get("next") or "/")
            if not auth.csrf_ok(request, form.get("csrf")):
                return self.render(request, "login.html", 403, title="Sign in", error="The form expired; try again.",
                                   next=_local(nxt), signing_in=str(form.get("name", "")))
            name, address = str(form.get("name", "")), request.client.host if request.client else ""
            wait = self.throttle.wait(name, address)
            if wait:
                page = self.render(request, "login.html", 429, title="Sign in", next=_local(nxt), signing_in=name,
                                   error=f"Too many failed sign-ins; try again in {wait} seconds.")
                page.headers["retry-after"] = str(wait)
                return page
            user = self.users.sign_in(name, str(form.get("password", "")))
            if user is None:
                self.throttle.failed(name, address)
                return self.render(request, "login.html", 401, title="Sign in", error="Wrong name or password.",
                                   next=_local(nxt), signing_in=name)
            self.throttle.succeeded(name)
            auth.sign_in(request, self.users, user)
            return RedirectResponse(_local(nxt), status_code=303)
        return self.render(request, "login.html", title="Sign in", error=None, next=_local(nxt))

    async def logout(self, request: Request) -> Response:
        form = await request.form()
        if auth.csrf_ok(request, form.get("csrf")):
            auth.sign_out(request, self.users)
        return RedirectResponse("/", status_code=303)

    # ------------------------------------------------------------ API description

    async def api_page(self, request: Request) -> Response:
        return self.render(request, "api.html", title="API", endpoints=ENDPOINTS)

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document())


class _NotFound(Exception):
    pass


def _int(raw: str | None, default: int, lo: int, hi: int) -> int:
    try:
        val = int(raw) if raw is not None else default
    except ValueError:
        return default
    return min(max(val, lo), hi)


def _local(url: str) -> str:
    """Only same-site paths are followed after sign-in (no open redirect)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe=":")


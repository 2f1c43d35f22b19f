"""The reading room's read side of one open archive: its pages (:class:`PageReader`) and the
overviews of a search's documents (facets, timeline, map, person network), over the archive's
:class:`Dialect` and written once for both stores.

A search's documents arrive as a list of row ids, bound as one parameter (``Dialect.any_of``); None
stands for the whole archive. Facet counts are the archive's own (``Archive.counts``: the search's
facet index), so the CLI and the reading room count alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kartoteka.search.filters import Filters
from kartoteka.store.memo import ContentMemo, ids_key
from kartoteka.store.pages import DOC_COLUMNS, PAGE, PageReader, docref
from kartoteka.store.pageviews import (
    Count,
    DocRef,
    DocumentPage,
    EntityBrief,
    EntityPage,
    Facets,
    PersonLink,
    PersonNetwork,
    PlaceDocuments,
    PlacePoint,
    Timeline,
    authority,
)

TIMELINE_LIST = 1000  # dated documents a timeline lists
NETWORK_DOCUMENTS = 5000
MAP_PLACES = 400
FACET_KINDS = ("person", "place", "organization")
FACETS: ContentMemo[Facets] = ContentMemo(256)  # a reading room's facet counts, by the documents counted
PAGES: ContentMemo[DocumentPage | EntityPage | None] = ContentMemo(512)  # its document and entity pages


class Reading(PageReader):
    """Pages and overviews of one open archive (``Archive.reading``); one per connection. With
    ``kept`` (:meth:`Archive.keep_read_values`, a reading room's) facets and pages are kept per
    content version."""

    kept = False

    def _scope(self, column: str, doc_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
        """A condition restricting ``column`` to the documents (None: no restriction) and its parameter."""
        if doc_ids is None:  # every document but the withdrawn ones (an index probe says whether there are any)
            if self.db.rows("SELECT id FROM documents WHERE withdrawn_at IS NOT NULL LIMIT 1"):
                return f"{column} IN (SELECT id FROM documents WHERE withdrawn_at IS NULL)", []
            return "1 = 1", []
        return self.db.any_of(column), [self.db.listed(doc_ids)]

    # -- pages, kept for the content version (corrections move it: a page shows them at once)

    def document_page(self, doc_id: int) -> DocumentPage | None:
        if not self.kept:
            return super().document_page(doc_id)
        got = PAGES.get(self.db.identity, ("document", doc_id), self.db.fts_version(),
                        lambda: super(Reading, self).document_page(doc_id))
        assert got is None or isinstance(got, DocumentPage)
        return got

    def entity(self, entity_id: str, *, documents_from: int = 0, mentions_after: int = 0,
               page: int = PAGE) -> EntityPage | None:
        if not self.kept:
            return super().entity(entity_id, documents_from=documents_from, mentions_after=mentions_after, page=page)
        got = PAGES.get(self.db.identity, ("entity", entity_id, documents_from, mentions_after, page),
                        self.db.fts_version(), lambda: super(Reading, self).entity(
                            entity_id, documents_from=documents_from, mentions_after=mentions_after, page=page))
        assert got is None or isinstance(got, EntityPage)
        return got
    # -- the collection in reading order

    def neighbours(self, doc_id: int) -> tuple[DocRef | None, DocRef | None]:
        """The documents before and after this one in the collection's reading order: by date (the
        first day it covers; undated last), then by path (the file's name in its folder), then id."""
        key = ("CASE WHEN date_not_before IS NULL THEN 1 ELSE 0 END", "COALESCE(date_not_before, '')", "path", "id")
        me = self.db.rows(f"SELECT {', '.join(f'{k} AS k{i}' for i, k in enumerate(key))} FROM documents "
                          "WHERE id = ?", (doc_id,))
        if not me:
            return None, None
        at = [me[0][f"k{i}"] for i in range(len(key))]
        row = f"({', '.join(key)})"
        places = f"({', '.join('?' for _ in key)})"
        out: list[DocRef | None] = []
        for cmp, order in (("<", "DESC"), (">", "ASC")):
            rows = self.db.rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE {row} {cmp} {places} "
                                f"ORDER BY {', '.join(f'{k} {order}' for k in key)} LIMIT 1", at)
            out.append(docref(rows[0]) if rows else None)
        return out[0], out[1]

    def mention_ids(self, entity_id: str, spellings: Sequence[str]) -> list[int]:
        """The ids of the entity's mentions spelled one of these ways (what a split or re-attach
        chooses by spelling instead of one id per occurrence), in order of position."""
        if not spellings:
            return []
        rows = self.db.rows(f"SELECT id FROM mentions WHERE entity_id = ? AND {self.db.any_of('text')} "
                            "ORDER BY document_id, start", (entity_id, self.db.listed(list(spellings))))
        return [int(r["id"]) for r in rows]

    # -- facets

    def facets(self, doc_ids: Sequence[int] | None, limit: int = 12) -> Facets:
        """Counts over these documents (None: all), each as the search's filter for the value matches:
        the archive's own facet counts (an entity by the documents linked to it, a field's value (level,
        language, type) as stored, a
        year for every year a document's date covers). A place is also a document's origin: those
        counts come from the archive's own place filter. Kept for the content version (``FACETS``):
        the page with no search and a name many readers look up are counted once."""
        if not self.kept:
            return self._facets(doc_ids, limit)
        return FACETS.get(self.db.identity, ("facets", ids_key(doc_ids), limit), self.db.fts_version(),
                          lambda: self._facets(doc_ids, limit))

    def _facets(self, doc_ids: Sequence[int] | None, limit: int) -> Facets:
        ids = doc_ids if doc_ids is not None else [int(i) for i in self.db.id_array(
            "SELECT id FROM documents WHERE withdrawn_at IS NULL")]
        counts = self.archive.counts(ids)
        kinds = {kind: self._top([(e, n) for k, e, n in counts.entities if k == kind], limit) for kind in FACET_KINDS}
        places = self._places_as_filtered(kinds["place"], doc_ids)
        fields = tuple((name, tuple(Count(v, v, n) for v, n in sorted(values, key=lambda x: (-x[1], x[0]))))
                       for name, values in counts.fields)
        return Facets(kinds["person"], places, kinds["organization"],
                      tuple(Count(y, y, n) for y, n in sorted(counts.years)), fields)

    def _top(self, counted: list[tuple[str, int]], limit: int) -> tuple[Count, ...]:
        """The ``limit`` most counted entities, ties by name then id."""
        if not counted:
            return ()
        counted.sort(key=lambda x: -x[1])
        least = counted[min(limit, len(counted)) - 1][1]
        wanted = dict(x for x in counted if x[1] >= least)
        names = {r["id"]: r["name"] for r in self.db.rows(
            f"SELECT id, name FROM entities WHERE {self.db.any_of('id')}", (self.db.listed(wanted),))}
        ranked = sorted((Count(e, names[e], n) for e, n in wanted.items() if e in names),
                        key=lambda c: (-c.count, c.label, c.key))
        return tuple(ranked[:limit])

    def _places_as_filtered(self, top: tuple[Count, ...], doc_ids: Sequence[int] | None) -> tuple[Count, ...]:
        """The places recounted as the search's place filter keeps documents (named or sent from
        there), in one pass over the documents."""
        if not top:
            return ()
        cols: list[str] = []
        args: list[Any] = []
        for i, c in enumerate(top):
            where, params = self.archive.filter_clause(Filters(places=(c.key,)))
            cols.append(f"count(CASE WHEN {where.removeprefix(' WHERE ')} THEN 1 END) AS n{i}")
            args.extend(params)
        scope, extra = self._scope("d.id", doc_ids)
        row = self.db.rows(f"SELECT {', '.join(cols)} FROM documents d WHERE {scope}", (*args, *extra))[0]
        places = [Count(c.key, c.label, int(row[f"n{i}"])) for i, c in enumerate(top)]
        return tuple(sorted((c for c in places if c.count), key=lambda c: (-c.count, c.label)))

    # -- timeline and map

    def within(self, doc_ids: Sequence[int] | None, start: str | None, end: str | None) -> list[int] | None:
        """The documents (None: the whole archive) whose date begins from month ``start`` to month
        ``end`` (``YYYY-MM``, either open), ascending; the documents unchanged when both are open."""
        if not start and not end:
            return None if doc_ids is None else list(doc_ids)
        scope, p = self._scope("+id", doc_ids)
        cond, q = _months(start, end)
        return sorted(int(i) for i in self.db.id_array(f"SELECT id FROM documents WHERE {cond} AND {scope}", (*q, *p)))

    def timeline(self, doc_ids: Sequence[int] | None, listed: int = TIMELINE_LIST, *, start: str | None = None,
                 end: str | None = None, offset: int = 0,
                 counted: tuple[tuple[Count, ...], int, int] | None = None) -> Timeline:
        """Documents per month (:meth:`timeline_months`, or ``counted`` when already read), and a page
        of the dated documents (``listed`` from ``offset``) whose date begins from month ``start`` to
        month ``end`` (either open), oldest first: the list walks the date index and stops."""
        scope, p = self._scope("+id", doc_ids)
        months, undated, dated = counted or self.timeline_months(doc_ids)
        cond, q = _months(start, end)
        total = dated if not (start or end) else int(self.db.rows(
            f"SELECT count(*) AS n FROM documents WHERE {cond} AND {scope}", (*q, *p))[0]["n"])
        docs = self.db.rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE {cond} AND {scope} "
                            "ORDER BY date_not_before, id LIMIT ? OFFSET ?", (*q, *p, listed, max(offset, 0)))
        events_scope, ep = self._scope("document_id", doc_ids)
        events = self.db.rows(
            f"SELECT substr(iso, 1, 4) AS y, count(*) AS n FROM dates WHERE {events_scope} "
            "GROUP BY substr(iso, 1, 4) ORDER BY y", ep)
        return Timeline(months, tuple(docref(r) for r in docs if r["date_iso"]),
                        tuple(Count(r["y"], r["y"], int(r["n"])) for r in events),
                        undated, dated, max(offset, 0), total, start, end)

    def timeline_months(self, doc_ids: Sequence[int] | None) -> tuple[tuple[Count, ...], int, int]:
        """Documents per month (those dated to one), then the undated and the dated documents, from
        the date index alone (a document's month is its date's when both bounds fall in one month)."""
        # ``+id``: with a search's documents the date index is still read alone, never row by row
        scope, p = self._scope("+id", doc_ids)
        spans = self.db.rows(
            "SELECT substr(date_not_before, 1, 7) AS m, substr(date_not_after, 1, 7) AS m2, count(*) AS n "
            f"FROM documents WHERE {scope} GROUP BY substr(date_not_before, 1, 7), substr(date_not_after, 1, 7)", p)
        months: dict[str, int] = {}
        undated = dated = 0
        for r in spans:
            if r["m"] is None:
                undated += int(r["n"])
                continue
            dated += int(r["n"])
            if r["m"] == r["m2"]:
                months[str(r["m"])] = months.get(str(r["m"]), 0) + int(r["n"])
        return tuple(Count(m, m, n) for m, n in sorted(months.items())), undated, dated

    def timeline_position(self, doc_ids: Sequence[int] | None, start: str | None, month: str) -> int:
        """How many dated documents from month ``start`` come before month ``month`` in the timeline's
        list (the offset its first document of that month has)."""
        scope, p = self._scope("+id", doc_ids)
        cond, q = _months(start, None)
        row = self.db.rows(f"SELECT count(*) AS n FROM documents WHERE {cond} AND date_not_before < ? AND {scope}",
                           (*q, month, *p))
        return int(row[0]["n"])

    def place_documents(self, place: str, doc_ids: Sequence[int] | None, listed: int = 50) -> PlaceDocuments:
        """A place's documents in time, as the search's place filter keeps them (named there or sent
        from there): per year (and per month, those dated to one), and the first ``listed`` dated
        ones, oldest first."""
        brief = self.entity_brief(place)
        if brief is None:
            return PlaceDocuments(place, place, (), (), 0, ())
        where, params = self.archive.filter_clause(Filters(places=(place,)))
        scope, p = self._scope("+d.id", doc_ids)
        spans = self.db.rows(
            "SELECT substr(d.date_not_before, 1, 7) AS m, substr(d.date_not_after, 1, 7) AS m2, count(*) AS n "
            f"FROM documents d{where} AND {scope} AND d.date_not_before IS NOT NULL "
            "GROUP BY substr(d.date_not_before, 1, 7), substr(d.date_not_after, 1, 7)", (*params, *p))
        years: dict[str, int] = {}
        months: dict[str, int] = {}
        for r in spans:
            years[str(r["m"])[:4]] = years.get(str(r["m"])[:4], 0) + int(r["n"])
            if r["m"] == r["m2"]:
                months[str(r["m"])] = months.get(str(r["m"]), 0) + int(r["n"])
        cols = ", ".join(f"d.{c.strip()}" for c in DOC_COLUMNS.split(","))
        docs = self.db.rows(f"SELECT {cols} FROM documents d{where} AND {scope} AND d.date_not_before IS NOT NULL "
                            "ORDER BY d.date_not_before, d.id LIMIT ?", (*params, *p, listed))
        return PlaceDocuments(place, brief.name, tuple(Count(y, y, n) for y, n in sorted(years.items())),
                              tuple(docref(r) for r in docs), sum(years.values()),
                              tuple(Count(m, m, n) for m, n in sorted(months.items())))

    def places(self, doc_ids: Sequence[int] | None) -> list[PlacePoint]:
        """The places named in the documents, most named first (with their coordinates when known)."""
        scope, p = self._scope("document_id", doc_ids)
        # counted per entity in document_entities (one row per document and entity) first, named after
        rows = self.db.rows(
            "SELECT e.id, e.name, e.latitude, e.longitude, e.authority, c.n FROM (SELECT entity_id, count(*) AS n "
            f"FROM document_entities WHERE {scope} GROUP BY entity_id) c JOIN entities e ON e.id = c.entity_id "
            "WHERE e.kind = 'place' OR e.latitude IS NOT NULL ORDER BY c.n DESC, e.name LIMIT ?", (*p, MAP_PLACES))
        return [PlacePoint(r["id"], r["name"], r["latitude"], r["longitude"], int(r["n"]), authority(r["authority"]))
                for r in rows]

    # -- the person network

    def network(self, doc_ids: Sequence[int] | None, limit: int = 60, *, ego: str | None = None,
                least: int = 1) -> PersonNetwork:
        """People named in the documents: co-mentions (same document, at least ``least`` of them) and
        transmission (sender → recipient, and one step of a transmission chain → the next), counted
        over the first :data:`NETWORK_DOCUMENTS` of the documents (of the archive: by id) so that a
        page's cost does not grow with the archive.

        The ``limit`` most named people; with ``ego`` (a person's id), that person and the people named
        with them in at least ``least`` documents (the most such first), and the ties among them."""
        if doc_ids is None:
            doc_ids = [int(r["id"]) for r in self.db.rows("SELECT id FROM documents WHERE withdrawn_at IS NULL ORDER BY id LIMIT ?",
                                                          (NETWORK_DOCUMENTS + 1,))]
        counted = min(len(doc_ids), NETWORK_DOCUMENTS)
        ids = self.db.listed(doc_ids[:NETWORK_DOCUMENTS])
        scope = self.db.any_of("document_id")
        named = (f"SELECT document_id, entity_id FROM document_entities WHERE {scope} UNION "
                 f"SELECT document_id, entity_id FROM agents WHERE entity_id IS NOT NULL AND {scope}")
        if ego is None:
            # counted per entity first (the union has each document once), then named: joining first
            # walks every person of the archive
            people = self.db.rows(
                f"SELECT e.id, e.kind, e.name, c.n FROM (SELECT x.entity_id, count(*) AS n FROM ({named}) x "
                "GROUP BY x.entity_id) c JOIN entities e ON e.id = c.entity_id "
                "WHERE e.kind = 'person' ORDER BY c.n DESC, e.name LIMIT ?", (ids, ids, limit))
        else:
            people = self._ego(ego, named, ids, limit, least)
        nodes = tuple(EntityBrief(r["id"], r["kind"], r["name"], int(r["n"])) for r in people)
        return PersonNetwork(nodes, self._ties(nodes, ids, least), counted, len(doc_ids) > counted)

    def _ego(self, ego: str, named: str, ids: Any, limit: int, least: int) -> list[Any]:
        """The person ``ego`` and the ``limit - 1`` people named with them most often (in ``least``
        documents at least), each with their documents in the scope."""
        mine = self.db.rows(f"SELECT x.document_id FROM ({named}) x WHERE x.entity_id = ?", (ids, ids, ego))
        own = self.db.listed(sorted({int(r["document_id"]) for r in mine}))
        if not mine:
            return [r for r in self.db.rows("SELECT id, kind, name, 0 AS n FROM entities WHERE id = ? "
                                            "AND kind = 'person'", (ego,))]
        near = self.db.rows(
            f"SELECT x.entity_id AS id, count(*) AS n FROM ({named}) x JOIN entities e ON e.id = x.entity_id "
            "WHERE e.kind = 'person' GROUP BY x.entity_id", (own, own))
        shared = {r["id"]: int(r["n"]) for r in near}
        chosen = [ego, *sorted((e for e, n in shared.items() if e != ego and n >= least), key=lambda e: (-shared[e], e))[:limit - 1]]
        keep = self.db.listed(chosen)
        rows = self.db.rows(
            f"SELECT e.id, e.kind, e.name, count(*) AS n FROM ({named}) x JOIN entities e ON e.id = x.entity_id "
            f"WHERE {self.db.any_of('x.entity_id')} GROUP BY e.id, e.kind, e.name", (ids, ids, keep))
        order = {e: i for i, e in enumerate(chosen)}
        return sorted(rows, key=lambda r: order[r["id"]])

    def _ties(self, nodes: tuple[EntityBrief, ...], ids: Any, least: int) -> tuple[PersonLink, ...]:
        """Co-mentions in ``least`` documents at least, and transmission ties, among ``nodes``."""
        keep = self.db.listed([n.id for n in nodes])
        scope = self.db.any_of("document_id")
        # ``entity_id || ''`` (no index on it): the scope's documents are read by document, not the people's by person
        kept = self.db.any_of("entity_id || ''")
        co = self.db.rows(
            f"WITH x AS (SELECT document_id, entity_id FROM document_entities WHERE {kept} AND {scope} UNION "
            f"SELECT document_id, entity_id FROM agents WHERE {kept} AND {scope}) "
            "SELECT a.entity_id AS s, b.entity_id AS t, count(*) AS n FROM x a JOIN x b "
            "ON a.document_id = b.document_id AND a.entity_id < b.entity_id GROUP BY a.entity_id, b.entity_id "
            "HAVING count(*) >= ? ORDER BY a.entity_id, b.entity_id", (keep, ids, keep, ids, max(least, 1)))
        chain = self.db.rows(
            "SELECT a.entity_id AS s, b.entity_id AS t, count(DISTINCT a.document_id) AS n FROM agents a "
            "JOIN agents b ON a.document_id = b.document_id AND ((a.role = 'sender' AND b.role = 'recipient') "
            "OR (a.role = 'chain' AND b.role = 'chain' AND b.step = a.step + 1)) "
            f"WHERE {self.db.any_of('a.document_id')} AND {kept.replace('entity_id', 'a.entity_id')} "
            f"AND {kept.replace('entity_id', 'b.entity_id')} AND a.entity_id <> b.entity_id "
            "GROUP BY a.entity_id, b.entity_id ORDER BY a.entity_id, b.entity_id", (ids, keep, keep))
        edges = [PersonLink(r["s"], r["t"], int(r["n"]), "co-mention") for r in co]
        edges += [PersonLink(r["s"], r["t"], int(r["n"]), "chain") for r in chain]
        return tuple(edges)

    def version(self) -> object:
        """The archive's content version (moves with every change to documents, links, entities or
        corrections): what a figure computed from these overviews may be kept by."""
        return self.db.fts_version()


def _after(month: str) -> str:
    """The month after ``YYYY-MM``."""
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"


def _months(start: str | None, end: str | None) -> tuple[str, list[Any]]:
    """The condition "dated, beginning from month ``start`` to month ``end``" (either open) on
    ``date_not_before`` (an ISO date: compared as text, so ``"1946-03" <= "1946-03-09"``)."""
    cond, args = ["date_not_before IS NOT NULL"], []
    if start:
        cond.append("date_not_before >= ?")
        args.append(start)
    if end:
        cond.append("date_not_before < ?")
        args.append(_after(end))
    return " AND ".join(cond), args


__all__ = ["NETWORK_DOCUMENTS", "TIMELINE_LIST", "Reading"]

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
from kartoteka.store.holdings import collection_counts
from kartoteka.store.pages import DOC_COLUMNS, PageReader, docref
from kartoteka.store.pageviews import (
    Count,
    EntityBrief,
    Facets,
    PersonLink,
    PersonNetwork,
    PlacePoint,
    Timeline,
    authority,
)

TIMELINE_LIST = 1000  # dated documents a timeline lists
NETWORK_DOCUMENTS = 5000
MAP_PLACES = 400
FACET_KINDS = ("person", "place", "organization")


class Reading(PageReader):
    """Pages and overviews of one open archive (``Archive.reading``); one per connection."""

    def _scope(self, column: str, doc_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
        """A condition restricting ``column`` to the documents (None: no restriction) and its parameter."""
        if doc_ids is None:  # every document but the withdrawn ones (an index probe says whether there are any)
            if self.db.rows("SELECT id FROM documents WHERE withdrawn_at IS NOT NULL LIMIT 1"):
                return f"{column} IN (SELECT id FROM documents WHERE withdrawn_at IS NULL)", []
            return "1 = 1", []
        return self.db.any_of(column), [self.db.listed(doc_ids)]

    # -- facets

    def facets(self, doc_ids: Sequence[int] | None, limit: int = 12) -> Facets:
        """Counts over these documents (None: all), each as the search's filter for the value matches:
        the archive's own facet counts (an entity by the documents linked to it, a level as stored, a
        year for every year a document's date covers). A place is also a document's origin: those
        counts come from the archive's own place filter."""
        ids = doc_ids if doc_ids is not None else [int(i) for i in self.db.id_array(
            "SELECT id FROM documents WHERE withdrawn_at IS NULL")]
        counts = self.archive.counts(ids)
        kinds = {kind: self._top([(e, n) for k, e, n in counts.entities if k == kind], limit) for kind in FACET_KINDS}
        places = self._places_as_filtered(kinds["place"], doc_ids)
        return Facets(kinds["person"], places, kinds["organization"],
                      tuple(Count(c, c, n) for c, n in sorted(counts.levels, key=lambda x: (-x[1], x[0]))),
                      tuple(Count(y, y, n) for y, n in sorted(counts.years)),
                      tuple(Count(c, c, n) for c, n in collection_counts(self.db, ids)[:limit]))

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

    def timeline(self, doc_ids: Sequence[int] | None, listed: int = TIMELINE_LIST) -> Timeline:
        """Documents per month and the first ``listed`` dated documents, oldest first.

        Counts come from the date index alone (a document's month is its date's when the date is
        known to the month: both bounds in one month); the list walks that index and stops."""
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
        docs = self.db.rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE date_not_before IS NOT NULL AND {scope} "
                            "ORDER BY date_not_before, id LIMIT ?", (*p, listed))
        events_scope, ep = self._scope("document_id", doc_ids)
        events = self.db.rows(
            f"SELECT substr(iso, 1, 4) AS y, count(*) AS n FROM dates WHERE {events_scope} "
            "GROUP BY substr(iso, 1, 4) ORDER BY y", ep)
        return Timeline(
            tuple(Count(m, m, n) for m, n in sorted(months.items())),
            tuple(docref(r) for r in docs if r["date_iso"]),
            tuple(Count(r["y"], r["y"], int(r["n"])) for r in events),
            undated, dated)

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

    def network(self, doc_ids: Sequence[int] | None, limit: int = 60) -> PersonNetwork:
        """People named in the documents: co-mentions (same document) and transmission (sender → recipient,
        and one step of a transmission chain → the next), counted over the first :data:`NETWORK_DOCUMENTS`
        of the documents (of the archive: by id) so that a page's cost does not grow with the archive."""
        if doc_ids is None:
            doc_ids = [int(r["id"]) for r in self.db.rows("SELECT id FROM documents WHERE withdrawn_at IS NULL ORDER BY id LIMIT ?",
                                                          (NETWORK_DOCUMENTS + 1,))]
        counted = min(len(doc_ids), NETWORK_DOCUMENTS)
        ids = self.db.listed(doc_ids[:NETWORK_DOCUMENTS])
        scope = self.db.any_of("document_id")
        # counted per entity first (the union has each document once), then named: joining first walks
        # every person of the archive
        people = self.db.rows(
            "SELECT e.id, e.kind, e.name, c.n FROM (SELECT x.entity_id, count(*) AS n FROM "
            f"(SELECT document_id, entity_id FROM document_entities WHERE {scope} UNION "
            f" SELECT document_id, entity_id FROM agents WHERE entity_id IS NOT NULL AND {scope}) x "
            "GROUP BY x.entity_id) c JOIN entities e ON e.id = c.entity_id "
            "WHERE e.kind = 'person' ORDER BY c.n DESC, e.name LIMIT ?", (ids, ids, limit))
        nodes = tuple(EntityBrief(r["id"], r["kind"], r["name"], int(r["n"])) for r in people)
        keep = self.db.listed([n.id for n in nodes])
        # ``entity_id || ''`` (no index on it): the scope's documents are read by document, not the people's by person
        kept = self.db.any_of("entity_id || ''")
        co = self.db.rows(
            f"WITH x AS (SELECT document_id, entity_id FROM document_entities WHERE {kept} AND {scope} UNION "
            f"SELECT document_id, entity_id FROM agents WHERE {kept} AND {scope}) "
            "SELECT a.entity_id AS s, b.entity_id AS t, count(*) AS n FROM x a JOIN x b "
            "ON a.document_id = b.document_id AND a.entity_id < b.entity_id GROUP BY a.entity_id, b.entity_id "
            "ORDER BY a.entity_id, b.entity_id", (keep, ids, keep, ids))
        chain = self.db.rows(
            "SELECT a.entity_id AS s, b.entity_id AS t, count(DISTINCT a.document_id) AS n FROM agents a "
            "JOIN agents b ON a.document_id = b.document_id AND ((a.role = 'sender' AND b.role = 'recipient') "
            "OR (a.role = 'chain' AND b.role = 'chain' AND b.step = a.step + 1)) "
            f"WHERE {self.db.any_of('a.document_id')} AND {kept.replace('entity_id', 'a.entity_id')} "
            f"AND {kept.replace('entity_id', 'b.entity_id')} AND a.entity_id <> b.entity_id "
            "GROUP BY a.entity_id, b.entity_id ORDER BY a.entity_id, b.entity_id", (ids, keep, keep))
        edges = [PersonLink(r["s"], r["t"], int(r["n"]), "co-mention") for r in co]
        edges += [PersonLink(r["s"], r["t"], int(r["n"]), "chain") for r in chain]
        return PersonNetwork(nodes, tuple(edges), counted, len(doc_ids) > counted)


__all__ = ["NETWORK_DOCUMENTS", "TIMELINE_LIST", "Reading"]

"""Search over an archive: names resolved to every spelling, filters, ranking, snippets, facets.

Written once over a :class:`Dialect`. A search gets every match with its score as arrays
(:mod:`kartoteka.store.matches`: from the full-text index, or from lists kept since the archive
last changed), narrows them by the filters, and cuts the page in the order asked for (the
backend's score, the date either way, the title: :class:`kartoteka.search.filters.Sort`; ties by
document id); without words, the documents the filters keep are the matches. The total and the
exact facets count every match; snippets are cut for the page alone. Filters are conditions on a document id answered from indexes (dates, levels, entities,
mentions, header places, agents): as id sets for a search, and as the public
:meth:`Searcher.filter_clause` over ``documents d`` for browsing and counting like a search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kartoteka.readers.shelfmark import address
from kartoteka.search.filters import FIELDS, Filters, Sort, sort_order
from kartoteka.search.query import Node, parse_query
from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN, Hit, SearchResult
from kartoteka.search.variants import Lookup, expand, name_keys
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.facets import Tally
from kartoteka.store.matches import Ids, MatchCache, Matches, evaluate
from kartoteka.store.ordering import Ordering

SNIPPET_WORDS = 24
NAME_IDS = 200  # entities a typed name may stand for in a filter
NAME_FORMS = 500  # spellings of a name matched among mentions not linked yet
GAZETTEER = "gazetteer"  # the method of a spelling joined to a place by the gazetteer alone
FULL_LINK = 0.999  # a spelling's link score at which search widens through it (1.0, less float error)
_LIVE = " AND d.withdrawn_at IS NULL"  # a withdrawn document is browsed by none
_CLAUSES_KEPT = 1024  # filter clauses kept per connection (a reading room asks for the same few)

# SQL with ``{id}`` for the document id, its parameters, and the same condition as a SELECT of
# the document ids that meet it (parameters the same, in the same order)
Condition = tuple[str, list[Any], str]


@dataclass(frozen=True, slots=True)
class Findings:
    """A page of hits, and every matching document's id in ascending order (what a reading room's
    other views narrow to)."""

    result: SearchResult
    all_ids: tuple[int, ...]



def _within(select: str, params: list[Any]) -> Condition:
    """The condition that a document id is among those ``select`` gives."""
    return f"{{id}} IN ({select})", params, select


class Searcher:
    """The search side of one open archive (``links_stale`` tells whether mentions wait for linking)."""

    def __init__(self, db: Dialect, links_stale: Callable[[], bool]) -> None:
        self.db = db
        self.links_stale = links_stale
        self.tally = Tally(db)
        self.cache = MatchCache(db.fts_scored)
        self._clauses: dict[Filters, tuple[str, list[Any]]] = {}  # for one content version
        self._clauses_version: object = None
        self.ordering = Ordering(db)

    # --- names -----------------------------------------------------------------------------------
    def entity_ids(self, name: str, kind: str | None) -> list[str]:
        """Entities called ``name`` in any known spelling or script (or with that id)."""
        kind_sql = " AND e.kind = ?" if kind else ""
        args: tuple[Any, ...] = (kind,) if kind else ()
        rows = self.db.query(f"SELECT e.id FROM entities e WHERE e.id = ?{kind_sql}", (name, *args))
        if rows:
            return [str(rows[0][0])]
        keys = name_keys(name)
        forms = {name} | self.forms(keys)
        out: list[str] = []
        parts = [sorted(forms)[i:i + 500] for i in range(0, len(forms), 500)]
        for part in parts:  # the entities' own spellings first: a small table
            rows = self.db.query(
                f"SELECT DISTINCT coalesce(e.merged_into, e.id) FROM name_variants v JOIN entities e "
                f"ON e.id = v.entity_id WHERE v.variant IN ({marks(len(part))}){kind_sql}", (*part, *args))
            out.extend(str(r[0]) for r in rows)
        for part in parts if not out else ():  # then what mentions spelt so point to
            rows = self.db.query(
                f"SELECT DISTINCT m.entity_id FROM mentions m WHERE m.text IN ({marks(len(part))})"
                f"{kind_sql.replace('e.kind', 'm.kind')} AND m.entity_id IS NOT NULL", (*part, *args))
            out.extend(str(r[0]) for r in rows)
        if not out:  # a part of a name ("Imami" for "Dzhmal Imami"): whole words of a spelling
            for form in sorted(forms)[:20]:
                rows = self.db.query(
                    f"SELECT DISTINCT coalesce(e.merged_into, e.id) FROM name_variants v JOIN entities e "
                    f"ON e.id = v.entity_id WHERE (v.variant LIKE ? OR v.variant LIKE ? OR v.variant LIKE ?)"
                    f"{kind_sql}", (form + " %", "% " + form, "% " + form + " %", *args))
                out.extend(str(r[0]) for r in rows)
        return list(dict.fromkeys(out))

    def forms(self, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        rows = self.db.query(f"SELECT form FROM name_keys WHERE key IN ({marks(len(keys))})", list(keys))
        return {str(r[0]) for r in rows}

    def entity_forms(self, keys: Sequence[str]) -> dict[str, bool]:
        """Every spelling of every entity one of whose spellings has one of these keys, and whether
        linking joined both spellings at full strength (a join on similarity, "Beria" to "Berry" at
        0.89, is weaker). A gazetteer's match of a spelling to a place by a world list's other
        names ("Молотов" → Perm, "Kasim" → Kafr Qasim) is no join of spellings at all."""
        return self._linked(self.forms(keys))

    def _linked(self, forms: set[str]) -> dict[str, bool]:
        if not forms:
            return {}
        part = sorted(forms)[:500]
        rows = self.db.rows(
            f"SELECT v2.variant, min(v.score) AS found, min(v2.score) AS other "
            f"FROM name_variants v JOIN name_variants v2 "
            f"ON v2.entity_id = v.entity_id WHERE v.variant IN ({marks(len(part))}) AND v.method <> ? "
            f"AND v2.method <> ? GROUP BY v2.variant", [*part, GAZETTEER, GAZETTEER])
        return {str(r["variant"]): min(float(r["found"]), float(r["other"])) >= FULL_LINK for r in rows}

    def names(self, forms: Sequence[str]) -> set[str]:
        """Those of ``forms`` the archive has as names: a mention's text or an entity's spelling."""
        out: set[str] = set()
        for i in range(0, len(forms), 500):
            part = list(forms[i:i + 500])
            held = marks(len(part))
            rows = self.db.query(f"SELECT variant FROM name_variants WHERE variant IN ({held}) UNION "
                                 f"SELECT text FROM mentions WHERE text IN ({held})", [*part, *part])
            out.update(str(r[0]) for r in rows)
        return out

    def lookup(self) -> Lookup:
        """The archive's spellings for one query's expansion: each key is looked up once, however
        many runs of the query's words ask for it."""
        memo: dict[tuple[str, ...], set[str]] = {}

        def forms(keys: Sequence[str]) -> set[str]:
            k = tuple(keys)
            if k not in memo:
                memo[k] = self.forms(k)
            return memo[k]

        return Lookup(forms=forms, entity_forms=lambda keys: self._linked(forms(keys)), names=self.names)

    def name_targets(self, name: str, kind: str | None) -> tuple[list[str], list[str]]:
        """Entity ids a typed name means, and every spelling to match mentions not yet linked."""
        ids = self.entity_ids(name, kind)[:NAME_IDS]
        forms = {name} | self.forms(name_keys(name))
        if ids:
            rows = self.db.query(f"SELECT variant FROM name_variants WHERE entity_id IN ({marks(len(ids))})", ids)
            forms |= {str(r[0]) for r in rows}
        return ids, sorted(forms)[:NAME_FORMS]

    # --- filters ---------------------------------------------------------------------------------
    def conditions(self, f: Filters) -> list[Condition]:
        """One condition per filter, each on a document id only (``{id}``), each answered from an index."""
        out: list[Condition] = []
        dates, dp = [], []
        if f.date_from:
            dates.append("date_not_after >= ?")
            dp.append(f.date_from)
        if f.date_to:
            dates.append("date_not_before <= ?")
            dp.append(f.date_to)
        if dates:
            out.append(_within("SELECT id FROM documents WHERE " + " AND ".join(dates), dp))
        for field in FIELDS:
            wanted = f.of(field.name)
            if wanted:
                out.append(_within(f"SELECT id FROM documents WHERE {field.column} IN ({marks(len(wanted))})",
                                   list(wanted)))
        # A name is its entities where linking knows it (one index probe per document), else (and
        # for documents not linked yet) its spellings among unlinked mentions.
        stale = bool(f.persons or f.places or f.organizations) and self.links_stale()
        for names, kind in ((f.persons, "person"), (f.places, "place"), (f.organizations, "organization")):
            for name in names:
                ids, forms = self.name_targets(name, kind)
                alts: list[str] = []
                sets: list[str] = []
                p: list[Any] = []
                if ids:
                    alts.append(f"EXISTS (SELECT 1 FROM document_entities de WHERE de.document_id = {{id}} "
                                f"AND de.entity_id IN ({marks(len(ids))}))")
                    sets.append(f"SELECT de.document_id FROM document_entities de "
                                f"WHERE de.entity_id IN ({marks(len(ids))})")
                    p.extend(ids)
                if not ids or stale:
                    sets.append(f"SELECT m.document_id FROM mentions m WHERE m.text IN "
                                f"({marks(len(forms))}) AND m.kind = ? AND m.entity_id IS NULL")
                    alts.append(f"{{id}} IN ({sets[-1]})")
                    p.extend([*forms, kind])
                if kind == "place":  # a document sent from the place
                    sets.append(f"SELECT id FROM documents WHERE place IN ({marks(len(forms))})")
                    alts.append(f"{{id}} IN ({sets[-1]})")
                    p.extend(forms)
                out.append(("(" + " OR ".join(alts) + ")", p, " UNION ALL ".join(sets)))
        for names, role in ((f.senders, "sender"), (f.recipients, "recipient")):
            for name in names:
                ids, forms = self.name_targets(name, None)
                cond = [f"a.name IN ({marks(len(forms))})"]
                p = [role, *forms]
                if ids:
                    cond.append(f"a.entity_id IN ({marks(len(ids))})")
                    p.extend(ids)
                out.append(_within(f"SELECT a.document_id FROM agents a WHERE a.role = ? "
                                   f"AND ({' OR '.join(cond)})", p))
        return out

    @staticmethod
    def render(conds: Sequence[Condition], id_expr: str) -> tuple[str, list[Any]]:
        """`` WHERE …`` of these conditions on ``id_expr`` (``" WHERE 1 = 1"`` for none), and its parameters."""
        if not conds:
            return " WHERE 1 = 1", []
        return (" WHERE " + " AND ".join(c.replace("{id}", id_expr) for c, _, _ in conds),
                [x for _, p, _ in conds for x in p])

    def filter_clause(self, f: Filters) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause these filters make over the table ``documents`` aliased ``d``, and its
        parameters, in this archive's placeholder style — the public way to filter like the search.

        The clause starts with a space (``" WHERE …"``; ``" WHERE 1 = 1"`` for no filters), so it
        follows ``FROM documents d`` directly and may be extended with ``AND …``. Names are resolved
        as the search resolves them (every spelling of the entities a name means; unlinked
        mentions by spelling), so a browse, a count or a facet built on it keeps exactly the
        documents a search with the same filters keeps::

            where, params = archive.filter_clause(Filters(persons=("Mossadegh",)))
            rows = archive.db.query(f"SELECT d.id FROM documents d{where}", params)
        """
        # a facet page recounts its dozen places with this, each a few name look-ups: kept for the
        # content version they were resolved in (names, links and spellings move it)
        version = self.db.fts_version()
        if version is None:
            where, params = self.render(self.conditions(f), "d.id")
            return where + _LIVE, params
        if version != self._clauses_version or len(self._clauses) >= _CLAUSES_KEPT:
            self._clauses, self._clauses_version = {}, version
        kept = self._clauses.get(f)
        if kept is None:
            where, params = self.render(self.conditions(f), "d.id")
            kept = self._clauses[f] = (where + _LIVE, params)
        return kept[0], list(kept[1])

    # --- search ----------------------------------------------------------------------------------
    def search(self, query: str | Node, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
               facets: bool = True, expand_names: bool = True, sort: Sort | str | None = None) -> SearchResult:
        """Documents matching ``query`` (every known spelling of its names) within ``filters``, in the
        order ``sort`` names (default: relevance with words, date without); the total and the facets
        count every match. Without words, every document the filters keep."""
        result, _ = self._search(query, filters, limit=limit, offset=offset, facets=facets,
                                 expand_names=expand_names, sort=sort)
        return result

    def _search(self, query: str | Node, filters: Filters | None, *, limit: int, offset: int, facets: bool,
                expand_names: bool, sort: Sort | str | None) -> tuple[SearchResult, Matches]:
        filters = filters or Filters()
        text = query if isinstance(query, str) else ""
        words = not isinstance(query, str) or bool(query.strip())
        order = sort if isinstance(sort, Sort) else sort_order(sort, words)
        conds = self.conditions(filters) if not filters.empty() else []
        expanded: tuple[tuple[str, tuple[str, ...]], ...] = ()
        expression = ""
        if words:
            node = parse_query(query) if isinstance(query, str) else query
            if expand_names:
                node, expanded = expand(node, self.lookup())
            expression = self.db.fts_compile(node)
            found = self.scored(node, conds)
        else:
            found = self.kept_by(conds)
        depth = offset + limit if limit > 0 else 0
        if order is Sort.RELEVANCE:
            ranked = found.best(depth)
        else:
            first = self.ordering.first(found.ids, order, depth)
            scores = found.scores[np.searchsorted(found.ids, first)]  # the ids are ascending
            ranked = list(zip(first.tolist(), scores.tolist(), strict=True))
        return self._result(text, expression, ranked, offset, limit, len(found),
                            found.ids if facets else None, facets, expanded), found

    def find(self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
             expand_names: bool = True, sort: Sort | str | None = None) -> Findings:
        """One search for a page of hits and every matching document's id (no facets). Without
        words, every document the filters keep (no scores, no snippets), oldest first unless
        ``sort`` says otherwise."""
        result, found = self._search(query, filters, limit=limit, offset=offset, facets=False,
                                     expand_names=expand_names, sort=sort)
        return Findings(result, tuple(int(i) for i in found.ids))

    def kept_by(self, conds: Sequence[Condition]) -> Matches:
        """The documents every condition keeps (every document not withdrawn for none), each with no score."""
        version = self.db.fts_version()

        def documents(select: str, params: list[Any]) -> Ids:
            key = select + "\x1f" + "\x1f".join(map(repr, params))
            return self.cache.ids(key, version, lambda: np.unique(self.db.id_array(select, params)))

        # a withdrawn document is listed by no filter (its words left the full-text index already)
        ids = documents("SELECT id FROM documents WHERE withdrawn_at IS NULL", [])
        for _, params, select in conds:
            if not len(ids):
                break
            ids = np.intersect1d(ids, documents(select, params), assume_unique=True)
        return Matches(ids, np.zeros(len(ids), dtype=np.float64))

    def scored(self, node: Node, conds: Sequence[Condition]) -> Matches:
        """Every match with its score, narrowed by the filters' id sets. The lists come from the
        engine, and a long one is kept for the archive's content version; where the score is a
        sum over phrases, kept lists of the query's parts combine into the query's, otherwise
        the query is read whole."""
        version = self.db.fts_version()

        def read(n: Node) -> Matches:
            return self.cache.get(self.db.fts_compile(n), version)

        def kept(n: Node) -> bool:
            return self.db.scores_by_parts and self.cache.has(self.db.fts_compile(n), version)

        def documents(select: str, params: list[Any]) -> Ids:
            key = select + "\x1f" + "\x1f".join(map(repr, params))
            return self.cache.ids(key, version, lambda: self.db.id_array(select, params))

        found = evaluate(node, read, kept)
        for _, params, select in conds:
            if not len(found):
                break
            found = found.within(documents(select, params))
        return found

    def _result(self, text: str, expression: str, ranked: list[tuple[int, float]], offset: int, limit: int,
                total: int, every: Ids | None, facets: bool,
                expanded: tuple[tuple[str, tuple[str, ...]], ...]) -> SearchResult:
        page = ranked[offset:offset + limit]
        ids = [i for i, _ in page]
        docs = {int(r[0]): r for r in self.db.query(
            f"SELECT id, path, sha256, title, date_iso, classification_level, collection, name FROM documents "
            f"WHERE id IN ({marks(len(ids))})", ids)} if ids else {}
        snippets = self.db.fts_snippets(expression, ids, HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE,
                                        SNIPPET_WORDS) if expression and ids else {}
        # without words a hit is a document listed: by its file name when it has no title
        hits = tuple(Hit(i, str(docs[i][1]), str(docs[i][2]),
                         docs[i][3] or (None if expression else str(docs[i][1]).rsplit("/", 1)[-1]),
                         docs[i][4], docs[i][5], round(score, 4), snippets.get(i, ""),
                         address(str(docs[i][6]), str(docs[i][7])) if docs[i][6] is not None else "")
                     for i, score in page if i in docs)
        found_facets = self.tally.facets(every) if facets and every is not None and len(every) else ()
        return SearchResult(text, total, hits, found_facets, expanded, offset, limit, total if facets else 0)

    def matching_ids(self, query: str | Node, filters: Filters | None = None, *,
                     expand_names: bool = True) -> list[int]:
        """Every document a search finds, unranked (ascending id): what other views narrow to."""
        node = parse_query(query) if isinstance(query, str) else query
        if expand_names:
            node, _ = expand(node, self.lookup())
        filters = filters or Filters()
        return [int(i) for i in self.scored(node, self.conditions(filters) if not filters.empty() else []).ids]


__all__ = ["SNIPPET_WORDS", "Findings", "Searcher"]

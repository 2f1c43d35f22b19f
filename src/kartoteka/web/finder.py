"""The current search of a page (query string in, filters out) and the archive calls behind it.

:class:`Query` is what travels in every link: ``q``, ``from``, ``to``, ``person``, ``place``,
``org``, ``sender``, ``recipient`` and every field's name (``classification``, ``language``,
``type``; all repeatable), ``exact`` (``1``: the query's spellings only, no variants), ``sort``
(``date``, ``-date``, ``title``; none: relevance with words, date without) and ``offset``. :class:`Finder` runs it through the
archive's own search (the same one ``kartoteka search`` uses) and applies corrections through the
archive's audit log. Handlers run on worker threads: each thread opens its own archive
connection, and every search runs under a time budget (``SEARCH_BUDGET_S``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from kartoteka.corrections import Merge, Reattach, Rename, Split
from kartoteka.errors import CorrectionError, Location, QueryError
from kartoteka.search import Filters, make_filters
from kartoteka.search.filters import FIELD_NAMES, Sort, sort_order
from kartoteka.search.query import Term, parse_query, terms
from kartoteka.search.variants import expand
from kartoteka.store import Archive, open_archive
from kartoteka.store.matches import KEEP_BYTES
from kartoteka.store.pageviews import Facets, HistoryEntry
from kartoteka.store.reading import Reading
from kartoteka.store.searcher import Findings
from kartoteka.store.users import User
from kartoteka.web.searchpool import SearchPool, heavy

LIST_PARAMS = ("person", "place", "org", *FIELD_NAMES, "sender", "recipient")
ALL_HITS = 100_000
SEARCH_BUDGET_S = 5.0  # one search's time; past it the reader is asked for a narrower query
# what the page offers ("": relevance with words, date without)
SORTS = (("", Sort.RELEVANCE.label), *((s.value, s.label) for s in (Sort.DATE, Sort.DATE_DESC, Sort.TITLE)))


@dataclass(frozen=True, slots=True)
class Query:
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    person: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    org: tuple[str, ...] = ()
    sender: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    offset: int = 0
    exact: bool = False
    sort: str = ""  # "", or a :class:`Sort` value (checked when searching)
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the wanted values of each field (FIELDS) by name

    @classmethod
    def of(cls, request: Request) -> Query:
        p = request.query_params

        def many(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v.strip() for v in p.getlist(name) if v.strip()))[:10]

        try:
            offset = max(0, min(int(p.get("offset", "0")), ALL_HITS))
        except ValueError:
            offset = 0
        values = tuple((name, many(name)) for name in FIELD_NAMES if many(name))
        return cls(p.get("q", "").strip()[:1000], p.get("from", "").strip()[:20], p.get("to", "").strip()[:20],
                   many("person"), many("place"), many("org"), many("sender"), many("recipient"), offset,
                   p.get("exact", "") in ("1", "on", "true"), p.get("sort", "").strip()[:20], values)

    def values_of(self, name: str) -> tuple[str, ...]:
        """The values of one repeatable parameter (``person``, ``classification``, ``language`` …)."""
        if name in FIELD_NAMES:
            return next((v for n, v in self.values if n == name), ())
        found: tuple[str, ...] = getattr(self, name)
        return found

    @property
    def classification(self) -> tuple[str, ...]:
        return self.values_of("classification")

    def empty(self) -> bool:
        """No words and no filter (paging, spelling and order aside): nothing asked for."""
        return replace(self, offset=0, exact=False, sort="") == Query()

    def pairs(self) -> list[tuple[str, str]]:
        out = [("q", self.q)] if self.q else []
        if self.date_from:
            out.append(("from", self.date_from))
        if self.date_to:
            out.append(("to", self.date_to))
        for name in LIST_PARAMS:
            out.extend((name, v) for v in self.values_of(name))
        if self.exact:
            out.append(("exact", "1"))
        if self.sort:
            out.append(("sort", self.sort))
        return out

    def qs(self) -> str:
        """The query string of this search (no paging), with its ``?``, or "" for no search."""
        pairs = self.pairs()
        return "?" + urlencode(pairs) if pairs else ""

    def href(self, path: str) -> str:
        pairs = self.pairs() + ([("offset", str(self.offset))] if self.offset else [])
        return path + ("?" + urlencode(pairs) if pairs else "")

    def with_(self, **changes: str) -> Query:
        """This search with one more filter value (or a new ``from``/``to``/``offset``/``sort``), back on
        page one."""
        q = replace(self, offset=int(changes.pop("offset", "0")))
        for key, value in changes.items():
            if key == "from":
                q = replace(q, date_from=value)
            elif key == "to":
                q = replace(q, date_to=value)
            elif key == "sort":
                q = replace(q, sort=value)
            elif key in LIST_PARAMS:
                old = q.values_of(key)
                if value not in old:
                    q = q._set(key, (*old, value))
        return q

    def _set(self, key: str, values: tuple[str, ...]) -> Query:
        if key in FIELD_NAMES:
            kept = dict(self.values) | {key: values}
            return replace(self, values=tuple((n, kept[n]) for n in FIELD_NAMES if kept.get(n)))
        if key == "person":
            return replace(self, person=values)
        if key == "place":
            return replace(self, place=values)
        if key == "org":
            return replace(self, org=values)
        if key == "sender":
            return replace(self, sender=values)
        return replace(self, recipient=values)

    def without(self, key: str, value: str) -> Query:
        if key == "from":
            return replace(self, date_from="", offset=0)
        if key == "to":
            return replace(self, date_to="", offset=0)
        return replace(self, offset=0)._set(key, tuple(v for v in self.values_of(key) if v != value))

    def form(self, typed: Callable[[str], bool] = lambda v: True) -> dict[str, str]:
        """Values for the search form's single fields: the first typed value of each list (an entity
        picked from a facet is not typed: it travels as a hidden field and shows as a chip)."""
        out = {"from": self.date_from, "to": self.date_to}
        for name in LIST_PARAMS:
            out[name] = next((v for v in self.values_of(name) if typed(v)), "")
        return out

    def hidden(self, typed: Callable[[str], bool] = lambda v: True) -> list[tuple[str, str]]:
        """Filter values the form's single fields do not show (the second person, a picked entity, …)."""
        form = self.form(typed)
        return [(name, v) for name in LIST_PARAMS for v in self.values_of(name) if v != form[name]]

    def active(self) -> list[tuple[str, str, str]]:
        """(label, value, href removing it) of every filter in force."""
        out = []
        if self.date_from:
            out.append(("from", self.date_from, self.without("from", "").href("/")))
        if self.date_to:
            out.append(("to", self.date_to, self.without("to", "").href("/")))
        for name in LIST_PARAMS:
            for v in self.values_of(name):
                out.append((name, v, self.without(name, v).href("/")))
        return out

    def filters(self) -> Filters:
        return make_filters(self.date_from or None, self.date_to or None, persons=self.person, places=self.place,
                            organizations=self.org, senders=self.sender, recipients=self.recipient,
                            values=dict(self.values))

    def order(self) -> Sort:
        """The order asked for (the default for the query's words when none): a bad one is a QueryError."""
        return sort_order(self.sort, bool(self.q.strip()))

    def orders(self) -> list[dict[str, Any]]:
        """The orders a page offers (label, whether in force, value, and a link to page one of this
        search so ordered)."""
        chosen = self.order()
        out = []
        for value, label in SORTS:
            order = sort_order(value, bool(self.q.strip()))
            if not value and order is not Sort.RELEVANCE:
                continue  # without words the default is the date: "best match" means nothing
            out.append({"label": label, "on": order is chosen, "value": value,
                        "href": replace(self, sort=value, offset=0).href("/")})
        return out


@dataclass(frozen=True, slots=True)
class Done:
    entity: str
    message: str


def run_search(archive: Archive, query: Query, offset: int, limit: int, budget_s: float = 0.0) -> Findings:
    """A page of hits and every matching document (what the other views narrow to), from one
    search of the archive within the time budget (in the reading room's process, or in its search
    worker for a broad query)."""
    with archive.time_limit(budget_s or SEARCH_BUDGET_S):
        return archive.find(query.q, query.filters(), limit=limit, offset=offset, expand_names=not query.exact,
                            sort=query.order())


class Finder:
    """Search and corrections through the archive's API: one open archive per worker thread (a
    connection is not shared between threads, so a slow search holds only its own)."""

    def __init__(self, path: str, threads: int = 1) -> None:
        self.path = path
        self._local = threading.local()
        self._budget = max(KEEP_BYTES // max(threads, 1), 1 << 20)  # kept lists: one budget in all
        self.pool = SearchPool(path)

    @property
    def archive(self) -> Archive:
        found: Archive | None = getattr(self._local, "archive", None)
        if found is None:
            found = self._local.archive = open_archive(self.path)
            found.search_cache_budget(self._budget)
            found.keep_read_values()
        return found

    @property
    def reading(self) -> Reading:
        """This worker thread's pages and overviews (over its own archive connection)."""
        return self.archive.reading

    def search(self, query: Query, offset: int, limit: int) -> Findings:
        """A page of hits and every matching document; a broad query runs in the search worker, not
        among the readers' pages."""
        if query.q and heavy(query.q):
            return self.pool.search(query, offset, limit)
        return run_search(self.archive, query, offset, limit)

    def highlight_words(self, q: str, *, exact: bool = False) -> list[str]:
        """The words of a query and the other spellings the search also looked for (for a reader to see)."""
        if not q:
            return []
        try:
            node = parse_query(q)
            expanded = () if exact else expand(node, self.archive.lookup())[1]
        except QueryError:
            return []
        words = [w for t in terms(node) for w in ((t.word,) if isinstance(t, Term) else t.words)]
        words += [form for _, forms in expanded for form in forms]
        return sorted({w for w in words if w.strip()}, key=lambda w: (-len(w), w))

    def document_ids(self, query: Query) -> list[int]:
        return list(self.search(query, 0, 1).all_ids)

    def facets(self, doc_ids: Sequence[int] | None) -> Facets:
        """Facet values over these documents, each counted as its link filters (an entity by its id, a
        level, a year as a date range): the number shown is the number of documents a click finds."""
        return self.reading.facets(doc_ids)

    # -- corrections

    def _entity(self, ref: str, kind: str) -> str:
        """An entity id from what a user typed: an id, or a name that means exactly one entity."""
        ref = ref.strip()
        if self.reading.entity_brief(ref) is not None:
            return ref
        found = self.archive.find_entities(ref, kind) if ref else []
        if len(found) != 1:
            raise CorrectionError(
                f"{ref!r} names {len(found)} entities" if found else f"no entity {ref!r}",
                location=Location("web"), expected="an entity id (pick one from the list) or an unambiguous name")
        return found[0].id

    def correct(self, user: User, entity_id: str, action: str, fields: dict[str, list[str]]) -> Done:
        def one(name: str) -> str:
            return (fields.get(name) or [""])[0].strip()

        reason = one("reason")
        me = self.reading.entity_brief(entity_id)
        if me is None:
            raise CorrectionError(f"no entity {entity_id!r}", location=Location("web"), expected="an entity id")
        mention_ids = []
        for raw in fields.get("mention", []):
            try:
                mention_ids.append(int(raw))
            except ValueError:
                raise CorrectionError(f"not a mention id: {raw!r}", location=Location("web")) from None
            if not 0 < mention_ids[-1] < 2**63:  # what a database row id can be
                raise CorrectionError(f"no mention {raw[:30]!r}", location=Location("web"),
                                      expected="a mention id from the entity's page")
        # a spelling chosen on the page stands for every mention of the entity so spelled
        for mid in self.reading.mention_ids(entity_id, [f for f in fields.get("spelling", []) if f.strip()]):
            if mid not in mention_ids:
                mention_ids.append(mid)
        a = self.archive
        if action == "merge":
            other = self._entity(one("other"), me.kind)
            entry = a.correct(Merge(a.entity_ref(entity_id), a.entity_ref(other)), author=user.public, reason=reason)
            return Done(entity_id, entry.target)
        if action == "split":
            if not mention_ids:
                raise CorrectionError("tick the mentions to split off", location=Location("web"),
                                      expected="at least one mention ticked, or a spelling chosen")
            name = one("name") or " ".join(sorted({self._mention_text(i) for i in mention_ids}))[:200]
            entry = a.correct(Split(a.entity_ref(entity_id), tuple(a.mention_ref(i) for i in mention_ids), name),
                              author=user.public, reason=reason)
            return Done(entity_id, entry.target)
        if action == "reattach":
            if not mention_ids:
                raise CorrectionError("tick the mentions to re-attach", location=Location("web"),
                                      expected="at least one mention ticked, or a spelling chosen")
            target = self._entity(one("target"), me.kind)
            ref = a.entity_ref(target)
            last = ""
            for i in mention_ids:
                last = a.correct(Reattach(a.mention_ref(i), ref), author=user.public, reason=reason).target
            return Done(target, last)
        if action == "rename":
            return self._rename(user, entity_id, one("name"), reason)
        raise CorrectionError(f"no correction {action!r}", location=Location("web"), expected="merge, split, "
                              "reattach or rename")

    def _mention_text(self, mention_id: int) -> str:
        return self.reading.mention_text(mention_id) or "new entity"

    def _rename(self, user: User, entity_id: str, name: str, reason: str) -> Done:
        """A new preferred name, logged as a rename: the entity keeps its id, mentions and spellings,
        and the name is replayed after re-ingest and re-linking onto whatever entity holds its anchors."""
        if not name:
            raise CorrectionError("a new name is needed", location=Location("web"), expected="a preferred name")
        a = self.archive
        entry = a.correct(Rename(a.entity_ref(entity_id), name), author=user.public, reason=reason)
        return Done(entity_id, entry.target)

    def audit(self) -> list[HistoryEntry]:
        """The whole log, newest first, each entry as a document's or an entity's history shows it."""
        return list(self.reading.audit())


__all__ = ["Done", "Finder", "Query"]

"""The reading room's queries: read-only page data of an archive (its users: ``store/users.py``).

Each page of the web app asks one method here for typed, frozen values; no SQL lives outside
``store/``. A search's documents arrive as a list of row ids and are passed to SQLite as one JSON
array (``json_each``), so a filter of any size is one bound parameter. The reading connection is
opened read-only. A page's correction history is the
archive's own ``correction_history`` (asked of the open archive the page is given), with what a
reader needs beside each entry: a document value's parse and the entities a merge or split names.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import unicodedata
from array import array
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kartoteka.corrections import Merge, Reattach, Rename, Split, corrected_value, from_payload
from kartoteka.errors import Location, StoreError
from kartoteka.model import LinkDecision
from kartoteka.store.users import User, Users, check_password, hash_password
from kartoteka.store.users import is_server as _server
from kartoteka.store.users import server_connection as _server_connection

if TYPE_CHECKING:
    from kartoteka.search.filters import Filters
    from kartoteka.store.archive import Archive
    from kartoteka.store.views import CorrectionEntry

# ---------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Evidence:
    """A value of the structured record and the characters it came from (``start`` None: no span)."""

    label: str
    value: str
    text: str
    start: int | None
    end: int | None
    entity: str | None = None
    extra: str = ""
    preferred: str | None = None
    details: tuple[Evidence, ...] = ()  # an agent's rank and office, each with its own characters


@dataclass(frozen=True, slots=True)
class MarkRow:
    kind: str
    value: str
    lang: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MentionRow:
    id: int
    kind: str
    text: str
    start: int
    end: int
    entity: str | None
    entity_name: str | None
    method: str


@dataclass(frozen=True, slots=True)
class StepRow:
    """A step of the transmission chain; its date and place as written, with their characters when known."""

    position: int
    action: str
    date: Evidence | None
    place: Evidence | None
    agents: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class EntityLink:
    """An entity a correction names: its part in it (``kept``, ``merged``, ``split from``, ``new``,
    ``attached to``, ``renamed``), the id and name the correction gave, and the id it lives under
    now (followed through merges; None when re-linking left no entity of that id)."""

    role: str
    id: str
    name: str
    now: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One correction as a reader sees it on a document's or an entity's page.

    For a document's value (``field``: title, date or classification) ``value`` is what the
    correction set and ``parsed`` what the parse gave; ``in_force`` is True for the correction
    whose value the archive shows now (the latest active one of its field)."""

    id: int
    created_at: str
    author: str
    action: str
    target: str
    reason: str
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None
    applied: bool
    field: str | None = None
    value: str | None = None
    parsed: str | None = None
    in_force: bool = False
    entities: tuple[EntityLink, ...] = ()
    imported_from: str | None = None  # made elsewhere, logged here by ``kartoteka import`` of this file
    imported_at: str | None = None

    @property
    def state(self) -> str:
        if self.undone_at is not None:
            return "undone"
        if not self.applied:
            return "not applied"
        if self.field is not None and not self.in_force:
            return "superseded"
        return "in force"


@dataclass(frozen=True, slots=True)
class DocumentPage:
    id: int
    sha256: str
    path: str
    text: str
    title: str
    date_iso: str | None
    record: tuple[Evidence, ...]
    chain: tuple[StepRow, ...]
    marks: tuple[MarkRow, ...]
    mentions: tuple[MentionRow, ...]
    error: str | None
    history: tuple[HistoryEntry, ...] = ()  # newest first

    def corrected(self) -> dict[str, HistoryEntry]:
        """The correction in force for each corrected value (title, date, classification)."""
        return {h.field: h for h in self.history if h.field is not None and h.in_force}


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document as listed on other pages."""

    id: int
    sha256: str
    title: str
    date_iso: str | None
    classification: str | None = None
    path: str = ""


@dataclass(frozen=True, slots=True)
class Spelling:
    form: str
    count: int
    script: str


@dataclass(frozen=True, slots=True)
class Count:
    """A labelled count (a year, a co-mentioned person, a facet value); ``key`` is an id or value."""

    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """A place named in documents; no coordinates when the archive has none for it."""

    id: str
    name: str
    latitude: float | None
    longitude: float | None
    documents: int
    authority: tuple[tuple[str, str], ...] = ()  # where the coordinates come from (GeoNames id, …)


@dataclass(frozen=True, slots=True)
class MentionRef:
    """A mention with the words around it (``before`` and ``after``, white space folded)."""

    id: int
    document: DocRef
    text: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EntityPage:
    id: str
    kind: str
    name: str
    description: str | None
    authority: tuple[tuple[str, str], ...]
    latitude: float | None
    longitude: float | None
    mention_count: int
    document_count: int
    origin: str
    spellings: tuple[Spelling, ...]
    links: tuple[LinkDecision, ...]
    years: tuple[Count, ...]
    documents: tuple[DocRef, ...]
    people: tuple[Count, ...]
    places: tuple[PlacePoint, ...]
    mentions: tuple[MentionRef, ...]
    audit: tuple[HistoryEntry, ...]  # newest first
    documents_from: int = 0  # offset of ``documents`` among all the entity's documents, oldest first
    documents_next: int | None = None  # offset of the next page of documents (None: this is the last)
    mentions_next: int | None = None  # the last mention id shown, when more follow (keyset of the next page)
    counted_over: int = 0  # documents the co-occurring people and places were counted over


@dataclass(frozen=True, slots=True)
class EntityRef:
    id: str
    kind: str
    name: str
    documents: int


@dataclass(frozen=True, slots=True)
class Timeline:
    months: tuple[Count, ...]
    documents: tuple[DocRef, ...]
    events: tuple[Count, ...]
    undated: int
    dated: int = 0  # every dated document (``documents`` lists the first of them)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    weight: int
    kind: str


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[EntityRef, ...]
    edges: tuple[Edge, ...]
    counted_over: int = 0  # documents the nodes and edges were counted over
    more: bool = False  # True when the scope held more documents than were counted


@dataclass(frozen=True, slots=True)
class Facets:
    person: tuple[Count, ...]
    place: tuple[Count, ...]
    organization: tuple[Count, ...]
    classification: tuple[Count, ...]
    year: tuple[Count, ...]


def script_of(form: str) -> str:
    """The writing system of a spelling: the Unicode script name of its first letter, or "Latin"."""
    for ch in form:
        if ch.isalpha():
            try:
                return unicodedata.name(ch).split(" ")[0].title()
            except ValueError:
                return "Other"
    return "Latin"


# ---------------------------------------------------------------- reading

PAGE = 50  # documents, and mentions, on one page of an entity
TIMELINE_LIST = 1000  # dated documents a timeline lists
CO_PEOPLE = 20  # people an entity's page lists as named with it
CO_PLACES = 400  # places its map shows
NETWORK_DOCUMENTS = 5000
KEPT_ENTITIES = 64  # entities whose ordered documents a reading keeps (8 bytes a document)

# an entity's documents (ids, oldest first), its documents per year, its spellings with their counts
_Summary = tuple["array[int]", tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]

def _ids(doc_ids: Sequence[int] | None) -> str | None:
    return None if doc_ids is None else json.dumps(list(doc_ids))


def _scope(column: str, ids: str | None) -> str:
    """A SQL condition restricting ``column`` to the ids (a JSON array bound as ``:ids``)."""
    if ids is None:
        return "1=1"
    return f"{column} IN (SELECT value FROM json_each(:ids))"


class Reading:
    """Read-only page queries over one SQLite archive file; safe to share across threads."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if not _server(self.path) and not Path(self.path).is_file():
            raise StoreError("no archive here", location=Location(self.path),
                             expected="an archive built with `kartoteka ingest … --archive FILE`")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._orders: OrderedDict[tuple[str, str], _Summary] = OrderedDict()
        try:
            self._conn().execute("SELECT 1 FROM documents LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read the archive: {exc}", location=Location(self.path),
                             expected="a kartoteka archive (SQLite)") from exc

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None and _server(self.path):
            conn = _server_connection(self.path, readonly=True)
            self._local.conn = conn
        if conn is None:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def _all(self, sql: str, params: dict[str, object] | Sequence[object] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"archive query failed: {exc}", location=Location(self.path)) from exc

    # -- lookups

    def document_id(self, key: str) -> int | None:
        """The row id of a document named by its sha256 (or a unique prefix of it, 8+ characters)."""
        if len(key) < 8 or not all(c in "0123456789abcdef" for c in key):
            return None
        rows = self._all("SELECT id FROM documents WHERE sha256 >= ? AND sha256 < ? LIMIT 2", (key, key + "g"))
        return int(rows[0]["id"]) if len(rows) == 1 else None

    def documents_by_sha(self, shas: Sequence[str]) -> dict[str, DocRef]:
        rows = self._all(
            "SELECT id, sha256, title, path, date_iso, classification_level FROM documents "
            "WHERE sha256 IN (SELECT value FROM json_each(?))", (json.dumps(list(shas)),))
        return {r["sha256"]: _docref(r) for r in rows}

    def all_document_ids(self) -> list[int]:
        return [int(r["id"]) for r in self._all("SELECT id FROM documents ORDER BY id")]

    def counts(self) -> tuple[int, int]:
        """(documents, entities) of the archive."""
        d = self._all("SELECT count(*) AS n FROM documents")[0]["n"]
        e = self._all("SELECT count(*) AS n FROM entities")[0]["n"]
        return int(d), int(e)

    # -- the document page

    def document(self, key: str, archive: Archive) -> DocumentPage | None:
        """The document's page; its correction history comes from ``archive`` (the same file, open
        for corrections)."""
        doc_id = self.document_id(key)
        if doc_id is None:
            return None
        d = self._all("SELECT * FROM documents WHERE id = ?", (doc_id,))[0]
        text: str = d["text"]
        names = {r["id"]: r["name"] for r in self._all(
            "SELECT e.id, e.name FROM entities e WHERE e.id IN "
            "(SELECT entity_id FROM mentions WHERE document_id = ? UNION "
            " SELECT entity_id FROM agents WHERE document_id = ?)", (doc_id, doc_id))}
        record: list[Evidence] = []
        if d["title"]:
            record.append(Evidence("title", d["title"], d["title"], d["title_start"], d["title_end"]))
        if d["date_iso"]:
            record.append(Evidence("date", d["date_iso"], _cut(text, d["date_start"], d["date_end"]),
                                   d["date_start"], d["date_end"],
                                   extra=f"{d['date_precision'] or ''}, {d['date_certainty'] or ''} certainty"))
        if d["place"]:
            preferred = names.get(d["place_entity_id"])
            record.append(Evidence("origin", d["place"], d["place"], d["place_start"], d["place_end"],
                                   d["place_entity_id"], preferred=preferred if preferred != d["place"] else None))
        agents = self._all('SELECT * FROM agents WHERE document_id = ? ORDER BY step, start', (doc_id,))
        for role, label in (("sender", "sender"), ("recipient", "recipient"), ("signatory", "signatory")):
            for a in agents:
                if a["role"] == role:
                    record.append(_agent(a, label, names))
        caveats = _caveats(d["classification_caveats"])
        # a corrected classification has a level and no words of the text
        if d["classification"] or d["classification_level"] or caveats:
            level = d["classification_level"] or "caveats only"
            record.append(Evidence("classification", level, d["classification"] or level, d["classification_start"],
                                   d["classification_end"], extra=", ".join(caveats)))
        spans = self._all('SELECT role, kind, text, start, "end" FROM spans WHERE document_id = ? ORDER BY start',
                          (doc_id,))
        for s in spans:
            if s["role"] == "reference":
                record.append(Evidence("reference", s["text"], s["text"], s["start"], s["end"],
                                       extra=(s["kind"] or "").replace("_", " ")))
        for s in spans:
            if s["role"] == "summary":
                record.append(Evidence("summary", s["text"], s["text"], s["start"], s["end"]))
        if d["summary"] and not any(s["role"] == "summary" for s in spans):
            record.append(Evidence("summary", d["summary"], d["summary"], None, None))
        chain = tuple(
            StepRow(s["position"], s["action"], _step_date(s), _step_place(s),
                    tuple(_agent(a, s["action"], names) for a in agents
                          if a["role"] == "chain" and a["step"] == s["position"]))
            for s in self._all("SELECT * FROM chain_steps WHERE document_id = ? ORDER BY position", (doc_id,)))
        marks = tuple(MarkRow(m["kind"], m["value"], m["lang"], m["start"], m["end"]) for m in self._all(
            'SELECT kind, value, lang, start, "end" FROM marks WHERE document_id = ? ORDER BY start', (doc_id,)))
        mentions = tuple(
            MentionRow(m["id"], m["kind"], m["text"], m["start"], m["end"], m["entity_id"],
                       names.get(m["entity_id"]), m["method"] or "")
            for m in self._all('SELECT id, kind, text, start, "end", entity_id, method FROM mentions '
                               'WHERE document_id = ? ORDER BY start', (doc_id,)))
        error = f"{d['error_code']}: {d['error_message']}" if d["error_code"] else None
        return DocumentPage(doc_id, d["sha256"], d["path"], text, d["title"] or Path(d["path"]).name,
                            d["date_iso"], tuple(record), chain, marks, mentions, error,
                            self.correction_history(archive, document=d["sha256"]))

    # -- the entity page

    def entity(self, entity_id: str, archive: Archive, *, documents_from: int = 0,
               mentions_after: int = 0, page: int = PAGE) -> EntityPage | None:
        """The entity's page; its correction history comes from ``archive``.

        However many documents name the entity, the page reads a bounded amount: ``page``
        documents (oldest first, from offset ``documents_from``) and ``page`` mentions (by id,
        after ``mentions_after``: keyset paging), counts and years from indexes alone, and
        co-occurring people and places counted over every one of its documents (the search's facet
        index: a few array passes, whatever the number)."""
        rows = self._all("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        e = rows[0]
        order, years, forms = self._summary(entity_id)
        tally: Counter[str] = Counter(dict(forms))
        variants = self._all("SELECT variant, score, method FROM name_variants WHERE entity_id = ? "
                             "ORDER BY score DESC, variant", (entity_id,))
        for v in variants:
            tally.setdefault(v["variant"], 0)
        spellings = tuple(Spelling(f, n, script_of(f)) for f, n in sorted(tally.items(), key=lambda x: (-x[1], x[0])))
        mention_count = int(self._all("SELECT count(*) AS n FROM mentions WHERE entity_id = ?", (entity_id,))[0]["n"])
        document_count = len(order)
        start = max(documents_from, 0)
        docs = self.documents_in(list(order[start:start + page]))
        counted = archive.counts(list(order)).entities
        people = self._named([(i, n) for kind, i, n in counted if kind == "person" and i != entity_id], CO_PEOPLE)
        places = [PlacePoint(r["id"], r["name"], r["latitude"], r["longitude"], n, _authority(r["authority"]))
                  for r, n in self._named([(i, n) for kind, i, n in counted if kind != "person"], CO_PLACES,
                                          "kind = 'place' OR latitude IS NOT NULL")]
        if e["latitude"] is not None and e["longitude"] is not None and not any(p.id == entity_id for p in places):
            places.insert(0, PlacePoint(entity_id, e["name"], e["latitude"], e["longitude"], document_count,
                                        _authority(e["authority"])))
        ments = self._all(
            'SELECT m.id, m.text, m.start, m."end", d.id AS did, d.sha256, d.title, d.path, d.date_iso, '
            "d.classification_level, substr(d.text, max(m.start - 70, 0) + 1, m.start - max(m.start - 70, 0)) AS pre, "
            'substr(d.text, m."end" + 1, 70) AS post FROM mentions m JOIN documents d ON d.id = m.document_id '
            "WHERE m.entity_id = :e AND m.id > :after ORDER BY m.id LIMIT :n",
            {"e": entity_id, "after": mentions_after, "n": page + 1})
        mentions = tuple(MentionRef(
            r["id"], DocRef(r["did"], r["sha256"], r["title"] or Path(r["path"]).name, r["date_iso"],
                            r["classification_level"], r["path"]),
            r["text"], r["start"], r["end"], _clip(str(r["pre"]), left=r["start"] > 70), _clip(str(r["post"]), left=False))
            for r in ments[:page])
        return EntityPage(
            e["id"], e["kind"], e["name"], e["description"], _authority(e["authority"]), e["latitude"], e["longitude"],
            mention_count, document_count, e["origin"], spellings,
            tuple(LinkDecision(v["variant"], float(v["score"]), v["method"]) for v in variants),
            tuple(Count(y, y, n) for y, n in years),
            tuple(docs),
            tuple(Count(r["id"], r["name"], n) for r, n in people),
            tuple(places), mentions, self.correction_history(archive, entity=entity_id),
            documents_from=start,
            documents_next=start + page if start + page < document_count else None,
            mentions_next=mentions[-1].id if len(ments) > page and mentions else None,
            counted_over=document_count)

    def _named(self, counts: list[tuple[str, int]], most: int,
               where: str = "1 = 1") -> list[tuple[sqlite3.Row, int]]:
        """The ``most`` most counted entities (ties by name) whose rows meet ``where``, with their counts."""
        counts.sort(key=lambda x: -x[1])
        out: list[tuple[sqlite3.Row, int]] = []
        at = 0
        while at < len(counts) and len(out) < most:
            # a slice beyond the cut, widened to take every entity tied with the last one in it
            end = min(len(counts), at + max(most, 200))
            while end < len(counts) and counts[end][1] == counts[end - 1][1]:
                end += 1
            part = dict(counts[at:end])
            marks = ", ".join("?" for _ in part)
            rows = self._all(f"SELECT * FROM entities WHERE id IN ({marks}) AND ({where})", list(part))
            out += [(r, part[r["id"]]) for r in rows]
            at = end
        out.sort(key=lambda x: (-x[1], x[0]["name"]))
        return out[:most]

    def _summary(self, entity_id: str) -> _Summary:
        """An entity's documents, oldest first, how many fall in each year (the year its date starts
        in) and how often each spelling is seen. They are kept for the archive's content version,
        so the next page of a famous entity does not count them again."""
        version = self._all("SELECT value FROM meta WHERE key = 'content_version'")
        key = (entity_id, str(version[0]["value"])) if version else None
        with self._lock:
            if key is not None and (hit := self._orders.get(key)) is not None:
                self._orders.move_to_end(key)
                return hit
        forms: Counter[str] = Counter()
        for f in self._all("SELECT text, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY text "
                           "UNION ALL SELECT name, count(*) FROM agents WHERE entity_id = ? GROUP BY name",
                           (entity_id, entity_id)):
            forms[f[0]] += int(f[1])
        # ``+id``: the documents are read from the date index alone (id, dates), never row by row
        dated = self._all(
            "SELECT d.id, d.date_not_before AS nb FROM documents d WHERE +d.id IN (SELECT document_id FROM "
            "document_entities WHERE entity_id = :e UNION SELECT document_id FROM agents WHERE entity_id = :e)",
            {"e": entity_id})
        ranked = sorted((r["nb"] is None, r["nb"] or "", int(r["id"])) for r in dated)
        got = (array("q", (i for _, _, i in ranked)),
               tuple(sorted(Counter(nb[:4] for undated, nb, _ in ranked if not undated).items())),
               tuple(forms.items()))
        if key is not None:
            with self._lock:
                self._orders[key] = got
                while len(self._orders) > KEPT_ENTITIES:
                    self._orders.popitem(last=False)
        return got

    # -- correction history

    def correction_history(self, archive: Archive, *, document: str | None = None,
                           entity: str | None = None) -> tuple[HistoryEntry, ...]:
        """The archive's own history of one document (sha256) or entity (id), newest first, with
        what a reader needs beside it: a document value's parse, whether it is the one in force,
        and where each entity a correction names lives now."""
        return self.history(archive.correction_history(document=document, entity=entity))

    def history(self, entries: Sequence[CorrectionEntry]) -> tuple[HistoryEntry, ...]:
        """Log entries (oldest first, as the archive gives them) as a page shows them, newest first."""
        shas = sorted({_sha(e.payload) for e in entries} - {""})
        parsed = {r["sha256"]: _json_object(r["parsed"]) for r in self._all(
            "SELECT sha256, parsed FROM documents WHERE sha256 IN (SELECT value FROM json_each(?))",
            (json.dumps(shas),))} if shas else {}
        out: list[HistoryEntry] = []
        latest: dict[tuple[str, str], int] = {}
        for e in entries:
            c = from_payload(e.action, e.payload)
            set_to = corrected_value(e.id, c, e.author, e.created_at, e.reason)
            field = value = was = None
            if set_to is not None:
                field, value = set_to.field, set_to.value
                was = _parsed_value(parsed.get(set_to.sha256, {}), field)
                if e.undone_at is None and e.applied:
                    latest[(set_to.sha256, field)] = e.id
            out.append(HistoryEntry(e.id, e.created_at, e.author, e.action, e.target, e.reason, e.undone_at,
                                    e.undone_by, e.undo_reason, e.applied, field, value, was,
                                    entities=self._links(e.id, c), imported_from=e.imported_from,
                                    imported_at=e.imported_at))
        in_force = set(latest.values())
        return tuple(replace(h, in_force=h.id in in_force) for h in reversed(out))

    def _links(self, cid: int, c: object) -> tuple[EntityLink, ...]:
        named: list[tuple[str, str, str]] = []
        if isinstance(c, Merge):
            named = [("kept", c.into.id, c.into.name), ("merged", c.other.id, c.other.name)]
        elif isinstance(c, Split):
            named = [("split from", c.entity.id, c.entity.name), ("new", f"c{cid}", c.name)]
        elif isinstance(c, Reattach) and c.entity is not None:
            named = [("attached to", c.entity.id, c.entity.name)]
        elif isinstance(c, Rename):
            named = [("renamed", c.entity.id, c.entity.name)]
        out = []
        for role, eid, name in named:
            now = self.merged_into(eid) or (eid if self.entity_ref(eid) is not None else None)
            out.append(EntityLink(role, eid, name, now))
        return tuple(out)

    def entity_ref(self, entity_id: str) -> EntityRef | None:
        rows = self._all("SELECT id, kind, name, documents FROM entities WHERE id = ?", (entity_id,))
        return EntityRef(rows[0]["id"], rows[0]["kind"], rows[0]["name"], int(rows[0]["documents"])) if rows else None

    def entities_like(self, kind: str, prefix: str, limit: int = 20) -> list[EntityRef]:
        """Entities of ``kind`` whose name or a variant starts with ``prefix`` (merge and re-attach targets)."""
        rows = self._all(
            "SELECT id, kind, name, documents FROM entities WHERE kind = :k AND merged_into IS NULL AND (name LIKE :p ESCAPE '\\' OR id IN "
            "(SELECT entity_id FROM name_variants WHERE variant LIKE :p ESCAPE '\\')) ORDER BY documents DESC, name "
            "LIMIT :n", {"k": kind, "p": prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
                         "n": limit})
        return [EntityRef(r["id"], r["kind"], r["name"], int(r["documents"])) for r in rows]

    # -- pages over a search's documents

    def facets(self, doc_ids: Sequence[int] | None, limit: int = 12) -> Facets:
        """Counts over these documents (None: all), each as the search's filter for the value matches:
        an entity by the documents linked to it (``document_entities``), a level as stored, a year by
        every document whose date range reaches into it. A place is also a document's origin: the
        reading room recounts those through the archive's own filter."""
        ids = _ids(doc_ids)
        # counted per entity first, named after: a planner left to join first walks every entity of a kind
        rows = self._all(
            "SELECT e.id, e.name, e.kind, x.n FROM (SELECT de.entity_id, count(*) AS n FROM document_entities de "
            f"WHERE {_scope('de.document_id', ids)} GROUP BY de.entity_id) x JOIN entities e ON e.id = x.entity_id "
            "WHERE e.kind IN ('person', 'place', 'organization')", {"ids": ids})
        ranked = sorted(rows, key=lambda r: (-int(r["n"]), r["name"], r["id"]))
        kinds = {kind: tuple(Count(r["id"], r["name"], int(r["n"])) for r in ranked if r["kind"] == kind)[:limit]
                 for kind in ("person", "place", "organization")}
        cls = self._all(
            "SELECT classification_level AS c, count(*) AS n FROM documents "
            f"WHERE classification_level IS NOT NULL AND {_scope('id', ids)} GROUP BY c ORDER BY n DESC, c",
            {"ids": ids})
        spans = self._all(
            "SELECT substr(date_not_before, 1, 4) AS lo, substr(date_not_after, 1, 4) AS hi FROM documents "
            f"WHERE date_iso IS NOT NULL AND date_not_before IS NOT NULL AND date_not_after IS NOT NULL "
            f"AND {_scope('id', ids)}", {"ids": ids})
        years: Counter[str] = Counter()
        for r in spans:
            lo, hi = int(r["lo"]), int(r["hi"])
            years.update(f"{y:04d}" for y in range(lo, min(hi, lo + 200) + 1))
        return Facets(kinds["person"], kinds["place"], kinds["organization"],
                      tuple(Count(r["c"], r["c"], int(r["n"])) for r in cls),
                      tuple(Count(y, y, n) for y, n in sorted(years.items())))

    def within(self, clause: tuple[str, Sequence[Any]], doc_ids: Sequence[int] | None = None) -> list[int]:
        """The documents (among ``doc_ids``; None: all) a filter clause of the archive keeps, oldest first.

        ``clause`` is the archive's own ``WHERE`` over ``documents d`` (see :func:`filter_clause`), so a
        page without query words keeps exactly the documents the search's filters keep.
        """
        where, params = clause
        sql = f"SELECT d.id FROM documents d{where}"
        args = list(params)
        if doc_ids is not None:
            sql += " AND d.id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(doc_ids)))
        return [int(r["id"]) for r in self._all(sql + " ORDER BY d.date_not_before IS NULL, d.date_not_before, d.id",
                                                args)]

    def count_each(self, clauses: Sequence[tuple[str, Sequence[Any]]], doc_ids: Sequence[int] | None) -> list[int]:
        """How many documents (among ``doc_ids``; None: all) each filter clause of the archive keeps, in one
        pass over the documents (one scan for all the clauses, not one each)."""
        if not clauses:
            return []
        cols: list[str] = []
        args: list[Any] = []
        for i, (where, params) in enumerate(clauses):
            cols.append(f"count(CASE WHEN {where.removeprefix(' WHERE ')} THEN 1 END) AS n{i}")
            args.extend(params)
        sql = f"SELECT {', '.join(cols)} FROM documents d"
        if doc_ids is not None:
            sql += " WHERE d.id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(doc_ids)))
        row = self._all(sql, args)[0]
        return [int(row[f"n{i}"]) for i in range(len(clauses))]

    def mention_text(self, mention_id: int) -> str | None:
        rows = self._all("SELECT text FROM mentions WHERE id = ?", (mention_id,))
        return str(rows[0]["text"]) if rows else None

    def merged_into(self, entity_id: str) -> str | None:
        """The entity a correction merged this one into (followed to the end), or None."""
        seen = {entity_id}
        target = None
        while True:
            rows = self._all("SELECT merged_into FROM entities WHERE id = ?", (target or entity_id,))
            nxt = rows[0]["merged_into"] if rows else None
            if nxt is None or nxt in seen:
                return target
            seen.add(nxt)
            target = nxt

    def documents_in(self, doc_ids: Sequence[int]) -> list[DocRef]:
        rows = self._all("SELECT id, sha256, title, path, date_iso, classification_level FROM documents "
                         "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),))
        by_id = {int(r["id"]): _docref(r) for r in rows}
        return [by_id[i] for i in doc_ids if i in by_id]

    def timeline(self, doc_ids: Sequence[int] | None, listed: int = TIMELINE_LIST) -> Timeline:
        """Documents per month and the first ``listed`` dated documents, oldest first.

        Counts come from the date index alone (a document's month is its date's when the date is
        known to the month: both bounds in one month); the list walks that index and stops."""
        ids = _ids(doc_ids)
        # ``+id``: with a search's documents the date index is still read alone, never row by row
        scope = _scope("+id", ids)
        spans = self._all(
            "SELECT substr(date_not_before, 1, 7) AS m, substr(date_not_after, 1, 7) AS m2, count(*) AS n "
            f"FROM documents WHERE {scope} GROUP BY substr(date_not_before, 1, 7), substr(date_not_after, 1, 7)",
            {"ids": ids})
        months: Counter[str] = Counter()
        undated = dated = 0
        for r in spans:
            if r["m"] is None:
                undated += int(r["n"])
                continue
            dated += int(r["n"])
            if r["m"] == r["m2"]:
                months[str(r["m"])] += int(r["n"])
        docs = self._all(
            "SELECT id, sha256, title, path, date_iso, classification_level FROM documents "
            f"WHERE date_not_before IS NOT NULL AND {scope} ORDER BY date_not_before, id LIMIT :n",
            {"ids": ids, "n": listed})
        events = self._all(
            "SELECT substr(iso, 1, 4) AS y, count(*) AS n FROM dates "
            f"WHERE {_scope('document_id', ids)} GROUP BY substr(iso, 1, 4) ORDER BY y", {"ids": ids})
        return Timeline(
            tuple(Count(m, m, n) for m, n in sorted(months.items())),
            tuple(_docref(r) for r in docs if r["date_iso"]),
            tuple(Count(r["y"], r["y"], int(r["n"])) for r in events),
            undated, dated)

    def places(self, doc_ids: Sequence[int] | None) -> list[PlacePoint]:
        ids = _ids(doc_ids)
        return self._places(_scope("document_id", ids), {"ids": ids})

    def _places(self, where: str, params: dict[str, object]) -> list[PlacePoint]:
        # counted per entity in document_entities (one row per document and entity) first, named after
        rows = self._all(
            "SELECT e.id, e.name, e.latitude, e.longitude, e.authority, c.n FROM (SELECT entity_id, count(*) AS n "
            f"FROM document_entities WHERE {where} GROUP BY entity_id) c JOIN entities e ON e.id = c.entity_id "
            "WHERE e.kind = 'place' OR e.latitude IS NOT NULL ORDER BY c.n DESC, e.name LIMIT 400", params)
        return [PlacePoint(r["id"], r["name"], r["latitude"], r["longitude"], int(r["n"]), _authority(r["authority"]))
                for r in rows]

    def network(self, doc_ids: Sequence[int] | None, limit: int = 60) -> Network:
        """People named in the documents: co-mentions (same document) and transmission (sender → recipient,
        and one step of a transmission chain → the next), counted over the first :data:`NETWORK_DOCUMENTS`
        of the documents (of the archive: by id) so that a page's cost does not grow with the archive."""
        if doc_ids is None:
            doc_ids = [int(r["id"]) for r in self._all("SELECT id FROM documents ORDER BY id LIMIT :n",
                                                       {"n": NETWORK_DOCUMENTS + 1})]
        counted = min(len(doc_ids), NETWORK_DOCUMENTS)
        ids = _ids(doc_ids[:NETWORK_DOCUMENTS])
        # counted per entity first (the union has each document once), then named: joining first walks
        # every person of the archive
        people = self._all(
            "SELECT e.id, e.kind, e.name, c.n FROM (SELECT x.entity_id, count(*) AS n FROM "
            f"(SELECT document_id, entity_id FROM document_entities WHERE {_scope('document_id', ids)} UNION "
            " SELECT document_id, entity_id FROM agents WHERE entity_id IS NOT NULL "
            f"AND {_scope('document_id', ids)}) x GROUP BY x.entity_id) c JOIN entities e ON e.id = c.entity_id "
            "WHERE e.kind = 'person' ORDER BY c.n DESC, e.name LIMIT :lim", {"ids": ids, "lim": limit})
        nodes = tuple(EntityRef(r["id"], r["kind"], r["name"], int(r["n"])) for r in people)
        keep = json.dumps([n.id for n in nodes])
        co = self._all(
            # ``entity_id || ''`` (no index on it): the scope's documents are read by document, not the people's by person
            "WITH x AS (SELECT document_id, entity_id FROM document_entities "
            f"WHERE entity_id || '' IN (SELECT value FROM json_each(:keep)) AND {_scope('document_id', ids)} UNION "
            "SELECT document_id, entity_id FROM agents "
            f"WHERE entity_id || '' IN (SELECT value FROM json_each(:keep)) AND {_scope('document_id', ids)}) "
            "SELECT a.entity_id AS s, b.entity_id AS t, count(*) AS n FROM x a JOIN x b "
            "ON a.document_id = b.document_id AND a.entity_id < b.entity_id GROUP BY s, t ORDER BY s, t",
            {"keep": keep, "ids": ids})
        chain = self._all(
            "SELECT a.entity_id AS s, b.entity_id AS t, count(DISTINCT a.document_id) AS n FROM agents a "
            "JOIN agents b ON a.document_id = b.document_id AND ((a.role = 'sender' AND b.role = 'recipient') "
            "OR (a.role = 'chain' AND b.role = 'chain' AND b.step = a.step + 1)) "
            f"WHERE {_scope('a.document_id', ids)} AND a.entity_id || '' IN (SELECT value FROM json_each(:keep)) "
            "AND b.entity_id || '' IN (SELECT value FROM json_each(:keep)) AND a.entity_id <> b.entity_id "
            "GROUP BY s, t ORDER BY s, t", {"keep": keep, "ids": ids})
        edges = [Edge(r["s"], r["t"], int(r["n"]), "co-mention") for r in co]
        edges += [Edge(r["s"], r["t"], int(r["n"]), "chain") for r in chain]
        return Network(nodes, tuple(edges), counted, len(doc_ids) > counted)


def _clip(context: str, *, left: bool) -> str:
    """Context folded to one line, without the word the cut went through (on the cut's side)."""
    flat = " ".join(context.split()) if context.strip() else ""
    if context[:1].isspace():
        flat = " " + flat
    if context[-1:].isspace():
        flat += " "
    if left:
        return "…" + flat.split(" ", 1)[1] if " " in flat else flat
    if len(context) >= 70 and " " in flat.strip():
        return flat.rsplit(" ", 1)[0] + "…"
    return flat


def _column(row: sqlite3.Row, name: str) -> Any:
    """A column an archive of an older schema version may not have yet."""
    return row[name] if name in row.keys() else None  # noqa: SIM118 (`in` on a Row tests its values)


def _step_date(s: sqlite3.Row) -> Evidence | None:
    written = s["date_text"] or s["date_iso"]
    if not written:
        return None
    return Evidence("date", s["date_iso"] or written, written, _column(s, "date_start"), _column(s, "date_end"))


def _step_place(s: sqlite3.Row) -> Evidence | None:
    if not s["place"]:
        return None
    return Evidence("place", s["place"], s["place"], _column(s, "place_start"), _column(s, "place_end"))


def _sha(payload: str) -> str:
    """The document a correction's payload sets a value on ("" for an entity correction)."""
    value = _json_object(payload).get("sha256")
    return value if isinstance(value, str) else ""


def _json_object(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _parsed_value(header: dict[str, Any], field: str) -> str:
    """A document value as its parse gave it, written as a correction of it writes its own."""
    if field == "date":
        return str(header.get("date_iso") or "none")
    if field == "title":
        return str(header.get("title") or "none")
    return "; ".join([str(header.get("classification_level") or "none"), *_caveats(header.get("classification_caveats"))])


def _cut(text: str, start: int | None, end: int | None) -> str:
    return text[start:end] if start is not None and end is not None else ""


def _docref(r: sqlite3.Row) -> DocRef:
    return DocRef(int(r["id"]), r["sha256"], r["title"] or Path(r["path"]).name, r["date_iso"],
                  r["classification_level"], r["path"])


def _agent(a: sqlite3.Row, label: str, names: dict[str, str]) -> Evidence:
    """An agent as written; the entity's preferred name rides along when it reads otherwise."""
    details = tuple(Evidence(part, a[part], a[part], _column(a, f"{part}_start"), _column(a, f"{part}_end"))
                    for part in ("rank", "office") if a[part])
    preferred = names.get(a["entity_id"])
    return Evidence(label, a["name"], a["name"], a["start"], a["end"], a["entity_id"], "",
                    preferred if preferred and preferred != a["name"] else None, details)


def _caveats(raw: str | None) -> list[str]:
    return [x for x in (raw or "").split("; ") if x]


def _authority(raw: str | None) -> tuple[tuple[str, str], ...]:
    if not raw:
        return ()
    try:
        val = json.loads(raw)
    except ValueError:
        return ()
    return tuple((str(k), str(v)) for k, v in sorted(val.items())) if isinstance(val, dict) else ()


def filter_clause(archive: Archive, filters: Filters) -> tuple[str, list[Any]]:
    """The archive's own ``WHERE`` clause (over ``documents d``) for these filters, names resolved as
    its search resolves them: browsing and facet counts use it so they cannot drift from the search."""
    return archive.filter_clause(filters)



__all__ = [
    "Count", "DocRef", "DocumentPage", "Edge", "EntityLink", "EntityPage", "EntityRef", "Evidence",
    "Facets", "HistoryEntry", "MarkRow", "MentionRef", "MentionRow", "Network", "PlacePoint", "Reading", "Spelling", "StepRow",
    "Timeline", "User", "Users", "check_password", "filter_clause", "hash_password", "script_of",
]

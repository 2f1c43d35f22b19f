"""A document's page and an entity's page, read over the archive's :class:`Dialect` (written once
for both stores), with the look-ups the pages link by and each page's correction history.

A list of ids is bound as one parameter (``Dialect.any_of``), so a filter of any size is one
placeholder; rows are read by column name.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kartoteka.export.citation import CitedDate
from kartoteka.model import LinkDecision
from kartoteka.readers.shelfmark import parse_shelfmark
from kartoteka.store.history import page_history
from kartoteka.store.memo import ContentMemo
from kartoteka.store.page_roles import document_roles, titles_held
from kartoteka.store.pageviews import (
    CAVEATS_ONLY,
    Count,
    DocRef,
    DocumentPage,
    EntityBrief,
    EntityPage,
    HistoryEntry,
    MarkShown,
    MentionInContext,
    MentionShown,
    PlacePoint,
    RecordValue,
    Spelling,
    StepShown,
    authority,
    caveats,
    clip,
    cut,
    script_of,
)

if TYPE_CHECKING:
    from kartoteka.store.archive import Archive

PAGE = 50  # documents, and mentions, on one page of an entity
CO_PEOPLE = 20  # people an entity's page lists as named with it
CO_PLACES = 400  # places its map shows
KEPT_ENTITIES = 64  # entities whose ordered documents are kept (8 bytes a document)
CONTEXT = 70  # characters of text on each side of a mention

DOC_COLUMNS = "id, sha256, title, path, date_iso, classification_level"

# an entity's documents (ids, oldest first) and its spellings with their counts
_Summary = tuple["array[int]", tuple[tuple[str, int], ...]]
# kept across the archive connections of one process (a reading room's workers), by archive,
# entity and content version: the next page of a famous entity does not count them again
_SUMMARIES: ContentMemo[_Summary] = ContentMemo(KEPT_ENTITIES)  # by entity, for the content version

Row = dict[str, Any]


def docref(r: Row) -> DocRef:
    return DocRef(int(r["id"]), r["sha256"], r["title"] or Path(r["path"]).name, r["date_iso"],
                  r["classification_level"], r["path"])


def _agent(a: Row, label: str, names: dict[str, str]) -> RecordValue:
    """An agent as written; the entity's preferred name rides along when it reads otherwise."""
    details = tuple(RecordValue(part, a[part], a[part], a.get(f"{part}_start"), a.get(f"{part}_end"))
                    for part in ("rank", "office") if a[part])
    preferred = names.get(a["entity_id"])
    return RecordValue(label, a["name"], a["name"], a["start"], a["end"], a["entity_id"], "",
                       preferred if preferred and preferred != a["name"] else None, details)


def _step_date(s: Row) -> RecordValue | None:
    written = s["date_text"] or s["date_iso"]
    if not written:
        return None
    return RecordValue("date", s["date_iso"] or written, written, s.get("date_start"), s.get("date_end"))


def _step_place(s: Row) -> RecordValue | None:
    if not s["place"]:
        return None
    return RecordValue("place", s["place"], s["place"], s.get("place_start"), s.get("place_end"))


def _header(d: Row, names: dict[str, str]) -> list[RecordValue]:
    """A document's title, date and origin as its record shows them."""
    out: list[RecordValue] = []
    if d["title"]:
        out.append(RecordValue("title", d["title"], d["title"], d["title_start"], d["title_end"]))
    if d["date_iso"]:
        out.append(RecordValue("date", d["date_iso"], cut(d["text"], d["date_start"], d["date_end"]),
                               d["date_start"], d["date_end"],
                               extra=f"{d['date_precision'] or ''}, {d['date_certainty'] or ''} certainty"))
    if d["place"]:
        preferred = names.get(d["place_entity_id"])
        out.append(RecordValue("origin", d["place"], d["place"], d["place_start"], d["place_end"],
                               d["place_entity_id"], preferred=preferred if preferred != d["place"] else None))
    return out


class PageReader:
    """The pages of one open archive (its connection, its corrections' log)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.db = archive.db

    # -- look-ups

    def document_id(self, key: str) -> int | None:
        """The row id of a document named by its address (``collection/name``) or its sha256 (or a
        unique prefix of it, 8+ characters)."""
        mark = parse_shelfmark(key)
        at = self.archive.versions.writer.at_address(mark) if mark is not None else None
        if at is not None:
            return int(at[0])
        if len(key) < 8 or not all(c in "0123456789abcdef" for c in key):
            return None
        rows = self.db.rows("SELECT id FROM documents WHERE sha256 >= ? AND sha256 < ? LIMIT 2", (key, key + "g"))
        return int(rows[0]["id"]) if len(rows) == 1 else None

    def counts(self) -> tuple[int, int]:
        """(documents, entities) of the archive."""
        r = self.db.rows("SELECT (SELECT count(*) FROM documents) AS d, (SELECT count(*) FROM entities) AS e")[0]
        return int(r["d"]), int(r["e"])

    def documents_in(self, doc_ids: Sequence[int]) -> list[DocRef]:
        rows = self.db.rows(f"SELECT {DOC_COLUMNS} FROM documents WHERE {self.db.any_of('id')}",
                            (self.db.listed(doc_ids),))
        by_id = {int(r["id"]): docref(r) for r in rows}
        return [by_id[i] for i in doc_ids if i in by_id]

    def mention_text(self, mention_id: int) -> str | None:
        rows = self.db.rows("SELECT text FROM mentions WHERE id = ?", (mention_id,))
        return str(rows[0]["text"]) if rows else None

    def merged_into(self, entity_id: str) -> str | None:
        """The entity a correction merged this one into (followed to the end), or None."""
        seen = {entity_id}
        target = None
        while True:
            rows = self.db.rows("SELECT merged_into FROM entities WHERE id = ?", (target or entity_id,))
            nxt = rows[0]["merged_into"] if rows else None
            if nxt is None or nxt in seen:
                return target
            seen.add(nxt)
            target = nxt

    def entity_brief(self, entity_id: str) -> EntityBrief | None:
        rows = self.db.rows("SELECT id, kind, name, documents FROM entities WHERE id = ?", (entity_id,))
        return EntityBrief(rows[0]["id"], rows[0]["kind"], rows[0]["name"], int(rows[0]["documents"])) if rows else None

    def entities_like(self, kind: str, prefix: str, limit: int = 20) -> list[EntityBrief]:
        """Entities of ``kind`` whose name or a variant starts with ``prefix`` (merge and re-attach targets)."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.rows(
            "SELECT id, kind, name, documents FROM entities WHERE kind = ? AND merged_into IS NULL AND "
            "(name LIKE ? ESCAPE '\\' OR id IN (SELECT entity_id FROM name_variants WHERE variant LIKE ? ESCAPE '\\')) "
            "ORDER BY documents DESC, name LIMIT ?", (kind, like, like, limit))
        return [EntityBrief(r["id"], r["kind"], r["name"], int(r["documents"])) for r in rows]

    # -- the document page

    def document(self, key: str) -> DocumentPage | None:
        """The page of the document an address (``collection/name``) or a sha256 (or a unique prefix
        of 8+ characters) names."""
        doc_id = self.document_id(key)
        return None if doc_id is None else self.document_page(doc_id)

    def earlier(self, key: str) -> tuple[DocumentPage, int] | None:
        """The page of the document an earlier transcription's sha256 (prefix) names, and that version."""
        found = self.archive.versions.by_old_sha(key) if len(key) >= 8 else None
        page = self.document_page(found[0]) if found is not None else None
        return (page, found[1]) if page is not None and found is not None else None

    def document_page(self, doc_id: int) -> DocumentPage | None:
        """The document's page (by row id), with its correction history."""
        found = self.db.rows("SELECT * FROM documents WHERE id = ?", (doc_id,))
        if not found:
            return None
        d = found[0]
        names = {r["id"]: r["name"] for r in self.db.rows(
            "SELECT e.id, e.name FROM entities e WHERE e.id IN "
            "(SELECT entity_id FROM mentions WHERE document_id = ? UNION "
            " SELECT entity_id FROM agents WHERE document_id = ?)", (doc_id, doc_id))}
        agents = self.db.rows("SELECT * FROM agents WHERE document_id = ? ORDER BY step, start", (doc_id,))
        record = _header(d, names) + [_agent(a, role, names) for role in ("sender", "recipient", "signatory")
                                      for a in agents if a["role"] == role]
        record += self._classification_and_spans(d, doc_id)
        chain = tuple(
            StepShown(s["position"], s["action"], _step_date(s), _step_place(s),
                      tuple(_agent(a, s["action"], names) for a in agents
                            if a["role"] == "chain" and a["step"] == s["position"]))
            for s in self.db.rows("SELECT * FROM chain_steps WHERE document_id = ? ORDER BY position", (doc_id,)))
        marks = tuple(MarkShown(m["kind"], m["value"], m["lang"], m["start"], m["end"]) for m in self.db.rows(
            'SELECT kind, value, lang, start, "end" FROM marks WHERE document_id = ? ORDER BY start', (doc_id,)))
        mentions = tuple(
            MentionShown(m["id"], m["kind"], m["text"], m["start"], m["end"], m["entity_id"],
                         names.get(m["entity_id"]), m["method"] or "")
            for m in self.db.rows('SELECT id, kind, text, start, "end", entity_id, method FROM mentions '
                                  'WHERE document_id = ? ORDER BY start, id', (doc_id,)))
        error = f"{d['error_code']}: {d['error_message']}" if d["error_code"] else None
        versions = self.archive.versions
        kept = versions.versions(doc_id)
        return DocumentPage(doc_id, d["sha256"], d["path"], d["text"], d["title"] or Path(d["path"]).name,
                            d["date_iso"], tuple(record), chain, marks, mentions, error,
                            self.history(document=d["sha256"]), d["collection"], d["name"], d["version"],
                            kept if len(kept) > 1 else (), versions.events(doc_id), d["withdrawn_at"],
                            d["withdrawn_by"], d["withdrawn_reason"],
                            document_roles(self.db, doc_id, d["text"], d["date_iso"]),
                            classification_caveats=tuple(caveats(d["classification_caveats"])),
                            date_end=CitedDate.of(d["date_iso"], d["date_not_after"]).end if d["date_iso"] else None)

    def _classification_and_spans(self, d: Row, doc_id: int) -> list[RecordValue]:
        out: list[RecordValue] = []
        cav = caveats(d["classification_caveats"])
        # a corrected classification has a level and no words of the text
        if d["classification"] or d["classification_level"] or cav:
            level = d["classification_level"] or CAVEATS_ONLY
            out.append(RecordValue("classification", level, d["classification"] or level, d["classification_start"],
                                   d["classification_end"], extra=", ".join(cav)))
        spans = self.db.rows('SELECT role, kind, text, start, "end" FROM spans WHERE document_id = ? ORDER BY start',
                             (doc_id,))
        out += [RecordValue("reference", s["text"], s["text"], s["start"], s["end"],
                            extra=(s["kind"] or "").replace("_", " ")) for s in spans if s["role"] == "reference"]
        out += [RecordValue("summary", s["text"], s["text"], s["start"], s["end"]) for s in spans
                if s["role"] == "summary"]
        if d["summary"] and not any(s["role"] == "summary" for s in spans):
            out.append(RecordValue("summary", d["summary"], d["summary"], None, None))
        return out

    # -- the entity page

    def entity(self, entity_id: str, *, documents_from: int = 0, mentions_after: int = 0,
               page: int = PAGE) -> EntityPage | None:
        """The entity's page, with its correction history.

        However many documents name the entity, the page reads a bounded amount: ``page``
        documents (oldest first, from offset ``documents_from``) and ``page`` mentions (by id,
        after ``mentions_after``: keyset paging), counts from indexes alone, and its years and the
        co-occurring people and places counted over every one of its documents by the search's facet
        index (a few array passes, whatever the number): a year counts every document whose date
        reaches into it, as the search's year facet and filter do."""
        rows = self.db.rows("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            return None
        e = rows[0]
        order, forms = self._summary(entity_id)
        counted = self.archive.counts(list(order))
        tally: Counter[str] = Counter(dict(forms))
        variants = self.db.rows("SELECT variant, score, method FROM name_variants WHERE entity_id = ? "
                                "ORDER BY score DESC, variant", (entity_id,))
        for v in variants:
            tally.setdefault(v["variant"], 0)
        mention_count = sum(n for _, n in forms)  # the spellings' counts: one definition (``_summary``)
        start = max(documents_from, 0)
        people, places = self._named_with(e, counted.entities, len(order))
        mentions = self._mentions(entity_id, mentions_after, page)
        return EntityPage(
            e["id"], e["kind"], e["name"], e["description"], authority(e["authority"]), e["latitude"], e["longitude"],
            mention_count, len(order), e["origin"],
            tuple(Spelling(f, n, script_of(f)) for f, n in sorted(tally.items(), key=lambda x: (-x[1], x[0]))),
            tuple(LinkDecision(v["variant"], float(v["score"]), v["method"]) for v in variants),
            tuple(Count(y, y, n) for y, n in sorted(counted.years)), tuple(self.documents_in(list(order[start:start + page]))),
            people, places, tuple(mentions[:page]), self.history(entity=entity_id),
            documents_from=start, documents_next=start + page if start + page < len(order) else None,
            mentions_next=mentions[page - 1].id if len(mentions) > page else None, counted_over=len(order),
            titles=titles_held(self.db, entity_id) if e["kind"] == "person" else ())

    def _named_with(self, e: Row, counted: Sequence[tuple[str, str, int]], documents: int
                    ) -> tuple[tuple[Count, ...], tuple[PlacePoint, ...]]:
        """The people and places named in an entity's ``documents`` documents, counted over all of them
        (``counted``: (kind, entity id, documents) as the facet index counts them)."""
        entity_id = e["id"]
        people = self._named([(i, n) for kind, i, n in counted if kind == "person" and i != entity_id], CO_PEOPLE)
        places = [PlacePoint(r["id"], r["name"], r["latitude"], r["longitude"], n, authority(r["authority"]))
                  for r, n in self._named([(i, n) for kind, i, n in counted if kind != "person"], CO_PLACES,
                                          "kind = 'place' OR latitude IS NOT NULL")]
        if e["latitude"] is not None and e["longitude"] is not None and not any(p.id == entity_id for p in places):
            places.insert(0, PlacePoint(entity_id, e["name"], e["latitude"], e["longitude"], documents,
                                        authority(e["authority"])))
        return tuple(Count(r["id"], r["name"], n) for r, n in people), tuple(places)

    def _mentions(self, entity_id: str, after: int, page: int) -> list[MentionInContext]:
        """Up to ``page + 1`` mentions after the id ``after``, each with the words around it."""
        rows = self.db.rows(
            f'SELECT m.id, m.text, m.start, m."end", d.id AS did, d.sha256, d.title, d.path, d.date_iso, '
            f"d.classification_level, substr(d.text, CASE WHEN m.start > {CONTEXT} THEN m.start - {CONTEXT - 1} "
            f"ELSE 1 END, CASE WHEN m.start > {CONTEXT} THEN {CONTEXT} ELSE m.start END) AS pre, "
            f'substr(d.text, m."end" + 1, {CONTEXT}) AS post FROM mentions m JOIN documents d ON d.id = m.document_id '
            "WHERE m.entity_id = ? AND m.id > ? AND d.id NOT IN (SELECT id FROM documents WHERE withdrawn_at IS NOT NULL) "
            "ORDER BY m.id LIMIT ?", (entity_id, after, page + 1))
        return [MentionInContext(
            r["id"], DocRef(r["did"], r["sha256"], r["title"] or Path(r["path"]).name, r["date_iso"],
                            r["classification_level"], r["path"]),
            r["text"], r["start"], r["end"], clip(str(r["pre"]), left=r["start"] > CONTEXT),
            clip(str(r["post"]), left=False)) for r in rows]

    def _named(self, counts: list[tuple[str, int]], most: int, where: str = "1 = 1") -> list[tuple[Row, int]]:
        """The ``most`` most counted entities (ties by name) whose rows meet ``where``, with their counts."""
        counts.sort(key=lambda x: -x[1])
        out: list[tuple[Row, int]] = []
        at = 0
        while at < len(counts) and len(out) < most:
            # a slice beyond the cut, widened to take every entity tied with the last one in it
            end = min(len(counts), at + max(most, 200))
            while end < len(counts) and counts[end][1] == counts[end - 1][1]:
                end += 1
            part = dict(counts[at:end])
            rows = self.db.rows(f"SELECT * FROM entities WHERE {self.db.any_of('id')} AND ({where})",
                                (self.db.listed(part),))
            out += [(r, part[r["id"]]) for r in rows]
            at = end
        out.sort(key=lambda x: (-x[1], x[0]["name"]))
        return out[:most]

    def _summary(self, entity_id: str) -> _Summary:
        """An entity's documents, oldest first, and how often each spelling is seen, kept for the
        archive's content version."""
        return _SUMMARIES.get(self.db.identity, entity_id, self.db.fts_version(), lambda: self._summarised(entity_id))

    def _summarised(self, entity_id: str) -> _Summary:
        forms: Counter[str] = Counter()
        # one definition: a spelling is seen as often as mentions so spelled are linked to the entity,
        # and those counts sum to the page's mention count; a name only a header field gives (a
        # sender, a chain's agent: the same characters once for each role) is listed, seen 0 times
        for f in self.db.rows("SELECT text AS form, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY text "
                              "UNION ALL SELECT DISTINCT name, 0 FROM agents WHERE entity_id = ?",
                              (entity_id, entity_id)):
            forms[f["form"]] += int(f["n"])
        # ``+id``: the documents are read from the date index alone (id, dates), never row by row
        dated = self.db.rows(
            "SELECT d.id, d.date_not_before AS nb FROM documents d WHERE +d.id IN (SELECT document_id FROM "
            "document_entities WHERE entity_id = ? UNION SELECT document_id FROM agents WHERE entity_id = ?)",
            (entity_id, entity_id))
        # a withdrawn document is listed nowhere but at its own address (the few, from their index: the
        # column sits after the text, so asking each row would read every text)
        gone = {int(r["id"]) for r in self.db.rows("SELECT id FROM documents WHERE withdrawn_at IS NOT NULL")}
        ranked = sorted((r["nb"] is None, r["nb"] or "", int(r["id"])) for r in dated if int(r["id"]) not in gone)
        return array("q", (i for _, _, i in ranked)), tuple(forms.items())

    # -- correction history

    def history(self, *, document: str | None = None, entity: str | None = None) -> tuple[HistoryEntry, ...]:
        """The archive's own history of one document (sha256) or entity (id), newest first, as a page
        shows it (:func:`kartoteka.store.history.page_history`)."""
        return page_history(self, self.archive.correction_history(document=document, entity=entity))

    def audit(self) -> tuple[HistoryEntry, ...]:
        """The whole log, newest first, each entry as a document's or an entity's history shows it."""
        return page_history(self, self.archive.corrections())


__all__ = ["CO_PEOPLE", "PAGE", "PageReader", "docref"]

"""The archive: every operation on a stored collection, written once over a :class:`Dialect`.

Ingest writes batches of parsed records (one transaction each, idempotent by sha256);
``relink`` re-makes entities from all stored mentions and replays the historian's corrections;
``search`` assembles query expansion, filters, ranking, snippets and facets; corrections are
an audit log replayed after every re-parse and re-link, so they survive both.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from kartoteka.corrections import Corrected, CorrectedValue, Correction, EntityRef, MentionRef
from kartoteka.errors import Location, StoreError
from kartoteka.gazetteer.authority import Authority
from kartoteka.model import (
    Agent,
    Entity,
    Mention,
    Record,
)
from kartoteka.search.filters import Filters
from kartoteka.search.query import Node
from kartoteka.search.result import SearchResult
from kartoteka.search.variants import Lookup, keys_version, name_forms, name_keys
from kartoteka.store.clock import timestamp
from kartoteka.store.corrector import Corrector
from kartoteka.store.dialect import Dialect, Row
from kartoteka.store.facets import Counts, bump_content
from kartoteka.store.schema import DOCUMENT_TABLES, MIGRATIONS, REINDEXING, SCHEMA_VERSION
from kartoteka.store.searcher import Searcher
from kartoteka.store.views import (
    AddReport,
    AgentView,
    CorrectionEntry,
    DocumentView,
    EntityView,
    LinkReport,
    MentionView,
    Stats,
    VariantView,
)


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class Archive:
    """One open archive. Open with :func:`kartoteka.store.open_archive`; close when done."""

    def __init__(self, dialect: Dialect, *, create: bool = False) -> None:
        self.db = dialect
        try:
            self._migrate(create)
        except BaseException:
            dialect.close()
            raise

    # --- lifecycle -------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.db.url

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _where(self) -> Location:
        return Location(self.db.url)

    def _migrate(self, create: bool) -> None:
        if not self.db.table_exists("schema_version"):
            if self.db.table_exists("documents") or (not create and self.db.table_exists("sqlite_sequence")):
                raise StoreError("not a kartoteka archive", location=self._where(),
                                 expected="an archive made by `kartoteka ingest`")
            if not create:
                raise StoreError("not a kartoteka archive (empty)", location=self._where(),
                                 expected="an archive made by `kartoteka ingest`")
            current = 0
        else:
            current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"archive schema version {current} is newer than this kartoteka's "
                             f"{SCHEMA_VERSION}", location=self._where(), expected="a newer kartoteka")
        if current == SCHEMA_VERSION:
            return
        with self.db.transaction():
            current = self.schema_version() if self.db.table_exists("schema_version") else 0
            for m in MIGRATIONS:
                if m.version <= current:
                    continue
                for st in m.statements:
                    self.db.execute(self.db.ddl(st))
                if m.version == 1:
                    for st in self.db.fts_create():
                        self.db.execute(st)
                if m.version in REINDEXING:
                    self.db.fts_reindex()
                self.db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                                (m.version, timestamp()))
            bump_content(self.db)

    def schema_version(self) -> int:
        rows = self.db.query("SELECT max(version) FROM schema_version")
        return int(rows[0][0] or 0)

    def _meta(self, key: str) -> str | None:
        rows = self.db.query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def _set_meta(self, key: str, value: str) -> None:
        self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- ingest ----------------------------------------------------------------------------------
    def known(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these document hashes the archive already holds."""
        found: set[str] = set()
        batch: list[str] = []
        for s in sha256s:
            batch.append(s)
            if len(batch) >= 500:
                found |= self._known(batch)
                batch = []
        if batch:
            found |= self._known(batch)
        return found

    def _known(self, batch: Sequence[str]) -> set[str]:
        rows = self.db.query(f"SELECT sha256 FROM documents WHERE sha256 IN ({_marks(len(batch))})", batch)
        return {str(r[0]) for r in rows}

    def add_records(self, records: Sequence[Record], *, replace: bool = False) -> AddReport:
        """Store a batch of parsed records in one transaction.

        A record whose sha256 is already stored is skipped (or, with ``replace``, its parse is
        replaced and the corrections on it replayed). Records that failed to read carry no text
        and are not stored. Mentions wait for :meth:`relink`.
        """
        added = replaced = skipped = failed = 0
        with self.db.transaction():
            shas = [r.source.sha256 for r in records if r.document is not None]
            existing = dict(self._ids_by_sha(shas))
            seen: set[str] = set()
            fts: list[tuple[int, str, str]] = []
            forms: set[str] = set()
            touched: list[int] = []
            for rec in records:
                if rec.document is None:
                    failed += 1
                    continue
                sha = rec.source.sha256
                if sha in seen:
                    skipped += 1
                    continue
                seen.add(sha)
                if sha in existing:
                    if not replace:
                        skipped += 1
                        continue
                    doc_id = existing[sha]
                    self.db.fts_delete([doc_id])
                    for table in DOCUMENT_TABLES:
                        self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
                    self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                    replaced += 1
                else:
                    added += 1
                doc_id = self._insert_document(rec, existing.get(sha))
                touched.append(doc_id)
                fts.append((doc_id, rec.title.text if rec.title else "", rec.document.text))
                forms |= name_forms(rec.document.text)
                forms.update(m.span.text for m in rec.mentions)
            self.db.fts_add(fts)
            self._add_entities([e for rec in records if rec.document is not None for e in rec.entities])
            self._add_keys(forms)
            if added or replaced:
                self._set_meta("links_stale", "1")
                bump_content(self.db)
            if replaced:
                # linking's kept counts hold the replaced parses: the next re-link counts anew
                self._set_meta("documents_replaced", str(int(self._meta("documents_replaced") or 0) + 1))
                self._replay_documents(touched)
        return AddReport(added, replaced, skipped, failed)

    def _ids_by_sha(self, shas: Sequence[str]) -> Iterator[tuple[str, int]]:
        for i in range(0, len(shas), 500):
            part = shas[i:i + 500]
            for r in self.db.query(f"SELECT sha256, id FROM documents WHERE sha256 IN ({_marks(len(part))})", part):
                yield str(r[0]), int(r[1])

    def _insert_document(self, rec: Record, keep_id: int | None) -> int:
        assert rec.document is not None
        header = _header_columns(rec)
        cols: dict[str, Any] = {
            "sha256": rec.source.sha256, "path": rec.source.path, "format": rec.source.format,
            "encoding": rec.document.encoding, "text": rec.document.text, "ingested_at": timestamp(),
            "error_code": rec.error.code if rec.error else None,
            "error_message": rec.error.message if rec.error else None,
            **header,
            "parsed": json.dumps(header, ensure_ascii=False),
        }
        if keep_id is not None:
            cols = {"id": keep_id, **cols}
        names = list(cols)
        doc_id = self.db.insert_id(
            f"INSERT INTO documents ({', '.join(names)}) VALUES ({_marks(len(names))})", [cols[n] for n in names])
        self._insert_children(doc_id, rec)
        return doc_id

    def _insert_children(self, doc_id: int, rec: Record) -> None:
        spans = [(doc_id, "reference", str(r.kind), r.span.text, r.span.start, r.span.end) for r in rec.references]
        if rec.summary:
            spans.append((doc_id, "summary", None, rec.summary.text, rec.summary.start, rec.summary.end))  # type: ignore[arg-type]
        self.db.executemany('INSERT INTO spans (document_id, role, kind, text, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
                            spans)
        self.db.executemany(
            'INSERT INTO marks (document_id, kind, value, lang, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(doc_id, str(m.kind), m.value, m.lang, m.span.text, m.span.start, m.span.end) for m in rec.marks])
        self.db.executemany(
            "INSERT INTO dates (document_id, iso, precision, not_before, not_after, certainty, text, start, \"end\") "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, x.iso, str(x.precision), x.not_before, x.not_after, str(x.certainty), x.span.text,
              x.span.start, x.span.end) for x in rec.dates])
        agents: list[tuple[Any, ...]] = []
        for role, group in (("sender", rec.senders), ("recipient", rec.recipients), ("signatory", rec.signatories)):
            agents.extend(_agent_row(doc_id, role, None, a) for a in group)
        steps = []
        for pos, step in enumerate(rec.chain):
            sd, sp = step.date, step.place
            steps.append((doc_id, pos, str(step.action), sd.iso if sd else None, sd.span.text if sd else None,
                          str(sd.precision) if sd else None, sd.not_before if sd else None,
                          sd.not_after if sd else None, str(sd.certainty) if sd else None,
                          sd.span.start if sd else None, sd.span.end if sd else None,
                          sp.text if sp else None, sp.start if sp else None, sp.end if sp else None))
            agents.extend(_agent_row(doc_id, "chain", pos, a) for a in step.agents)
        self.db.executemany(
            "INSERT INTO chain_steps (document_id, position, action, date_iso, date_text, date_precision, "
            "date_not_before, date_not_after, date_certainty, date_start, date_end, place, place_start, place_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps)
        self.db.executemany(
            'INSERT INTO agents (document_id, role, step, kind, name, start, "end", office, rank, '
            "linked_entity_id, entity_id, office_start, office_end, rank_start, rank_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", agents)
        self._insert_mentions(doc_id, rec.mentions)
        named: Counter[tuple[str, str]] = Counter((m.entity, str(m.kind)) for m in rec.mentions if m.entity)
        self.db.executemany(
            self.db.insert_ignore("document_entities", ("document_id", "entity_id", "kind", "mentions")),
            [(doc_id, e, k, n) for (e, k), n in named.items()])

    def _insert_mentions(self, doc_id: int, mentions: Sequence[Mention],
                         parsed: dict[tuple[int, int], tuple[str, str]] | None = None) -> None:
        """Mentions of a document; ``parsed`` gives the parse's kind and method by span when the
        mentions come from linking (a span not in it was added by linking); else they are the parse."""
        def origin(m: Mention) -> tuple[str | None, str | None]:
            if parsed is None:
                return str(m.kind), m.method or None
            kind, method = parsed.get((m.span.start, m.span.end), (None, None))
            return kind, method or None

        self.db.executemany(
            'INSERT INTO mentions (document_id, kind, text, start, "end", title, method, linked_entity_id, '
            "entity_id, title_start, title_end, parsed_kind, parsed_method) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, str(m.kind), m.span.text, m.span.start, m.span.end, m.title.text if m.title else None,
              m.method or None, m.entity, m.entity, m.title.start if m.title else None,
              m.title.end if m.title else None, *origin(m)) for m in mentions])

    def _add_entities(self, entities: Sequence[Entity]) -> None:
        """Entities that came with pre-linked records (kept until the next :meth:`relink`)."""
        if not entities:
            return
        uniq = {e.id: e for e in entities}
        self.db.executemany(
            self.db.insert_ignore("entities", ("id", "kind", "name", "linked_name", "description", "authority",
                                               "latitude", "longitude", "origin")),
            [(e.id, str(e.kind), e.name, e.name, e.description, json.dumps(dict(e.authority)) if e.authority else None,
              e.latitude, e.longitude, "link") for e in uniq.values()])
        variants = {(e.id, v): (1.0, "link") for e in uniq.values() for v in (e.name, *e.variants)}
        variants.update({(e.id, ld.variant): (ld.score, ld.method) for e in uniq.values() for ld in e.links})
        self.db.executemany(self.db.insert_ignore("name_variants", ("entity_id", "variant", "score", "method")),
                            [(k[0], k[1], v[0], v[1]) for k, v in variants.items()])
        self._add_keys({k[1] for k in variants})

    def _add_keys(self, forms: Iterable[str]) -> None:
        rows = {(k, f) for f in forms for k in name_keys(f)}
        if rows:
            self.db.executemany(self.db.insert_ignore("name_keys", ("key", "form")), sorted(rows))

    def _refresh_keys(self) -> None:
        """Re-key every stored spelling when the key functions changed since they were stored."""
        version = keys_version()
        if self._meta("keys_version") == version:
            return
        forms = [str(r[0]) for r in self.db.query("SELECT DISTINCT form FROM name_keys")]
        self.db.execute("DELETE FROM name_keys")
        self._add_keys(forms)
        self._set_meta("keys_version", version)

    def keys_stale(self) -> bool:
        """True when the stored spelling keys were made by other rules than this code's (the next
        :meth:`relink` re-keys them; until then a name is widened by the old keys only)."""
        return self._meta("keys_version") != keys_version()

    def links_stale(self) -> bool:
        """True when documents arrived (or were re-parsed) since the last :meth:`relink`."""
        return self._meta("links_stale") == "1"

    # --- linking ---------------------------------------------------------------------------------
    def records(self) -> Iterator[Record]:
        """Every document as a complete Record (the contract's fields, entity ids after linking and
        corrections, the entities it points to), read in chunks; for export."""
        from kartoteka.store.records import read_records

        return read_records(self.db)

    def corrected_values(self) -> dict[str, tuple[CorrectedValue, ...]]:
        """By document sha256, the titles, dates and classifications historians set (active ones)."""
        from kartoteka.store.records import read_corrected_values

        return read_corrected_values(self.db)

    def stored_records(self) -> Iterator[Record]:
        """Each stored document as the linker's input: text, marks, header agents, chain, and the
        mentions as parsed (not what an earlier linking added or relabelled); read in chunks."""
        from kartoteka.store.relinker import stored

        for part in stored(self):
            for s in part:
                yield s.record

    def relink(self, authority: Authority | None = None, *, full: bool = False,
               progress: Callable[[str, int, int], None] | None = None) -> LinkReport:
        """Re-make the entities from the stored mentions where anything can have changed, then
        replay the corrections (see :mod:`kartoteka.store.relinker`); ``full`` re-clusters all."""
        from kartoteka.store.relinker import Relinker

        return Relinker(self, authority, progress=progress).run(full=full)

    # --- corrections -----------------------------------------------------------------------------
    # (the work is done by :class:`kartoteka.store.corrector.Corrector`)
    @property
    def _corrector(self) -> Corrector:
        return Corrector(self)

    def correct(self, correction: Correction, *, author: str, reason: str) -> CorrectionEntry:
        """Log a correction and apply it; it is replayed after every re-ingest and re-link."""
        return self._corrector.correct(correction, author=author, reason=reason)

    def corrections(self, *, include_undone: bool = True) -> list[CorrectionEntry]:
        """The audit log, oldest first."""
        return self._corrector.corrections(include_undone=include_undone)

    def correction(self, cid: int) -> CorrectionEntry:
        return self._corrector.correction(cid)

    def correction_history(self, *, document: str | None = None, entity: str | None = None
                           ) -> list[CorrectionEntry]:
        """The log's entries about one document (sha256) or one entity (id), undone ones too."""
        return self._corrector.history(document=document, entity=entity)

    def undo(self, cid: int, *, author: str, reason: str) -> CorrectionEntry:
        """Mark a correction undone (kept in the log) and restore what it changed."""
        return self._corrector.undo(cid, author=author, reason=reason)

    def corrected(self) -> Corrected:
        """What the active corrections changed, by document and by entity: what exports show."""
        return self._corrector.corrected()

    def _replay_documents(self, doc_ids: Sequence[int]) -> None:
        """Reset these documents' header fields to their parse, then apply their active corrections."""
        self._corrector.replay_documents(doc_ids)

    def _replay_entities(self, relinked: Iterable[str] | None = None) -> tuple[int, int]:
        """Reset entities to what linking decided, then apply every active entity correction
        (recounting only the entities moved and ``relinked``, when the caller can tell them)."""
        return self._corrector.replay_entities(relinked=relinked)

    def entity_ref(self, entity_id: str) -> EntityRef:
        """An entity as a correction anchors it (a few of its mentions)."""
        return self._corrector.entity_ref(entity_id)

    def mention_ref(self, mention_id: int) -> MentionRef:
        return self._corrector.mention_ref(mention_id)

    # --- reading ---------------------------------------------------------------------------------
    def stats(self) -> Stats:
        def one(sql: str) -> int:
            return int(self.db.query(sql)[0][0] or 0)

        by_kind = tuple((str(r[0]), int(r[1])) for r in self.db.query(
            "SELECT kind, count(*) FROM entities WHERE merged_into IS NULL GROUP BY kind ORDER BY kind"))
        return Stats(
            documents=one("SELECT count(*) FROM documents"),
            failed=one("SELECT count(*) FROM documents WHERE error_code IS NOT NULL"),
            mentions=one("SELECT count(*) FROM mentions"),
            entities=one("SELECT count(*) FROM entities WHERE merged_into IS NULL"),
            variants=one("SELECT count(*) FROM name_variants"),
            corrections=one("SELECT count(*) FROM corrections"),
            active_corrections=one("SELECT count(*) FROM corrections WHERE undone_at IS NULL"),
            links_stale=self.links_stale(), schema_version=self.schema_version(),
            size_bytes=self.db.size_bytes(), by_kind=by_kind,
        )

    def resolve_document(self, ref: str) -> int:
        """A document's id from its sha256 (or a prefix of 6+ characters), its path, or a file name."""
        ref = ref.strip()
        where = Location(ref or "DOC")
        candidates: list[Row] = []
        if len(ref) >= 6 and all(ch in "0123456789abcdef" for ch in ref.lower()):
            candidates = self.db.query("SELECT id, path FROM documents WHERE sha256 LIKE ?", (ref.lower() + "%",))
        if not candidates:
            candidates = self.db.query("SELECT id, path FROM documents WHERE path = ?", (ref,))
        if not candidates and ref:
            name = ref.replace("\\", "/").rsplit("/", 1)[-1]
            rows = self.db.query("SELECT id, path FROM documents WHERE path LIKE ?", ("%" + name,))
            candidates = [r for r in rows if str(r[1]).replace("\\", "/").rsplit("/", 1)[-1] in (name, name + ".txt")
                          or str(r[1]).endswith("/" + ref)]
            if not candidates:
                rows = self.db.query("SELECT id, path FROM documents WHERE path LIKE ?", ("%/" + name + ".%",))
                candidates = list(rows)
        if not candidates:
            raise StoreError("no such document in the archive", location=where,
                             expected="a sha256 (or its first 6+ characters), a path or a file name")
        if len(candidates) > 1:
            shown = ", ".join(str(r[1]) for r in candidates[:5])
            raise StoreError(f"{len(candidates)} documents match: {shown}", location=where,
                             expected="a longer sha256 prefix or the full path")
        return int(candidates[0][0])

    def document(self, ref: str | int) -> DocumentView:
        """One document by id, sha256 (prefix), path or file name."""
        doc_id = ref if isinstance(ref, int) else self.resolve_document(ref)
        rows = self.db.query(
            "SELECT id, sha256, path, text, title, date_iso, "
            "CASE WHEN date_start IS NULL THEN NULL ELSE substr(text, date_start + 1, date_end - date_start) END, "
            "place, classification_level, classification_caveats, summary, error_message FROM documents WHERE id = ?",
            (doc_id,))
        if not rows:
            raise StoreError(f"no document #{doc_id}", location=self._where())
        r = rows[0]
        agents = tuple(AgentView(str(a[0]), str(a[1]), str(a[2]), int(a[3]), int(a[4]), a[5], a[6], a[7])
                       for a in self.db.query('SELECT role, kind, name, start, "end", entity_id, office, rank '
                                              "FROM agents WHERE document_id = ? ORDER BY id", (doc_id,)))
        mentions = tuple(MentionView(int(m[0]), str(m[1]), str(m[2]), int(m[3]), int(m[4]), m[5], m[6])
                         for m in self.db.query(
                             'SELECT m.id, m.kind, m.text, m.start, m."end", m.entity_id, e.name FROM mentions m '
                             "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? "
                             "ORDER BY m.start, m.id", (doc_id,)))
        refs = tuple(str(s[0]) for s in self.db.query(
            "SELECT text FROM spans WHERE document_id = ? AND role = 'reference' ORDER BY start", (doc_id,)))
        corr = tuple(int(c[0]) for c in self.db.query(
            "SELECT id FROM corrections WHERE undone_at IS NULL AND payload LIKE ? ORDER BY id",
            ('%"' + str(r[1]) + '"%',)))
        caveats = tuple(x for x in str(r[9] or "").split("; ") if x)
        return DocumentView(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5], r[6], r[7], r[8], caveats,
                            r[10], r[11], agents, mentions, refs, corr)

    def entity(self, entity_id: str) -> EntityView:
        rows = self.db.query("SELECT id, kind, name, description, authority, mentions, documents, origin, "
                             "merged_into FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise StoreError(f"no entity {entity_id!r}", location=self._where(),
                             expected="an entity id or a name")
        r = rows[0]
        if r[8] is not None:
            return self.entity(str(r[8]))
        variants = tuple(VariantView(str(v[0]), float(v[1]), str(v[2])) for v in self.db.query(
            "SELECT variant, score, method FROM name_variants WHERE entity_id = ? ORDER BY score DESC, variant",
            (entity_id,)))
        seen = {v.variant for v in variants}
        extra = tuple(VariantView(str(t[0]), 1.0, "mention") for t in self.db.query(
            "SELECT DISTINCT text FROM mentions WHERE entity_id = ? ORDER BY text", (entity_id,)) if t[0] not in seen)
        apps = tuple((str(a[0]), str(a[1]), a[2]) for a in self.db.query(
            "SELECT d.sha256, d.path, d.title FROM documents d WHERE d.id IN "
            "(SELECT document_id FROM mentions WHERE entity_id = ?) ORDER BY d.date_not_before, d.id LIMIT 20",
            (entity_id,)))
        auth = tuple(sorted(json.loads(r[4]).items())) if r[4] else ()
        return EntityView(str(r[0]), str(r[1]), str(r[2]), r[3], auth, int(r[5]), int(r[6]), str(r[7]),
                          variants + extra, apps)

    def find_entities(self, name: str, kind: str | None = None) -> list[EntityView]:
        """Entities called ``name`` in any known spelling or script (or with that id), best known first."""
        ids = self._entity_ids(name, kind)
        views = [self.entity(i) for i in ids]
        uniq = {v.id: v for v in views}
        return sorted(uniq.values(), key=lambda v: (-v.mentions, v.name))

    # --- search (kartoteka.store.searcher) ---------------------------------------------------------
    @property
    def _searcher(self) -> Searcher:
        found: Searcher | None = self.__dict__.get("_searcher_obj")
        if found is None:
            found = self.__dict__["_searcher_obj"] = Searcher(self.db, self.links_stale)
        return found

    def search_cache_budget(self, budget: int) -> None:
        """At most ``budget`` bytes of kept match lists (several archives open in one process share one)."""
        self._searcher.cache.budget = budget

    def _entity_ids(self, name: str, kind: str | None) -> list[str]:
        return self._searcher.entity_ids(name, kind)

    def _forms(self, keys: Sequence[str]) -> set[str]:
        return self._searcher.forms(keys)

    def lookup(self) -> Lookup:
        return self._searcher.lookup()

    def search(self, query: str | Node, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
               facets: bool = True, expand_names: bool = True) -> SearchResult:
        """Ranked documents matching ``query`` (every known spelling of its names) within ``filters``;
        the total and the facets count every match."""
        return self._searcher.search(query, filters, limit=limit, offset=offset, facets=facets,
                                     expand_names=expand_names)

    def matching_ids(self, query: str | Node, filters: Filters | None = None, *,
                     expand_names: bool = True) -> list[int]:
        """Every document ``search`` finds for this query and filters (ascending id), unranked."""
        return self._searcher.matching_ids(query, filters, expand_names=expand_names)

    def counts(self, ids: Sequence[int]) -> Counts:
        """Exact counts over these documents by year, classification level and entity: the
        search's facet counts, from the same facet index."""
        return self._searcher.tally.counts(ids)

    def filter_clause(self, f: Filters) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause these filters make over ``documents d`` and its parameters: see
        :meth:`kartoteka.store.searcher.Searcher.filter_clause`."""
        return self._searcher.filter_clause(f)


def _header_columns(rec: Record) -> dict[str, Any]:
    d, c, t, p = rec.date, rec.classification, rec.title, rec.place
    return {
        "title": t.text if t else None, "title_start": t.start if t else None, "title_end": t.end if t else None,
        "date_iso": d.iso if d else None, "date_precision": str(d.precision) if d else None,
        "date_not_before": d.not_before if d else None, "date_not_after": d.not_after if d else None,
        "date_certainty": str(d.certainty) if d else None, "date_start": d.span.start if d else None,
        "date_end": d.span.end if d else None,
        "place": p.span.text if p else None, "place_start": p.span.start if p else None,
        "place_end": p.span.end if p else None,
        "classification_level": str(c.level) if c and c.level else None,
        "classification_caveats": "; ".join(c.caveats) if c and c.caveats else None,
        "classification": c.span.text if c else None, "classification_start": c.span.start if c else None,
        "classification_end": c.span.end if c else None,
        "summary": rec.summary.text if rec.summary else None,
    }


def _agent_row(doc_id: int, role: str, step: int | None, a: Agent) -> tuple[Any, ...]:
    o, r = a.office, a.rank
    return (doc_id, role, step, str(a.kind), a.span.text, a.span.start, a.span.end,
            o.text if o else None, r.text if r else None, a.entity, a.entity,
            o.start if o else None, o.end if o else None, r.start if r else None, r.end if r else None)


__all__ = ["Archive"]

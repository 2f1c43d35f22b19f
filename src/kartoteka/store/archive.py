"""The archive: every operation on a stored collection, written once over a :class:`Dialect`.

Ingest writes batches of parsed records (one transaction each, idempotent by sha256);
``relink`` re-makes entities from all stored mentions and replays the historian's corrections;
``search`` assembles query expansion, filters, ranking, snippets and facets; corrections are
an audit log replayed after every re-parse and re-link, so they survive both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace as replace_
from typing import TYPE_CHECKING, Any

from kartoteka.corrections import Corrected, CorrectedValue, Correction, EntityRef, MentionRef
from kartoteka.errors import Location, StoreError
from kartoteka.gazetteer.authority import Authority
from kartoteka.model import Record
from kartoteka.search.filters import Filters, Sort
from kartoteka.search.query import Node
from kartoteka.search.result import SearchResult
from kartoteka.search.variants import Lookup
from kartoteka.store.addresses import resolve
from kartoteka.store.clock import timestamp
from kartoteka.store.corrector import Corrector
from kartoteka.store.dialect import Dialect
from kartoteka.store.facets import Counts, bump_content
from kartoteka.store.pageviews import DocumentPage, EntityPage
from kartoteka.store.schema import MIGRATIONS, SCHEMA_VERSION
from kartoteka.store.searcher import Findings, Searcher
from kartoteka.store.versions import Replacement, Versions
from kartoteka.store.views import AddReport, CorrectionEntry, LinkReport, Stats
from kartoteka.store.writer import Writer

if TYPE_CHECKING:
    from kartoteka.store.reading import Reading


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
                m.apply(self.db)
                self.db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                                (m.version, timestamp()))
            bump_content(self.db)

    def schema_version(self) -> int:
        rows = self.db.query("SELECT max(version) FROM schema_version")
        return int(rows[0][0] or 0)

    @property
    def _writer(self) -> Writer:
        return Writer(self.db)

    # --- ingest (kartoteka.store.writer) ---------------------------------------------------------
    def known(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these document hashes the archive already holds."""
        return self._writer.known(sha256s)

    def add_records(self, records: Sequence[Record], *, replace: bool = False, collection: str | None = None,
                    author: str = "ingest", since: str | None = None) -> AddReport:
        """Store a batch of parsed records in one transaction.

        A record whose sha256 is already stored is skipped (or, with ``replace``, its parse is
        replaced and the corrections on it replayed). Records that failed to read carry no text
        and are not stored. Mentions wait for :meth:`relink`. Each document gets its address in
        ``collection`` (None: derived from its path); a changed file at an address already held becomes
        that document's new version (by ``author``), unless the holder is another file stored since
        ``since`` (the ingest's start): two files of one ingest at one address, the second refused.
        A transcription a document had before its current one is not stored again.
        """
        with self.db.transaction():
            written = self._writer.store(records, replace=replace, collection=collection, since=since)
            if written.replaced_ids:
                self._corrector.replay_documents(written.replaced_ids)
            for doc_id, rec in written.superseding:
                self.versions.replace(doc_id, rec, author=author, reason="a changed file ingested at its address")
        return replace_(written.report, versions=len(written.superseding))

    @property
    def versions(self) -> Versions:
        """Versions, withdrawal and events of documents (:mod:`kartoteka.store.versions`)."""
        return Versions(self.db)

    def replace_document(self, ref: str, rec: Record, *, author: str, reason: str | None) -> Replacement:
        """A new transcription of a document, keeping its address and carrying its corrections over."""
        with self.db.transaction():
            return self.versions.replace(self.resolve_document(ref), rec, author=author, reason=reason)

    def withdraw(self, ref: str, *, author: str, reason: str, reinstate: bool = False) -> int:
        """Withdraw a document from search, facets and browsing (or reinstate it); its id."""
        doc_id = self.resolve_document(ref)
        with self.db.transaction():
            (self.versions.reinstate if reinstate else self.versions.withdraw)(doc_id, author=author, reason=reason)
        return doc_id

    def keys_stale(self) -> bool:
        """True when the stored spelling keys were made by other rules than this code's (the next
        :meth:`relink` re-keys them; until then a name is widened by the old keys only)."""
        return self._writer.keys_stale()

    def links_stale(self) -> bool:
        """True when documents arrived (or were re-parsed) since the last :meth:`relink`."""
        return self._writer.links_stale()

    # --- linking ---------------------------------------------------------------------------------
    def records(self, *, withdrawn: bool = True) -> Iterator[Record]:
        """Every document as a complete Record (the contract's fields, entity ids after linking and
        corrections, the entities it points to), read in chunks; for export (which leaves the
        withdrawn ones out: ``withdrawn=False``)."""
        from kartoteka.store.records import read_records

        return read_records(self.db, withdrawn=withdrawn)

    def corrected_values(self) -> dict[str, tuple[CorrectedValue, ...]]:
        """By document sha256, the titles, dates and classifications historians set (active ones)."""
        from kartoteka.store.records import read_corrected_values

        return read_corrected_values(self.db)

    def stored_records(self) -> Iterator[Record]:
        """Each stored document as the linker's input: text, marks, header agents, chain, and the
        mentions as parsed (not what an earlier linking added or relabelled); read in chunks."""
        from kartoteka.store.stored import stored

        for part in stored(self.db):
            for s in part:
                yield s.record

    def relink(self, authority: Authority | None = None, *, full: bool = False,
               progress: Callable[[str, int, int], None] | None = None) -> LinkReport:
        """Re-make the entities from the stored mentions where anything can have changed, then
        replay the corrections (see :mod:`kartoteka.store.relinker`); ``full`` re-clusters all."""
        from kartoteka.store.relinker import Relinker

        return Relinker(self.db, authority, progress=progress).run(full=full)

    # --- corrections -----------------------------------------------------------------------------
    # (the work is done by :class:`kartoteka.store.corrector.Corrector`)
    @property
    def _corrector(self) -> Corrector:
        return Corrector(self.db)

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
        """A document's id from its address (``collection/name``), its sha256 (or a prefix of 6+
        characters; an earlier version's too), its path, or a file name (:func:`resolve`)."""
        return resolve(self.db, ref)

    def document(self, ref: str | int) -> DocumentPage:
        """One document's page by id, sha256 (prefix), path or file name (:meth:`Reading.document_page`)."""
        doc_id = ref if isinstance(ref, int) else self.resolve_document(ref)
        page = self.reading.document_page(doc_id)
        if page is None:
            raise StoreError(f"no document #{doc_id}", location=self._where())
        return page

    def entity(self, entity_id: str) -> EntityPage:
        """One entity's page (of the entity a correction merged it into, if so: :meth:`Reading.entity`)."""
        page = self.reading.entity(self.reading.merged_into(entity_id) or entity_id)
        if page is None:
            raise StoreError(f"no entity {entity_id!r}", location=self._where(),
                             expected="an entity id or a name")
        return page

    def find_entities(self, name: str, kind: str | None = None) -> list[EntityPage]:
        """Entities called ``name`` in any known spelling or script (or with that id), best known first."""
        pages = {p.id: p for p in (self.entity(i) for i in self._entity_ids(name, kind))}
        return sorted(pages.values(), key=lambda p: (-p.mention_count, p.name))

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
               facets: bool = True, expand_names: bool = True, sort: Sort | str | None = None) -> SearchResult:
        """Documents matching ``query`` (every known spelling of its names) within ``filters``, ranked
        or in the order ``sort`` names (relevance, date, -date, title: :class:`Sort`); without words,
        every document the filters keep, oldest first. The total and the facets count every match."""
        return self._searcher.search(query, filters, limit=limit, offset=offset, facets=facets,
                                     expand_names=expand_names, sort=sort)

    def find(self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
             expand_names: bool = True, sort: Sort | str | None = None) -> Findings:
        """A page of hits and every matching document's id, from one search (:meth:`Searcher.find`)."""
        return self._searcher.find(query, filters, limit=limit, offset=offset, expand_names=expand_names,
                                   sort=sort)

    @property
    def reading(self) -> Reading:
        """The pages and overviews of this archive, read over its connection (one per archive)."""
        from kartoteka.store.reading import Reading

        found: Reading | None = self.__dict__.get("_reading_obj")
        if found is None:
            found = self.__dict__["_reading_obj"] = Reading(self)
        return found

    def time_limit(self, seconds: float) -> AbstractContextManager[None]:
        """Queries run inside stop after ``seconds`` with a :class:`QueryError` (a reading room's budget)."""
        return self.db.time_limit(seconds)

    def matching_ids(self, query: str | Node, filters: Filters | None = None, *,
                     expand_names: bool = True) -> list[int]:
        """Every document ``search`` finds for this query and filters (ascending id), unranked."""
        return self._searcher.matching_ids(query, filters, expand_names=expand_names)

    def counts(self, ids: Sequence[int]) -> Counts:
        """Exact counts over these documents by year, classification level and entity: the
        search's facet counts, from the same facet index."""
        return self._searcher.tally.counts(ids)

    def keep_read_values(self) -> None:
        """For a long-lived reader such as the reading room: count facets from the facet index for
        every search, few matches too (:meth:`kartoteka.store.facets.Tally.keep_index`), and keep
        facets and document and entity pages for the content version they were read in
        (:mod:`kartoteka.store.memo`). Everything written through the archive moves that version;
        a one-shot command reads afresh."""
        self._searcher.tally.keep_index()
        self.reading.kept = True

    def filter_clause(self, f: Filters) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause these filters make over ``documents d`` and its parameters: see
        :meth:`kartoteka.store.searcher.Searcher.filter_clause`."""
        return self._searcher.filter_clause(f)


__all__ = ["Archive"]

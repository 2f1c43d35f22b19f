"""The relinker: collection-level linking of a stored archive, streamed, with only changes written.

Linking is :mod:`kartoteka.linking`'s, piece for piece; here it runs over the store a chunk of
documents at a time, in document order, so the client holds what linking needs collection-wide
(the spreading evidence, the person names with their counts, the clusters, the entities being
made) and one chunk of documents, never the whole collection. Every pass stops at the last
document stored when the re-link began (those stored meanwhile are the next one's).

1. *evidence*: the spreading verdicts (``linking.spread.Evidence``) are sums over documents, so
   they are kept in ``link_counts`` with the last document id they cover: a re-link reads only
   the documents stored after it and adds theirs. The whole archive is read again when that
   would not be exact: a covered document replaced (``meta`` ``documents_replaced`` moved) or
   deleted (fewer covered documents), the counting code changed (``linking.counting_version``),
   no kept counts (an older archive), or ``full``;
2. *tally*: the person names and countries of the spread documents (``linking.NameTally``), kept
   the same way, the new documents' added. A document's spread depends on the verdicts: when
   they are those of the last linking (``Spreading.fingerprint``) a document it saw is spread
   as its stored rows say; when they changed, the documents the change can reach
   (``linking.spread.reach``: a guessed person whose words or name changed verdict, found by
   its mention rows; a text naming a person or a surname key that came or went, found by
   reading the texts only when such a name changed) are spread anew, their stored spread taken
   out of the kept tally and the new one added; every other is spread as its rows say. Without
   kept counts every document is spread and counted again;
3. *clusters*: the names split into blocks that share no transliteration key
   (``linking.blocks``). A block's clustering depends on nothing but the block (its names with
   their counts and its authority entries), so it is kept in ``link_blocks`` by a digest of
   the block, and only blocks whose digest is new are clustered, here or on a cluster's
   workers (``cluster=``);
4. *decisions*: every document decided in order (``linking.Linker``) and compared with its
   stored rows; only rows whose outcome differs are written, in batches (a document whose
   mentions linking changed has them re-inserted; a parsed mention linking took out is kept in
   ``unlinked_mentions``, so the next linking starts from the whole parse);
5. *entities*: the entities the decisions gathered, compared with the stored ones; only those
   that differ are replaced. Then the historian's corrections are replayed.

Why every document is still decided, even when few arrived (deciding only those whose outcome
can change is not done, because it is not yet shown to be exact):

- a place or organisation the gazetteer does not know is named by its first spelling (its id
  is its spelling key's, the same in any order), so a changed reading in one document can move
  the name of an entity first named in another;
- an entity's variants, their counts and the score and method of each spelling (the first
  document's) are gathered from every document's decisions; deciding a few would need the
  registry rebuilt from the stored decisions of the rest, which the rows do not fully hold (a
  lone surname's method is settled by the other names of its document);
- the countries the collection names settle every doubtful place where its own document does
  not, and new documents move those counts; the documents a change reaches are known only per
  doubtful name, and which names' readings moved is not tracked;
- a changed block re-clusters names that documents all over the archive use, and which
  documents name them is read from the mention rows only by name, not by block.

So a re-link after new documents costs the reading and the deciding of the collection, but
counts only the new documents and those a change of verdicts reaches, writes only what
changed, and clusters only the blocks whose names or counts changed (with an unchanged archive
and authority it does nothing at all).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from kartoteka.gazetteer.authority import Authority
from kartoteka.linking import Linker, NameTally, Tables, authority_entries, counting_version
from kartoteka.linking.blocks import (
    Block,
    block_digest,
    blocks,
    clustering_from_json,
    clustering_to_json,
    join,
)
from kartoteka.linking.cluster import Clustering, cluster
from kartoteka.linking.roles import held_names
from kartoteka.linking.spread import Evidence, Reach, Spreading, reach
from kartoteka.model import Record
from kartoteka.search.variants import keys_version
from kartoteka.store.clock import timestamp
from kartoteka.store.corrector import Corrector
from kartoteka.store.decisions import Decisions, write_entities
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.facets import bump_content
from kartoteka.store.link_memory import LinkMemory
from kartoteka.store.persons import read as kept_persons
from kartoteka.store.stored import CHUNK, DOCUMENTS, Stored, document_rows, load, stored
from kartoteka.store.views import LinkReport
from kartoteka.store.writer import Writer

# Clusters the blocks given to it, in order (on this machine or a cluster's workers).
BlockClusterer = Callable[[Sequence[Block]], list[Clustering]]
# Told (phase, documents done, documents in all) after each chunk.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class RelinkReport(LinkReport):
    """What a re-link did: documents read, counted and decided, those written, blocks clustered anew."""

    documents: int = 0
    decided: int = 0
    respread: int = 0
    rewritten: int = 0
    blocks: int = 0
    clustered: int = 0
    entities_changed: int = 0
    counted: int = 0  # documents read for the collection's counts (the others' are kept)
    moved: int | None = None  # documents linked before that changed verdicts spread anew (None: all were)
    skipped: bool = False


def local_blocks(found: Sequence[Block]) -> list[Clustering]:
    return [cluster(surfaces, entries) for surfaces, entries in found]


@dataclass(slots=True)
class _Run:
    """What one re-link settles before it decides: the bounds, the kept counts it starts from,
    and which documents are spread anew."""

    full: bool
    through: int
    n_docs: int
    replaced: str
    kept: int | None  # the last document the kept counts cover (None: count anew)
    before: int | None  # the last document the last re-link saw
    started: str = field(default_factory=timestamp)
    spreading: Spreading | None = None
    verdicts: str = ""
    since: str | None = None  # documents ingested before this were spread under today's verdicts
    moved: set[int] | None = None  # documents linked before that the new verdicts reach
    old: Spreading | None = None  # the verdicts the kept counts and the stored rows were made under

    def fresh(self, s: Stored) -> bool:
        """Whether the document is spread anew (else as its stored rows say)."""
        if self.before is not None and s.doc_id > self.before:  # stored after the last re-link's last
            return True
        if self.since is not None:
            return s.ingested_at >= self.since
        return self.moved is None or s.doc_id in self.moved

    def spread(self, s: Stored) -> Record:
        assert self.spreading is not None
        return self.spreading.apply(s.record) if self.fresh(s) else s.spread_as_stored()


class Relinker:
    """One re-link of one archive (see the module's docstring for the steps)."""

    def __init__(self, db: Dialect, authority: Authority | None = None, *,
                 block_clusterer: BlockClusterer = local_blocks, progress: Progress | None = None,
                 chunk: int = CHUNK) -> None:
        self.db = db
        self.writer = Writer(db)
        self.memory = LinkMemory(self.writer)
        self.authority = authority
        self.block_clusterer = block_clusterer
        self.progress = progress
        self.chunk = chunk
        self.total = 0
        self.through: int | None = None
        self.counted = 0
        self.new_blocks: dict[str, str] = {}

    def _tell(self, phase: str, done: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, self.total)

    def _pass(self, phase: str, after: int = 0) -> Iterator[Stored]:
        """The documents after ``after`` up to this re-link's last, told as they are read."""
        done = 0
        self._tell(phase, 0)
        for part in stored(self.db, self.chunk, after=after, through=self.through):
            yield from part
            done += len(part)
            self._tell(phase, done)

    def _scan(self, through: int, touches: Reach) -> Iterator[Stored]:
        """The documents up to ``through`` that ``touches`` reaches, in id order: those with a
        parsed person it names (their mention rows read), or whose text it names (every text
        read, when it names any word); only theirs are loaded."""
        ids: set[int] = set()
        if touches.mentions or touches.texts:
            self.total = int(self.db.query("SELECT count(*) FROM documents WHERE id <= ?", (through,))[0][0] or 0)
            self._tell("scan", 0)
        if touches.mentions:
            for sql in ("SELECT document_id, parsed_kind, parsed_method, text FROM mentions "
                        "WHERE parsed_kind = 'person' AND document_id <= ?",
                        "SELECT document_id, kind, method, text FROM unlinked_mentions "
                        "WHERE kind = 'person' AND document_id <= ?"):
                ids.update(int(doc) for doc, kind, method, text in self.db.iterate(sql, (through,))
                           if touches.touches_mention(str(kind), method, str(text)))
        if touches.texts:
            done = 0
            for docs in document_rows(self.db, self.chunk, 0, through):
                yield from load(self.db, [d for d in docs if int(d["id"]) in ids or touches.touches(str(d["text"]))])
                done += len(docs)
                self._tell("scan", done)
            return
        order = sorted(ids)
        for i in range(0, len(order), self.chunk):
            part = order[i:i + self.chunk]
            yield from load(self.db, self.db.rows(f"{DOCUMENTS} WHERE id IN ({marks(len(part))}) ORDER BY id", part))

    def run(self, *, full: bool = False) -> RelinkReport:
        t0 = time.perf_counter()
        # without a list given for this run, the one the archive keeps (``store.persons``)
        entries = authority_entries(self.authority if self.authority is not None else kept_persons(self.db))
        auth_digest = _digest([(e.id, e.name.tokens, sorted(e.name.surname), e.display, e.description, e.variants)
                               for e in entries])
        meta = self.writer.meta
        if (not full and not self.writer.links_stale() and meta("link_authority") == auth_digest
                and meta("keys_version") == keys_version()):
            return RelinkReport(0, 0, 0, 0, time.perf_counter() - t0, skipped=True)
        run = self._begin(full)
        evidence, added_keys = self._evidence(run)
        tally, tally_keys, respread = self._tally(run)
        clustering, clustered, digests = self._cluster(blocks(tally.names(), entries), full)
        tables = Tables(run.spreading, clustering, tally.countries,  # type: ignore[arg-type]
                        held_names(tally.roles.items()))
        with self.db.transaction():
            decided, n_mentions, rewritten, relinked = self._decide(run, Linker(tables))
            return self._finish(run, t0, tables, relinked, (decided, n_mentions, rewritten, respread),
                                (clustered, digests), [("evidence.", evidence, added_keys),
                                                       ("tally.", tally, tally_keys)], auth_digest)

    def _begin(self, full: bool) -> _Run:
        """The bounds of this re-link: documents stored while it runs are the next one's."""
        last, n_docs = self.db.query("SELECT max(id), count(*) FROM documents")[0]
        self.through = int(last or 0)
        kept = None if full else self.memory.covered()
        linked_through = self.writer.meta("link_counts_through")
        run = _Run(full, self.through, int(n_docs or 0), self.writer.meta("documents_replaced") or "0", kept,
                   int(linked_through) if linked_through is not None and not full else None)
        self.total = int(self.db.query("SELECT count(*) FROM documents WHERE id > ? AND id <= ?",
                                       (kept or 0, self.through))[0][0] or 0) if kept is not None else run.n_docs
        return run

    def _evidence(self, run: _Run) -> tuple[Evidence, set[tuple[str, str]] | None]:
        """1. the kept evidence and that of the documents after it; the verdicts they give."""
        added = Evidence()
        self.counted = 0
        for s in self._pass("evidence", run.kept or 0):
            added.add(s.record)
            self.counted += 1
        evidence = Evidence()
        old: Spreading | None = None  # the verdicts the kept counts and the stored rows were made under
        if run.kept is not None:
            evidence.add_rows(self.memory.rows("evidence."))
            old = evidence.rules()
            if old.fingerprint() != self.writer.meta("link_spreading"):
                old = None
        added_keys = {(c, k) for c, k, _ in added.rows()} if run.kept is not None else None
        evidence.add_rows(added.rows())
        run.spreading = evidence.rules()
        # A document the last linking saw, under the same verdicts, is spread as its rows say.
        run.verdicts = run.spreading.fingerprint()
        if not run.full and self.writer.meta("link_spreading") == run.verdicts:
            run.since = self.writer.meta("link_started_at")
        run.old = old
        return evidence, added_keys

    def _tally(self, run: _Run) -> tuple[NameTally, set[tuple[str, str]] | None, int]:
        """2. the tally: the kept one, with what the new documents and those the verdicts reach
        anew add and take out; else every document spread and counted again."""
        assert run.spreading is not None
        came, gone = NameTally(), NameTally()
        respread = 0
        old = run.old
        tally_after = (run.kept or 0) if run.kept is not None and (run.since is not None or old is not None) else 0
        if tally_after and run.since is None and old is not None:
            run.moved = set()
            for s in self._scan(tally_after, reach(old, run.spreading)):
                run.moved.add(s.doc_id)
                gone.add(s.spread_as_stored())
                came.add(run.spreading.apply(s.record))
                respread += 1
        self.total = self.counted if tally_after else run.n_docs
        for s in self._pass("tally", tally_after):
            came.add(run.spread(s))
            respread += run.fresh(s)
        tally = NameTally()
        tally_keys: set[tuple[str, str]] | None = None
        if tally_after:
            tally.add_rows(self.memory.rows("tally."))
            tally_keys = {(c, k) for part in (came, gone) for c, k, _ in part.rows()}
        tally.add_rows(came.rows())
        tally.take(gone)
        return tally, tally_keys, respread

    def _decide(self, run: _Run, linker: Linker) -> tuple[int, int, int, Decisions]:
        """4. every document decided in order; what differs from its rows written."""
        self.total = run.n_docs
        n_mentions = decided = rewritten = 0
        out = Decisions(self.writer)
        for s in self._pass("decide"):
            rec = linker.record(run.spread(s))
            decided += 1
            n_mentions += len(rec.mentions)
            rewritten += out.document(s, rec)
            if run.fresh(s):  # stored since the last linking: its entities' counts never had it
                out.relinked.update(m.entity for m in rec.mentions if m.entity is not None)
        out.flush()
        self.linker = linker
        return decided, n_mentions, rewritten, out

    def _finish(self, run: _Run, t0: float, tables: Tables, out: Decisions, counts: tuple[int, int, int, int],
                clustered: tuple[int, list[str]], kept: list[tuple[str, Evidence | NameTally, set[tuple[str, str]] | None]],
                auth_digest: str) -> RelinkReport:
        """5. the entities, what the next re-link starts from, and the corrections replayed."""
        decided, n_mentions, rewritten, respread = counts
        entities = self.linker.entities()
        changed = write_entities(self.writer, entities, out.relinked)
        self.memory.keep_blocks(clustered[1], self.new_blocks)
        for prefix, counter, only in kept:
            self.memory.keep_counts(prefix, counter.rows(), only)
        self.writer.refresh_keys()
        # every document spread anew (a whole re-link): every entity is recounted
        applied, dormant = Corrector(self.db).replay_entities(
            relinked=out.relinked if run.since is not None or run.moved is not None else None)
        newer = self.db.query("SELECT count(*) FROM documents WHERE id > ?", (run.through,))
        self.writer.set_meta("links_stale", "1" if int(newer[0][0] or 0) else "0")
        bump_content(self.db)
        for key, value in (("link_authority", auth_digest), ("link_spreading", run.verdicts),
                           ("link_started_at", run.started), ("link_counts_through", str(run.through)),
                           ("link_counts_documents", str(run.n_docs)), ("link_counts_version", counting_version()),
                           ("link_counts_replaced", run.replaced)):
            self.writer.set_meta(key, value)
        return RelinkReport(n_mentions, len(entities), applied, dormant, time.perf_counter() - t0,
                            documents=run.n_docs, decided=decided, respread=respread, rewritten=rewritten,
                            blocks=len(clustered[1]), clustered=clustered[0], entities_changed=changed,
                            counted=self.counted, moved=len(run.moved) if run.moved is not None else None)

    def _cluster(self, found: list[Block], full: bool) -> tuple[Clustering, int, list[str]]:
        """3. the clustering of every block: kept ones read back, the others clustered now."""
        digests = [block_digest(b) for b in found]
        kept = {} if full else self.memory.blocks(digests)
        todo = [i for i, d in enumerate(digests) if d not in kept]
        self._tell("cluster", 0)
        made = self.block_clusterer([found[i] for i in todo]) if todo else []
        self.new_blocks = {digests[i]: clustering_to_json(c) for i, c in zip(todo, made, strict=True)}
        for i in todo:
            kept[digests[i]] = clustering_from_json(self.new_blocks[digests[i]])
        return join([kept[d] for d in digests]), len(todo), digests


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, default=list).encode("utf-8")).hexdigest()[:32]


__all__ = ["CHUNK", "BlockClusterer", "Progress", "RelinkReport", "Relinker", "Stored", "local_blocks", "stored"]

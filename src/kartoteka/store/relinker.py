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

- entity ids are numbered in the order of first mention (``_Registry.unique``: a second entity
  whose folded name is taken gets ``-2``), and a place or organisation the gazetteer does not
  know is named by its first spelling, so a re-clustered block or a changed reading in one
  document can move the id or name of an entity first named in another;
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
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

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
from kartoteka.linking.spread import Evidence, Reach, Spreading, reach
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    ChainStep,
    Document,
    Entity,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
    Record,
    Source,
    Span,
)
from kartoteka.search.variants import keys_version
from kartoteka.store.clock import timestamp
from kartoteka.store.facets import bump_content
from kartoteka.store.persons import read as kept_persons
from kartoteka.store.views import LinkReport

if TYPE_CHECKING:
    from kartoteka.gazetteer.authority import Authority
    from kartoteka.store.archive import Archive

CHUNK = 500
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


@dataclass(frozen=True, slots=True)
class Stored:
    """One stored document: the linker's input (mentions as parsed) and what linking last wrote."""

    doc_id: int
    record: Record
    mentions: tuple[tuple[int, int, int, str, str | None, str | None], ...]  # id, start, end, kind, method, linked
    agents: tuple[tuple[int, str, int, int, str | None], ...]  # id, role, start, end, linked
    place_entity: str | None
    ingested_at: str
    linked: tuple[Mention, ...]  # the mentions as the last linking left them (kinds, additions), no ids

    def spread_as_stored(self) -> Record:
        """The record as the last linking's spreading left it (its stored rows)."""
        return replace(self.record, mentions=self.linked)


def local_blocks(found: Sequence[Block]) -> list[Clustering]:
    return [cluster(surfaces, entries) for surfaces, entries in found]


_DOCUMENTS = ("SELECT id, sha256, path, format, text, place, place_start, place_end, place_entity_id, ingested_at "
              "FROM documents")


def stored(archive: Archive, chunk: int = CHUNK, *, after: int = 0,
           through: int | None = None) -> Iterator[list[Stored]]:
    """The archive's documents in id order (those after ``after``, up to ``through``), ``chunk``
    at a time, each with its rows."""
    for docs in _document_rows(archive, chunk, after, through):
        yield load(archive, docs)


def _document_rows(archive: Archive, chunk: int, after: int, through: int | None) -> Iterator[list[Row]]:
    last = after
    bound = "" if through is None else f" AND id <= {int(through)}"
    while True:
        docs = archive.db.query(f"{_DOCUMENTS} WHERE id > ?{bound} ORDER BY id LIMIT ?", (last, chunk))
        if not docs:
            return
        last = int(docs[-1][0])
        yield docs


def load(archive: Archive, docs: Sequence[Row]) -> list[Stored]:
    """The stored documents of these ``documents`` rows (in id order), each with its rows."""
    if not docs:
        return []
    db = archive.db
    ids = [int(d[0]) for d in docs]
    if len(ids) == ids[-1] - ids[0] + 1:  # a run of ids: a range scan of each table
        where, span = "document_id BETWEEN ? AND ?", [ids[0], ids[-1]]
    else:
        where, span = f"document_id IN ({', '.join('?' for _ in ids)})", ids
    mentions: dict[int, list[Row]] = defaultdict(list)
    unlinked: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, kind, text, start, "end", method, linked_entity_id, parsed_kind, '
                      "parsed_method, title, title_start, title_end FROM mentions "
                      f"WHERE {where} ORDER BY document_id, start, id", span):
        mentions[int(r[0])].append(r)
    # the parse's mentions linking took out of ``mentions``, in the same columns (never linked)
    for r in db.query('SELECT document_id, NULL, kind, text, start, "end", NULL, NULL, kind, method, title, '
                      f"title_start, title_end FROM unlinked_mentions WHERE {where}", span):
        unlinked[int(r[0])].append(r)
    agents: dict[int, list[Row]] = defaultdict(list)
    for r in db.query('SELECT document_id, id, role, step, kind, name, start, "end", linked_entity_id '
                      f"FROM agents WHERE {where} ORDER BY id", span):
        agents[int(r[0])].append(r)
    marks: dict[int, list[Mark]] = defaultdict(list)
    for r in db.query('SELECT document_id, kind, value, lang, text, start, "end" FROM marks '
                      f"WHERE {where} ORDER BY document_id, start, id", span):
        marks[int(r[0])].append(Mark(Span(int(r[5]), int(r[6]), str(r[4])), _MARK_KINDS[r[1]], str(r[2]), r[3]))
    steps: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for r in db.query("SELECT document_id, position, action FROM chain_steps "
                      f"WHERE {where} ORDER BY document_id, position", span):
        steps[int(r[0])].append((int(r[1]), str(r[2])))
    return [_stored(d, mentions.get(int(d[0]), []), agents.get(int(d[0]), []), marks.get(int(d[0]), []),
                    steps.get(int(d[0]), []), unlinked.get(int(d[0]), [])) for d in docs]


Row = tuple[Any, ...]
# an enum's lookup by value is slow beside a dict's, and a re-link makes millions of them
_MENTION_KINDS = {str(k): k for k in MentionKind}
_AGENT_KINDS = {str(k): k for k in AgentKind}
_MARK_KINDS = {str(k): k for k in MarkKind}


def _stored(d: Row, mentions: list[Row], agents: list[Row], marks: list[Mark], steps: list[tuple[int, str]],
            unlinked: Sequence[Row] = ()) -> Stored:
    doc_id = int(d[0])
    # the parse's mentions as the parse gave them: linking starts from the same input every time
    parsed: list[tuple[int, int, Mention]] = []
    linked = []
    for r in mentions:
        title = Span(int(r[11]), int(r[12]), str(r[10])) if r[10] is not None and r[11] is not None else None
        span = Span(int(r[4]), int(r[5]), str(r[3]))
        linked.append(Mention(span, _MENTION_KINDS[r[2]], title=title, method=str(r[6] or "")))
        if r[8] is not None:
            parsed.append((span.start, len(parsed), Mention(span, _MENTION_KINDS[r[8]], title=title,
                                                            method=str(r[9] or ""))))
    for r in unlinked:
        title = Span(int(r[11]), int(r[12]), str(r[10])) if r[10] is not None and r[11] is not None else None
        parsed.append((int(r[4]), len(parsed), Mention(Span(int(r[4]), int(r[5]), str(r[3])), _MENTION_KINDS[r[8]],
                                                       title=title, method=str(r[9] or ""))))
    if unlinked:
        parsed.sort(key=lambda x: (x[0], x[1]))
    by_role: dict[tuple[str, int | None], list[Agent]] = defaultdict(list)
    for r in agents:
        by_role[(str(r[2]), r[3])].append(Agent(Span(int(r[6]), int(r[7]), str(r[5])), _AGENT_KINDS[r[4]]))
    src = Source(str(d[2]), str(d[1]), str(d[3]))
    chain = tuple(ChainStep(Action(a), tuple(by_role.get(("chain", pos), ()))) for pos, a in steps)
    place = Place(Span(int(d[6]), int(d[7]), str(d[5]))) if d[5] is not None else None
    record = Record(
        source=src, document=Document(src, str(d[4])), place=place,
        senders=tuple(by_role.get(("sender", None), ())), recipients=tuple(by_role.get(("recipient", None), ())),
        signatories=tuple(by_role.get(("signatory", None), ())), chain=chain,
        mentions=tuple(m for _, _, m in parsed), marks=tuple(marks),
    )
    return Stored(
        doc_id, record,
        tuple((int(r[1]), int(r[4]), int(r[5]), str(r[2]), r[6], r[7]) for r in mentions),
        tuple((int(r[1]), str(r[2]), int(r[6]), int(r[7]), r[8]) for r in agents),
        d[8], str(d[9]), tuple(linked),
    )


class Relinker:
    """One re-link of one archive (see the module's docstring for the steps)."""

    def __init__(self, archive: Archive, authority: Authority | None = None, *,
                 block_clusterer: BlockClusterer = local_blocks, progress: Progress | None = None,
                 chunk: int = CHUNK) -> None:
        self.archive = archive
        self.db = archive.db
        self.authority = authority
        self.block_clusterer = block_clusterer
        self.progress = progress
        self.chunk = chunk
        self.total = 0
        self.through: int | None = None
        self.counted = 0
        self.moved: int | None = None

    def _tell(self, phase: str, done: int) -> None:
        if self.progress is not None:
            self.progress(phase, done, self.total)

    def _pass(self, phase: str, after: int = 0) -> Iterator[Stored]:
        """The documents after ``after`` up to this re-link's last, told as they are read."""
        done = 0
        self._tell(phase, 0)
        for part in stored(self.archive, self.chunk, after=after, through=self.through):
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
                ids.update(int(r[0]) for r in self.db.iterate(sql, (through,))
                           if touches.touches_mention(str(r[1]), r[2], str(r[3])))
        if touches.texts:
            done = 0
            for docs in _document_rows(self.archive, self.chunk, 0, through):
                yield from load(self.archive, [d for d in docs if int(d[0]) in ids or touches.touches(str(d[4]))])
                done += len(docs)
                self._tell("scan", done)
            return
        order = sorted(ids)
        for i in range(0, len(order), self.chunk):
            part = order[i:i + self.chunk]
            yield from load(self.archive, self.db.query(
                f"{_DOCUMENTS} WHERE id IN ({', '.join('?' for _ in part)}) ORDER BY id", part))

    def _kept(self) -> int | None:
        """The last document id the kept counts cover, when adding the documents after it to them
        gives exactly the counts of the whole archive: counted by this code, none of the covered
        documents deleted or re-parsed since. None: count the archive anew."""
        arc = self.archive
        through, documents = arc._meta("link_counts_through"), arc._meta("link_counts_documents")
        if (through is None or documents is None or arc._meta("link_counts_version") != counting_version()
                or arc._meta("link_counts_replaced") != (arc._meta("documents_replaced") or "0")):
            return None
        covered = self.db.query("SELECT count(*) FROM documents WHERE id <= ?", (int(through),))
        return int(through) if int(covered[0][0] or 0) == int(documents) else None

    def _kept_rows(self, prefix: str) -> Iterator[tuple[str, str, int]]:
        for r in self.db.iterate("SELECT counter, key, count FROM link_counts WHERE counter LIKE ?", (prefix + "%",)):
            yield str(r[0])[len(prefix):], str(r[1]), int(r[2])

    def _keep_counts(self, prefix: str, rows: Iterable[tuple[str, str, int]], only: set[tuple[str, str]] | None) -> None:
        """``link_counts`` rows of one prefix made ``rows``: every one, or ``only`` those keys
        (the ones new documents moved), the others being as kept."""
        if only is None:
            self.db.execute("DELETE FROM link_counts WHERE counter LIKE ?", (prefix + "%",))
            self.db.executemany("INSERT INTO link_counts (counter, key, count) VALUES (?, ?, ?)",
                                ((prefix + c, k, n) for c, k, n in rows))
            return
        now = {(c, k): n for c, k, n in rows if (c, k) in only}
        self.db.executemany("INSERT INTO link_counts (counter, key, count) VALUES (?, ?, ?) "
                            "ON CONFLICT (counter, key) DO UPDATE SET count = excluded.count",
                            ((prefix + c, k, n) for (c, k), n in sorted(now.items())))
        # a name or country no document names any more
        self.db.executemany("DELETE FROM link_counts WHERE counter = ? AND key = ?",
                            sorted((prefix + c, k) for c, k in only if (c, k) not in now))

    def run(self, *, full: bool = False) -> RelinkReport:
        t0 = time.perf_counter()
        # without a list given for this run, the one the archive keeps (``store.persons``)
        entries = authority_entries(self.authority if self.authority is not None else kept_persons(self.archive))
        auth_digest = _digest([(e.id, e.name.tokens, sorted(e.name.surname), e.display, e.description, e.variants)
                               for e in entries])
        arc = self.archive
        if (not full and not arc.links_stale() and arc._meta("link_authority") == auth_digest
                and arc._meta("keys_version") == keys_version()):
            return RelinkReport(0, 0, 0, 0, time.perf_counter() - t0, skipped=True)
        replaced = arc._meta("documents_replaced") or "0"
        last, n_docs = self.db.query("SELECT max(id), count(*) FROM documents")[0]
        # documents stored while this runs are the next re-link's: every pass stops at this one
        self.through = int(last or 0)
        started = timestamp()
        kept = None if full else self._kept()
        after = kept or 0
        linked_through = arc._meta("link_counts_through")
        before = int(linked_through) if linked_through is not None and not full else None
        self.total = int(self.db.query("SELECT count(*) FROM documents WHERE id > ? AND id <= ?",
                                       (after, self.through))[0][0] or 0) if kept is not None else int(n_docs or 0)

        # 1. the kept evidence and that of the documents after it
        added = Evidence()
        self.counted = 0
        for s in self._pass("evidence", after):
            added.add(s.record)
            self.counted += 1
        evidence = Evidence()
        old: Spreading | None = None  # the verdicts the kept counts and the stored rows were made under
        if kept is not None:
            evidence.add_rows(self._kept_rows("evidence."))
            old = evidence.rules()
            if old.fingerprint() != arc._meta("link_spreading"):
                old = None
        added_keys = {(c, k) for c, k, _ in added.rows()} if kept is not None else None
        evidence.add_rows(added.rows())
        del added
        spreading = evidence.rules()
        # A document the last linking saw, under the same verdicts, is spread as its rows say.
        verdicts = spreading.fingerprint()
        since = arc._meta("link_started_at") if not full and arc._meta("link_spreading") == verdicts else None
        # under other verdicts, the documents it saw that they reach are spread anew (when known)
        moved: set[int] | None = None

        def fresh(s: Stored) -> bool:
            if before is not None and s.doc_id > before:  # stored after the last re-link's last document
                return True
            if since is not None:
                return s.ingested_at >= since
            return moved is None or s.doc_id in moved

        def spread(s: Stored) -> Record:
            return spreading.apply(s.record) if fresh(s) else s.spread_as_stored()

        # 2. the tally: the kept one, with what the new documents and those the verdicts reach
        # anew add and take out; else every document spread and counted again
        came, gone = NameTally(), NameTally()
        respread = 0
        tally_after = after if kept is not None and (since is not None or old is not None) else 0
        if tally_after and since is None and old is not None:
            moved = set()
            touches = reach(old, spreading)
            for s in self._scan(tally_after, touches):
                moved.add(s.doc_id)
                gone.add(s.spread_as_stored())
                came.add(spreading.apply(s.record))
                respread += 1
        self.total = self.counted if tally_after else int(n_docs or 0)
        for s in self._pass("tally", tally_after):
            came.add(spread(s))
            respread += fresh(s)
        tally = NameTally()
        tally_keys: set[tuple[str, str]] | None = None
        if tally_after:
            tally.add_rows(self._kept_rows("tally."))
            tally_keys = {(c, k) for part in (came, gone) for c, k, _ in part.rows()}
        tally.add_rows(came.rows())
        tally.take(gone)
        del came, gone
        found = blocks(tally.names(), entries)
        clustering, clustered, digests = self._cluster(found, full)
        tables = Tables(spreading, clustering, tally.countries)
        del found
        self.moved = len(moved) if moved is not None else None

        self.total = int(n_docs or 0)
        linker = Linker(tables)
        n_mentions = decided = rewritten = 0
        with self.db.transaction():
            writer = _Writer(arc)
            for s in self._pass("decide"):
                rec = linker.record(spread(s))
                decided += 1
                n_mentions += len(rec.mentions)
                rewritten += writer.document(s, rec)
                if fresh(s):  # stored since the last linking: its entities' counts never had it
                    writer.relinked.update(m.entity for m in rec.mentions if m.entity is not None)
            writer.flush()
            entities = linker.entities()
            changed = _write_entities(arc, entities, writer.relinked)
            self._keep_blocks(digests)
            self._keep_counts("evidence.", evidence.rows(), added_keys)
            self._keep_counts("tally.", tally.rows(), tally_keys)
            del evidence, tally
            arc._refresh_keys()
            # every document spread anew (a whole re-link): every entity is recounted
            applied, dormant = arc._replay_entities(
                writer.relinked if since is not None or moved is not None else None)
            newer = self.db.query("SELECT count(*) FROM documents WHERE id > ?", (self.through,))
            arc._set_meta("links_stale", "1" if int(newer[0][0] or 0) else "0")
            bump_content(self.db)
            arc._set_meta("link_authority", auth_digest)
            arc._set_meta("link_spreading", verdicts)
            arc._set_meta("link_started_at", started)
            arc._set_meta("link_counts_through", str(self.through))
            arc._set_meta("link_counts_documents", str(n_docs or 0))
            arc._set_meta("link_counts_version", counting_version())
            arc._set_meta("link_counts_replaced", replaced)
        return RelinkReport(n_mentions, len(entities), applied, dormant, time.perf_counter() - t0,
                            documents=int(n_docs or 0), decided=decided, respread=respread, rewritten=rewritten,
                            blocks=len(digests), clustered=clustered, entities_changed=changed,
                            counted=self.counted, moved=self.moved)

    def _cluster(self, found: list[Block], full: bool) -> tuple[Clustering, int, list[str]]:
        """The clustering of every block: kept ones read back, the others clustered now."""
        digests = [block_digest(b) for b in found]
        kept: dict[str, Clustering] = {}
        if not full:
            for i in range(0, len(digests), 500):
                part = digests[i:i + 500]
                for r in self.db.query(f"SELECT digest, clustering FROM link_blocks WHERE digest IN "
                                       f"({', '.join('?' for _ in part)})", part):
                    kept[str(r[0])] = clustering_from_json(str(r[1]))
        todo = [i for i, d in enumerate(digests) if d not in kept]
        self._tell("cluster", 0)
        made = self.block_clusterer([found[i] for i in todo]) if todo else []
        self.new_blocks = {digests[i]: clustering_to_json(c) for i, c in zip(todo, made, strict=True)}
        for i in todo:
            kept[digests[i]] = clustering_from_json(self.new_blocks[digests[i]])
        return join([kept[d] for d in digests]), len(todo), digests

    def _keep_blocks(self, digests: list[str]) -> None:
        """``link_blocks`` holds this re-link's blocks: the gone ones deleted, the new ones added."""
        want = set(digests)
        gone = [str(r[0]) for r in self.db.query("SELECT digest FROM link_blocks") if str(r[0]) not in want]
        for i in range(0, len(gone), 500):
            part = gone[i:i + 500]
            self.db.execute(f"DELETE FROM link_blocks WHERE digest IN ({', '.join('?' for _ in part)})", part)
        self.db.executemany(self.db.insert_ignore("link_blocks", ("digest", "clustering")),
                            sorted(self.new_blocks.items()))


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, default=list).encode("utf-8")).hexdigest()[:32]


class _Writer:
    """Rows of decided documents that differ from the stored ones, written in batches."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.mentions: list[tuple[Any, ...]] = []
        self.agents: list[tuple[Any, ...]] = []
        self.places: list[tuple[Any, ...]] = []
        self.remade: list[tuple[int, tuple[Mention, ...], tuple[Mention, ...]]] = []  # id, linked, parsed
        self.relinked: set[str] = set()  # entities whose mentions this writes (their counts change)

    def document(self, s: Stored, rec: Record) -> int:
        """Queue what changed in one document; 1 when anything did."""
        before = len(self.mentions) + len(self.agents) + len(self.places) + len(self.remade)
        now = [(m.span.start, m.span.end, str(m.kind), m.method or None) for m in rec.mentions]
        if now != [(start, end, kind, method) for _, start, end, kind, method, _ in s.mentions]:
            self.remade.append((s.doc_id, rec.mentions, s.record.mentions))
            self.relinked.update(str(row[5]) for row in s.mentions if row[5] is not None)
            self.relinked.update(m.entity for m in rec.mentions if m.entity is not None)
        else:
            # the effective link is left as it was: the replay that follows finds the row moved
            # (and recounts the entity a correction had put it on, as well as the new one)
            self.mentions.extend((m.entity, row[0]) for m, row in zip(rec.mentions, s.mentions, strict=True)
                                 if m.entity != row[5])
        linked: dict[tuple[str, int, int], str | None] = {}
        for role, group in (("sender", rec.senders), ("recipient", rec.recipients), ("signatory", rec.signatories)):
            linked.update(((role, a.span.start, a.span.end), a.entity) for a in group)
        for step in rec.chain:
            linked.update((("chain", a.span.start, a.span.end), a.entity) for a in step.agents)
        self.agents.extend((linked.get((role, start, end)), linked.get((role, start, end)), aid)
                           for aid, role, start, end, was in s.agents if linked.get((role, start, end)) != was)
        place = rec.place.entity if rec.place is not None else None
        if place != s.place_entity:
            self.places.append((place, s.doc_id))
        if len(self.mentions) + len(self.agents) > 5000 or len(self.remade) > 200:
            self.flush()
        return int(len(self.mentions) + len(self.agents) + len(self.places) + len(self.remade) > before)

    def flush(self) -> None:
        db = self.archive.db
        db.executemany("UPDATE mentions SET linked_entity_id = ? WHERE id = ?", self.mentions)
        db.executemany("UPDATE agents SET linked_entity_id = ?, entity_id = ? WHERE id = ?", self.agents)
        db.executemany("UPDATE documents SET place_entity_id = ? WHERE id = ?", self.places)
        for doc_id, mentions, parse in self.remade:
            self.relinked.update(str(r[0]) for r in db.query(
                "SELECT DISTINCT entity_id FROM mentions WHERE document_id = ? AND entity_id IS NOT NULL", (doc_id,)))
            db.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
            parsed = {(m.span.start, m.span.end): (str(m.kind), m.method) for m in parse}
            self.archive._insert_mentions(doc_id, mentions, parsed)
            # what the parse found where linking now finds nothing is kept for the next linking
            spans = {(m.span.start, m.span.end) for m in mentions}
            db.execute("DELETE FROM unlinked_mentions WHERE document_id = ?", (doc_id,))
            db.executemany('INSERT INTO unlinked_mentions (document_id, kind, text, start, "end", title, title_start, '
                           "title_end, method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(doc_id, str(m.kind), m.span.text, m.span.start, m.span.end,
                             m.title.text if m.title else None, m.title.start if m.title else None,
                             m.title.end if m.title else None, m.method or None)
                            for m in parse if (m.span.start, m.span.end) not in spans])
        self.archive._add_keys({m.span.text for _, mentions, _ in self.remade for m in mentions})
        self.mentions, self.agents, self.places, self.remade = [], [], [], []


def _entity_rows(e: Entity) -> tuple[tuple[Any, ...], dict[str, tuple[float, str]]]:
    row = (e.id, str(e.kind), e.name, e.description, json.dumps(dict(e.authority)) if e.authority else None,
           e.latitude, e.longitude)
    variants: dict[str, tuple[float, str]] = {}
    for v in (e.name, *e.variants):
        variants.setdefault(v, (1.0, "link"))
    for ld in e.links:
        variants[ld.variant] = (ld.score, ld.method)
    return row, variants


def _write_entities(arc: Archive, entities: dict[str, Entity], written: set[str]) -> int:
    """Replace the linked entities that differ from ``entities`` (and drop the ones gone); how many.
    Their ids go into ``written`` (a row written anew has its counts to make)."""
    db = arc.db
    have_rows: dict[str, tuple[Any, ...]] = {}
    for r in db.iterate("SELECT id, kind, linked_name, description, authority, latitude, longitude FROM entities "
                        "WHERE origin = 'link'"):
        auth = r[4] if r[4] is None or isinstance(r[4], str) else json.dumps(r[4])
        have_rows[str(r[0])] = (str(r[0]), str(r[1]), r[2], r[3], _json_norm(auth), r[5], r[6])
    have_variants: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    for r in db.iterate("SELECT entity_id, variant, score, method FROM name_variants "
                        "WHERE method NOT LIKE 'correction%'"):
        have_variants[str(r[0])][str(r[1])] = (round(float(r[2]), 3), str(r[3]))
    stale: list[str] = [i for i in have_rows if i not in entities]
    fresh: list[Entity] = []
    for e in entities.values():
        row, variants = _entity_rows(e)
        row = (*row[:4], _json_norm(row[4]), *row[5:])
        if have_rows.get(e.id) != row or have_variants.get(e.id, {}) != {v: (round(s, 3), m)
                                                                         for v, (s, m) in variants.items()}:
            fresh.append(e)
            if e.id in have_rows:
                stale.append(e.id)
    del have_rows, have_variants
    for i in range(0, len(stale), 500):
        part = stale[i:i + 500]
        marks = ", ".join("?" for _ in part)
        # a correction's spelling would shadow the linked one: the replay that follows adds it again
        db.execute(f"DELETE FROM name_variants WHERE entity_id IN ({marks})", part)
        db.execute(f"DELETE FROM entities WHERE id IN ({marks})", part)
    written.update(stale)
    written.update(e.id for e in fresh)
    rows = [_entity_rows(e) for e in fresh]
    db.executemany("INSERT INTO entities (id, kind, name, linked_name, description, authority, latitude, longitude, "
                   "origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'link')",
                   [(r[0], r[1], r[2], r[2], *r[3:]) for r, _ in rows])
    db.executemany(db.insert_ignore("name_variants", ("entity_id", "variant", "score", "method")),
                   [(r[0], v, s, m) for r, variants in rows for v, (s, m) in variants.items()])
    arc._add_keys({v for _, variants in rows for v in variants})
    return len(fresh) + len([i for i in stale if i not in entities])


def _json_norm(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(json.loads(str(value)), sort_keys=True)


__all__ = ["CHUNK", "BlockClusterer", "Progress", "RelinkReport", "Relinker", "Stored", "local_blocks", "stored"]

"""The historian's corrections on a stored archive: logging, applying, replaying and undoing them.

A document's values (date, classification, title) are a function of its parse and the active
corrections on that document alone, so applying or undoing one touches that document only.
Entity corrections find their targets through anchors (mentions, by offsets) and fall back to
an entity's id or name, so one may depend on what an earlier one did: undoing one replays the
*related* active corrections — those joined to it, directly or through others, by a mention, an
entity (by linked id, by the id a correction creates, or by a name it looks up or gives) — on
just the mentions, agents and entities they can reach. Corrections outside that group can
neither read nor write anything inside it, so the result is the one a full replay gives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kartoteka.corrections import (
    ENTITY_ACTIONS,
    Corrected,
    Correction,
    CorrectionAction,
    EntityCorrection,
    EntityRef,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    action_of,
    describe,
    entity_refs,
    from_payload,
    mention_refs,
    names_of,
    to_payload,
)
from kartoteka.errors import CorrectionError, Location
from kartoteka.store.clock import timestamp
from kartoteka.store.dialect import Row
from kartoteka.store.facets import bump_content
from kartoteka.store.views import CorrectionEntry

if TYPE_CHECKING:
    from kartoteka.store.archive import Archive

ANCHORS = 5
DOCUMENT_ACTIONS = ("set_title", "set_date", "set_classification")
# beyond this many documents, one pass over the log's document corrections beats one query each
BY_DOCUMENT = 50
_ENTRY = ("SELECT id, created_at, author, action, target, reason, payload, undone_at, undone_by, undo_reason "
          "FROM corrections")


# A row whose effective link differs from linking's, NULLs compared as values; one text both
# backends accept (``IS NOT`` is SQLite's, ``IS DISTINCT FROM`` needs SQLite 3.39).
_MOVED = ("NOT coalesce(entity_id = linked_entity_id, entity_id IS NULL AND linked_entity_id IS NULL)")


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


# kinds one entity may be merged across: an organisation and a group (a party, a tribe's council)
# are told apart by wording alone, so a historian may join them; a place never becomes a person
MERGEABLE_KINDS = frozenset({frozenset({"organization", "group"})})

class Corrector:
    """The corrections of one open archive (its connection, its ingest's name keys)."""

    def __init__(self, archive: Archive) -> None:
        self.arc = archive
        self.db = archive.db

    def _where(self) -> Location:
        return Location(self.db.url)

    # --- the log ---------------------------------------------------------------------------------
    def correct(self, correction: Correction, *, author: str, reason: str) -> CorrectionEntry:
        if not author.strip():
            raise CorrectionError("a correction needs an author", location=Location("--author"),
                                  expected="who makes it")
        if not reason.strip():
            raise CorrectionError("a correction needs a reason", location=Location("--reason"),
                                  expected="why it is made")
        self._check(correction)
        if isinstance(correction, Split) and not correction.spellings:
            correction = replace(correction, spellings=self._spellings_taken(correction))
        document = None
        if isinstance(correction, SetDate | SetClassification | SetTitle):
            rows = self.db.query("SELECT path FROM documents WHERE sha256 = ?", (correction.sha256,))
            document = str(rows[0][0]).replace("\\", "/").rsplit("/", 1)[-1] if rows else None
        with self.db.transaction():
            cid = self.db.insert_id(
                "INSERT INTO corrections (created_at, author, action, target, payload, reason) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (timestamp(), author.strip(), str(action_of(correction)), describe(correction, document),
                 to_payload(correction), reason.strip()))
            if isinstance(correction, SetDate | SetClassification | SetTitle):
                self.replay_documents(list(dict(self.arc._ids_by_sha([correction.sha256])).values()))
            else:
                # on top of the replayed state, a new correction is the last of the replay
                touched = self._apply_entity(cid, correction)
                if touched:
                    self.recount(touched)
            bump_content(self.db)
        return self.correction(cid)

    def _check(self, c: Correction) -> None:
        """Refuse a correction whose targets do not exist now (later, they may: then it is dormant)."""
        if isinstance(c, SetDate | SetClassification | SetTitle):
            if not self.arc._known([c.sha256]):
                raise CorrectionError(f"no document {c.sha256[:12]}", location=self._where(),
                                      expected="a document of this archive")
            return
        if isinstance(c, Merge):
            a, b = self._resolve(c.into), self._resolve(c.other)
            if a is None or b is None:
                raise CorrectionError("an entity to merge is not in the archive", location=self._where())
            if a == b:
                raise CorrectionError(f"{c.into.name} and {c.other.name} are already one entity",
                                      location=self._where(), expected="two different entities")
            kinds = (self._kind(a), self._kind(b))
            if kinds[0] != kinds[1] and frozenset(kinds) not in MERGEABLE_KINDS:
                raise CorrectionError(f"{c.other.name} is a {kinds[1]} and {c.into.name} a {kinds[0]}",
                                      location=self._where(), expected="two entities of the same kind")
        elif isinstance(c, Split):
            src = self._resolve(c.entity)
            if src is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())
            if not c.mentions:
                raise CorrectionError("nothing to split off", location=self._where(),
                                      expected="at least one mention of the entity")
            for m in c.mentions:
                if self._entity_of(m) != src:
                    raise CorrectionError(f"mention {m} is not one of {c.entity.name}'s", location=self._where(),
                                          expected=f"mentions of {c.entity.name} (listed on its page)")
            if not c.name.strip():
                raise CorrectionError("the new entity needs a name", location=Location("--name"))
        elif isinstance(c, Rename):
            if self._resolve(c.entity) is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())
            if not c.name.strip():
                raise CorrectionError("the entity needs a name", location=Location("NAME"), expected="a name")
        elif isinstance(c, Reattach):
            if self._mention_id(c.mention) is None:
                raise CorrectionError(f"no mention {c.mention}", location=self._where())
            if c.entity is not None and self._resolve(c.entity) is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())

    def _kind(self, entity_id: str) -> str:
        rows = self.db.query("SELECT kind FROM entities WHERE id = ?", (entity_id,))
        return str(rows[0][0]) if rows else ""

    def _entity_at(self, mention_id: int) -> str | None:
        rows = self.db.query("SELECT entity_id FROM mentions WHERE id = ?", (mention_id,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def _entity_of(self, mention: MentionRef) -> str | None:
        """The entity a mention is joined to now (None: no such mention, or none)."""
        mid = self._mention_id(mention)
        return None if mid is None else self._entity_at(mid)

    def corrections(self, *, include_undone: bool = True) -> list[CorrectionEntry]:
        sql = _ENTRY + ("" if include_undone else " WHERE undone_at IS NULL")
        return [self._entry(r) for r in self.db.query(sql + " ORDER BY id")]

    def correction(self, cid: int) -> CorrectionEntry:
        rows = self.db.query(_ENTRY + " WHERE id = ?", (cid,))
        if not rows:
            raise CorrectionError(f"no correction #{cid}", location=self._where(),
                                  expected="an id from `kartoteka correct list`")
        return self._entry(rows[0])

    def history(self, *, document: str | None = None, entity: str | None = None) -> list[CorrectionEntry]:
        """The log's entries (undone ones too) about one document (by sha256: its values, and the
        entity corrections anchored in it) or one entity (by id: the corrections naming it, the
        split that made it, those that concern it now)."""
        out = []
        for r in self.db.query(_ENTRY + " ORDER BY id"):
            cid, c = int(r[0]), from_payload(str(r[3]), str(r[6]))
            if document is not None:
                hit = (c.sha256 == document if isinstance(c, SetDate | SetClassification | SetTitle)
                       else any(m.sha256 == document for m in mention_refs(c)))
            else:
                hit = (any(e.id == entity for e in entity_refs(c)) or f"c{cid}" == entity
                       or (r[7] is None and entity in self._concerns(cid, c)))
            if hit:
                out.append(self._entry(r))
        return out

    def _entry(self, r: Row) -> CorrectionEntry:
        applied = True
        if r[7] is None:
            applied = self._applicable(from_payload(str(r[3]), str(r[6])))
        return CorrectionEntry(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]),
                               r[7], r[8], r[9], applied)

    def undo(self, cid: int, *, author: str, reason: str) -> CorrectionEntry:
        """Mark a correction undone (kept in the log) and restore what it changed, re-applying only
        the active corrections of the same document, or those related to the same entities."""
        entry = self.correction(cid)
        if entry.undone_at is not None:
            raise CorrectionError(f"correction #{cid} was already undone on {entry.undone_at} "
                                  f"by {entry.undone_by}", location=self._where(), expected="an active correction")
        if not author.strip() or not reason.strip():
            raise CorrectionError("undoing needs an author and a reason", location=Location("--author/--reason"),
                                  expected="who undoes it and why")
        c = from_payload(entry.action, entry.payload)
        with self.db.transaction():
            self.db.execute("UPDATE corrections SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?",
                            (timestamp(), author.strip(), reason.strip(), cid))
            if isinstance(c, SetDate | SetClassification | SetTitle):
                self.replay_documents(list(dict(self.arc._ids_by_sha([c.sha256])).values()))
            else:
                self.replay_entities(around=(cid, c))
            bump_content(self.db)
        return self.correction(cid)

    def _active(self, entity_level: bool) -> list[tuple[int, Correction]]:
        out = []
        for r in self.db.query("SELECT id, action, payload FROM corrections WHERE undone_at IS NULL ORDER BY id"):
            if (CorrectionAction(r[1]) in ENTITY_ACTIONS) == entity_level:
                out.append((int(r[0]), from_payload(str(r[1]), str(r[2]))))
        return out

    def _spellings_taken(self, c: Split) -> tuple[str, ...]:
        """The spellings of the split mentions that the entity keeps no other mention of: they
        leave it with the split (a spelling it still uses for others stays its own too)."""
        src = self._resolve(c.entity)
        ids = [i for i in (self._mention_id(m) for m in c.mentions) if i is not None]
        if src is None or not ids:
            return ()
        marks = _marks(len(ids))
        texts = {str(r[0]) for r in self.db.query(f"SELECT DISTINCT text FROM mentions WHERE id IN ({marks})", ids)}
        kept = {str(r[0]) for r in self.db.query(
            f"SELECT DISTINCT text FROM mentions WHERE entity_id = ? AND id NOT IN ({marks})", [src, *ids])}
        return tuple(sorted(texts - kept))

    def _applicable(self, c: Correction) -> bool:
        if isinstance(c, SetDate | SetClassification | SetTitle):
            return bool(self.arc._known([c.sha256]))
        if isinstance(c, Merge | Rename):
            return self._resolve(c.into if isinstance(c, Merge) else c.entity) is not None
        if isinstance(c, Split):
            return any(self._mention_id(m) is not None for m in c.mentions)
        return self._mention_id(c.mention) is not None

    # --- documents -------------------------------------------------------------------------------
    def _document_corrections(self, sha256: str) -> list[Correction]:
        """The active corrections of one document, oldest first (its sha256 is in the payload's JSON,
        written with sorted keys by :func:`to_payload`; the parsed value is checked again)."""
        out: list[Correction] = []
        for r in self.db.query(f"SELECT action, payload FROM corrections WHERE undone_at IS NULL "
                               f"AND action IN ({_marks(len(DOCUMENT_ACTIONS))}) AND payload LIKE ? ORDER BY id",
                               [*DOCUMENT_ACTIONS, f'%"sha256": "{sha256}"%']):
            c = from_payload(str(r[0]), str(r[1]))
            if isinstance(c, SetDate | SetClassification | SetTitle) and c.sha256 == sha256:
                out.append(c)
        return out

    def replay_documents(self, doc_ids: Sequence[int]) -> None:
        """Reset these documents' header fields to their parse, then apply their active corrections:
        a few documents read only their own corrections, many read the log's document part once."""
        if not doc_ids:
            return
        sha_of: dict[int, str] = {}
        for part in _chunks(doc_ids):
            for r in self.db.query(f"SELECT id, parsed, sha256 FROM documents WHERE id IN ({_marks(len(part))})",
                                   part):
                self._set_document(int(r[0]), _json(str(r[1])))
                sha_of[int(r[0])] = str(r[2])
        by_sha = {sha: doc_id for doc_id, sha in sha_of.items()}
        todo: list[tuple[int, Correction]] = []
        if len(by_sha) <= BY_DOCUMENT:
            todo = [(doc_id, c) for sha, doc_id in by_sha.items() for c in self._document_corrections(sha)]
        else:
            for _, c in self._active(False):
                assert isinstance(c, SetDate | SetClassification | SetTitle)
                if c.sha256 in by_sha:
                    todo.append((by_sha[c.sha256], c))
        for doc_id, c in todo:
            if isinstance(c, SetDate):
                precision = {10: "day", 7: "month", 4: "year"}.get(len(c.iso), "day")
                self._set_document(doc_id, {"date_iso": c.iso, "date_precision": precision,
                                            "date_not_before": c.not_before, "date_not_after": c.not_after,
                                            "date_certainty": "high", "date_start": None, "date_end": None})
            elif isinstance(c, SetClassification):
                self._set_document(doc_id, {"classification_level": c.level,
                                            "classification_caveats": "; ".join(c.caveats) or None,
                                            "classification": None, "classification_start": None,
                                            "classification_end": None})
            elif isinstance(c, SetTitle):
                self._set_document(doc_id, {"title": c.title, "title_start": None, "title_end": None})

    def _set_document(self, doc_id: int, cols: dict[str, Any]) -> None:
        names = list(cols)
        self.db.execute(f"UPDATE documents SET {', '.join(n + ' = ?' for n in names)} WHERE id = ?",
                        [*(cols[n] for n in names), doc_id])

    # --- entities --------------------------------------------------------------------------------
    def _mention_row(self, ref: MentionRef) -> tuple[int, str | None] | None:
        rows = self.db.query('SELECT m.id, m.linked_entity_id FROM mentions m JOIN documents d '
                             'ON d.id = m.document_id WHERE d.sha256 = ? AND m.start = ? AND m."end" = ?',
                             (ref.sha256, ref.start, ref.end))
        return (int(rows[0][0]), rows[0][1]) if rows else None

    def _mention_id(self, ref: MentionRef) -> int | None:
        row = self._mention_row(ref)
        return row[0] if row else None

    def _resolve(self, ref: EntityRef) -> str | None:
        """The entity that ``ref`` means now: the one holding most of its anchors, else its id or name."""
        votes: Counter[str] = Counter()
        for a in ref.anchors:
            rows = self.db.query('SELECT m.entity_id FROM mentions m JOIN documents d ON d.id = m.document_id '
                                 'WHERE d.sha256 = ? AND m.start = ? AND m."end" = ? AND m.entity_id IS NOT NULL',
                                 (a.sha256, a.start, a.end))
            for r in rows:
                votes[str(r[0])] += 1
        if votes:
            return votes.most_common(1)[0][0]
        rows = self.db.query("SELECT id FROM entities WHERE id = ? AND merged_into IS NULL", (ref.id,))
        if not rows:
            rows = self.db.query("SELECT id FROM entities WHERE name = ? AND kind = ? AND merged_into IS NULL "
                                 "ORDER BY id", (ref.name, ref.kind))
        return str(rows[0][0]) if rows else None

    def replay_entities(self, around: tuple[int, Correction] | None = None, *,
                        relinked: Iterable[str] | None = None) -> tuple[int, int]:
        """Reset entities to what linking decided, then apply the active entity corrections in order:
        all of them (after a linking run), or, ``around`` one just logged as undone, only those
        related to it, on only what they can reach (see the module's docstring). Applied and
        dormant counts of the corrections replayed.

        All of them touch only the rows a correction moved (where the effective link is not
        linking's) and recount only the entities on those rows and those the corrections change,
        with ``relinked``: the entities whose links the caller changed itself. Without it every
        entity is recounted (the caller cannot tell what it changed)."""
        if around is None:
            active = self._active(True)
            touched: set[str] | None = self._reset_moved()
            self.db.execute("DELETE FROM name_variants WHERE method LIKE 'correction%'")
            self.db.execute("DELETE FROM entities WHERE origin = 'correction'")
            self.db.execute("UPDATE entities SET merged_into = NULL, name = coalesce(linked_name, name) "
                            "WHERE merged_into IS NOT NULL OR name <> linked_name")
            if relinked is None:
                touched = None
            else:
                assert touched is not None
                touched.update(relinked)
        else:
            active, entity_ids, mention_ids = self._related(*around)
            self._reset(entity_ids, mention_ids)
            touched = set(entity_ids)
        applied = dormant = 0
        for cid, c in active:
            changed = self._apply_entity(cid, c)
            if changed is None:
                dormant += 1
                continue
            applied += 1
            if touched is not None:
                touched |= changed
        self.recount(touched)
        return applied, dormant

    def _nodes(self, cid: int, c: Correction, renamed: dict[tuple[str, str], list[str]]
               ) -> tuple[set[tuple[str, ...]], set[int]]:
        """What a correction can read or write, as nodes of the relation: mentions, entity ids,
        names; and the ids of the stored mentions among them. ``renamed``: the entities whose name
        is not linking's now, by (kind, linking's name)."""
        nodes: set[tuple[str, ...]] = set()
        mention_ids: set[int] = set()
        for m in mention_refs(c):
            nodes.add(("m", m.sha256, str(m.start), str(m.end)))
            row = self._mention_row(m)
            if row is not None:
                mention_ids.add(row[0])
                if row[1] is not None:
                    nodes.add(("e", str(row[1])))
                # a header agent on the same words moves with the mention
                nodes.update(("e", str(r[0])) for r in self.db.query(
                    'SELECT a.linked_entity_id FROM agents a JOIN mentions m ON m.document_id = a.document_id '
                    'AND m.start = a.start AND m."end" = a."end" WHERE m.id = ? '
                    "AND a.linked_entity_id IS NOT NULL", (row[0],)))
        nodes.update(("e", e.id) for e in entity_refs(c))
        if isinstance(c, Split):
            nodes.add(("e", f"c{cid}"))
        for kind, name in names_of(c):
            nodes.add(("n", kind, name))
            # an entity found by this name: one called so now (indexed), or one linking called so
            # that a correction renamed (back to this name when that correction is replayed)
            for r in self.db.query("SELECT id FROM entities WHERE kind = ? AND name = ?", (kind, name)):
                nodes.add(("e", str(r[0])))
            nodes.update(("e", i) for i in renamed.get((kind, name), ()))
        return nodes, mention_ids

    def _renamed(self) -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for r in self.db.query("SELECT id, kind, linked_name FROM entities WHERE linked_name IS NOT NULL "
                               "AND name <> linked_name"):
            out[(str(r[1]), str(r[2]))].append(str(r[0]))
        return out

    def _related(self, cid: int, c: Correction) -> tuple[list[tuple[int, Correction]], set[str], set[int]]:
        """The active entity corrections related to ``c`` (transitively, through shared nodes), and
        the entity ids and mention ids that they and ``c`` can reach."""
        renamed = self._renamed()
        reach, mention_ids = self._nodes(cid, c, renamed)
        pending = [(i, x, *self._nodes(i, x, renamed)) for i, x in self._active(True) if i != cid]
        group: dict[int, Correction] = {}
        grew = True
        while grew:
            grew = False
            rest = []
            for i, x, nodes, mids in pending:
                if nodes & reach or mids & mention_ids:
                    group[i] = x
                    reach |= nodes
                    mention_ids |= mids
                    grew = True
                else:
                    rest.append((i, x, nodes, mids))
            pending = rest
        entity_ids = {n[1] for n in reach if n[0] == "e"}
        return sorted(group.items()), entity_ids, mention_ids

    def _reset_moved(self) -> set[str]:
        """Every mention and agent a correction moved back to what linking decided; the entities
        those mentions were on and go back to. A moved row is one whose effective link is not
        linking's (few beside all the rows): found by one pass, written by id."""
        moved = self.db.query(f"SELECT id, entity_id, linked_entity_id FROM mentions WHERE {_MOVED}")
        touched = {str(e) for r in moved for e in r[1:] if e is not None}
        for part in _chunks([int(r[0]) for r in moved]):
            self.db.execute(f"UPDATE mentions SET entity_id = linked_entity_id WHERE id IN ({_marks(len(part))})",
                            part)
        self.db.execute(f"UPDATE agents SET entity_id = linked_entity_id WHERE {_MOVED}")
        return touched

    def _reset(self, entity_ids: set[str], mention_ids: set[int]) -> None:
        """These entities, the mentions and agents on them, and these mentions (with the agents on
        their words), back to what linking decided.

        A mention or agent that linking gave to one of these entities and that is elsewhere now was
        moved by a correction of the group (a merge's or a move's target is in the group with its
        source), so it is on one of these entities or among these mentions: the indexed
        ``entity_id`` finds them all, no scan of ``linked_entity_id`` is needed."""
        ids = sorted(entity_ids)
        for part in _chunks(ids):
            marks = _marks(len(part))
            for table in ("mentions", "agents"):
                self.db.execute(f"UPDATE {table} SET entity_id = linked_entity_id WHERE entity_id IN ({marks})",
                                part)
            self.db.execute(f"DELETE FROM name_variants WHERE method LIKE 'correction%' AND entity_id IN ({marks})",
                            part)
            self.db.execute(f"DELETE FROM entities WHERE origin = 'correction' AND id IN ({marks})", part)
            self.db.execute(f"UPDATE entities SET merged_into = NULL, name = coalesce(linked_name, name) "
                            f"WHERE id IN ({marks})", part)
            # a spelling a split took away comes back with the mentions linking gave the entity
            # (linking's score and method come back at the next link, which finds the row changed)
            self.db.execute("INSERT INTO name_variants (entity_id, variant, score, method) "
                            "SELECT DISTINCT linked_entity_id, text, 1.0, 'link' FROM mentions "
                            f"WHERE linked_entity_id IN ({marks}) ON CONFLICT DO NOTHING", part)
        for part in _chunks(sorted(mention_ids)):
            self.db.execute(f"UPDATE mentions SET entity_id = linked_entity_id WHERE id IN ({_marks(len(part))})",
                            part)
            self.db.executemany('UPDATE agents SET entity_id = linked_entity_id WHERE document_id = ? '
                                'AND start = ? AND "end" = ?', self._spans(part))

    def _spans(self, mention_ids: list[int]) -> list[tuple[int, int, int]]:
        """Where these mentions stand: (document id, start, end), for the agents on the same words."""
        return [(int(r[0]), int(r[1]), int(r[2])) for r in self.db.query(
            f'SELECT document_id, start, "end" FROM mentions WHERE id IN ({_marks(len(mention_ids))})', mention_ids)]

    def _move(self, mention_ids: Sequence[int], entity_id: str | None) -> None:
        """Mentions to another entity, with the header agents standing on the same words."""
        for part in _chunks(mention_ids):
            marks = _marks(len(part))
            self.db.execute(f"UPDATE mentions SET entity_id = ? WHERE id IN ({marks})", [entity_id, *part])
            self.db.executemany('UPDATE agents SET entity_id = ? WHERE document_id = ? AND start = ? AND "end" = ?',
                                [(entity_id, *span) for span in self._spans(part)])

    def _entities_of(self, mention_ids: Sequence[int]) -> set[str]:
        if not mention_ids:
            return set()
        rows = self.db.query(f"SELECT DISTINCT entity_id FROM mentions WHERE id IN ({_marks(len(mention_ids))}) "
                             "AND entity_id IS NOT NULL", list(mention_ids))
        return {str(r[0]) for r in rows}

    def _variant(self, entity_id: str, variant: str, cid: int, what: str) -> None:
        self.db.execute(self.db.insert_ignore("name_variants", ("entity_id", "variant", "score", "method")),
                        (entity_id, variant, 1.0, f"correction #{cid}: {what}"))

    def _apply_entity(self, cid: int, c: Correction) -> set[str] | None:
        """Apply one entity correction; the entity ids it changed, or None when its targets are gone."""
        if isinstance(c, Merge):
            a, b = self._resolve(c.into), self._resolve(c.other)
            if a is None or b is None or a == b:
                return None
            self.db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (a, b))
            self.db.execute("UPDATE agents SET entity_id = ? WHERE entity_id = ?", (a, b))
            self.db.execute("UPDATE entities SET merged_into = ? WHERE id = ? OR merged_into = ?", (a, b, b))
            for r in self.db.query("SELECT variant FROM name_variants WHERE entity_id = ?", (b,)):
                self._variant(a, str(r[0]), cid, "merge")
            return {a, b}
        if isinstance(c, Split):
            src = self._resolve(c.entity)
            # only the entity's own mentions move: a replay finds them where linking put them now
            ids = [i for i in (self._mention_id(m) for m in c.mentions) if i is not None and self._entity_at(i) == src]
            if src is None or not ids:
                return None
            if c.spellings:  # and the mentions a later linking gave the entity so spelled
                spelled = _marks(len(c.spellings))
                ids += [int(r[0]) for r in self.db.query(
                    f"SELECT id FROM mentions WHERE entity_id = ? AND text IN ({spelled})", [src, *c.spellings])
                        if int(r[0]) not in ids]
                self.db.execute(f"DELETE FROM name_variants WHERE entity_id = ? AND variant IN ({spelled})",
                                [src, *c.spellings])
            before = self._entities_of(ids)
            new_id = f"c{cid}"
            self.db.execute(self.db.insert_ignore("entities", ("id", "kind", "name", "origin")),
                            (new_id, c.entity.kind, c.name, "correction"))
            self._move(ids, new_id)
            texts = {str(r[0]) for r in self.db.query(
                f"SELECT DISTINCT text FROM mentions WHERE id IN ({_marks(len(ids))})", ids)} | {c.name}
            for t in sorted(texts):
                self._variant(new_id, t, cid, "split")
            self.arc._add_keys(texts)
            return before | {src, new_id}
        if isinstance(c, Rename):
            target = self._resolve(c.entity)
            if target is None:
                return None
            self.db.execute("UPDATE entities SET name = ? WHERE id = ?", (c.name, target))
            self._variant(target, c.name, cid, "rename")
            self.arc._add_keys([c.name])
            return {target}
        assert isinstance(c, Reattach)
        mid = self._mention_id(c.mention)
        if mid is None:
            return None
        target = self._resolve(c.entity) if c.entity is not None else None
        if c.entity is not None and target is None:
            return None
        before = self._entities_of([mid])
        self._move([mid], target)
        if target is not None:
            for r in self.db.query("SELECT text FROM mentions WHERE id = ?", (mid,)):
                self._variant(target, str(r[0]), cid, "reattach")
        return before | ({target} if target else set())

    def recount(self, entity_ids: set[str] | None = None) -> None:
        """Counts and ``document_entities`` from the effective links: all, or around these entities."""
        if entity_ids is None:
            self.db.execute("DELETE FROM document_entities")
            self.db.execute("INSERT INTO document_entities (document_id, entity_id, kind, mentions) "
                            "SELECT document_id, entity_id, min(kind), count(*) FROM mentions "
                            "WHERE entity_id IS NOT NULL GROUP BY document_id, entity_id")
            self.db.execute("UPDATE entities SET mentions = 0, documents = 0")
            self.db.execute(
                "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
                "documents = (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = entities.id) "
                "WHERE merged_into IS NULL")
            return
        ids = sorted(entity_ids)
        docs: set[int] = set()
        for part in _chunks(ids):
            marks = _marks(len(part))
            docs.update(int(r[0]) for r in self.db.query(
                f"SELECT document_id FROM document_entities WHERE entity_id IN ({marks}) UNION "
                f"SELECT document_id FROM mentions WHERE entity_id IN ({marks})", part + part))
        for part in _chunks(sorted(docs)):
            dm = _marks(len(part))
            self.db.execute(f"DELETE FROM document_entities WHERE document_id IN ({dm})", part)
            self.db.execute(f"INSERT INTO document_entities (document_id, entity_id, kind, mentions) "
                            f"SELECT document_id, entity_id, min(kind), count(*) FROM mentions "
                            f"WHERE document_id IN ({dm}) AND entity_id IS NOT NULL "
                            f"GROUP BY document_id, entity_id", part)
        for part in _chunks(ids):
            marks = _marks(len(part))
            self.db.execute(f"UPDATE entities SET mentions = 0, documents = 0 WHERE id IN ({marks})", part)
            self.db.execute(
                "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
                "documents = (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = entities.id) "
                f"WHERE merged_into IS NULL AND id IN ({marks})", part)

    # --- references ------------------------------------------------------------------------------
    def entity_ref(self, entity_id: str) -> EntityRef:
        rows = self.db.query("SELECT id, name, kind, merged_into FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise CorrectionError(f"no entity {entity_id!r}", location=self._where(),
                                  expected="an id from `kartoteka entity NAME`")
        if rows[0][3] is not None:
            return self.entity_ref(str(rows[0][3]))
        anchors = self.db.query(
            'SELECT d.sha256, m.start, m."end" FROM mentions m JOIN documents d ON d.id = m.document_id '
            "WHERE m.entity_id = ? ORDER BY m.id LIMIT ?", (entity_id, ANCHORS))
        return EntityRef(str(rows[0][0]), str(rows[0][1]), str(rows[0][2]),
                         tuple(MentionRef(str(a[0]), int(a[1]), int(a[2])) for a in anchors))

    def mention_ref(self, mention_id: int) -> MentionRef:
        rows = self.db.query('SELECT d.sha256, m.start, m."end" FROM mentions m JOIN documents d '
                             "ON d.id = m.document_id WHERE m.id = ?", (mention_id,))
        if not rows:
            raise CorrectionError(f"no mention #{mention_id}", location=self._where(),
                                  expected="a mention id from `kartoteka show DOC` or `kartoteka entity NAME`")
        return MentionRef(str(rows[0][0]), int(rows[0][1]), int(rows[0][2]))

    # --- for exports -----------------------------------------------------------------------------
    def corrected(self) -> Corrected:
        """What the active corrections changed, by document and by the entity each concerns now."""
        from kartoteka.store.records import read_corrected_values

        entities: dict[str, list[EntityCorrection]] = defaultdict(list)
        for r in self.db.query("SELECT id, created_at, author, action, target, reason, payload FROM corrections "
                               f"WHERE undone_at IS NULL AND action NOT IN ({_marks(len(DOCUMENT_ACTIONS))}) "
                               "ORDER BY id", DOCUMENT_ACTIONS):
            cid = int(r[0])
            c = from_payload(str(r[3]), str(r[6]))
            for eid in self._concerns(cid, c):
                entities[eid].append(EntityCorrection(eid, str(r[3]), str(r[4]), str(r[2]), str(r[1]),
                                                      str(r[5] or ""), cid))
        return Corrected(read_corrected_values(self.db), {k: tuple(v) for k, v in entities.items()})

    def _concerns(self, cid: int, c: Correction) -> list[str]:
        """The entities a correction concerns as the archive stands (none when its targets are gone)."""
        if isinstance(c, SetDate | SetClassification | SetTitle):
            return []
        found: str | None
        if isinstance(c, Merge):
            found = self._resolve(c.into)
        elif isinstance(c, Rename):
            found = self._resolve(c.entity)
        elif isinstance(c, Split):
            found = f"c{cid}"
        else:
            assert isinstance(c, Reattach)
            row = self._mention_row(c.mention)
            found = None
            if row is not None:
                current = self.db.query("SELECT entity_id FROM mentions WHERE id = ?", (row[0],))
                found = str(current[0][0]) if current and current[0][0] is not None else None
        if found is None:
            return []
        live = self.db.query("SELECT id FROM entities WHERE id = ? AND merged_into IS NULL", (found,))
        return [found] if live else []


def _json(text: str) -> dict[str, Any]:
    import json

    value = json.loads(text)
    assert isinstance(value, dict)
    return value


__all__ = ["Corrector"]

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

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from kartoteka.corrections import (
    Corrected,
    Correction,
    EntityCorrection,
    EntityRef,
    LoggedCorrection,
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
    to_payload,
)
from kartoteka.errors import CorrectionError, Location
from kartoteka.store.anchors import Anchors
from kartoteka.store.clock import timestamp
from kartoteka.store.dialect import Dialect
from kartoteka.store.facets import bump_content
from kartoteka.store.replay import Replay
from kartoteka.store.users import public_names
from kartoteka.store.views import CorrectionEntry
from kartoteka.store.writer import Writer

_ENTRY = ("SELECT id, created_at, author, action, target, reason, payload, undone_at, undone_by, undo_reason, "
          "imported_from, imported_at FROM corrections")


# kinds one entity may be merged across: an organisation and a group (a party, a tribe's council)
# are told apart by wording alone, so a historian may join them; a place never becomes a person
MERGEABLE_KINDS = frozenset({frozenset({"organization", "group"})})


class Corrector:
    """The corrections of one open archive: the log, each applied as it is made or undone."""

    def __init__(self, db: Dialect) -> None:
        self.db = db
        self.writer = Writer(db)
        self.anchors = Anchors(db)
        self.replay = Replay(db, self.anchors)

    def _where(self) -> Location:
        return Location(self.db.url)

    def correct(self, correction: Correction, *, author: str, reason: str) -> CorrectionEntry:
        if not author.strip():
            raise CorrectionError("a correction needs an author", location=Location("--author"),
                                  expected="who makes it")
        if not reason.strip():
            raise CorrectionError("a correction needs a reason", location=Location("--reason"),
                                  expected="why it is made")
        self._check(correction)
        if isinstance(correction, Split) and not correction.spellings:
            correction = replace(correction, spellings=self.replay.spellings_taken(correction))
        self._refuse_duplicate(correction)
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
                self.replay.replay_documents(list(dict(self.writer.ids_by_sha([correction.sha256])).values()))
            else:
                # on top of the replayed state, a new correction is the last of the replay
                touched = self.replay.apply_entity(cid, correction)
                if touched:
                    self.replay.recount(touched)
            bump_content(self.db)
        return self.correction(cid)

    def _refuse_duplicate(self, c: Correction) -> None:
        """Refuse a correction the log already holds in force: for a document's value, the one that
        sets it now (the latest not undone of its kind); for an entity, any not undone."""
        action = str(action_of(c))
        rows = self.db.rows("SELECT id, payload FROM corrections WHERE action = ? AND undone_at IS NULL "
                             "ORDER BY id DESC", (action,))
        for r in rows:
            other = from_payload(action, str(r["payload"]))
            if isinstance(c, SetDate | SetClassification | SetTitle):
                if not isinstance(other, SetDate | SetClassification | SetTitle) or other.sha256 != c.sha256:
                    continue
                if other == c:
                    raise CorrectionError(f"the same correction is already in force: #{r['id']}",
                                          location=self._where(), expected="a value different from the one set")
                return  # the latest of this document's value differs: no duplicate
            if other == c:
                raise CorrectionError(f"the same correction is already in the log: #{r['id']}",
                                      location=self._where(), expected="a correction not made before")

    def _check(self, c: Correction) -> None:
        """Refuse a correction whose targets do not exist now (later, they may: then it is dormant)."""
        if isinstance(c, SetDate | SetClassification | SetTitle):
            if not self.writer.known([c.sha256]):
                raise CorrectionError(f"no document {c.sha256[:12]}", location=self._where(),
                                      expected="a document of this archive")
            return
        if isinstance(c, Merge):
            a, b = self.anchors.resolve(c.into), self.anchors.resolve(c.other)
            if a is None or b is None:
                raise CorrectionError("an entity to merge is not in the archive", location=self._where())
            if a == b:
                raise CorrectionError(f"{c.into.name} and {c.other.name} are already one entity",
                                      location=self._where(), expected="two different entities")
            kinds = (self.anchors.kind(a), self.anchors.kind(b))
            if kinds[0] != kinds[1] and frozenset(kinds) not in MERGEABLE_KINDS:
                raise CorrectionError(f"{c.other.name} is a {kinds[1]} and {c.into.name} a {kinds[0]}",
                                      location=self._where(), expected="two entities of the same kind")
        elif isinstance(c, Split):
            src = self.anchors.resolve(c.entity)
            if src is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())
            if not c.mentions:
                raise CorrectionError("nothing to split off", location=self._where(),
                                      expected="at least one mention of the entity")
            for m in c.mentions:
                if self.anchors.entity_of(m) != src:
                    raise CorrectionError(f"mention {m} is not one of {c.entity.name}'s", location=self._where(),
                                          expected=f"mentions of {c.entity.name} (listed on its page)")
            if not c.name.strip():
                raise CorrectionError("the new entity needs a name", location=Location("--name"))
        elif isinstance(c, Rename):
            if self.anchors.resolve(c.entity) is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())
            if not c.name.strip():
                raise CorrectionError("the entity needs a name", location=Location("NAME"), expected="a name")
        elif isinstance(c, Reattach):
            if self.anchors.mention_id(c.mention) is None:
                raise CorrectionError(f"no mention {c.mention}", location=self._where())
            if c.entity is not None and self.anchors.resolve(c.entity) is None:
                raise CorrectionError(f"no entity {c.entity.id}", location=self._where())

    def corrections(self, *, include_undone: bool = True) -> list[CorrectionEntry]:
        sql = _ENTRY + ("" if include_undone else " WHERE undone_at IS NULL")
        public = public_names(self.db)
        return [self._entry(r, public) for r in self.db.rows(sql + " ORDER BY id")]

    def correction(self, cid: int) -> CorrectionEntry:
        rows = self.db.rows(_ENTRY + " WHERE id = ?", (cid,))
        if not rows:
            raise CorrectionError(f"no correction #{cid}", location=self._where(),
                                  expected="an id from `kartoteka correct list`")
        return self._entry(rows[0])

    def history(self, *, document: str | None = None, entity: str | None = None) -> list[CorrectionEntry]:
        """The log's entries (undone ones too) about one document (by sha256: its values, and the
        entity corrections anchored in it) or one entity (by id: the corrections naming it, the
        split that made it, those that concern it now)."""
        out = []
        public = public_names(self.db)
        for r in self.db.rows(_ENTRY + " ORDER BY id"):
            cid, c = int(r["id"]), from_payload(str(r["action"]), str(r["payload"]))
            if document is not None:
                hit = (c.sha256 == document if isinstance(c, SetDate | SetClassification | SetTitle)
                       else any(m.sha256 == document for m in mention_refs(c)))
            else:
                hit = (any(e.id == entity for e in entity_refs(c)) or f"c{cid}" == entity
                       or (r["undone_at"] is None and entity in self._concerns(cid, c)))
            if hit:
                out.append(self._entry(r, public))
        return out

    def _entry(self, r: dict[str, Any], public: Callable[[str], str] | None = None) -> CorrectionEntry:
        """A log row as an entry; a reading-room user's login name (entries logged before display
        names existed have it) becomes the user's public display name."""
        applied = True
        if r["undone_at"] is None:
            applied = self._applicable(from_payload(str(r["action"]), str(r["payload"])))
        public = public or public_names(self.db)
        return CorrectionEntry(int(r["id"]), str(r["created_at"]), public(str(r["author"])), str(r["action"]),
                               str(r["target"]), str(r["reason"]), str(r["payload"]), r["undone_at"],
                               None if r["undone_by"] is None else public(str(r["undone_by"])), r["undo_reason"],
                               applied, r["imported_from"], r["imported_at"])

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
                self.replay.replay_documents(list(dict(self.writer.ids_by_sha([c.sha256])).values()))
            else:
                self.replay.replay_entities(around=(cid, c))
            bump_content(self.db)
        return self.correction(cid)

    def _applicable(self, c: Correction) -> bool:
        if isinstance(c, SetDate | SetClassification | SetTitle):
            return bool(self.writer.known([c.sha256]))
        if isinstance(c, Merge | Rename):
            return self.anchors.resolve(c.into if isinstance(c, Merge) else c.entity) is not None
        if isinstance(c, Split):
            return any(self.anchors.mention_id(m) is not None for m in c.mentions)
        return self.anchors.mention_id(c.mention) is not None

    # --- documents -------------------------------------------------------------------------------

    def corrected(self) -> Corrected:
        """What the active corrections changed, by document and by the entity each concerns now."""
        from kartoteka.store.records import read_corrected_values

        entities: dict[str, list[EntityCorrection]] = defaultdict(list)
        log: list[LoggedCorrection] = []
        public = public_names(self.db)
        # the entities each correction gave a spelling (one found by a name an earlier one gave has
        # no anchors, and its name may have been changed since: this says where it went)
        gave: dict[int, set[str]] = defaultdict(set)
        for method, given in self.db.query(
                "SELECT v.method, v.entity_id FROM name_variants v JOIN entities e ON e.id = v.entity_id "
                "WHERE v.method LIKE 'correction #%' AND e.merged_into IS NULL"):
            number = str(method).removeprefix("correction #").split(":", 1)[0]
            if number.isdigit():
                gave[int(number)].add(str(given))
        for r in self.db.rows("SELECT id, created_at, author, action, target, reason, payload FROM corrections "
                              "WHERE undone_at IS NULL ORDER BY id"):
            cid, author = int(r["id"]), public(str(r["author"]))
            c = from_payload(str(r["action"]), str(r["payload"]))
            concerns = self._concerns(cid, c)
            log.append(LoggedCorrection(cid, c, author, str(r["created_at"]), str(r["reason"] or ""),
                                        tuple(dict.fromkeys([*concerns, *sorted(gave.get(cid, ()))]))))
            for eid in concerns:
                entities[eid].append(EntityCorrection(eid, str(r["action"]), str(r["target"]), author,
                                                      str(r["created_at"]), str(r["reason"] or ""), cid))
        return Corrected(read_corrected_values(self.db), {k: tuple(v) for k, v in entities.items()}, tuple(log))

    def _concerns(self, cid: int, c: Correction) -> list[str]:
        """The entities a correction concerns as the archive stands (none when its targets are gone)."""
        if isinstance(c, SetDate | SetClassification | SetTitle):
            return []
        found: str | None
        if isinstance(c, Merge):
            found = self.anchors.resolve(c.into)
        elif isinstance(c, Rename):
            found = self.anchors.resolve(c.entity)
        elif isinstance(c, Split):
            found = f"c{cid}"
        else:
            assert isinstance(c, Reattach)
            row = self.anchors.mention_row(c.mention)
            found = None
            if row is not None:
                current = self.db.query("SELECT entity_id FROM mentions WHERE id = ?", (row[0],))
                found = str(current[0][0]) if current and current[0][0] is not None else None
        if found is None:
            return []
        live = self.db.query("SELECT id FROM entities WHERE id = ? AND merged_into IS NULL", (found,))
        return [found] if live else []


    # --- the replay and the anchors (kartoteka.store.replay, kartoteka.store.anchors) -------------
    def replay_documents(self, doc_ids: Sequence[int]) -> None:
        """Reset these documents' header fields to their parse, then apply their active corrections."""
        self.replay.replay_documents(doc_ids)

    def replay_entities(self, *, relinked: Iterable[str] | None = None) -> tuple[int, int]:
        """Reset entities to what linking decided, then apply every active entity correction."""
        return self.replay.replay_entities(relinked=relinked)

    def entity_ref(self, entity_id: str) -> EntityRef:
        return self.anchors.entity_ref(entity_id)

    def mention_ref(self, mention_id: int) -> MentionRef:
        return self.anchors.mention_ref(mention_id)


__all__ = ["Corrector"]

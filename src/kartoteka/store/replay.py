"""Replaying the active corrections on a stored archive: a document's values reset to its parse
and its corrections applied again; entities reset to what linking decided and the entity
corrections applied again (all of them, or the group related to one), then counts made anew."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from kartoteka.corrections import (
    ENTITY_ACTIONS,
    Correction,
    CorrectionAction,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    entity_refs,
    from_payload,
    mention_refs,
    names_of,
)
from kartoteka.store.anchors import Anchors
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.writer import Writer

DOCUMENT_ACTIONS = ("set_title", "set_date", "set_classification")
# beyond this many documents, one pass over the log's document corrections beats one query each
BY_DOCUMENT = 50


# A row whose effective link differs from linking's, NULLs compared as values; one text both
# backends accept (``IS NOT`` is SQLite's, ``IS DISTINCT FROM`` needs SQLite 3.39).
_MOVED = ("NOT coalesce(entity_id = linked_entity_id, entity_id IS NULL AND linked_entity_id IS NULL)")


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


class Replay:
    """The replay of the corrections of one archive."""

    def __init__(self, db: Dialect, anchors: Anchors | None = None) -> None:
        self.db = db
        self.writer = Writer(db)
        self.anchors = anchors or Anchors(db)

    def active(self, entity_level: bool) -> list[tuple[int, Correction]]:
        out = []
        for r in self.db.rows("SELECT id, action, payload FROM corrections WHERE undone_at IS NULL ORDER BY id"):
            if (CorrectionAction(r["action"]) in ENTITY_ACTIONS) == entity_level:
                out.append((int(r["id"]), from_payload(str(r["action"]), str(r["payload"]))))
        return out

    def spellings_taken(self, c: Split) -> tuple[str, ...]:
        """The spellings of the split mentions that the entity keeps no other mention of: they
        leave it with the split (a spelling it still uses for others stays its own too)."""
        src = self.anchors.resolve(c.entity)
        ids = [i for i in (self.anchors.mention_id(m) for m in c.mentions) if i is not None]
        if src is None or not ids:
            return ()
        held = marks(len(ids))
        texts = {str(r[0]) for r in self.db.query(f"SELECT DISTINCT text FROM mentions WHERE id IN ({held})", ids)}
        kept = {str(r[0]) for r in self.db.query(
            f"SELECT DISTINCT text FROM mentions WHERE entity_id = ? AND id NOT IN ({held})", [src, *ids])}
        return tuple(sorted(texts - kept))

    def _document_corrections(self, sha256: str) -> list[Correction]:
        """The active corrections of one document, oldest first (its sha256 is in the payload's JSON,
        written with sorted keys by :func:`to_payload`; the parsed value is checked again)."""
        out: list[Correction] = []
        for r in self.db.query(f"SELECT action, payload FROM corrections WHERE undone_at IS NULL "
                               f"AND action IN ({marks(len(DOCUMENT_ACTIONS))}) AND payload LIKE ? ORDER BY id",
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
            for r in self.db.rows(f"SELECT id, parsed, sha256 FROM documents WHERE id IN ({marks(len(part))})",
                                  part):
                self._set_document(int(r["id"]), _json(str(r["parsed"])))
                sha_of[int(r["id"])] = str(r["sha256"])
        by_sha = {sha: doc_id for doc_id, sha in sha_of.items()}
        todo: list[tuple[int, Correction]] = []
        if len(by_sha) <= BY_DOCUMENT:
            todo = [(doc_id, c) for sha, doc_id in by_sha.items() for c in self._document_corrections(sha)]
        else:
            for _, c in self.active(False):
                assert isinstance(c, SetDate | SetClassification | SetTitle)
                if c.sha256 in by_sha:
                    todo.append((by_sha[c.sha256], c))
        for doc_id, c in todo:
            if isinstance(c, SetDate):
                precision = {10: "day", 7: "month", 4: "year"}.get(len(c.iso), "day")
                self._set_document(doc_id, {"date_iso": c.iso, "date_precision": precision,
                                            "date_not_before": c.not_before, "date_not_after": c.not_after,
                                            "date_certainty": c.certainty, "date_start": None, "date_end": None})
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
            active = self.active(True)
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
            changed = self.apply_entity(cid, c)
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
            row = self.anchors.mention_row(m)
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
        for r in self.db.rows("SELECT id, kind, linked_name FROM entities WHERE linked_name IS NOT NULL "
                              "AND name <> linked_name"):
            out[(str(r["kind"]), str(r["linked_name"]))].append(str(r["id"]))
        return out

    def _related(self, cid: int, c: Correction) -> tuple[list[tuple[int, Correction]], set[str], set[int]]:
        """The active entity corrections related to ``c`` (transitively, through shared nodes), and
        the entity ids and mention ids that they and ``c`` can reach."""
        renamed = self._renamed()
        reach, mention_ids = self._nodes(cid, c, renamed)
        pending = [(i, x, *self._nodes(i, x, renamed)) for i, x in self.active(True) if i != cid]
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
            self.db.execute(f"UPDATE mentions SET entity_id = linked_entity_id WHERE id IN ({marks(len(part))})",
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
            held = marks(len(part))
            for table in ("mentions", "agents"):
                self.db.execute(f"UPDATE {table} SET entity_id = linked_entity_id WHERE entity_id IN ({held})",
                                part)
            self.db.execute(f"DELETE FROM name_variants WHERE method LIKE 'correction%' AND entity_id IN ({held})",
                            part)
            self.db.execute(f"DELETE FROM entities WHERE origin = 'correction' AND id IN ({held})", part)
            self.db.execute(f"UPDATE entities SET merged_into = NULL, name = coalesce(linked_name, name) "
                            f"WHERE id IN ({held})", part)
            # a spelling a split took away comes back with the mentions linking gave the entity
            # (linking's score and method come back at the next link, which finds the row changed)
            self.db.execute("INSERT INTO name_variants (entity_id, variant, score, method) "
                            "SELECT DISTINCT linked_entity_id, text, 1.0, 'link' FROM mentions "
                            f"WHERE linked_entity_id IN ({held}) ON CONFLICT DO NOTHING", part)
        for part in _chunks(sorted(mention_ids)):
            self.db.execute(f"UPDATE mentions SET entity_id = linked_entity_id WHERE id IN ({marks(len(part))})",
                            part)
            self.db.executemany('UPDATE agents SET entity_id = linked_entity_id WHERE document_id = ? '
                                'AND start = ? AND "end" = ?', self._spans(part))

    def _spans(self, mention_ids: list[int]) -> list[tuple[int, int, int]]:
        """Where these mentions stand: (document id, start, end), for the agents on the same words."""
        return [(int(r["document_id"]), int(r["start"]), int(r["end"])) for r in self.db.rows(
            f'SELECT document_id, start, "end" FROM mentions WHERE id IN ({marks(len(mention_ids))})', mention_ids)]

    def _move(self, mention_ids: Sequence[int], entity_id: str | None) -> None:
        """Mentions to another entity, with the header agents standing on the same words."""
        for part in _chunks(mention_ids):
            held = marks(len(part))
            self.db.execute(f"UPDATE mentions SET entity_id = ? WHERE id IN ({held})", [entity_id, *part])
            self.db.executemany('UPDATE agents SET entity_id = ? WHERE document_id = ? AND start = ? AND "end" = ?',
                                [(entity_id, *span) for span in self._spans(part)])

    def _entities_of(self, mention_ids: Sequence[int]) -> set[str]:
        if not mention_ids:
            return set()
        rows = self.db.query(f"SELECT DISTINCT entity_id FROM mentions WHERE id IN ({marks(len(mention_ids))}) "
                             "AND entity_id IS NOT NULL", list(mention_ids))
        return {str(r[0]) for r in rows}

    def _variant(self, entity_id: str, variant: str, cid: int, what: str) -> None:
        self.db.execute(self.db.insert_ignore("name_variants", ("entity_id", "variant", "score", "method")),
                        (entity_id, variant, 1.0, f"correction #{cid}: {what}"))

    def apply_entity(self, cid: int, c: Correction) -> set[str] | None:
        """Apply one entity correction; the entity ids it changed, or None when its targets are gone."""
        if isinstance(c, Merge):
            a, b = self.anchors.resolve(c.into), self.anchors.resolve(c.other)
            if a is None or b is None or a == b:
                return None
            self.db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (a, b))
            self.db.execute("UPDATE agents SET entity_id = ? WHERE entity_id = ?", (a, b))
            self.db.execute("UPDATE entities SET merged_into = ? WHERE id = ? OR merged_into = ?", (a, b, b))
            for r in self.db.query("SELECT variant FROM name_variants WHERE entity_id = ?", (b,)):
                self._variant(a, str(r[0]), cid, "merge")
            return {a, b}
        if isinstance(c, Split):
            src = self.anchors.resolve(c.entity)
            # only the entity's own mentions move: a replay finds them where linking put them now
            ids = [i for i in (self.anchors.mention_id(m) for m in c.mentions) if i is not None and self.anchors.entity_at(i) == src]
            if src is None or not ids:
                return None
            if c.spellings:  # and the mentions a later linking gave the entity so spelled
                spelled = marks(len(c.spellings))
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
                f"SELECT DISTINCT text FROM mentions WHERE id IN ({marks(len(ids))})", ids)} | {c.name}
            for t in sorted(texts):
                self._variant(new_id, t, cid, "split")
            self.writer.add_keys(texts)
            return before | {src, new_id}
        if isinstance(c, Rename):
            target = self.anchors.resolve(c.entity)
            if target is None:
                return None
            self.db.execute("UPDATE entities SET name = ? WHERE id = ?", (c.name, target))
            self._variant(target, c.name, cid, "rename")
            self.writer.add_keys([c.name])
            return {target}
        assert isinstance(c, Reattach)
        mid = self.anchors.mention_id(c.mention)
        if mid is None:
            return None
        target = self.anchors.resolve(c.entity) if c.entity is not None else None
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
            held = marks(len(part))
            docs.update(int(r[0]) for r in self.db.query(
                f"SELECT document_id FROM document_entities WHERE entity_id IN ({held}) UNION "
                f"SELECT document_id FROM mentions WHERE entity_id IN ({held})", part + part))
        for part in _chunks(sorted(docs)):
            dm = marks(len(part))
            self.db.execute(f"DELETE FROM document_entities WHERE document_id IN ({dm})", part)
            self.db.execute(f"INSERT INTO document_entities (document_id, entity_id, kind, mentions) "
                            f"SELECT document_id, entity_id, min(kind), count(*) FROM mentions "
                            f"WHERE document_id IN ({dm}) AND entity_id IS NOT NULL "
                            f"GROUP BY document_id, entity_id", part)
        for part in _chunks(ids):
            held = marks(len(part))
            self.db.execute(f"UPDATE entities SET mentions = 0, documents = 0 WHERE id IN ({held})", part)
            self.db.execute(
                "UPDATE entities SET mentions = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id), "
                "documents = (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = entities.id) "
                f"WHERE merged_into IS NULL AND id IN ({held})", part)

    # --- references ------------------------------------------------------------------------------


def _json(text: str) -> dict[str, Any]:
    import json

    value = json.loads(text)
    assert isinstance(value, dict)
    return value


__all__ = ["Replay"]

"""A document's identity through new transcriptions and withdrawal.

A document keeps its row id and its address (``collection/name``) for good. A new transcription
(``kartoteka replace``, or a changed file ingested at the same address) keeps the old one in
``document_versions`` — readable, and its sha256 still an address — and carries the document's
corrections over where their characters still stand in the new text
(:mod:`kartoteka.corrections.realign`): their anchors in the audit log are moved to the new text,
and a correction left with nothing to act on is marked undone ("no longer applies"), by the
replacing user. A withdrawal hides a document from search, facets and browsing; its page says so,
with the reason and date; it is reversible (``kartoteka withdraw --reinstate``). Every one of these
is an event in ``document_events`` (who, when, why, what) beside the corrections' log.

The caller holds the transaction (:class:`kartoteka.store.Archive` does).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kartoteka.corrections import describe, from_payload, to_payload
from kartoteka.corrections.realign import Carry, Realignment, carry
from kartoteka.errors import Location, StoreError
from kartoteka.model import Record
from kartoteka.readers.shelfmark import address
from kartoteka.store.clock import timestamp
from kartoteka.store.dialect import Dialect
from kartoteka.store.facets import bump_content
from kartoteka.store.replay import Replay
from kartoteka.store.writer import Writer


@dataclass(frozen=True, slots=True)
class VersionEntry:
    """One transcription of a document: ``current`` for the one in force (no ``replaced_*``)."""

    version: int
    sha256: str
    path: str
    ingested_at: str
    replaced_at: str | None = None
    replaced_by: str | None = None
    reason: str | None = None
    current: bool = False


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """Something done to a document as a whole: ``replace``, ``withdraw``, ``reinstate``."""

    at: str
    author: str
    action: str
    reason: str | None
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CarriedCorrection:
    """A correction of a replaced document and what became of it (``carried``, ``partly``, ``lost``)."""

    id: int
    target: str
    status: str
    lost_anchors: int = 0


@dataclass(frozen=True, slots=True)
class Replacement:
    """What replacing a transcription did."""

    address: str
    old_version: int
    new_version: int
    corrections: tuple[CarriedCorrection, ...] = ()

    def lost(self) -> tuple[CarriedCorrection, ...]:
        """The corrections that no longer apply (marked undone)."""
        return tuple(c for c in self.corrections if c.status == Carry.LOST)


class Versions:
    """Versions, withdrawal and events of the documents of one archive."""

    def __init__(self, db: Dialect) -> None:
        self.db = db
        self.writer = Writer(db)

    def _document(self, doc_id: int) -> dict[str, Any]:
        rows = self.db.rows("SELECT id, sha256, path, text, title, ingested_at, collection, name, version, "
                            "withdrawn_at, withdrawn_by, withdrawn_reason FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise StoreError(f"no document #{doc_id}", location=Location(self.db.url))
        return rows[0]

    def _event(self, doc_id: int, author: str, action: str, reason: str | None, detail: dict[str, Any]) -> None:
        self.db.execute("INSERT INTO document_events (document_id, at, author, action, reason, detail) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (doc_id, timestamp(), author, action, reason, json.dumps(detail, ensure_ascii=False)))

    # --- a new transcription ---------------------------------------------------------------------
    def replace(self, doc_id: int, rec: Record, *, author: str, reason: str | None) -> Replacement:
        """``rec`` becomes the document's transcription (see the module); the caller re-links."""
        if rec.document is None:
            raise StoreError(f"{rec.source.path}: could not be read", location=Location(rec.source.path),
                             expected="a readable transcription")
        old = self._document(doc_id)
        where = Location(rec.source.path)
        if rec.source.sha256 == old["sha256"]:
            raise StoreError(f"the same text as {address(old['collection'], old['name'])} already has",
                             location=where, expected="a changed transcription")
        if self.writer.known([rec.source.sha256]):
            raise StoreError("this text is already another document of the archive", location=where,
                             expected="a transcription not yet in the archive")
        now, version = timestamp(), int(old["version"])
        self.db.execute("INSERT INTO document_versions (document_id, version, sha256, path, ingested_at, "
                        "replaced_at, replaced_by, reason, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (doc_id, version, old["sha256"], old["path"], old["ingested_at"], now, author, reason,
                         old["text"]))
        identity = self.writer.identity(doc_id)
        identity["version"] = version + 1
        self.writer.delete_document(doc_id)
        self.writer.insert_document(rec, doc_id, identity)
        if not identity.get("withdrawn_at"):
            self.db.fts_add([(doc_id, rec.title.text if rec.title else "", rec.document.text)])
        self.writer.add_entities(list(rec.entities))
        self.writer.add_keys({m.span.text for m in rec.mentions})
        carried = self._carry(str(old["sha256"]), rec.source.sha256, Realignment(str(old["text"]), rec.document.text),
                              author=author, version=version + 1)
        Replay(self.db).replay_documents([doc_id])
        self.writer.set_meta("links_stale", "1")
        self.writer.set_meta("documents_replaced", str(int(self.writer.meta("documents_replaced") or 0) + 1))
        here = address(old["collection"], old["name"])
        self._event(doc_id, author, "replace", reason, {
            "from_version": version, "to_version": version + 1, "from_sha256": old["sha256"],
            "to_sha256": rec.source.sha256, "path": rec.source.path,
            "corrections": [{"id": c.id, "target": c.target, "status": c.status, "lost_anchors": c.lost_anchors}
                            for c in carried]})
        bump_content(self.db)
        return Replacement(here, version, version + 1, carried)

    def _carry(self, old_sha: str, new_sha: str, realign: Realignment, *, author: str,
               version: int) -> tuple[CarriedCorrection, ...]:
        out: list[CarriedCorrection] = []
        for r in self.db.rows("SELECT id, action, payload, target FROM corrections WHERE undone_at IS NULL "
                              "AND payload LIKE ? ORDER BY id", (f"%{old_sha}%",)):
            c = from_payload(str(r["action"]), str(r["payload"]))
            moved = carry(c, old_sha, new_sha, realign)
            if moved.correction is None:
                self.db.execute("UPDATE corrections SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?",
                                (timestamp(), author, f"no longer applies: its words are not in version {version} "
                                 "of the document", r["id"]))
            else:
                self.db.execute("UPDATE corrections SET payload = ? WHERE id = ?",
                                (to_payload(moved.correction), r["id"]))
            out.append(CarriedCorrection(int(r["id"]), str(r["target"]) or describe(c), str(moved.status),
                                         moved.lost))
        return tuple(out)

    # --- withdrawal ------------------------------------------------------------------------------
    def withdraw(self, doc_id: int, *, author: str, reason: str) -> None:
        """Hide the document from search, facets and browsing (its page stays, saying so)."""
        d = self._document(doc_id)
        if d["withdrawn_at"] is not None:
            raise StoreError(f"already withdrawn on {d['withdrawn_at']}",
                             location=Location(address(d["collection"], d["name"])),
                             expected="a document in the archive's search (or --reinstate)")
        self.db.execute("UPDATE documents SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? WHERE id = ?",
                        (timestamp(), author, reason, doc_id))
        self.db.fts_delete([doc_id])
        self._event(doc_id, author, "withdraw", reason, {"version": d["version"], "sha256": d["sha256"]})
        bump_content(self.db)

    def reinstate(self, doc_id: int, *, author: str, reason: str) -> None:
        """A withdrawn document back in search, facets and browsing."""
        d = self._document(doc_id)
        if d["withdrawn_at"] is None:
            raise StoreError(f"{address(d['collection'], d['name'])} is not withdrawn",
                             location=Location(address(d["collection"], d["name"])), expected="a withdrawn document")
        self.db.execute("UPDATE documents SET withdrawn_at = NULL, withdrawn_by = NULL, withdrawn_reason = NULL "
                        "WHERE id = ?", (doc_id,))
        self.db.fts_add([(doc_id, str(d["title"] or ""), str(d["text"]))])
        self._event(doc_id, author, "reinstate", reason, {"withdrawn_at": d["withdrawn_at"]})
        bump_content(self.db)

    # --- reading ---------------------------------------------------------------------------------
    def versions(self, doc_id: int) -> tuple[VersionEntry, ...]:
        """Every transcription of the document, oldest first, the current one last."""
        d = self._document(doc_id)
        old = [VersionEntry(int(r["version"]), str(r["sha256"]), str(r["path"]), str(r["ingested_at"]),
                            r["replaced_at"], r["replaced_by"], r["reason"])
               for r in self.db.rows("SELECT version, sha256, path, ingested_at, replaced_at, replaced_by, reason "
                                     "FROM document_versions WHERE document_id = ? ORDER BY version", (doc_id,))]
        return (*old, VersionEntry(int(d["version"]), str(d["sha256"]), str(d["path"]), str(d["ingested_at"]),
                                   current=True))

    def text(self, doc_id: int, version: int) -> str | None:
        """The text of an earlier version (None: no such version kept)."""
        rows = self.db.rows("SELECT text FROM document_versions WHERE document_id = ? AND version = ?",
                            (doc_id, version))
        return str(rows[0]["text"]) if rows else None

    def by_old_sha(self, sha_prefix: str) -> tuple[int, int] | None:
        """(document id, version) of an earlier transcription named by its sha256 (or a unique prefix)."""
        rows = self.db.rows("SELECT document_id, version FROM document_versions WHERE sha256 >= ? AND sha256 < ? "
                            "LIMIT 2", (sha_prefix, sha_prefix + "g"))
        return (int(rows[0]["document_id"]), int(rows[0]["version"])) if len(rows) == 1 else None

    def events(self, doc_id: int) -> tuple[DocumentEvent, ...]:
        """What was done to the document as a whole, oldest first."""
        return tuple(DocumentEvent(str(r["at"]), str(r["author"]), str(r["action"]), r["reason"],
                                   json.loads(str(r["detail"] or "{}")))
                     for r in self.db.rows("SELECT at, author, action, reason, detail FROM document_events "
                                           "WHERE document_id = ? ORDER BY id", (doc_id,)))


__all__ = ["CarriedCorrection", "DocumentEvent", "Replacement", "VersionEntry", "Versions"]

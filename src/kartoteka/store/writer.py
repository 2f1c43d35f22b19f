"""The write primitives of the archive over a :class:`Dialect`: documents and their rows,
mentions, entities that came with records, spelling keys, and the ``meta`` settings. Archive,
corrector and relinker all write through it; it calls none of them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kartoteka.model import Agent, Entity, Mention, Record
from kartoteka.readers.shelfmark import Shelfmark, shelfmark_of
from kartoteka.search.variants import keys_version, name_forms, name_keys
from kartoteka.store.clock import timestamp
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.facets import bump_content
from kartoteka.store.schema import DOCUMENT_TABLES
from kartoteka.store.views import AddReport
from kartoteka.structure.genre import genre
from kartoteka.structure.language import language

BATCH = 500
# what a document keeps when its parse or its transcription is replaced: its address, its version, a withdrawal
IDENTITY = ("collection", "name", "version", "withdrawn_at", "withdrawn_by", "withdrawn_reason")


@dataclass(frozen=True, slots=True)
class Written:
    """What storing a batch did, the documents parsed anew (their corrections to replay), and the
    records that are a new transcription of a stored document (same address, same file name)."""

    report: AddReport
    replaced_ids: tuple[int, ...]
    superseding: tuple[tuple[int, Record], ...] = ()


class Writer:
    """Writes to one archive's tables; the caller holds the transaction."""

    def __init__(self, db: Dialect) -> None:
        self.db = db

    # --- meta ------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self.db.query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))

    def links_stale(self) -> bool:
        return self.meta("links_stale") == "1"

    def keys_stale(self) -> bool:
        return self.meta("keys_version") != keys_version()

    # --- documents by identity -------------------------------------------------------------------
    def known(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these document hashes the archive already holds."""
        found: set[str] = set()
        batch: list[str] = []
        for s in sha256s:
            batch.append(s)
            if len(batch) >= BATCH:
                found |= self._known(batch)
                batch = []
        if batch:
            found |= self._known(batch)
        return found

    def _known(self, batch: Sequence[str]) -> set[str]:
        """Held now, or held before a newer transcription replaced it (not ingested again)."""
        rows = self.db.query(f"SELECT sha256 FROM documents WHERE sha256 IN ({marks(len(batch))})", batch)
        return {str(r[0]) for r in rows} | self.earlier_versions(batch)

    def ids_by_sha(self, shas: Sequence[str]) -> Iterator[tuple[str, int]]:
        for i in range(0, len(shas), BATCH):
            part = shas[i:i + BATCH]
            for r in self.db.query(f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks(len(part))})", part):
                yield str(r[0]), int(r[1])

    # --- a batch of records ----------------------------------------------------------------------
    # --- documents by address ------------------------------------------------------------------
    def identity(self, doc_id: int) -> dict[str, Any]:
        """The columns a document keeps through a re-parse or a new version (:data:`IDENTITY`)."""
        rows = self.db.rows(f"SELECT {', '.join(IDENTITY)} FROM documents WHERE id = ?", (doc_id,))
        return dict(rows[0]) if rows else {}

    def at_address(self, mark: Shelfmark) -> tuple[int, str, str] | None:
        """The document (id, path, ingested_at) standing at an address, if any."""
        rows = self.db.rows("SELECT id, path, ingested_at FROM documents WHERE collection = ? AND name = ?",
                            (mark.collection, mark.name))
        return (int(rows[0]["id"]), str(rows[0]["path"]), str(rows[0]["ingested_at"])) if rows else None

    def earlier_versions(self, sha256s: Sequence[str]) -> set[str]:
        """Which of these hashes are transcriptions a document had before its current one."""
        found: set[str] = set()
        for i in range(0, len(sha256s), BATCH):
            part = list(sha256s[i:i + BATCH])
            found |= {str(r[0]) for r in self.db.query(
                f"SELECT sha256 FROM document_versions WHERE sha256 IN ({marks(len(part))})", part)}
        return found

    def store(self, records: Sequence[Record], *, replace: bool = False, collection: str | None = None,
              since: str | None = None) -> Written:
        """Store parsed records (see :meth:`kartoteka.store.Archive.add_records`)."""
        added = replaced = skipped = failed = 0
        superseding: list[tuple[int, Record]] = []
        claimed: dict[Shelfmark, tuple[int, str, str]] = {}  # addresses given a new version in this batch
        refused: list[str] = []
        existing = dict(self.ids_by_sha([r.source.sha256 for r in records if r.document is not None]))
        earlier = self.earlier_versions([r.source.sha256 for r in records if r.document is not None])
        seen: set[str] = set()
        fts: list[tuple[int, str, str]] = []
        forms: set[str] = set()
        touched: list[int] = []
        for rec in records:
            if rec.document is None:
                failed += 1
                continue
            sha = rec.source.sha256
            if sha in seen or sha in earlier or (sha in existing and not replace):
                skipped += 1
                continue
            seen.add(sha)
            if sha in existing:
                identity = self.identity(existing[sha])
                self.delete_document(existing[sha])
                replaced += 1
            else:
                mark = shelfmark_of(rec.source.path, collection)
                holder = claimed.get(mark) or self.at_address(mark)
                if holder is not None and since is not None and holder[2] >= since and holder[1] != rec.source.path:
                    failed += 1  # two files of one ingest at one address: the first keeps it
                    refused.append(f"{rec.source.path}: {mark} is already {holder[1]} (a document's name is its "
                                   "file's stem, unique in its collection: rename the file or give --collection)")
                    continue
                if holder is not None:
                    superseding.append((holder[0], rec))  # a changed file at its address: a new version
                    claimed[mark] = (holder[0], rec.source.path, since or "")
                    continue
                identity = {"collection": mark.collection, "name": mark.name}
                added += 1
            doc_id = self.insert_document(rec, existing.get(sha), identity)
            touched.append(doc_id)
            if not identity.get("withdrawn_at"):
                fts.append((doc_id, rec.title.text if rec.title else "", rec.document.text))
            forms |= name_forms(rec.document.text)
            forms.update(m.span.text for m in rec.mentions)
        self.db.fts_add(fts)
        self.add_entities([e for rec in records if rec.document is not None for e in rec.entities])
        self.add_keys(forms)
        if added or replaced:
            self.set_meta("links_stale", "1")
            bump_content(self.db)
        if replaced:
            # linking's kept counts hold the replaced parses: the next re-link counts anew
            self.set_meta("documents_replaced", str(int(self.meta("documents_replaced") or 0) + 1))
        return Written(AddReport(added, replaced, skipped, failed, refused=tuple(refused)),
                       tuple(touched) if replaced else (), tuple(superseding))

    def delete_document(self, doc_id: int) -> None:
        """A document's row and its children, and its words from the full-text index (a withdrawn
        document has none there: deleting absent words would corrupt SQLite's external-content index)."""
        if self.db.rows("SELECT id FROM documents WHERE id = ? AND withdrawn_at IS NULL", (doc_id,)):
            self.db.fts_delete([doc_id])
        for table in DOCUMENT_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def insert_document(self, rec: Record, keep_id: int | None, identity: dict[str, Any] | None = None) -> int:
        """A document's row and its children; ``identity`` (:data:`IDENTITY` columns) as kept, else its
        derived address."""
        assert rec.document is not None
        header = header_columns(rec)
        if identity is None:
            mark = shelfmark_of(rec.source.path)
            identity = {"collection": mark.collection, "name": mark.name}
        cols: dict[str, Any] = {
            "sha256": rec.source.sha256, "path": rec.source.path, "format": rec.source.format,
            "encoding": rec.document.encoding, "text": rec.document.text, "ingested_at": timestamp(),
            "error_code": rec.error.code if rec.error else None,
            "error_message": rec.error.message if rec.error else None,
            "language": language(rec.document.text), "genre": genre(rec.title.text if rec.title else None),
            **header,
            "parsed": json.dumps(header, ensure_ascii=False),
            **identity,
        }
        if keep_id is not None:
            cols = {"id": keep_id, **cols}
        names = list(cols)
        doc_id = self.db.insert_id(
            f"INSERT INTO documents ({', '.join(names)}) VALUES ({marks(len(names))})", [cols[n] for n in names])
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
        self._insert_chain(doc_id, rec)
        self.insert_mentions(doc_id, rec.mentions)
        named: Counter[tuple[str, str]] = Counter((m.entity, str(m.kind)) for m in rec.mentions if m.entity)
        self.db.executemany(
            self.db.insert_ignore("document_entities", ("document_id", "entity_id", "kind", "mentions")),
            [(doc_id, e, k, n) for (e, k), n in named.items()])

    def _insert_chain(self, doc_id: int, rec: Record) -> None:
        """The header's agents and the chain of custody's steps (with their agents)."""
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

    def insert_mentions(self, doc_id: int, mentions: Sequence[Mention],
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

    # --- entities and spellings ------------------------------------------------------------------
    def add_entities(self, entities: Sequence[Entity]) -> None:
        """Entities that came with pre-linked records (kept until the next re-link)."""
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
        self.add_keys({k[1] for k in variants})

    def add_keys(self, forms: Iterable[str]) -> None:
        rows = {(k, f) for f in forms for k in name_keys(f)}
        if rows:
            self.db.executemany(self.db.insert_ignore("name_keys", ("key", "form")), sorted(rows))

    def refresh_keys(self) -> None:
        """Re-key every stored spelling when the key functions changed since they were stored."""
        version = keys_version()
        if self.meta("keys_version") == version:
            return
        forms = [str(r[0]) for r in self.db.query("SELECT DISTINCT form FROM name_keys")]
        self.db.execute("DELETE FROM name_keys")
        self.add_keys(forms)
        self.set_meta("keys_version", version)


def header_columns(rec: Record) -> dict[str, Any]:
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


__all__ = ["Writer", "Written", "header_columns"]

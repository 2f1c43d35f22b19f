"""Citations of stored documents: what the archive holds of each (its corrected title and date, its
senders and recipients, its archival reference, its text's language), read for many documents in
a few queries and made into :class:`~kartoteka.export.citation.Citation` values.

A document's page, its citation downloads, a search's bibliography and ``kartoteka cite`` all read
them here, so they cite a document alike. The address (collection and name) is the
archive's own, its URL's root the caller's (a request, ``--base-url``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kartoteka.export.citation import ARCHIVAL_KINDS, Citation, CitedDate, archival, language_of

if TYPE_CHECKING:
    from kartoteka.store.archive import Archive

MAX_CITED = 1000  # documents a search's bibliography cites at most (the first, by rank)

Row = dict[str, Any]


def citation_key(sha256: str) -> str:
    """A document's citation key: stable through corrections and re-ingest (its bytes' sha256)."""
    return f"kartoteka-{sha256[:12]}"


def _redacted(name: str) -> bool:
    """A name the declassification withheld ("[name not declassified]") names nobody."""
    return name.startswith("[") and name.endswith("]")


def _by_document(rows: list[Row]) -> dict[int, list[Row]]:
    out: dict[int, list[Row]] = {}
    for r in rows:
        out.setdefault(int(r["document_id"]), []).append(r)
    return out


def _names(agents: list[Row], role: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a["name"] for a in agents if a["role"] == role and not _redacted(a["name"])))


def _reference(d: Row, refs: list[Row]) -> tuple[str | None, str | None]:
    """The document's archival reference (a fond/opis/delo citation first) as (repository, location)."""
    ranked = sorted((r for r in refs if r["kind"] in ARCHIVAL_KINDS),
                    key=lambda r: (ARCHIVAL_KINDS.index(r["kind"]), int(r["start"])))
    if not ranked:
        return None, None
    ref = ranked[0]
    start = int(ref["start"])
    return archival(ref["text"], ref["kind"], d["text"][max(0, start - 200):start])


def citations(archive: Archive, doc_ids: Sequence[int], *, url: Callable[[str, str], str],
              accessed: str) -> list[Citation]:
    """The citations of these documents, in their order (an id the archive lacks is left out);
    ``url`` gives a document's stable URL from its collection and name, ``accessed`` is an ISO day."""
    if not doc_ids:
        return []
    db = archive.db
    listed = db.listed(doc_ids)
    docs = {int(d["id"]): d for d in db.rows(
        "SELECT id, sha256, path, collection, name, title, date_iso, date_not_after, date_certainty, place, text FROM documents "
        f"WHERE {db.any_of('id')}", (listed,))}
    agents = _by_document(db.rows(
        f"SELECT document_id, role, name FROM agents WHERE {db.any_of('document_id')} "
        "AND role IN ('sender', 'recipient', 'signatory') ORDER BY document_id, start", (listed,)))
    refs = _by_document(db.rows(
        f"SELECT document_id, kind, text, start FROM spans WHERE {db.any_of('document_id')} "
        "AND role = 'reference' ORDER BY document_id, start", (listed,)))
    out: list[Citation] = []
    for doc_id in doc_ids:
        d = docs.get(doc_id)
        if d is None:
            continue
        mine = agents.get(doc_id, [])
        repository, location = _reference(d, refs.get(doc_id, []))
        out.append(Citation(
            key=citation_key(d["sha256"]), title=" ".join((d["title"] or d["name"]).split()),
            url=url(d["collection"], d["name"]), accessed=accessed,
            date=CitedDate.of(d["date_iso"], d["date_not_after"], d["date_certainty"]) if d["date_iso"] else None,
            authors=_names(mine, "sender") or _names(mine, "signatory"), recipients=_names(mine, "recipient"),
            place=d["place"] or None, archive=repository, archive_location=location,
            collection=d["collection"], number=d["name"], language=language_of(d["text"])))
    return out


__all__ = ["MAX_CITED", "citation_key", "citations"]

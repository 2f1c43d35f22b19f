"""What a user types to name a document, resolved to its row: an address (``collection/name``), a
sha256 (or a prefix of 6+ characters; an earlier transcription's too), a path, or a file name."""

from __future__ import annotations

from kartoteka.errors import Location, StoreError
from kartoteka.readers.shelfmark import parse_shelfmark
from kartoteka.store.dialect import Dialect, Row


def _by_address(db: Dialect, ref: str) -> int | None:
    mark = parse_shelfmark(ref)
    if mark is None:
        return None
    rows = db.query("SELECT id FROM documents WHERE collection = ? AND name = ?", (mark.collection, mark.name))
    return int(rows[0][0]) if rows else None


def _by_path(db: Dialect, ref: str) -> list[Row]:
    candidates = db.query("SELECT id, path FROM documents WHERE path = ?", (ref,))
    if not candidates and ref:
        name = ref.replace("\\", "/").rsplit("/", 1)[-1]
        rows = db.query("SELECT id, path FROM documents WHERE path LIKE ?", ("%" + name,))
        candidates = [r for r in rows if str(r[1]).replace("\\", "/").rsplit("/", 1)[-1] in (name, name + ".txt")
                      or str(r[1]).endswith("/" + ref)]
        if not candidates:
            candidates = list(db.query("SELECT id, path FROM documents WHERE path LIKE ?", ("%/" + name + ".%",)))
    return list(candidates)


def resolve(db: Dialect, ref: str) -> int:
    """The id of the one document ``ref`` names; a :class:`StoreError` saying what to type otherwise."""
    ref = ref.strip()
    where = Location(ref or "DOC")
    found = _by_address(db, ref)
    if found is not None:
        return found
    candidates: list[Row] = []
    if len(ref) >= 6 and all(ch in "0123456789abcdef" for ch in ref.lower()):
        candidates = db.query("SELECT id, path FROM documents WHERE sha256 LIKE ?", (ref.lower() + "%",))
        if not candidates:  # an earlier transcription's sha256 names the document too
            candidates = db.query("SELECT DISTINCT d.id, d.path FROM document_versions v JOIN documents d "
                                  "ON d.id = v.document_id WHERE v.sha256 LIKE ?", (ref.lower() + "%",))
    if not candidates:
        candidates = _by_path(db, ref)
    if not candidates:
        raise StoreError("no such document in the archive", location=where,
                         expected="an address (collection/name), a sha256 (or its first 6+ characters), "
                                  "a path or a file name")
    if len(candidates) > 1:
        shown = ", ".join(str(r[1]) for r in candidates[:5])
        raise StoreError(f"{len(candidates)} documents match: {shown}", location=where,
                         expected="the address (collection/name), a longer sha256 prefix or the full path")
    return int(candidates[0][0])


__all__ = ["resolve"]

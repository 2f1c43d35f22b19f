"""Fixity: every stored text checked again against the sha256 of the bytes it was read from.

A document is identified by the sha256 of its source file's bytes, and its text is those bytes
decoded; encoding the text again as it was decoded gives the bytes back, so a changed character
of a stored text shows as a mismatch. Where the source file is still at its path, its bytes are
hashed too: a file changed since its ingest is reported (its archived text is the old one).
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

from kartoteka.store.archive import Archive

# how a text decoded as ENCODING may have been written (a UTF-16 file with or without its mark)
_WRITTEN = {
    "utf-8": (("utf-8", b""),),
    "utf-8-sig": (("utf-8", codecs.BOM_UTF8),),
    "utf-16": (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
               ("utf-16-le", b""), ("utf-16-be", b"")),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One document that did not check out: ``what`` is ``text`` or ``source``."""

    sha256: str
    path: str
    what: str
    message: str


@dataclass(frozen=True, slots=True)
class Fixity:
    documents: int
    sources_checked: int
    sources_missing: int
    findings: tuple[Finding, ...]


def _text_matches(text: str, encoding: str | None, sha256: str) -> bool:
    for codec, mark in _WRITTEN.get(encoding or "utf-8", ((encoding or "utf-8", b""),)):
        try:
            data = mark + text.encode(codec)
        except (UnicodeEncodeError, LookupError):
            continue
        if hashlib.sha256(data).hexdigest() == sha256:
            return True
    return False


def _file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _rows(archive: Archive, size: int = 200) -> Iterator[tuple[str, str, str | None, str]]:
    last = 0
    while True:
        rows = archive.db.rows("SELECT id, sha256, path, encoding, text FROM documents WHERE id > ? "
                               "AND error_code IS NULL ORDER BY id LIMIT ?", (last, size))
        if not rows:
            return
        for r in rows:
            yield str(r["sha256"]), str(r["path"]), r["encoding"], str(r["text"])
        last = int(rows[-1]["id"])


def verify(archive: Archive, *, sources: bool = True) -> Fixity:
    """Re-hash every stored text (and each source file still at its path)."""
    findings: list[Finding] = []
    n = checked = missing = 0
    for sha, path, encoding, text in _rows(archive):
        n += 1
        if not _text_matches(text, encoding, sha):
            findings.append(Finding(sha, path, "text", f"stored text does not hash to {sha[:12]} "
                                                       f"(decoded as {encoding or 'utf-8'})"))
        if not sources:
            continue
        if not os.path.isfile(path):
            missing += 1
            continue
        checked += 1
        got = _file_sha256(path)
        if got != sha:
            findings.append(Finding(sha, path, "source", "source file changed since its ingest" if got
                                    else "source file cannot be read"))
    return Fixity(n, checked, missing, tuple(findings))


__all__ = ["Finding", "Fixity", "verify"]

"""Where a document lives: its address in the reading room, the collection it came in and its name there.

The one place every shell (the reading room's pages and downloads, ``kartoteka cite``) takes a
document's stable address and collection from, so a citation made anywhere points to the same page.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote


def _parts(path: str) -> PurePosixPath:
    return PurePosixPath(path.replace("\\", "/"))


def collection_of(path: str) -> str | None:
    """The collection a document came in: the folder its file was ingested from (None for a file given alone)."""
    parent = _parts(path).parent.name
    return parent if parent not in ("", ".", "..") else None


def document_name(path: str) -> str:
    """The document's name in its collection: its file name without the suffix ("d12")."""
    return _parts(path).stem or _parts(path).name


def document_path(sha256: str, path: str) -> str:
    """The reading room's path of a document's page (stable: from the document's bytes)."""
    return f"/documents/{quote(sha256, safe='')}"


def document_url(base: str, sha256: str, path: str) -> str:
    """The document's page under ``base`` (the reading room's root URL)."""
    return base.rstrip("/") + document_path(sha256, path)


__all__ = ["collection_of", "document_name", "document_path", "document_url"]

"""Where a document lives in the reading room: the page of its readable address.

The one place every shell (the reading room's pages and downloads, ``kartoteka cite``) takes a
document's stable URL from, so a citation made anywhere points to the same page. The address
itself (collection and name, kept by the archive through re-ingest and new transcriptions) is
:mod:`kartoteka.readers.shelfmark`'s.
"""

from __future__ import annotations

from urllib.parse import quote


def document_path(collection: str, name: str) -> str:
    """The reading room's path of a document's page: ``/documents/<collection>/<name>``."""
    return f"/documents/{quote(collection, safe='')}/{quote(name, safe='')}"


def document_url(base: str, collection: str, name: str) -> str:
    """The document's page under ``base`` (the reading room's root URL)."""
    return base.rstrip("/") + document_path(collection, name)


__all__ = ["document_path", "document_url"]

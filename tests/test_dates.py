"""Dates: every written form normalised to an ISO value with precision, bounds and certainty."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kartoteka.dates import find_dates, parse_date
from kartoteka.model import Certainty, Precision

D, M, Y, DEC = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE
HI, LO = Certainty.HIGH, Certainty.LOW

# text, span text, iso, precision, not_before, not_after, certainty
ROWS = [
    ("December 9, 1946", "December 9, 1946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("9 December 1946", "9 December 1946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("Dec. 9, 1946", "Dec. 9, 1946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("the 9th of December, 1946", "the 9th of December, 1946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("DECEMBER 9, 1946", "DECEMBER 9, 1946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("Sept. 30, 1953", "Sept. 30, 1953", "1953-09-30", D, "1953-09-30", "1953-09-30", HI),
    ("Tehran, June 29, 1954, 2025Z.", "June 29, 1954, 2025Z", "1954-06-29", D, "1954-06-29", "1954-06-29", HI),
    ("Tehran, December 9, 1946—4 p.m.", "December 9, 1946—4 p.m.", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("Washington, April 28, 1954, 10:15 a.m.", "April 28, 1954, 10:15 a.m.", "1954-04-28", D, "1954-04-28",
     "1954-04-28", HI),
    ("Sent 23:40 14.XI.1945", "14.XI.1945", "1945-11-14", D, "1945-11-14", "1945-11-14", HI),
    ("Tabriz, 3.IX.47", "3.IX.47", "1947-09-03", D, "1947-09-03", "1947-09-03", HI),
    ("dated 25/VIII/1941", "25/VIII/1941", "1941-08-25", D, "1941-08-25", "1941-08-25", HI),
    ("on 12 July 1946 he left", "12 July 1946", "1946-07-12", D, "1946-07-12", "1946-07-12", HI),
    ("as of 1 Sept. '52.", "1 Sept. '52", "1952-09-01", D, "1952-09-01", "1952-09-01", HI),
    ("reported 14.11.1945 by", "14.11.1945", "1945-11-14", D, "1945-11-14", "1945-11-14", HI),
    ("Recd 7/5/54.", "7/5/54", "1954-07-05", D, "1954-07-05", "1954-07-05", HI),
    ("filed 1946-12-09 at", "1946-12-09", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("June 1–5, 1954", "June 1–5, 1954", "1954-06-01", D, "1954-06-01", "1954-06-05", HI),
    ("January 29-30, 1954", "January 29-30, 1954", "1954-01-29", D, "1954-01-29", "1954-01-30", HI),
    ("June 29–July 2, 1954", "June 29–July 2, 1954", "1954-06-29", D, "1954-06-29", "1954-07-02", HI),
    ("held on 10-15 January 1947 only", "10-15 January 1947", "1947-01-10", D, "1947-01-10", "1947-01-15", HI),
    ("20-21 August 1953", "20-21 August 1953", "1953-08-20", D, "1953-08-20", "1953-08-21", HI),
    ("between 10 and 15 March 1946", "between 10 and 15 March 1946", "1946-03-10", D, "1946-03-10",
     "1946-03-15", HI),
    ("from 6 March-9 June 1954.", "6 March-9 June 1954", "1954-03-06", D, "1954-03-06", "1954-06-09", HI),
    ("in December 1946 the", "December 1946", "1946-12", M, "1946-12-01", "1946-12-31", HI),
    ("in January, 1952, reported", "January, 1952", "1952-01", M, "1952-01-01", "1952-01-31", HI),
    ("February 1948", "February 1948", "1948-02", M, "1948-02-01", "1948-02-29", HI),
    ("the period January-May 1954", "January-May 1954", "1954-01", M, "1954-01-01", "1954-05-31", HI),
    ("May 1946-March 1947 Director", "May 1946-March 1947", "1946-05", M, "1946-05-01", "1947-03-31", HI),
    ("early December 1946", "early December 1946", "1946-12", M, "1946-12-01", "1946-12-10", LO),
    ("mid-June 1954", "mid-June 1954", "1954-06", M, "1954-06-11", "1954-06-20", LO),
    ("late September 1953", "late September 1953", "1953-09", M, "1953-09-21", "1953-09-30", LO),
    ("the end of May 1953", "the end of May 1953", "1953-05", M, "1953-05-21", "1953-05-31", LO),
    ("in late 1952 to", "late 1952", "1952", Y, "1952-09-01", "1952-12-31", LO),
    ("until early 1949.", "early 1949", "1949", Y, "1949-01-01", "1949-04-30", LO),
    ("since mid-1951 until", "mid-1951", "1951", Y, "1951-05-01", "1951-08-31", LO),
    ("the beginning of 1953 the", "the beginning of 1953", "1953", Y, "1953-01-01", "1953-03-31", LO),
    ("in spring 1946.", "spring 1946", "1946", Y, "1946-03-01", "1946-05-31", LO),
    ("in the winter of 1946 the", "winter of 1946", "1946", Y, "1946-12-01", "1947-02-28", LO),
    ("the late 1940s", "the late 1940s", "1940", DEC, "1947-01-01", "1949-12-31", LO),
    ("in the 1950s", "the 1950s", "1950", DEC, "1950-01-01", "1959-12-31", HI),
    ("In the '40s we", "the '40s", "1940", DEC, "1940-01-01", "1949-12-31", HI),
    ("Early December 1946 was cold", "Early December 1946", "1946-12", M, "1946-12-01", "1946-12-10", LO),
    ("1954\nnext line", "1954", "1954", Y, "1954-01-01", "1954-12-31", HI),
    ("in 1946 the", "1946", "1946", Y, "1946-01-01", "1946-12-31", HI),
    ("Arevalo (1945-1951) and", "1945-1951", "1945", Y, "1945-01-01", "1951-12-31", HI),
    ("Administration (1945-51).", "1945-51", "1945", Y, "1945-01-01", "1951-12-31", HI),
    ("Source: Department of State, Central Files, 611.88/1–1659. Secret.", "1–1659", "1959-01-16", D,
     "1959-01-16", "1959-01-16", HI),
    ("891.00/12–946: Telegram", "12–946", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("501.BB Palestine/5–1448: Telegram", "5–1448", "1948-05-14", D, "1948-05-14", "1948-05-14", HI),
    ("867N.01/5–1448: Telegram", "5–1448", "1948-05-14", D, "1948-05-14", "1948-05-14", HI),
    ("dated 14 XI 1945 sent", "14 XI 1945", "1945-11-14", D, "1945-11-14", "1945-11-14", HI),
    ("Sent 14-XI-45 at 23:40", "14-XI-45", "1945-11-14", D, "1945-11-14", "1945-11-14", HI),
    ("Received 9/XII-46 at 10:15", "9/XII-46", "1946-12-09", D, "1946-12-09", "1946-12-09", HI),
    ("Sent 23.40 14.11.45", "14.11.45", "1945-11-14", D, "1945-11-14", "1945-11-14", HI),
    ("Washington, February 27, 1969, 2:40–3:45 p.m.", "February 27, 1969, 2:40–3:45 p.m.", "1969-02-27", D,
     "1969-02-27", "1969-02-27", HI),
    ("Received 15.xii.1945", "15.xii.1945", "1945-12-15", D, "1945-12-15", "1945-12-15", HI),
    ("Москва, 15 ноября 1945 г.", "15 ноября 1945", "1945-11-15", D, "1945-11-15", "1945-11-15", HI),
    ("on or about 17 February 1954 by", "17 February 1954", "1954-02-17", D, "1954-02-14", "1954-02-20", LO),
    ("Washington, June 10, 1954?", "June 10, 1954", "1954-06-10", D, "1954-06-07", "1954-06-13", LO),
    ("about December 1946", "December 1946", "1946-12", M, "1946-12-01", "1946-12-31", LO),
    ("built around 1946 and", "1946", "1946", Y, "1946-01-01", "1946-12-31", LO),
    ("Central Files, 788.00(W)/6–1152. Secret.", "6–1152", "1952-06-11", D, "1952-06-11", "1952-06-11", HI),
]


@pytest.mark.parametrize(("text", "span", "iso", "precision", "nb", "na", "certainty"), ROWS)
def test_one_expression(text: str, span: str, iso: str, precision: Precision, nb: str, na: str,
                        certainty: Certainty) -> None:
    found = find_dates(text)
    assert len(found) == 1, [d.span.text for d in found]
    d = found[0]
    assert (d.span.text, d.iso, d.precision, d.not_before, d.not_after, d.certainty) == (
        span, iso, precision, nb, na, certainty)
    assert text[d.span.start:d.span.end] == d.span.text


NOT_DATES = [
    "No 3691-3692/538",
    "POL 15–1 IRAN",
    "GAPPOD AzR, f. 1, op. 89, d. 104, ll. 12-14.",
    "Job 79-01025A, Box 134, Folder 1",
    "Sent 23:40 and received 02:15",
    "a budget of $1,950,000 and 1950 rifles",
    "Telegram 1730 from the station",
    "No. 63/ss",
    "Lot 62 D 430",
    "15th Majlis",
    "paragraphs 3-5 of the report",
    "he may come",
    "the march on the capital",
    "Copy No. 2",
    "see section 3.1.12 of the treaty",
    "paragraph 1.2.45",
    "August\n\n1. Tom Mann called",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_false_positive(text: str) -> None:
    assert [d.span.text for d in find_dates(text)] == []


@pytest.mark.parametrize(("text", "iso"), [
    ("In 1946 the party split.\n7 December 46   Kuliyev", "1946-12-07"),
    ("Report of 1 February 1854.\n3 March 55", "1855-03-03"),
    ("Sent 8 May 46", "1946-05-08"),  # no four-digit year anywhere: the twentieth century, never 2046
    ("Decision of 2 June 2003; review on 5 July 04", "2004-07-05"),
])
def test_two_digit_year_from_context(text: str, iso: str) -> None:
    assert find_dates(text)[-1].iso == iso


@pytest.mark.parametrize(("text", "context", "iso"), [
    ("Tehran, June 17, 1954. FYI will not drop bomb 18 June.", None, "1954-06-18"),
    ("Meeting on 18 June.", 1951, "1951-06-18"),
    ("[Received December 10—9:30 a.m.]", 1946, "1946-12-10"),
    ("until mid-May.", 1953, "1953-05"),
    ("held November 27-December 1;", 1953, "1953-11-27"),
    ("Jidda, December 31, 1956—6 p.m.\nReceived January 1, 3:15 a.m.", None, "1957-01-01"),
    ("Washington, January 5, 1948.\n\nYour telegram of December 28 says", None, "1947-12-28"),
    ("Tehran, July 19, 1952.\n\nThe Shah spoke of January 3.", 1990, "1952-01-03"),
])
def test_missing_year_from_context(text: str, context: int | None, iso: str) -> None:
    d = find_dates(text, context_year=context)[-1]
    assert d.iso == iso
    assert d.certainty is Certainty.LOW


def test_missing_year_from_a_later_full_date() -> None:
    # a date line at the foot: the yearless day above it takes its year (and two-digit century)
    found = find_dates("On 9 June the Ambassador called.\n\n12.VI.67")
    assert [(d.span.text, d.iso, d.certainty) for d in found] == [("9 June", "1967-06-09", LO), ("12.VI.67", "1967-06-12", HI)]


def test_missing_year_without_context_is_skipped() -> None:
    assert find_dates("We met on 18 June.") == ()


def test_positions_are_in_order_and_do_not_overlap() -> None:
    text = "Sent 23:40 14.XI.1945\nReceived 02:15 15.XI.1945\n12 July 1946\nOn 28 June a clash; report of 28 June 1946."
    found = find_dates(text)
    assert [d.iso for d in found] == ["1945-11-14", "1945-11-15", "1946-07-12", "1946-06-28", "1946-06-28"]
    assert [d.certainty for d in found] == [HI, HI, HI, LO, HI]
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(found))


def test_parse_date_single_expression() -> None:
    d = parse_date("3.IX.47")
    assert d is not None and d.iso == "1947-09-03"
    assert parse_date("Kuliyev") is None


def test_invalid_calendar_day_is_not_a_date() -> None:
    assert [d.precision for d in find_dates("February 30, 1954")] == [Y]  # the year alone stands
    assert find_dates("February 29, 1952")[0].iso == "1952-02-29"


def test_seed_dates(seed_text: str) -> None:
    found = {d.span.text: d.iso for d in find_dates(seed_text)}
    assert found["December 9, 1946"] == "1946-12-09"
    assert found["7 December 46"] == "1946-12-07"
    assert found["9 December 1946"] == "1946-12-09"


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _corpus() -> list[Path]:
    files = sorted((SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt"))
    return files + sorted((SHARED / "corpus" / "frus-dev").glob("*/text/*.txt"))[::5]


def test_every_span_is_the_slice_of_its_source() -> None:
    files = _corpus()
    if not files:
        pytest.skip("no shared corpus")
    for f in files:
        text = f.read_bytes().decode("utf-8")
        for d in find_dates(text):
            assert text[d.span.start:d.span.end] == d.span.text
            assert d.not_before <= d.not_after
            assert d.iso[:4] <= d.not_after[:4]

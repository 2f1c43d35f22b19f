"""Filters: typed dates become inclusive day bounds; bad dates and levels are clear errors."""

from __future__ import annotations

import pytest

from kartoteka.errors import QueryError
from kartoteka.search.filters import classification_level, day_bounds, make_filters


@pytest.mark.parametrize(("text", "bounds"), [
    ("1953", ("1953-01-01", "1953-12-31")),
    ("1952-02", ("1952-02-01", "1952-02-29")),
    ("1953-6", ("1953-06-01", "1953-06-30")),
    ("1953-06-18", ("1953-06-18", "1953-06-18")),
    ("18.6.1953", ("1953-06-18", "1953-06-18")),
    (" 1946-12-09 ", ("1946-12-09", "1946-12-09")),
])
def test_day_bounds(text: str, bounds: tuple[str, str]) -> None:
    assert day_bounds(text) == bounds


@pytest.mark.parametrize("text", ["June 1953", "1953-13", "1953-02-30", "53", "", "1953-06-18T10:00", "yesterday"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(QueryError, match="--to"):
        day_bounds(text, "--to")


@pytest.mark.parametrize(("text", "level"), [
    ("secret", "secret"), ("TOP SECRET", "top secret"), ("top-secret", "top secret"), ("ts", "top secret"),
    ("Strictly Secret", "top secret"), ("limited_official_use", "limited official use"),
])
def test_levels(text: str, level: str) -> None:
    assert classification_level(text) == level


def test_bad_level_and_reversed_range() -> None:
    with pytest.raises(QueryError, match="classification"):
        classification_level("very secret")
    with pytest.raises(QueryError, match="after"):
        make_filters("1954", "1953")
    f = make_filters("1953-06", "1953", classifications=("secret",), persons=("Qavam",))
    assert (f.date_from, f.date_to, f.classifications, f.persons) == ("1953-06-01", "1953-12-31", ("secret",),
                                                                      ("Qavam",))

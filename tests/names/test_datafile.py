"""The one reader of the name knowledge's data files, and the titles and ranks read through it."""

from __future__ import annotations

import pytest

from kartoteka.errors import ConfigError
from kartoteka.names.datafile import entries
from kartoteka.names.titles import titles

COLUMNS = ("title", "uses", "reason")


@pytest.mark.parametrize(("text", "expected"), [
    ("title,uses,reason\nCol,before-name abbreviation,a military rank written before a name\n",
     [{"title": "Col", "uses": "before-name abbreviation", "reason": "a military rank written before a name"}]),
    ('title,uses,reason\n"Consul General",before-name role,"a post, written before its holder\'s name"\n',
     [{"title": "Consul General", "uses": "before-name role", "reason": "a post, written before its holder's name"}]),
    ("title,uses,reason\n", []),
])
def test_entries_by_column_name(text: str, expected: list[dict[str, str]]) -> None:
    assert entries(text, "titles.csv", COLUMNS) == expected


@pytest.mark.parametrize(("text", "line", "what"), [
    ("title,reason\nCol,a rank\n", 1, "header is"),  # a column missing
    ("title,uses,reason,extra\nCol,rank,a rank,x\n", 1, "header is"),  # a column too many
    ("title,uses,reason\nCol,rank,a rank\nGen,rank,\n", 3, "entry has no reason"),
    ("title,uses,reason\nCol,rank,a rank\nGen,rank,   \n", 3, "entry has no reason"),
    ("title,uses,reason\nGen,rank\n", 2, "entry has no reason"),  # the reason left out
])
def test_a_file_without_its_reasons_never_loads(text: str, line: int, what: str) -> None:
    with pytest.raises(ConfigError) as caught:
        entries(text, "titles.csv", COLUMNS)
    assert caught.value.location is not None and caught.value.location.line == line
    assert caught.value.location.path == "titles.csv" and what in str(caught.value)


@pytest.mark.parametrize(("use", "title", "has"), [
    ("rank", "генерал-майор", True),  # a Soviet rank in Russian
    ("rank", "маршал Советского Союза", True),
    ("rank", "Divisional Commissar", True),  # a commissar rank in translation
    ("rank", "General of the Army", True),  # a rank written before a name too
    ("before-name", "General of the Army", True),
    ("before-name", "генерал-майор", False),  # the entity rules read no Russian ranks
    ("before-name", "Divisional Commissar", False),
    ("rank", "Ambassador", False),  # an office, not a rank
    ("after-name", "Khan", True),
    ("ruler-alone", "Shah", True),
    ("ruler", "Crown Prince", True),  # opens an office phrase: "the Crown Prince of Iran"
    ("ruler", "Shahanshah", False),
    ("bracketed-holder", "Consul General", True),  # "the Consul General in Tabriz (Wiley)"
    ("office-of", "Inspector", True),  # "Inspector General of the Army Smith"
    ("before-name", "Inspector", False),
])
def test_titles_by_use(use: str, title: str, has: bool) -> None:
    assert (title in titles(use)) is has

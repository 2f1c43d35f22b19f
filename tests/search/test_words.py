"""The index's words as this program cuts them equal the words SQLite's FTS5 cuts, text for text:
on every real document of the shared corpora and on a table of hard cases."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kartoteka.search.words import index_words, word_spans

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPORA = sorted((SHARED / "corpus" / "frus-dev").glob("*/text/*.txt")) + sorted(
    (SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt"))


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(":memory:")
    c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')")
    c.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    yield c
    c.close()


def _engine(c: sqlite3.Connection, text: str) -> list[str]:
    c.execute("DELETE FROM t")
    c.execute("INSERT INTO t (rowid, x) VALUES (1, ?)", (text,))
    return [str(r[0]) for r in c.execute("SELECT term FROM v ORDER BY offset")]


@pytest.mark.parametrize(("text", "words"), [
    ("Árbenz's C-47 (B-24)", ["arbenz", "s", "c", "47", "b", "24"]),
    ("Dzhmal Imami — Джавид, Ёлка", ["dzhmal", "imami", "джавид", "ёлка"]),
    ("unit-to-Calligeris-to-unit-info", ["unit", "to", "calligeris", "to", "unit", "info"]),
    ("declassified]/Calligeris’ ODYOKE–Calligeris", ["declassified", "calligeris", "odyoke", "calligeris"]),
    ("straße œuvre ﬁne İ ½ ²", ["straße", "œuvre", "ﬁne", "i", "½", "²"]),
    ("e\u0301te\u0301 naïve", ["ete", "naive"]),
    ("A.B. 1.5 user@host.org", ["a", "b", "1", "5", "user", "host", "org"]),
    ("snake_case x_1 __init__", ["snake", "case", "x", "1", "init"]),
    ("", []),
])
def test_hard_cases(fts5: sqlite3.Connection, text: str, words: list[str]) -> None:
    assert index_words(text) == words == _engine(fts5, text)


def test_every_document_of_the_corpora(fts5: sqlite3.Connection) -> None:
    if len(CORPORA) < 100:
        pytest.skip("the shared corpora are not in ../shared")
    for path in CORPORA:
        text = path.read_text(encoding="utf-8")
        assert index_words(text) == _engine(fts5, text), path.name


def test_spans_point_into_the_text() -> None:
    text = "Telegram from Tabriz: Pishevari's appeal — Дж. Кулиев, ref_no 90¼lat, e\u0301te\u0301."
    spans = word_spans(text)
    assert [w for _, _, w in spans] == index_words(text)
    for start, end, word in spans:
        assert index_words(text[start:end]) == [word]

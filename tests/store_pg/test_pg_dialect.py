"""The PostgreSQL dialect's own pieces, against a real server: placeholders, tsquery, errors."""

from __future__ import annotations

import pytest

from kartoteka.errors import QueryError, StoreError
from kartoteka.search.query import parse_query
from kartoteka.store.postgres import PostgresDialect, compile_tsquery, is_url, placeholders, redact


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? FROM t WHERE a = ?", "SELECT %s FROM t WHERE a = %s"),
        ("SELECT '?' , ? ", "SELECT '?' , %s "),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', %s"),
        ("SELECT a FROM t WHERE b LIKE '10%' AND c = ?", "SELECT a FROM t WHERE b LIKE '10%%' AND c = %s"),
        ('SELECT "end" FROM t WHERE x % 2 = ?', 'SELECT "end" FROM t WHERE x %% 2 = %s'),
        ("SELECT 1 -- why?\n, ?", "SELECT 1 -- why?\n, %s"),
    ],
)
def test_placeholders(sql: str, expected: str) -> None:
    assert placeholders(sql) == expected


@pytest.mark.parametrize(
    ("query", "tsquery"),
    [
        ("Tabriz", "'Tabriz'"),
        ("tab*", "'tab':*"),
        ('"Prime Minister"', "('Prime' <-> 'Minister')"),
        ("Qavam OR Ghavam", "('Qavam' | 'Ghavam')"),
        ("Tabriz -Zanjan", "('Tabriz' & !'Zanjan')"),
        ("Yemel'yanov", "('Yemel' <-> 'yanov')"),
        ("a AND (b OR c)", "('a' & ('b' | 'c'))"),
        ("O'Brien' & | ! <-> :*", "('O' <-> 'Brien')"),
    ],
)
def test_tsquery_quotes_every_word(query: str, tsquery: str) -> None:
    assert compile_tsquery(parse_query(query)) == tsquery


def test_urls_are_recognised_and_passwords_hidden() -> None:
    assert is_url("postgresql://u@h/db") and is_url("postgres://h/db") and not is_url("archive.db")
    assert redact("postgresql://kt:s3cret@db.example:5433/arch") == "postgresql://kt:***@db.example:5433/arch"
    assert redact("postgresql://kt@h/db") == "postgresql://kt@h/db"


def test_hostile_words_are_never_tsquery_syntax(pg_url: str) -> None:
    d = PostgresDialect(pg_url, create=True)
    try:
        for query in ["a & b", "x:* | !y", "it's", "\\'; DROP TABLE t; --", "((((", "<-> <2>"]:
            try:
                node = parse_query(query)
            except QueryError:  # nothing searchable: the query parser's own clear error
                continue
            expr = compile_tsquery(node)
            assert d.query("SELECT to_tsquery('simple', ?) IS NOT NULL", (expr,)) == [(True,)]
    finally:
        d.close()


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError) as err:
        PostgresDialect("postgresql://nobody:pw@127.0.0.1:1/none", create=True)
    assert "***" in str(err.value) and "pw" not in str(err.value)
    assert err.value.expected


def test_missing_archive_without_create(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no archive"):
        PostgresDialect(pg_url, create=False)

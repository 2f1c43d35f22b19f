"""The server backend: a PostgreSQL database, full-text search by tsvector/GIN, names by pg_trgm.

PostgreSQL specifics live here only: the connection (psycopg 3, autocommit outside explicit
transactions, one writer at a time by an advisory lock), the archive's SQL in PostgreSQL's
words (``?`` placeholders, LIKE as SQLite's case-blind LIKE, identity keys, code-point
collation), batched writes (rows held to the next statement, plain inserts by COPY), tsvector
and tsquery literals, ts_rank_cd ranking, snippets, relation sizes, a list bound as one array
(``= ANY``), and server errors as :class:`StoreError` (with the
password hidden).

A document's tsvector and a query's tsquery are written (:mod:`kartoteka.store.tsquery`) as literals of the words
:mod:`kartoteka.search.words` cuts, as SQLite's ``unicode61 remove_diacritics 2`` tokenizer cuts
them (case and Latin diacritics folded, no stemming, no stop words): PostgreSQL's own parser,
which keeps "x—y" or "90¼lat" whole and reads paths and host names as one token, never sees
them, so a query matches the same documents in both stores.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors

from kartoteka.errors import Location, StoreError
from kartoteka.search.query import Node
from kartoteka.store.dialect import Dialect, Params, Row
from kartoteka.store.tsquery import compile_tsquery, lexemes, snippet, tsvector_text

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT = "10s"

_cursor_names = itertools.count(1)


def is_url(target: str) -> bool:
    """Whether an ``--archive`` value names a PostgreSQL database rather than a file."""
    return target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL with any password replaced, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host += f":{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@functools.lru_cache(maxsize=1024)
def translate(sql: str, params: bool = True) -> str:
    """SQL written for the archive in PostgreSQL's words, outside quotes and comments.

    ``?`` becomes ``%s`` and a literal ``%`` is doubled (only when parameters are passed: then
    psycopg reads ``%``); ``LIKE`` becomes ``ILIKE``, because SQLite's LIKE ignores ASCII case
    and the same query must find the same rows in both stores.
    """
    out: list[str] = []
    i, n = 0, len(sql)
    pct = "%%" if params else "%"
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            j = i + 1
            while j < n:
                if sql[j] == ch:
                    if j + 1 < n and sql[j + 1] == ch:  # a doubled quote stays inside
                        j += 2
                        continue
                    break
                j += 1
            out.append(sql[i:j + 1].replace("%", pct))
            i = j + 1
            continue
        if sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(sql[i:j].replace("%", pct))
            i = j
            continue
        if ch in "lL" and sql[i:i + 4].upper() == "LIKE" and (i == 0 or not _wordch(sql[i - 1])) \
                and (i + 4 >= n or not _wordch(sql[i + 4])):
            out.append("ILIKE")
            i += 4
            continue
        out.append("%s" if ch == "?" and params else pct if ch == "%" else ch)
        i += 1
    return "".join(out)


def placeholders(sql: str) -> str:
    return translate(sql, True)


def _wordch(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_REAL = re.compile(r"\bREAL\b")
_PLAIN_INSERT = re.compile(r"INSERT\s+INTO\s+([A-Za-z_]\w*)\s*\(([^()]*)\)\s*VALUES\s*\(\s*\?(?:\s*,\s*\?)*\s*\)",
                           re.IGNORECASE)
_INSERT_INTO = re.compile(r"\s*INSERT\s+INTO\s+([A-Za-z_][A-Za-z_0-9]*)", re.IGNORECASE)
_TEXT = re.compile(r"\bTEXT\b")
# One writer at a time, as SQLite's BEGIN IMMEDIATE: the archive's check-then-insert steps
# (is this sha256 stored? which migrations are applied?) stay race-free under concurrent
# writers, while readers never wait (MVCC). The key is an arbitrary constant of this program.
WRITER_LOCK = 0x6B617274

_SETUP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE IF NOT EXISTS documents_fts (
        document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        tsv tsvector NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS documents_fts_tsv ON documents_fts USING gin (tsv)",
    # Trigram indexes serve substring and similarity look-ups of names (entity pages, the
    # variant expansion of a name query) without a scan of every spelling.
    "CREATE INDEX IF NOT EXISTS entities_name_trgm ON entities USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS name_variants_variant_trgm ON name_variants USING gin (variant gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS name_keys_form_trgm ON name_keys USING gin (form gin_trgm_ops)",
)


def _close(owner: object) -> None:
    """Close an owner's connection quietly, also from ``__del__`` of a half-built object."""
    conn = getattr(owner, "conn", None)
    if conn is not None:
        with suppress(Exception):
            conn.close()


class PostgresDialect(Dialect):
    name = "postgresql"

    def __init__(self, url: str, *, create: bool) -> None:
        self.url = url
        self.where = Location(redact(url))
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                        application_name="kartoteka")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the archive server: {_first_line(exc)}", location=self.where,
                             expected="a reachable PostgreSQL server and an existing database") from None
        self._depth = 0
        self._pending: dict[str, list[tuple[Any, ...]]] = {}
        self.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
        # the database opened (its oid): one dropped and made anew under the same name is another archive
        oid = self.query("SELECT oid FROM pg_database WHERE datname = current_database()")
        self.identity = f"{redact(url)}#{oid[0][0] if oid else ''}"
        if not create and not self.table_exists("schema_version"):
            self.close()
            raise StoreError("no archive in this database", location=self.where,
                             expected="an archive made by `kartoteka ingest … --archive postgresql://…`")

    def _error(self, exc: psycopg.Error) -> StoreError:
        msg = _first_line(exc)
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.DeadlockDetected |
                      pg_errors.SerializationFailure | pg_errors.QueryCanceled):
            return StoreError(f"the archive is busy ({msg})", location=self.where,
                              expected="the other writer to finish; try again")
        if isinstance(exc, pg_errors.InsufficientPrivilege):
            return StoreError(f"not allowed: {msg}", location=self.where,
                              expected="a role that may create tables and extensions in this database")
        if isinstance(exc, psycopg.OperationalError):
            return StoreError(f"lost the archive server: {msg}", location=self.where,
                              expected="a reachable PostgreSQL server")
        return StoreError(f"database error: {msg}", location=self.where)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # nested blocks join the outer transaction, as under SQLite
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
                yield
                self._flush()
        except psycopg.Error as exc:
            raise self._error(exc) from None
        finally:
            self._depth = 0
            self._pending.clear()

    def _flush(self) -> None:
        """Send the rows held back by executemany: one pipelined statement per SQL text."""
        while self._pending:
            sql, rows = next(iter(self._pending.items()))
            del self._pending[sql]
            plain = _PLAIN_INSERT.fullmatch(sql.strip())
            try:
                with self.conn.cursor() as cur:
                    if plain:  # plain rows: COPY, the server's fastest way in
                        with cur.copy(f"COPY {plain.group(1)} ({plain.group(2)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                    else:
                        cur.executemany(translate(sql), rows)
            except psycopg.Error as exc:
                self._pending.clear()
                raise self._error(exc) from None

    def _run(self, sql: str, params: Params) -> psycopg.Cursor[Any]:
        self._flush()
        try:
            if params:
                return self.conn.execute(translate(sql), tuple(params))
            return self.conn.execute(translate(sql, False))
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def execute(self, sql: str, params: Params = ()) -> None:
        self._run(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        # Inside a transaction, rows wait until the next other statement (or the commit): a
        # batch of documents then costs one round of each INSERT, not one per document. The
        # order of statements that read or depend on them is kept, as every other call flushes.
        self._pending.setdefault(sql, []).extend(tuple(r) for r in rows)
        if not self._depth:
            self._flush()

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        return self._run(sql, params).fetchall()

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        cur = self._run(sql, params)
        names = [c.name for c in cur.description or ()]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def any_of(self, column: str) -> str:
        return f"{column} = ANY(?)"

    def listed(self, values: Iterable[Any]) -> Any:
        return list(values)

    def iterate(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[Row]:
        # A server-side cursor: rows arrive ``size`` at a time, never the whole result at once.
        # Outside a transaction it must be WITH HOLD to outlive the statement's own commit.
        name = f"kartoteka_iter_{next(_cursor_names)}"
        self._flush()
        try:
            with self.conn.cursor(name, withhold=not self._depth) as cur:
                cur.itersize = size
                cur.execute(translate(sql, bool(params)), tuple(params) if params else None)
                yield from cur
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def insert_id(self, sql: str, params: Params) -> int:
        # A new row depends on nothing held back in other tables (documents, corrections have
        # no keys into them), so only rows waiting for its own table go first.
        table = _insert_table(sql)
        if table is None or any(_insert_table(k) == table for k in self._pending):
            self._flush()
        try:
            row = self.conn.execute(translate(sql.rstrip().rstrip(";") + " RETURNING id"), tuple(params)).fetchone()
        except psycopg.Error as exc:
            raise self._error(exc) from None
        assert row is not None
        return int(row[0])

    def close(self) -> None:
        _close(self)

    def __del__(self) -> None:
        # An archive a long-lived app opened and never closed: close it quietly at the end.
        _close(self)

    def ddl(self, statement: str) -> str:
        # Kept as SQLite keeps them, so both stores answer alike: JSON as its text (searched with
        # LIKE), text compared and sorted by code point (SQLite's BINARY), REAL as an 8-byte
        # double (PostgreSQL's REAL is 4 bytes and would change scores).
        statement = statement.replace("{id}", "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        statement = _TEXT.sub('TEXT COLLATE "C"', statement.replace("{json}", "TEXT"))
        return _REAL.sub("DOUBLE PRECISION", statement)

    def table_exists(self, table: str) -> bool:
        row = self._run("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()
        return bool(row and row[0])

    def fts_create(self) -> Sequence[str]:
        return _SETUP

    def fts_add(self, rows: Sequence[tuple[int, str, str]]) -> None:
        self.executemany(
            "INSERT INTO documents_fts (document_id, tsv) VALUES (?, CAST(? AS tsvector)) "
            "ON CONFLICT (document_id) DO UPDATE SET tsv = excluded.tsv",
            [(i, tsvector_text(t)) for i, _, t in rows])

    def fts_reindex(self) -> None:
        last = 0
        while rows := self.query("SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 1000", (last,)):
            self.executemany("UPDATE documents_fts SET tsv = CAST(? AS tsvector) WHERE document_id = ?",
                             [(tsvector_text(str(t)), int(i)) for i, t in rows])
            last = int(rows[-1][0])

    def fts_delete(self, ids: Sequence[int]) -> None:
        if ids:
            self.execute("DELETE FROM documents_fts WHERE document_id = ANY(?)", (list(ids),))

    def fts_compile(self, node: Node) -> str:
        return compile_tsquery(node)

    def fts_matches(self, expression: str) -> tuple[str, Params]:
        # Normalisation 1 divides by 1 + log(length): long documents do not win by size alone.
        return ("SELECT f.document_id AS document_id, ts_rank_cd(f.tsv, q.q, 1) AS score "
                "FROM documents_fts f, CAST(? AS tsquery) AS q (q) WHERE f.tsv @@ q.q", (expression,))

    def fts_snippets(self, expression: str, ids: Sequence[int], open_: str, close: str,
                     words: int) -> dict[int, str]:
        if not ids:
            return {}
        # Cut here from the stored text rather than by ts_headline, which parses each whole
        # document on the server (most of a search's time on a page of long documents).
        wanted = lexemes(expression)
        rows = self.query("SELECT id, text FROM documents WHERE id = ANY(?)", (list(ids),))
        return {int(r[0]): snippet(str(r[1]), wanted, open_, close, max(3, min(words, 64))) for r in rows}

    def fts_query(self, sql: str, params: Params = ()) -> list[Row]:
        # The planner prices `tsv @@ query` as cheap and scans the whole table once a word is in
        # half the documents, reading every tsvector from TOAST: 1.3-1.5 s for a common word at
        # 100k documents against 50-80 ms through the GIN index (EXPLAIN ANALYZE, same server).
        self._flush()
        try:
            with self.conn.transaction():
                self.conn.execute("SET LOCAL enable_seqscan = off")
                return self.conn.execute(translate(sql, bool(params)), tuple(params) if params else None).fetchall()
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def _deadline(self, deadline: float | None, seconds: float) -> None:
        # the server cancels a statement running longer (QueryCanceled, a StoreError here)
        self.execute(f"SET statement_timeout = {max(1, int(seconds * 1000)) if deadline is not None else 0}")

    def fts_version(self) -> object:
        # the archive's content counter (moved by the writes that change documents, links or
        # corrections, in their own transaction): one primary-key read; writes elsewhere on the
        # server (another database, a session row) leave it alone
        row = self._run("SELECT value FROM meta WHERE key = 'content_version'", ()).fetchone()
        return None if row is None else str(row[0])

    def size_bytes(self) -> int:
        row = self._run(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')", ()).fetchone()
        return int(row[0]) if row else 0


@functools.lru_cache(maxsize=256)
def _insert_table(sql: str) -> str | None:
    m = _INSERT_INTO.match(sql)
    return m.group(1).lower() if m else None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


__all__ = ["PostgresDialect", "compile_tsquery", "is_url", "placeholders", "redact", "translate"]

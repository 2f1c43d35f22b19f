"""The embedded backend: one SQLite file in WAL mode, full-text search by FTS5.

SQLite specifics live here only: pragmas, FTS5 match syntax, bm25 ranking, snippets, and the
translation of SQLite's errors (locked, not a database) into :class:`StoreError`.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import numpy as np

from kartoteka.errors import Location, StoreError
from kartoteka.search.query import And, Node, Or, Phrase, Term
from kartoteka.store.dialect import Dialect, Params, Row, marks
from kartoteka.store.matches import Ids

BUSY_TIMEOUT_MS = 10_000
BUSY_ENV = "KARTOTEKA_BUSY_TIMEOUT"  # seconds to wait for another writer before "locked"
PROGRESS_STEPS = 10_000  # virtual-machine steps between looks at a query's deadline (~1 ms)
TOKENIZE = "unicode61 remove_diacritics 2"  # the archive's index and the snippets' page index alike


def busy_timeout_ms() -> int:
    try:
        return max(0, int(float(os.environ.get(BUSY_ENV, "")) * 1000))
    except ValueError:
        return BUSY_TIMEOUT_MS


def _identity(path: str) -> str:
    # the file opened (device and inode): a file made anew at the same path is another archive
    if path == ":memory:":
        return f":memory:#{uuid.uuid4().hex}"
    st = os.stat(path)
    return f"{path}#{st.st_dev}:{st.st_ino}:{st.st_ctime_ns}"


class SQLiteDialect(Dialect):
    name = "sqlite"
    scores_by_parts = True

    def __init__(self, path: str, *, create: bool) -> None:
        self.url = path
        self.path = path
        if path != ":memory:" and not os.path.exists(path):
            if not create:
                raise StoreError("no archive here", location=Location(path),
                                 expected="an archive made by `kartoteka ingest … --archive FILE.db`")
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise StoreError("its folder does not exist", location=Location(path),
                                 expected="a path in an existing folder")
        if path != ":memory:" and os.path.isdir(path):
            raise StoreError("is a folder", location=Location(path), expected="an archive file (.db)")
        try:
            wait_ms = busy_timeout_ms()
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=wait_ms / 1000,
                                        check_same_thread=False)
            self.conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
            self.identity = _identity(path)
            mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA cache_size = -65536")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.conn.execute("PRAGMA mmap_size = 268435456")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        if mode is None:
            raise StoreError("cannot open", location=Location(path), expected="an SQLite archive")
        self._depth = 0
        self._page: sqlite3.Connection | None = None
        self._stop: Callable[[], bool] | None = None

    def _error(self, exc: sqlite3.Error) -> StoreError:
        msg = str(exc)
        where = Location(self.path)
        if "locked" in msg or "busy" in msg:
            return StoreError("the archive is locked by another process", location=where,
                              expected="no other ingest, link or correct running on it")
        if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
            return StoreError(f"not a kartoteka archive ({msg})", location=where, expected="an SQLite archive")
        if "readonly" in msg or "unable to open" in msg:
            return StoreError(f"cannot write the archive ({msg})", location=where,
                              expected="a writable file and folder")
        return StoreError(f"database error: {msg}", location=where)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def execute(self, sql: str, params: Params = ()) -> None:
        try:
            self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description or ()]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def iterate(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[Row]:
        try:
            cur = self.conn.execute(sql, params)
            while True:
                rows = cur.fetchmany(size)
                if not rows:
                    return
                yield from rows
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def insert_id(self, sql: str, params: Params) -> int:
        try:
            cur = self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.conn.close()
            if self._page is not None:
                self._page.close()

    def ddl(self, statement: str) -> str:
        return statement.replace("{id}", "INTEGER PRIMARY KEY").replace("{json}", "TEXT")

    def table_exists(self, table: str) -> bool:
        rows = self.query("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (table,))
        return bool(rows)

    def fts_create(self) -> Sequence[str]:
        # External content: the text is stored once, in documents; the index holds only terms.
        return ("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "text, content='documents', content_rowid='id', "
                f"tokenize = '{TOKENIZE}')",)

    def fts_add(self, rows: Sequence[tuple[int, str, str]]) -> None:
        self.executemany("INSERT INTO documents_fts (rowid, text) VALUES (?, ?)", [(i, t) for i, _, t in rows])

    def fts_delete(self, ids: Sequence[int]) -> None:
        for i in ids:
            self.execute("INSERT INTO documents_fts (documents_fts, rowid, text) "
                         "SELECT 'delete', id, text FROM documents WHERE id = ?", (i,))

    def fts_compile(self, node: Node) -> str:
        if isinstance(node, Term):
            return f'"{node.word}"' + (" *" if node.prefix else "")
        if isinstance(node, Phrase):
            return '"' + " ".join(node.words) + '"'
        if isinstance(node, And):
            return "(" + " AND ".join(self.fts_compile(i) for i in node.items) + ")"
        if isinstance(node, Or):
            return "(" + " OR ".join(self.fts_compile(i) for i in node.items) + ")"
        return f"({self.fts_compile(node.positive)} NOT {self.fts_compile(node.negative)})"

    def fts_matches(self, expression: str) -> tuple[str, Params]:
        return ("SELECT rowid AS document_id, -bm25(documents_fts) AS score FROM documents_fts "
                "WHERE documents_fts MATCH ?", (expression,))

    def id_array(self, sql: str, params: Params = ()) -> Ids:
        # one string from the engine, read in C: far cheaper than a row object per id
        row = self.query(f"WITH t(x) AS ({sql}) SELECT group_concat(x) FROM t", params)
        text = row[0][0] if row else None
        if not text:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(str(text), dtype=np.int64, sep=",")

    def fts_snippets(self, expression: str, ids: Sequence[int], open_: str, close: str,
                     words: int) -> dict[int, str]:
        """FTS5 snippets of these documents, made in a small in-memory index of just their texts.

        Asked of the archive's own index, FTS5 reads the whole doclist of every term the expression
        names even for one row: a prefix over a common stem cost ~15 ms per document at 100k. The
        same tokenizer over the page's few texts gives the same snippets in a few milliseconds.
        """
        if not ids:
            return {}
        texts = self.query(f"SELECT id, text FROM documents WHERE id IN ({marks(len(ids))})", tuple(ids))
        page = self._snippet_index()
        rows_in = [(int(r[0]), str(r[1])) for r in texts]
        try:
            page.execute("BEGIN")
            page.executemany("INSERT INTO page_text (id, text) VALUES (?, ?)", rows_in)
            page.executemany("INSERT INTO page (rowid, text) VALUES (?, ?)", rows_in)
            page.execute("COMMIT")
            rows = page.execute("SELECT rowid, snippet(page, 0, ?, ?, '…', ?) FROM page WHERE page MATCH ?",
                                (open_, close, words, expression)).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        finally:
            if page.in_transaction:
                page.execute("ROLLBACK")
            # an index over its own content table empties at once; a plain one re-reads every text
            page.execute("INSERT INTO page (page) VALUES ('delete-all')")
            page.execute("DELETE FROM page_text")
        return {int(r[0]): str(r[1]) for r in rows}

    def _snippet_index(self) -> sqlite3.Connection:
        if self._page is None:
            self._page = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._page.set_progress_handler(self._stop, PROGRESS_STEPS)
            self._page.execute("CREATE TABLE page_text (id INTEGER PRIMARY KEY, text TEXT)")
            self._page.execute(f"CREATE VIRTUAL TABLE page USING fts5(text, content = 'page_text', "
                               f"content_rowid = 'id', tokenize = '{TOKENIZE}')")
        return self._page

    def _deadline(self, deadline: float | None, seconds: float) -> None:
        # SQLite calls the handler every N virtual-machine steps; a true answer interrupts the query
        self._stop = None if deadline is None else (lambda: time.monotonic() > deadline)
        for conn in (self.conn, self._page):
            if conn is not None:
                conn.set_progress_handler(self._stop, PROGRESS_STEPS)

    def fts_version(self) -> object:
        # the archive's content counter (moved by the writes that change documents, links or
        # corrections, in their own transaction): a primary-key read, the latest commit of any
        # connection; None on an archive that has not been migrated to hold it yet
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'content_version'").fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        return None if row is None else str(row[0])

    def size_bytes(self) -> int:
        if self.path == ":memory:":
            return 0
        total = 0
        for suffix in ("", "-wal"):
            with suppress(OSError):
                total += os.path.getsize(self.path + suffix)
        return total



__all__ = ["SQLiteDialect"]

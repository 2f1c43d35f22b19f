"""The small layer a backend provides under the archive: connection, transactions, DDL words,
placeholders and full-text search. Everything else (ingest, linking, search assembly,
corrections) is written once in :mod:`kartoteka.store.archive` over this interface.

SQL handed to a dialect uses ``?`` placeholders; a backend with another style rewrites them.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import numpy as np

from kartoteka.errors import Location, QueryError, StoreError
from kartoteka.search.query import Node
from kartoteka.store.matches import Ids, Matches

Row = tuple[Any, ...]
Params = Sequence[Any]


def marks(n: int) -> str:
    """``n`` placeholders for a statement's list: ``?, ?, ?`` (every dialect takes ``?``)."""
    return ", ".join("?" for _ in range(n))


class Dialect(ABC):
    """One open connection to one archive, and what its SQL dialect needs said differently."""

    name: str = ""
    url: str = ""
    # what the process's shared caches (facet index, kept overviews) key an archive by: its address
    # and the file or database behind it when the connection opened, so an archive made anew at
    # the same address (its content counter starting again) never meets the old one's values
    identity: str = ""
    # the full-text score is a sum over the expression's phrases, so the lists of a query's parts
    # combine into the query's (bm25 is; ts_rank_cd, a cover density, is not)
    scores_by_parts: bool = False

    # --- connection and transactions -------------------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A block that commits when it ends and rolls back on any exception."""

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    def rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """The rows of a query, each read by column name (the read side's pages)."""

    def any_of(self, column: str) -> str:
        """A condition that ``column`` is one of a list bound as one parameter (see :meth:`listed`):
        a filter of any size is one placeholder."""
        return f"{column} IN (SELECT value FROM json_each(?))"

    def listed(self, values: Iterable[Any]) -> Any:
        """The parameter :meth:`any_of` reads: here a JSON array."""
        return json.dumps(list(values))

    @abstractmethod
    def iterate(self, sql: str, params: Params = (), size: int = 2000) -> Iterator[Row]:
        """Rows streamed in chunks of ``size`` (for collection-wide passes)."""

    @abstractmethod
    def insert_id(self, sql: str, params: Params) -> int:
        """Run one INSERT into a table with an ``{id}`` key and return the new row's id."""

    @abstractmethod
    def close(self) -> None: ...

    # --- schema ------------------------------------------------------------------------------
    @abstractmethod
    def ddl(self, statement: str) -> str:
        """A schema statement with ``{id}`` and ``{json}`` filled in for this backend."""

    @abstractmethod
    def table_exists(self, table: str) -> bool: ...

    @abstractmethod
    def fts_create(self) -> Sequence[str]:
        """Statements creating the full-text index over documents' title and text."""

    def fts_reindex(self) -> None:
        """Index every stored document's words again (inside the caller's transaction), after a
        change in how they are cut; nothing where the engine cuts them itself."""
        return None

    def insert_ignore(self, table: str, columns: Sequence[str]) -> str:
        """An INSERT that skips rows whose key already exists."""
        cols = ", ".join(columns)
        return f"INSERT INTO {table} ({cols}) VALUES ({marks(len(columns))}) ON CONFLICT DO NOTHING"

    # --- full-text search --------------------------------------------------------------------
    @abstractmethod
    def fts_add(self, rows: Sequence[tuple[int, str, str]]) -> None:
        """Index (document id, title, text) rows (inside the caller's transaction)."""

    @abstractmethod
    def fts_delete(self, ids: Sequence[int]) -> None: ...

    @abstractmethod
    def fts_compile(self, node: Node) -> str:
        """The backend's match expression for a query tree (words quoted: never raw syntax)."""

    @abstractmethod
    def fts_matches(self, expression: str) -> tuple[str, Params]:
        """A SELECT of ``(document_id, score)`` for every document matching ``expression``;
        higher score is better."""

    @abstractmethod
    def fts_snippets(self, expression: str, ids: Sequence[int], open_: str, close: str,
                     words: int) -> dict[int, str]:
        """A snippet of each document in ``ids`` around its best matches, matches wrapped."""

    def fts_scored(self, expression: str) -> Matches:
        """Every document matching ``expression``, with its score."""
        sql, params = self.fts_matches(expression)
        rows = self.fts_query(sql, params)
        return Matches.of(np.fromiter((int(r[0]) for r in rows), dtype=np.int64, count=len(rows)),
                          np.fromiter((float(r[1]) for r in rows), dtype=np.float64, count=len(rows)))

    def id_array(self, sql: str, params: Params = ()) -> Ids:
        """The integers of a one-column SELECT, as an array (in any order, perhaps repeated)."""
        return np.array([int(r[0]) for r in self.query(sql, params)], dtype=np.int64)

    def fts_query(self, sql: str, params: Params = ()) -> list[Row]:
        """Run a query over the full-text index (the backend may steer its planner for it)."""
        return self.query(sql, params)

    def fts_version(self) -> object:
        """A token that differs whenever the archive's content (documents, links, corrections)
        changed since it was last asked, by this connection or another: the ``content_version``
        the writes that change it move in their own transaction; None when the backend cannot tell."""
        return None

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Queries run inside are stopped once ``seconds`` have passed, with a :class:`QueryError`
        naming the budget (one search cannot keep a reading room's worker for ever)."""
        deadline = time.monotonic() + seconds
        self._deadline(deadline, seconds)
        try:
            yield
        except StoreError:
            if time.monotonic() < deadline:
                raise
            raise QueryError(f"the search took more than its {seconds:g} s", location=Location("query"),
                             expected="a narrower query (fewer prefixes, more words or filters)") from None
        finally:
            self._deadline(None, 0.0)

    @abstractmethod
    def _deadline(self, deadline: float | None, seconds: float) -> None:
        """Stop this connection's queries at ``deadline`` (``time.monotonic``; None: no limit)."""

    @abstractmethod
    def size_bytes(self) -> int:
        """Bytes the archive takes on disk (database file, or relation sizes)."""


__all__ = ["Dialect", "Params", "Row"]

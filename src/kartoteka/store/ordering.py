"""Orders of a search's hits other than relevance: by date (either way) and by title, as each
document's place in the order, kept as arrays indexed by document id.

Ordering every match of a frequent word by a column would read every matching row at every
search; an :class:`OrderIndex` reads each document's date and title once per content version of
the archive (like the facet index: :func:`kartoteka.store.facets.bump_content` moves it), and a
search then orders its matches, or only the page's worth of them, from arrays. The orders are
made here, in Python, so both stores give the same ones: dated documents by their first possible
day (oldest or newest first), undated ones after them in both; titles folded to compare without
case (a document without title by its file name); ties by ascending document id.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

from kartoteka.search.filters import Sort
from kartoteka.store.dialect import Dialect
from kartoteka.store.matches import Ids

Ranks = npt.NDArray[np.int64]


def title_key(title: str | None, path: str) -> str:
    """What a document's title sorts by: the title (or the file name) folded, spaces made single."""
    return " ".join((title or path.rsplit("/", 1)[-1]).split()).casefold()


class OrderIndex:
    """Each document's position in every order (lower first), indexed by document id."""

    def __init__(self, version: object, ranks: dict[Sort, Ranks]) -> None:
        self.version = version
        self.ranks = ranks

    @classmethod
    def build(cls, db: Dialect, version: object) -> OrderIndex:
        rows = [(int(r["id"]), r["date_not_before"], title_key(r["title"], str(r["path"])))
                for r in db.rows("SELECT id, date_not_before, title, path FROM documents")]
        size = max((i for i, _, _ in rows), default=-1) + 1
        days = sorted({d for _, d, _ in rows if d is not None})
        day = {d: k for k, d in enumerate(days)}
        undated = len(days)
        keys = {
            Sort.DATE: lambda r: (day.get(r[1], undated), r[0]),
            Sort.DATE_DESC: lambda r: ((undated - 1 - day[r[1]]) if r[1] is not None else undated, r[0]),
            Sort.TITLE: lambda r: (r[2], r[0]),
        }
        ranks: dict[Sort, Ranks] = {}
        for sort, key in keys.items():
            rank = np.full(size, len(rows), dtype=np.int64)
            for position, r in enumerate(sorted(rows, key=key)):
                rank[r[0]] = position
            ranks[sort] = rank
        return cls(version, ranks)

    def first(self, ids: Ids, sort: Sort, k: int) -> Ids:
        """The first ``k`` of these documents in this order (``k`` <= 0: none)."""
        if k <= 0 or not len(ids):
            return ids[:0]
        rank = self.ranks[sort]
        inside = ids < len(rank)
        # a document beyond the index (none while the version holds) goes last, by id
        r = np.where(inside, rank[np.where(inside, ids, 0)], len(rank) + ids)
        if k < len(ids):
            pick = np.argpartition(r, k - 1)[:k]
            return ids[pick[np.argsort(r[pick], kind="stable")]]
        return ids[np.argsort(r, kind="stable")]


# the latest index of each archive (by address), shared by the connections one process holds to it
_shared: dict[str, OrderIndex] = {}
_shared_lock = threading.Lock()


class Ordering:
    """The orders of one open archive, read again when its content version moves."""

    def __init__(self, db: Dialect) -> None:
        self.db = db
        self._index: OrderIndex | None = None
        self.builds = 0

    def first(self, ids: Ids, sort: Sort, k: int) -> Ids:
        version = self.db.fts_version()
        index = self._index
        if index is None or version is None or index.version != version:
            with _shared_lock:
                kept = _shared.get(self.db.identity)
            if kept is not None and version is not None and kept.version == version:
                index = kept
            else:
                index = OrderIndex.build(self.db, version)
                self.builds += 1
                if version is not None:
                    with _shared_lock:
                        _shared[self.db.identity] = index
            self._index = index
        return index.first(ids, sort, k)


__all__ = ["OrderIndex", "Ordering", "title_key"]

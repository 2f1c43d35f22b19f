"""The archive's holdings: how many documents of a set each collection holds (the search's
collection facet, in both stores).

A few thousand documents are counted in SQL by id. Beyond that, every document's collection is
kept as an array indexed by document id (one small read of the address index), rebuilt only when
the archive's content version moves (:func:`kartoteka.store.facets.bump_content`), shared by
the connections of one process, and the counts are one ``bincount``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.facets import SQL_MATCHES

_CHUNK = 900
DocIds = Sequence[int] | npt.NDArray[np.int64]

# by archive address: (content version, collection code per document id, collection names)
_kept: dict[str, tuple[object, npt.NDArray[np.int32], list[str]]] = {}
_lock = threading.Lock()


def _sql(db: Dialect, ids: Sequence[int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        part = [int(x) for x in ids[i:i + _CHUNK]]
        for r in db.rows(f"SELECT collection, count(*) AS n FROM documents WHERE id IN ({marks(len(part))}) "
                         "AND collection IS NOT NULL GROUP BY collection", part):
            out[str(r["collection"])] = out.get(str(r["collection"]), 0) + int(r["n"])
    return out


def _build(db: Dialect) -> tuple[npt.NDArray[np.int32], list[str]]:
    size = int(db.query("SELECT coalesce(max(id), 0) + 1 FROM documents")[0][0])
    codes = np.zeros(size, dtype=np.int32)
    names: list[str] = []
    for r in db.rows("SELECT DISTINCT collection FROM documents WHERE collection IS NOT NULL ORDER BY collection"):
        names.append(str(r["collection"]))
        ids = db.id_array("SELECT id FROM documents WHERE collection = ?", (names[-1],))
        codes[ids[ids < size]] = len(names)
    return codes, names


def collection_counts(db: Dialect, ids: DocIds) -> tuple[tuple[str, int], ...]:
    """(collection, documents) over these documents, most first, ties by name."""
    if len(ids) <= SQL_MATCHES:
        counted = _sql(db, ids.tolist() if isinstance(ids, np.ndarray) else ids)
    else:
        version = db.fts_version()
        with _lock:
            kept = _kept.get(db.url)
        if kept is None or version is None or kept[0] != version:
            codes, names = _build(db)
            kept = (version, codes, names)
            with _lock:
                _kept[db.url] = kept
        _, codes, names = kept
        arr = np.asarray(ids, dtype=np.int64)
        arr = arr[(arr >= 0) & (arr < len(codes))]
        per = np.bincount(codes[arr], minlength=len(names) + 1)
        counted = {names[c - 1]: int(per[c]) for c in np.flatnonzero(per[1:]) + 1}
    return tuple(sorted(counted.items(), key=lambda x: (-x[1], x[0])))


__all__ = ["collection_counts"]

"""Facet counts over every match of a search: by year, classification level and named entity.

Two ways to the same exact counts. A few thousand matches are counted in SQL over their ids.
Beyond that, a GROUP BY over a common word's matches walks a million ``document_entities`` rows
(seconds at 100k documents), so a :class:`FacetIndex` holds every document's year, level and
entities as arrays, built once per open archive and rebuilt only when what it counts has changed
since: the archive's content version (``meta`` row ``content_version``, read by the dialect's
``fts_version``), which every write to documents, links, entities or corrections moves inside
its own transaction (:func:`bump_content`). A user row, a session, a write to another database
on the same server leave it, and the index, in place. Counting all the matches is then a few
vectorised passes.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kartoteka.search.result import Facet, FacetValue
from kartoteka.store.dialect import Dialect, marks

SQL_MATCHES = 2000  # up to this many matches, SQL over their ids beats building the index
FACET_VALUES = 10
ENTITY_KINDS = ("person", "place", "organization", "group")
_CHUNK = 900  # ids per IN list: below every backend's parameter limit
_BUILD_DOCS = 20_000  # documents read per step when building the index
YEAR_SPAN = 200  # years one document's date may count in (a wider range is a parse gone wrong)
DocIds = Sequence[int] | npt.NDArray[np.int64]  # documents to count, as a list or an array
CONTENT_VERSION = "content_version"  # the ``meta`` key every content-changing write moves

# One statement both backends accept: the row appears on the first bump (an archive made before
# the counter existed), later bumps add one, all inside the writer's transaction.
_BUMP = (f"INSERT INTO meta (key, value) VALUES ('{CONTENT_VERSION}', '1') ON CONFLICT (key) "
         "DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)")


def bump_content(db: Dialect) -> None:
    """Mark the archive's content (documents, links, entities, corrections) as changed; call inside
    the transaction that changes it, so a reader sees the new version with the new rows."""
    db.execute(_BUMP)


@dataclass(frozen=True, slots=True)
class Counts:
    """Exact counts over one set of documents: a year (each year its date covers:
    :func:`covered_years`), a classification level, an entity (by its kind)."""

    years: tuple[tuple[str, int], ...]
    levels: tuple[tuple[str, int], ...]
    entities: tuple[tuple[str, str, int], ...]  # (kind, entity id, documents)



def covered_years(not_before: str | None, not_after: str | None) -> range:
    """The years a document's date covers: a telegram of 1945-47 counts in 1945, 1946 and 1947, as
    a search from 1946 to 1946 finds it (at most ``YEAR_SPAN`` years; none for an undated one)."""
    if not not_before:
        return range(0)
    lo = int(not_before[:4])
    hi = int((not_after or not_before)[:4])
    return range(lo, min(max(hi, lo), lo + YEAR_SPAN - 1) + 1)


def count_sql(db: Dialect, ids: Sequence[int]) -> Counts:
    """Counts over these documents, read by id from ``documents`` and ``document_entities``."""
    years: dict[str, int] = {}
    levels: dict[str, int] = {}
    entities: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        part = list(ids[i:i + _CHUNK])
        held = marks(len(part))
        for r in db.rows(f"SELECT date_not_before, date_not_after, classification_level FROM documents "
                         f"WHERE id IN ({held})", part):
            for y in covered_years(r["date_not_before"], r["date_not_after"]):
                years[f"{y:04d}"] = years.get(f"{y:04d}", 0) + 1
            if r["classification_level"] is not None:
                level = str(r["classification_level"])
                levels[level] = levels.get(level, 0) + 1
        for eid, n in db.query(f"SELECT entity_id, count(*) FROM document_entities WHERE document_id IN ({held}) "
                          f"GROUP BY entity_id", part):
            entities[str(eid)] = entities.get(str(eid), 0) + int(n)
    kinds = _kinds(db, sorted(entities))
    return Counts(tuple(sorted(years.items())), tuple(levels.items()),
                  tuple((kinds[e], e, n) for e, n in entities.items() if e in kinds))


def _kinds(db: Dialect, ids: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i in range(0, len(ids), _CHUNK):
        part = list(ids[i:i + _CHUNK])
        out.update((str(r[0]), str(r[1])) for r in db.query(
            f"SELECT id, kind FROM entities WHERE id IN ({marks(len(part))})", part))
    return out


def _ints(text: str | None) -> npt.NDArray[np.int64]:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.array(text.split(","), dtype=np.int64)


class FacetIndex:
    """Every document's year, level and entities as arrays indexed by document id."""

    def __init__(self, version: object, years: tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]],
                 level: npt.NDArray[np.int32], level_labels: list[str], de_doc: npt.NDArray[np.int32],
                 de_code: npt.NDArray[np.int32], codes: list[tuple[str, str]]) -> None:
        self.version = version
        self.first, self.last = years  # the first and last year a document's date covers (0: no date)
        self.level, self.level_labels = level, level_labels  # code 0: no level
        self.de_doc, self.de_code, self.codes = de_doc, de_code, codes

    @classmethod
    def build(cls, db: Dialect, version: object) -> FacetIndex:
        """Read from indexes only: dates and levels from their own, entities from the key of
        ``document_entities`` as two aligned lists per range of documents (no row per entity).
        Documents added while it reads (beyond the highest id seen first) are left out: their
        writer moved the version, so the next search rebuilds it."""
        agg = "string_agg({x}, ?)" if db.name == "postgresql" else "group_concat({x}, ?)"
        ids = "CAST(id AS TEXT)" if db.name == "postgresql" else "id"
        size = int(db.query("SELECT coalesce(max(id), 0) + 1 FROM documents")[0][0])
        years = cls._years(db, f"SELECT date_not_before, date_not_after, {agg.format(x=ids)} FROM documents "
                               f"WHERE date_not_before IS NOT NULL GROUP BY date_not_before, date_not_after", size)
        level, level_labels = cls._column(db, f"SELECT classification_level, {agg.format(x=ids)} FROM documents "
                                              f"WHERE classification_level IS NOT NULL GROUP BY 1", size)
        doc_x = "CAST(document_id AS TEXT)" if db.name == "postgresql" else "document_id"
        sep = "\x1f"
        kinds = {str(r[0]): str(r[1]) for r in db.query("SELECT id, kind FROM entities")}
        codes: dict[str, int] = {}
        docs: list[npt.NDArray[np.int32]] = []
        ents: list[npt.NDArray[np.int32]] = []
        # a range of documents at a time: the lists of strings stay small at millions of rows
        for lo in range(0, size, _BUILD_DOCS):
            row = db.query(f"SELECT {agg.format(x=doc_x)}, {agg.format(x='entity_id')} FROM document_entities "
                           f"WHERE document_id >= ? AND document_id < ?", (",", sep, lo, min(lo + _BUILD_DOCS, size)))[0]
            if not row[0]:
                continue
            docs.append(_ints(row[0]).astype(np.int32))
            ents.append(np.array([codes.setdefault(n, len(codes)) for n in str(row[1]).split(sep)], dtype=np.int32))
        de_doc = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int32)
        de_code = np.concatenate(ents) if ents else np.zeros(0, dtype=np.int32)
        return cls(version, years, level, level_labels, de_doc, de_code,
                   [(kinds.get(e, ""), e) for e in codes])

    @staticmethod
    def _column(db: Dialect, sql: str, size: int) -> tuple[npt.NDArray[np.int32], list[str]]:
        col = np.zeros(size, dtype=np.int32)
        labels: list[str] = []
        for value, members in db.query(sql, (",",)):
            labels.append(str(value))
            ids = _ints(members)
            col[ids[ids < size]] = len(labels)
        return col, labels

    @staticmethod
    def _years(db: Dialect, sql: str, size: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        first = np.zeros(size, dtype=np.int32)
        last = np.zeros(size, dtype=np.int32)
        for not_before, not_after, members in db.query(sql, (",",)):
            covered = covered_years(not_before, not_after)
            ids = _ints(members)
            ids = ids[ids < size]
            first[ids], last[ids] = covered.start, covered.stop - 1
        return first, last

    def _year_counts(self, arr: npt.NDArray[np.int64]) -> tuple[tuple[str, int], ...]:
        """Documents per year, each in every year its date covers (a range per document, spread)."""
        dated = arr[self.first[arr] > 0]
        if not len(dated):
            return ()
        lo = self.first[dated].astype(np.int64)
        span = self.last[dated].astype(np.int64) - lo + 1
        starts = np.repeat(np.cumsum(span) - span, span)
        every = np.repeat(lo, span) + (np.arange(int(span.sum())) - starts)
        base = int(lo.min())
        per = np.bincount(every - base)
        return tuple((f"{base + k:04d}", int(per[k])) for k in np.flatnonzero(per))

    def count(self, ids: DocIds) -> Counts:
        size = len(self.first)
        arr = np.array(ids, dtype=np.int64)
        arr = arr[(arr >= 0) & (arr < size)]
        levels = np.bincount(self.level[arr], minlength=len(self.level_labels) + 1)
        mask = np.zeros(size, dtype=np.bool_)
        mask[arr] = True
        per_code = np.bincount(self.de_code[mask[self.de_doc]], minlength=len(self.codes))
        return Counts(
            self._year_counts(arr),
            tuple((self.level_labels[c - 1], int(levels[c])) for c in np.flatnonzero(levels[1:]) + 1),
            tuple((*self.codes[c], int(per_code[c])) for c in np.flatnonzero(per_code) if self.codes[c][0]))


# the latest index of each archive (by address), shared by the connections one process holds to it:
# a reading room's workers hold one index, not one each
_shared: dict[str, FacetIndex] = {}
_shared_lock = threading.Lock()


class Tally:
    """Exact facet counts for one open archive: SQL for few matches, the index for many."""

    def __init__(self, db: Dialect) -> None:
        self.db = db
        self._index: FacetIndex | None = None
        self.builds = 0  # indexes built so far (a rebuild is what a content version change costs)

    def counts(self, ids: DocIds) -> Counts:
        version = self.db.fts_version()
        index = self._index
        if index is not None and (version is None or index.version != version):
            index = self._index = None
        if index is None and version is not None:
            # another connection of this process (a reading room's worker) may have built it already
            with _shared_lock:
                kept = _shared.get(self.db.url)
            if kept is not None and kept.version == version:
                index = self._index = kept
        if index is None and (len(ids) <= SQL_MATCHES or version is None):
            return count_sql(self.db, ids.tolist() if isinstance(ids, np.ndarray) else ids)
        if index is None:
            index = self._index = FacetIndex.build(self.db, version)
            self.builds += 1
            with _shared_lock:
                _shared[self.db.url] = index
        return index.count(ids)

    def facets(self, ids: DocIds) -> tuple[Facet, ...]:
        """Facets over these documents: years (by year), then the rest (most documents first)."""
        c = self.counts(ids)
        out: list[Facet] = []
        years = sorted(c.years, key=lambda x: (-x[1], x[0]))[:FACET_VALUES]
        out.append(Facet("year", tuple(FacetValue(v, n) for v, n in sorted(years))))
        levels = sorted(c.levels, key=lambda x: (-x[1], x[0]))[:FACET_VALUES]
        out.append(Facet("classification", tuple(FacetValue(v, n) for v, n in levels)))
        chosen = {k: sorted(((n, e) for kind, e, n in c.entities if kind == k),
                            key=lambda x: (-x[0], x[1]))[:FACET_VALUES] for k in ENTITY_KINDS}
        wanted = sorted({e for v in chosen.values() for _, e in v})
        names = {str(r[0]): str(r[1]) for r in self.db.query(
            f"SELECT id, name FROM entities WHERE id IN ({marks(len(wanted))})", wanted)} if wanted else {}
        for kind in ENTITY_KINDS:
            vals = sorted(((names.get(e, e), n) for n, e in chosen[kind]), key=lambda x: (-x[1], x[0]))
            out.append(Facet(kind, tuple(FacetValue(v, n) for v, n in vals)))
        from kartoteka.store.holdings import collection_counts

        out.append(Facet("collection", tuple(FacetValue(v, n) for v, n in collection_counts(self.db, ids)[:FACET_VALUES])))
        return tuple(f for f in out if f.values)


__all__ = ["CONTENT_VERSION", "FACET_VALUES", "SQL_MATCHES", "YEAR_SPAN", "Counts", "FacetIndex", "Tally",
           "bump_content", "count_sql", "covered_years"]

"""Matches: the documents a query's words match, with their scores, as arrays; and the lists of
frequent words kept for the archive's current content.

A search's ranking is a sum over the query's phrases (SQLite's ``bm25``: each phrase adds its
own weight in the documents where the part of the query holding it matches, and nothing
elsewhere), so the lists of a query's parts, each with its scores, combine into the query's:
``AND`` intersects and adds, ``OR`` unites and adds what is present, ``NOT`` removes. The
total, the facets' documents and the page's order then come from arrays. A list of many
matches — ranking every one of them is what a search of a frequent word costs — is kept for
the archive's content version (:class:`MatchCache`, by ``content_version``, moved by every
write) and reused by every query naming that part, with any filters or other words; a part
whose words are not all kept is read from the engine whole, as one expression.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kartoteka.search.query import And, Node, Not, Or, Phrase, Term, terms

Ids = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float64]

KEEP_FROM = 2000  # matches from which a list is kept: smaller ones cost less to read again
KEEP_BYTES = 128 << 20  # the kept lists' budget; the least recently used go first


@dataclass(frozen=True, slots=True)
class Matches:
    """Matching documents in ascending id order, each with its score (higher is better)."""

    ids: Ids
    scores: Scores

    @classmethod
    def of(cls, ids: Ids, scores: Scores) -> Matches:
        if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
            order = np.argsort(ids, kind="stable")
            ids, scores = ids[order], scores[order]
        return cls(ids, scores)

    def __len__(self) -> int:
        return len(self.ids)

    def both(self, other: Matches) -> Matches:
        ids, a, b = np.intersect1d(self.ids, other.ids, assume_unique=True, return_indices=True)
        return Matches(ids, self.scores[a] + other.scores[b])

    def either(self, other: Matches) -> Matches:
        ids, where = np.unique(np.concatenate((self.ids, other.ids)), return_inverse=True)
        # bincount adds in input order: this list's weight, then the other's, as bm25 adds them
        summed = np.bincount(where, weights=np.concatenate((self.scores, other.scores)), minlength=len(ids))
        return Matches(ids, np.asarray(summed, dtype=np.float64))

    def without(self, other: Matches) -> Matches:
        keep = ~np.isin(self.ids, other.ids, assume_unique=True)
        return Matches(self.ids[keep], self.scores[keep])

    def within(self, ids: Ids) -> Matches:
        keep = np.isin(self.ids, ids)
        return Matches(self.ids[keep], self.scores[keep])

    def best(self, k: int) -> list[tuple[int, float]]:
        """The ``k`` best as (id, score): highest score first, ties by ascending id."""
        n = len(self.ids)
        if k <= 0 or n == 0:
            return []
        if k < n:
            # the k-th highest score; every match scoring at least that is a candidate, ties included
            edge = np.partition(self.scores, n - k)[n - k]
            pick = np.flatnonzero(self.scores >= edge)
        else:
            pick = np.arange(n)
        order = pick[np.lexsort((self.ids[pick], -self.scores[pick]))][:k]
        return [(int(i), float(s)) for i, s in zip(self.ids[order], self.scores[order], strict=True)]

    @property
    def nbytes(self) -> int:
        return int(self.ids.nbytes + self.scores.nbytes)


EMPTY = Matches(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def evaluate(node: Node, read: Callable[[Node], Matches], kept: Callable[[Node], bool]) -> Matches:
    """The matches of a query tree: combined from its words' and phrases' lists where every one of
    them is ``kept``; any other part is ``read`` whole (the engine walks it in one pass, and
    ranks only what it matches, with the same sum)."""
    if isinstance(node, Term | Phrase) or not all(kept(t) for t in terms(node)):
        return read(node)
    if isinstance(node, And):
        out = evaluate(node.items[0], read, kept)
        for item in node.items[1:]:
            if not len(out):
                return EMPTY
            out = out.both(evaluate(item, read, kept))
        return out
    if isinstance(node, Or):
        out = evaluate(node.items[0], read, kept)
        for item in node.items[1:]:
            out = out.either(evaluate(item, read, kept))
        return out
    assert isinstance(node, Not)
    positive = evaluate(node.positive, read, kept)
    return positive.without(evaluate(node.negative, read, kept)) if len(positive) else EMPTY


class MatchCache:
    """Lists of frequent words, phrases and prefixes for one archive, and the documents of its
    filters, kept while its content version stays the same (a write elsewhere moves it and
    empties the cache on the next look)."""

    def __init__(self, read: Callable[[str], Matches], budget: int = KEEP_BYTES) -> None:
        self.read = read
        self.budget = budget
        self.version: object = None
        self.kept: OrderedDict[str, Matches | Ids] = OrderedDict()
        self.bytes = 0
        self.reads = 0  # lists read from the index so far (what a changed version costs)
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget everything kept (the next query of each word reads it from the index again)."""
        with self._lock:
            self.kept.clear()
            self.bytes = 0

    def has(self, expression: str, version: object) -> bool:
        """Whether this expression's list is kept for this version (nothing is read)."""
        with self._lock:
            return version is not None and version == self.version and expression in self.kept

    def get(self, expression: str, version: object) -> Matches:
        """The expression's matches, kept ones first."""
        found = self._fetch(expression, version, lambda: self._count(self.read(expression)))
        assert isinstance(found, Matches)
        return found

    def ids(self, key: str, version: object, read: Callable[[], Ids]) -> Ids:
        """A filter's documents (``key`` names the filter), kept like a list."""
        found = self._fetch("\x00" + key, version, read)  # no expression starts so
        assert isinstance(found, np.ndarray)
        return found

    def _count(self, matches: Matches) -> Matches:
        self.reads += 1
        return matches

    def _fetch(self, key: str, version: object, read: Callable[[], Matches | Ids]) -> Matches | Ids:
        with self._lock:
            if version is None or version != self.version:
                self.kept.clear()
                self.bytes = 0
                self.version = version
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
                return found
        value = read()
        if version is not None and len(value) >= KEEP_FROM and value.nbytes <= self.budget:
            with self._lock:
                if self.version == version and key not in self.kept:
                    self.kept[key] = value
                    self.bytes += value.nbytes
                    while self.bytes > self.budget:
                        _, gone = self.kept.popitem(last=False)
                        self.bytes -= gone.nbytes
        return value


__all__ = ["EMPTY", "KEEP_BYTES", "KEEP_FROM", "MatchCache", "Matches", "evaluate"]

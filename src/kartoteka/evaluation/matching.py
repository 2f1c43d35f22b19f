"""Comparing a prediction with gold, as the shared scorer (kscore) does: texts compared after
normalising, spans by overlap, and each gold item matched to at most one predicted item."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


# ------------------------------------------------------------------ text comparison


def norm_text(s: str) -> str:
    """Case-folded, white space collapsed, trailing punctuation dropped."""
    s = " ".join(s.casefold().split())
    end = len(s)
    while end and (s[end - 1].isspace() or unicodedata.category(s[end - 1]).startswith("P")):
        end -= 1
    return s[:end]


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.casefold())


def _has_run(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    if not n:
        return False
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def text_match(pred: str, gold: str) -> bool:
    """Equal once normalised, or one holds the other as a run of whole words."""
    g = norm_text(gold)
    if g and norm_text(pred) == g:
        return True
    pw, gw = _words(pred), _words(gold)
    return _has_run(pw, gw) or _has_run(gw, pw)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return max(a[0], b[0]) < min(a[1], b[1])


def norm_level(s: str) -> str:
    return " ".join(s.casefold().split())


# ------------------------------------------------------------------ one-to-one matching


@dataclass
class _Matching:
    """Maximum bipartite matching by augmenting paths; each gold item tries its candidates in order."""

    candidates: list[list[int]]
    owner: dict[int, int] = field(default_factory=dict)  # predicted index -> gold index

    def _try(self, g: int, visited: set[int]) -> bool:
        for p in self.candidates[g]:
            if p in visited:
                continue
            visited.add(p)
            holder = self.owner.get(p)
            if holder is None or self._try(holder, visited):
                self.owner[p] = g
                return True
        return False

    def solve(self) -> dict[int, int]:
        for g, cands in enumerate(self.candidates):
            if cands:
                self._try(g, set())
        return {g: p for p, g in self.owner.items()}


def match(gold: Sequence[T], pred: Sequence[U], ok: Callable[[T, U], bool]) -> dict[int, int]:
    """Gold index -> predicted index of a maximum one-to-one matching of pairs that satisfy ``ok``.

    For spans, exact matches are preferred, then larger overlaps, then earlier predictions, so
    that a tie between several matchings of the same size is broken the same way every time.
    """
    def preference(g: T, j: int) -> tuple[bool, int, int]:
        p = pred[j]
        if isinstance(g, tuple) and isinstance(p, tuple):
            return (g != p, -(min(g[1], p[1]) - max(g[0], p[0])), j)
        return (False, 0, j)

    cands = [sorted((j for j, p in enumerate(pred) if ok(g, p)), key=lambda j, g=g: preference(g, j))  # type: ignore[misc]
             for g in gold]
    return _Matching(cands).solve()


def span_match(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> dict[int, int]:
    return match(gold, pred, overlaps)


__all__ = ["match", "norm_level", "norm_text", "overlaps", "span_match", "text_match"]

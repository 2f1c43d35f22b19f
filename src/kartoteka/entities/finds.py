"""Finds: a candidate mention before overlaps are settled, with the rule that made it and its rank."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model import MentionKind


@dataclass(frozen=True, slots=True)
class Find:
    """A span some rule or the model reads as a name of ``kind``; a lower ``rank`` wins an overlap."""

    start: int
    end: int
    kind: MentionKind
    method: str
    rank: int  # lower wins an overlap
    title: tuple[int, int] | None = None


__all__ = ["Find"]

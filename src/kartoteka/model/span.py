"""Span: a stretch of a document's source text, by code-point offsets. Offsets are sacred."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """``text == source[start:end]`` always holds for spans made with :meth:`of`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span of ``source[start:end]``, trimmed of surrounding white space."""
        while start < end and source[start].isspace():
            start += 1
        while end > start and source[end - 1].isspace():
            end -= 1
        return cls(start, end, source[start:end])

    def shifted(self, by: int) -> Span:
        return Span(self.start + by, self.end + by, self.text)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

"""Document: a source file's decoded text, which owns every annotation made on it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: the path as given, the sha256 of its raw bytes, its format."""

    path: str
    sha256: str
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Document:
    """The decoded text of one source, never changed after reading.

    ``encoding`` is what the reader detected; ``warnings`` what it noticed (e.g. a legacy
    Cyrillic code page) without failing.
    """

    source: Source
    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    _line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_text(
        cls, text: str, *, path: str = "<text>", sha256: str = "", fmt: str = "text", encoding: str = "utf-8",
        warnings: tuple[str, ...] = (),
    ) -> Document:
        if not sha256:
            import hashlib

            sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n" or (ch == "\r" and (i + 1 >= len(text) or text[i + 1] != "\n")):
                starts.append(i + 1)
        return cls(Source(path, sha256, fmt), text, encoding, warnings, tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        starts = self._line_starts or (0,)
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

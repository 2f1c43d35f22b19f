"""Document: a source file's decoded text, which owns every annotation made on it."""

from __future__ import annotations

from dataclasses import dataclass


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

    @classmethod
    def from_text(
        cls, text: str, *, path: str = "<text>", sha256: str = "", fmt: str = "text", encoding: str = "utf-8",
        warnings: tuple[str, ...] = (),
    ) -> Document:
        if not sha256:
            import hashlib

            sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(Source(path, sha256, fmt), text, encoding, warnings)

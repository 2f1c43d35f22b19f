"""Mark: a translator's or editor's bracket, typed by what it does."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class MarkKind(StrEnum):
    SUPPLIED = "supplied"
    FOREIGN = "foreign"
    SIC = "sic"
    SIGNED = "signed"
    ILLEGIBLE = "illegible"
    GLOSS = "gloss"
    REDACTION = "redaction"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Mark:
    """``span`` covers the whole bracket; ``value`` is its content; ``lang`` a BCP-47 guess for foreign words."""

    span: Span
    kind: MarkKind
    value: str
    lang: str | None = None

"""Classification: the security marking of a document, level and handling caveats apart."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class Level(StrEnum):
    TOP_SECRET = "top secret"
    SECRET = "secret"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"
    LIMITED_OFFICIAL_USE = "limited official use"
    OFFICIAL_USE_ONLY = "official use only"
    UNCLASSIFIED = "unclassified"
    UNMARKED = "unmarked"


@dataclass(frozen=True, slots=True)
class Classification:
    """``span`` is the marking as written; ``level`` is None when only caveats are given."""

    span: Span
    level: Level | None
    caveats: tuple[str, ...] = ()

"""DateValue: a normalised date expression with its precision, bounds and certainty."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class Certainty(StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class DateValue:
    """``iso`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` at ``precision``; bounds are ISO days."""

    span: Span
    iso: str
    precision: Precision
    not_before: str
    not_after: str
    certainty: Certainty = Certainty.HIGH

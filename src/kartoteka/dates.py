"""Dates: date expressions in text to normalised DateValues, the century taken from context."""

from __future__ import annotations

from kartoteka.model import DateValue


def find_dates(text: str, context_year: int | None = None) -> tuple[DateValue, ...]:
    """Every date expression in ``text``, in order of position."""
    return ()

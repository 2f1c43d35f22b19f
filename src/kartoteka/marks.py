"""Marks: the bracket grammar of translators and editors ([sic], [signed], [vystupleniye], …)."""

from __future__ import annotations

from kartoteka.model import Mark


def find_marks(text: str) -> tuple[Mark, ...]:
    """Every translator/editor bracket in ``text``, in order."""
    return ()

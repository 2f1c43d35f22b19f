"""Summary: an editor's one-paragraph description carried by the transcription."""

from __future__ import annotations

from kartoteka.model import Span


def find_summary(text: str) -> Span | None:
    """The editor's description of the document, or None."""
    return None

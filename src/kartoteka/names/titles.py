"""Titles and ranks (``data/titles.csv``): each title as written, what it is used for, and why it
is there. The entity rules keep titles apart from names; the structure stage reads ranks from the
same file, so a rank is written down once."""

from __future__ import annotations

from functools import cache

from kartoteka.names.datafile import rows


@cache
def _uses() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((r["title"], frozenset(r["uses"].split())) for r in rows("titles.csv", ("title", "uses", "reason")))


@cache
def titles(use: str) -> frozenset[str]:
    """The titles the data file marks with ``use``: ``before-name`` (written before a name),
    ``ruler-alone`` ("the Shah": a role standing for its holder), ``name-alone`` (alone also a
    surname or a common word: "King"), ``person-only`` (borne by a person, never standing for a
    post: "General", unlike "Ambassador Moscow"), ``abbreviation`` (its full stop ends no sentence),
    ``role`` ("the President", "the Shah": alone it stands for the holder the document means),
    ``after-name`` (an honorific that ends a name: "Reza Khan", "Qavam os-Saltaneh", "Jr"),
    ``rank`` (a rank the structure stage splits from an agent's name: "генерал-майор",
    "Divisional Commissar"), ``ruler`` (a ruler's title that opens an office phrase: "the Shah of
    Iran", "the Crown Prince"), ``given-name`` (also written before the given name alone: "Sir
    Roger" for Sir Roger Makins)."""
    return frozenset(t for t, uses in _uses() if use in uses)


__all__ = ["titles"]

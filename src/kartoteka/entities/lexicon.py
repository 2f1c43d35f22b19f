"""Lexicon: the cue words the entity rules read around a name, and English function words.

Each cue word lives in ``data/cue_words.csv`` with the kind of cue it is ("vessel": a word before
a ship's name; "place-only": a preposition that takes a place; "saying": a verb of saying after
its speaker) and a reason that holds for any
collection. The English function words are spaCy's stop words, read once for every rule (and
for linking and search) that asks. Both are read once per process.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from kartoteka.names.spacy_data import stop_words


@cache
def _cues() -> tuple[tuple[str, str], ...]:
    with resources.files("kartoteka.entities").joinpath("data/cue_words.csv").open(encoding="utf-8") as f:
        return tuple((row["word"], row["kind"]) for row in csv.DictReader(f))


@cache
def cues(*kinds: str) -> frozenset[str]:
    """The cue words of the given kinds, as the data file writes them."""
    return frozenset(word for word, kind in _cues() if kind in kinds)


def alternation(*kinds: str) -> str:
    """The cue words of the given kinds as a regex alternation, longest first (so "states" is
    tried before "state"), each word escaped."""
    return "|".join(re.escape(w) for w in sorted(cues(*kinds), key=lambda w: (-len(w), w)))


@cache
def function_words() -> frozenset[str]:
    """English function words ("the", "whichever", "can"): the one stop-word list of the package."""
    return stop_words("en")


__all__ = ["alternation", "cues", "function_words", "stop_words"]

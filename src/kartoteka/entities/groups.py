"""Groups of people named as such: tribes, peoples and fighters ("the Qashqai", "the
Bakhtiaris", "the fedai"), found by a word list and by "the X tribe(s)"."""

from __future__ import annotations

import re

from kartoteka.linking.keys import fold
from kartoteka.names.datafile import rows

# tribes, peoples and irregulars written capitalised, and the fighters' word in any case: the
# name knowledge's ``names/data/groups.csv``, in the file's order
_CAPITALISED = tuple(r["name"] for r in rows("groups.csv", ("name", "case", "reason")) if r["case"] == "capitalised")
_ANY_CASE = tuple(r["name"] for r in rows("groups.csv", ("name", "case", "reason")) if r["case"] == "any")
_WORDS = {fold(w): w for w in _CAPITALISED}
_LOWER = frozenset(_ANY_CASE)
_NAMES = "|".join(re.escape(w) for w in sorted(_CAPITALISED, key=len, reverse=True))
_LEXICON = re.compile(rf"\b(?:{_NAMES})\b")
_FIGHTERS = re.compile(rf"\b(?:{'|'.join(_ANY_CASE)})\b", re.IGNORECASE)
# "the Mukri and Shikak tribes", "the Shahsavan tribe", "Kurdish tribesmen" is an adjective: skipped
_TRIBE = re.compile(r"\b([A-Z][a-z'’-]+)(?:\s+and\s+([A-Z][a-z'’-]+))?\s+(?:tribe|tribes|clan|clans)\b")
_ADJECTIVE_ENDINGS = ("ish", "ian", "ese")


def is_group(name: str) -> bool:
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return key in _WORDS or key in _LOWER


def find_groups(text: str) -> list[tuple[int, int]]:
    """Spans of group names in ``text``."""
    out: list[tuple[int, int]] = []
    for m in _LEXICON.finditer(text):
        out.append((m.start(), m.end()))
    for m in _FIGHTERS.finditer(text):
        out.append((m.start(), m.end()))
    for m in _TRIBE.finditer(text):
        for g in (1, 2):
            word = m.group(g)
            if word and not word.endswith(_ADJECTIVE_ENDINGS) and word not in ("The", "Two", "These", "Those"):
                out.append((m.start(g), m.end(g)))
    return sorted(set(out))


__all__ = ["find_groups", "is_group"]

"""The language a document is written in, from its most common little words: English, Russian,
German or French (``data/language_words.csv``, each word with its reason). A translation with
original words kept in brackets ("[vystupleniye]") is in the language of its translation. Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.structure.wordlists import rows

READ_WORDS = 3000  # the opening words read: enough for a verdict, bounded for a long document
LEAST = 5  # function words needed for a verdict (a few lines of prose)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    return {r["word"].casefold(): r["language"] for r in rows("language_words")}


def language(text: str) -> str | None:
    """The ISO 639-1 code of the language most of the text's function words belong to (ties: none),
    or None when too few of them stand in it."""
    known = _words()
    counts: dict[str, int] = {}
    for i, m in enumerate(_WORD.finditer(text)):
        if i >= READ_WORDS:
            break
        lang = known.get(m.group().casefold())
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    ranked = sorted(counts.items(), key=lambda x: -x[1])
    if not ranked or ranked[0][1] < LEAST or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


__all__ = ["language"]

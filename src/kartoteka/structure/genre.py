"""The genre of a document (telegram, memorandum, letter, report …) from the opening words of its
title: "Telegram From the Embassy in Iran …" is a telegram, "Memorandum of Conversation" a
memorandum of conversation, "ШИФРТЕЛЕГРАММА" a telegram. The words and what each names live in
``data/genres.csv``, each with its reason. Pure."""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.structure.wordlists import rows

OPENING_WORDS = 5  # a genre word stands among the title's first words ("National Intelligence Estimate")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(phrase as folded words, genre), longest phrase first."""
    out = {tuple(_WORD.findall(r["phrase"].casefold())): r["genre"] for r in rows("genres")}
    return tuple(sorted(out.items(), key=lambda x: -len(x[0])))


def genre(title: str | None) -> str | None:
    """The genre the title's opening words name (the first genre word, its longest listed phrase),
    or None when they name none."""
    if not title:
        return None
    words = _WORD.findall(title.casefold())
    for i in range(min(OPENING_WORDS, len(words))):
        for phrase, name in _phrases():
            if tuple(words[i:i + len(phrase)]) == phrase:
                return name
    return None


def genres() -> tuple[str, ...]:
    """Every genre the list names, sorted."""
    return tuple(sorted({name for _, name in _phrases()}))


__all__ = ["genre", "genres"]

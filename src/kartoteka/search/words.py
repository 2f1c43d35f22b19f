"""Words as the full-text index cuts them, for the server store to index what the embedded one does.

SQLite's FTS5 (``unicode61 remove_diacritics 2``) reads a text as runs of letters, digits and
private-use characters; everything else separates words; each word is lower-cased and loses
the diacritics of Latin letters ("Árbenz" → "arbenz", "Джавид" → "джавид"). PostgreSQL's own
parser cuts differently (a hyphenated compound, a dash between two words, a path or a host name
stays one token), so the server store indexes the words this module cuts, and a query's words
are cut the same way: one query finds the same documents in both stores.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LATIN_SUPPLEMENTS = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))  # Latin-1 to Latin Extended-B; Latin Extended Additional


@lru_cache(maxsize=65536)
def _fold(ch: str) -> str:
    """One character as a word holds it ("" for a mark the word drops)."""
    code = ord(ch)
    if code < 0x80:
        return ch.lower()
    cat = unicodedata.category(ch)
    if cat[0] == "M":
        return ""
    if any(lo <= code <= hi for lo, hi in _LATIN_SUPPLEMENTS):
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii():
            return base.lower()
    return ch.lower()


@lru_cache(maxsize=65536)
def _in_word(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum()
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or cat == "Co"


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, word as the index holds it), in order."""
    out: list[tuple[int, int, str]] = []
    word: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if _in_word(ch):
            if not word:
                start = i
            word.append(_fold(ch))
        elif word:
            if folded := "".join(word):
                out.append((start, i, folded))
            word = []
    if word and (folded := "".join(word)):
        out.append((start, len(text), folded))
    return out


def index_words(text: str) -> list[str]:
    """The words of ``text``, in order, as the full-text index holds them."""
    return [w for _, _, w in word_spans(text)]


__all__ = ["index_words", "word_spans"]

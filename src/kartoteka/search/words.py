"""Words as the full-text index cuts them, for the server store to index what the embedded one does.

SQLite's FTS5 (``unicode61 remove_diacritics 2``) reads a text as runs of letters, digits and
private-use characters; everything else separates words; each word is lower-cased and loses
the diacritics of Latin letters ("Árbenz" → "arbenz", "Джавид" → "джавид"). PostgreSQL's own
parser cuts differently (a hyphenated compound, a dash between two words, a path or a host name
stays one token), so the server store indexes the words this module cuts, and a query's words
are cut the same way: one query finds the same documents in both stores.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

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


@cache
def _word() -> re.Pattern[str]:
    """A run of word characters: letters, digits and the underscore (``\\w``; underscores are cut
    out after), marks, and private use. One character class: an alternation per character is
    thirty times slower."""
    ranges: list[list[int]] = []
    for c in range(0x80, 0x110000):
        cat = unicodedata.category(chr(c))
        if cat[0] == "M" or cat == "Co":
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    extra = "".join(re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "") for lo, hi in ranges)
    return re.compile(f"[\\w{extra}]+")


def _runs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _word().finditer(text):
        a, b = m.span()
        if "_" not in text[a:b]:
            out.append((a, b))
            continue
        for part in re.finditer(r"[^_]+", text[a:b]):
            out.append((a + part.start(), a + part.end()))
    return out


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as (start, end, word as the index holds it), in order."""
    out: list[tuple[int, int, str]] = []
    for a, b in _runs(text):
        w = text[a:b]
        if folded := (w.lower() if w.isascii() else "".join(map(_fold, w))):
            out.append((a, b, folded))
    return out


def index_words(text: str) -> list[str]:
    """The words of ``text``, in order, as the full-text index holds them."""
    words = _word().findall(text)
    if "_" in text:
        words = [part for w in words for part in w.split("_") if part]
    out = (w.lower() if w.isascii() else "".join(map(_fold, w)) for w in words)
    return [w for w in out if w]


__all__ = ["index_words", "word_spans"]

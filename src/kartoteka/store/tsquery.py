"""PostgreSQL's full-text values written by us: a document's tsvector and a query's tsquery as
literals of the words :mod:`kartoteka.search.words` cuts (as the embedded index cuts them), and
a search hit's snippet cut from the stored text. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kartoteka.search.query import And, Node, Or, Phrase, Term
from kartoteka.search.words import index_words, word_spans


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


# PostgreSQL keeps at most 256 positions of a lexeme in a tsvector and drops the rest, so a
# phrase with "of" past its 256th "of" in a long document would never match. A word's later
# positions go to lexemes of their own, "of#2" for the 257th to 512th, and so on ("#" is never
# in an index word); a phrase asks for any of them. Positions themselves end at 16383.
_POSITIONS_PER_LEXEME = 256
_BUCKETS = 16383 // _POSITIONS_PER_LEXEME + 1


def tsvector_text(text: str) -> str:
    """The tsvector literal of a text's words with their positions, as the embedded index cuts
    them: PostgreSQL's own parser never reads them (it would cut "90¼lat" or "x—y" otherwise).
    Words hold letters, digits and marks only, so none needs escaping."""
    at: dict[str, list[str]] = {}
    for n, word in enumerate(index_words(text), 1):
        at.setdefault(word, []).append(str(n))
    out = []
    for w, p in at.items():
        for b in range(0, len(p), _POSITIONS_PER_LEXEME):
            name = w if b == 0 else f"{w}#{b // _POSITIONS_PER_LEXEME + 1}"
            out.append(f"'{name}':{','.join(p[b:b + _POSITIONS_PER_LEXEME])}")
    return " ".join(out)


def _followed(words: list[str], prefix: bool = False) -> str:
    """Words one after the other, as the index cut them (a word it cuts in two is a phrase);
    in a phrase each word also stands for its later positions' lexemes (``tsvector_text``)."""
    lexemes = [_lexeme(w) for w in words] or ["''"]
    if prefix:
        lexemes[-1] += ":*"
    if len(lexemes) == 1:
        return lexemes[0]
    spread = [lx if lx.endswith(":*") else
              "(" + " | ".join([lx, *(_lexeme(f"{w}#{k}") for k in range(2, _BUCKETS + 1))]) + ")"
              for lx, w in zip(lexemes, words, strict=True)]
    return "(" + " <-> ".join(spread) + ")"


def compile_tsquery(node: Node) -> str:
    """A tsquery literal: every word cut and folded as the index holds it, and quoted
    as a lexeme, so no user text is syntax."""
    if isinstance(node, Term):
        return _followed(index_words(node.word), node.prefix)
    if isinstance(node, Phrase):
        return _followed([w for word in node.words for w in index_words(word)])
    if isinstance(node, And):
        return "(" + " & ".join(compile_tsquery(i) for i in node.items) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(compile_tsquery(i) for i in node.items) + ")"
    return f"({compile_tsquery(node.positive)} & !{compile_tsquery(node.negative)})"


_LEXEME = re.compile(r"'((?:[^']|'')*)'(:\*)?")


def lexemes(expression: str) -> tuple[tuple[str, bool], ...]:
    """The (word as indexed, is prefix) pairs of a compiled tsquery; negated ones never occur in a hit."""
    return tuple((m.group(1).replace("''", "'").replace("\\\\", "\\"), bool(m.group(2)))
                 for m in _LEXEME.finditer(expression))


def snippet(text: str, wanted: Sequence[tuple[str, bool]], open_: str, close: str, words: int) -> str:
    """The ``words``-word window of ``text`` with the most query words, those words wrapped in
    the markers, and an ellipsis where the text goes on (as FTS5's snippet())."""
    exact = {w for w, prefix in wanted if not prefix}
    prefixes = tuple(w for w, prefix in wanted if prefix)
    spans = word_spans(text)
    if not spans:
        return ""
    tokens = [(a, b) for a, b, _ in spans]
    hit = [w in exact or (bool(prefixes) and w.startswith(prefixes)) for _, _, w in spans]
    n = min(words, len(tokens))
    best, count = 0, sum(hit[:n])
    running = count
    for i in range(1, len(tokens) - n + 1):
        running += hit[i + n - 1] - hit[i - 1]
        if running > count:
            best, count = i, running
    inside = [k for k in range(best, best + n) if hit[k]]
    if inside:  # the matches in the middle of the window, as far as the text allows
        spare = n - (inside[-1] - inside[0] + 1)
        best = max(0, min(len(tokens) - n, inside[0] - (spare + 1) // 2))
    out: list[str] = ["…"] if best > 0 else []
    pos = tokens[best][0] if best > 0 else 0
    for k in range(best, best + n):
        a, b = tokens[k]
        out.append(text[pos:a])
        out.append(f"{open_}{text[a:b]}{close}" if hit[k] else text[a:b])
        pos = b
    if best + n < len(tokens):
        out.append("…")
    else:
        out.append(text[pos:])
    return "".join(out).strip()


__all__ = ["compile_tsquery", "lexemes", "snippet", "tsvector_text"]

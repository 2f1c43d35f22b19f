"""Mentions: a settled find made into the record's mention, its person's name cut free of the
clause words the model swept into it ("Meanwhile Calligeris", "Bissell Recd") and its title
kept apart, its spans holding the source's own characters."""

from __future__ import annotations

import re

from kartoteka.entities import context, shapes
from kartoteka.entities.finds import Find
from kartoteka.entities.lexicon import cues
from kartoteka.entities.titles import title_before
from kartoteka.model import Mention, MentionKind, Span

_P = MentionKind.PERSON
POSSESSIVE = re.compile(r"['’]s$")
_CLAUSE_WORDS = cues("clause", "clause-telegraphic", "clause-order")


def _clean_person(text: str, start: int, end: int) -> tuple[int, int]:
    """Without words the model swept into a name: "Meanwhile Calligeris", "Said Arbenz", "Bissell Recd"."""
    start += context.outline_marker(text, start) if start + 3 < end else 0
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while len(words) > 1 and (_not_name_word(text[words[0][0]:words[0][1]])
                              or shapes.strong_place(text[words[0][0]:words[0][1]])
                              # "ETA Givloch", "LINC Whiting": a code word or an office's letters
                              or re.fullmatch(r"[A-Z]{2,}", text[words[0][0]:words[0][1]]) is not None):
        words.pop(0)
    while len(words) > 1 and _not_name_word(text[words[-1][0]:words[-1][1]]):
        words.pop()
    inner = [i for i, (s, e) in enumerate(words[:-1]) if i > 0 and _not_name_word(text[s:e])]
    if inner:
        words = words[inner[-1] + 1:]
    # "A. Have Calligeris": an initial cut off from the name by a dropped word
    if len(words) > 1 and re.fullmatch(r"[A-Z]\.", text[words[0][0]:words[0][1]]) and \
            text[words[0][1]:words[1][0]].strip():
        words.pop(0)
    start, end = words[0][0], words[-1][1]
    m = POSSESSIVE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    return start, end


def _not_name_word(word: str) -> bool:
    w = word.strip(".,;:()")
    low = w.lower()
    return low in context.FUNCTION_WORDS or low in _CLAUSE_WORDS or (w[:1].isupper() and shapes.is_demonym(w))


def mention(source: str, text: str, f: Find) -> Mention:
    """The mention of a find made in ``text`` (``source`` with its case restored): its spans
    hold the source's own characters."""
    title: Span | None = None
    if f.kind is _P:
        start, end = _clean_person(text, f.start, f.end)
        f = Find(start, end, f.kind, f.method, f.rank, f.title)
    if f.title is not None:
        title = Span.of(source, *f.title)
    elif f.kind is _P:
        found = title_before(text, f.start)
        title = Span(found.start, found.end, source[found.start:found.end]) if found is not None else None
    return Mention(Span(f.start, f.end, source[f.start:f.end]), f.kind, None, title, f.method)


__all__ = ["POSSESSIVE", "mention"]

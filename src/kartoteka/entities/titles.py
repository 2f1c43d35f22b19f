"""Titles, ranks and offices written in front of a name ("Cde.", "General-Major", "Consul
General", "Prime Minister", "Doctor"): found so that they are kept apart from the name. The
titles themselves live in the name knowledge's ``names/data/titles.csv``, each with what it is
used for and why."""

from __future__ import annotations

import re

from kartoteka.model import Span
from kartoteka.names.titles import titles

# longest first inside the alternation, so "Prime Minister" wins over "Minister"
_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles("before-name"), key=lambda t: (-len(t), t)))
# one or more titles, each optionally with a full stop, directly before a name
TITLE_ALTERNATION = _ALT
_TITLE_RUN = re.compile(rf"(?:\b(?:{_ALT})\.?\s+)+$")
_TITLE_HEAD = re.compile(rf"^(?:(?:{_ALT})\.?\s+)+")
# rulers' titles that stand for the ruler alone ("the Shah", "the Ruler"): a role, no name
RULERS = titles("ruler-alone")
# a title that names a person by itself only with a name after it ("King" alone is a surname)
AMBIGUOUS_ALONE = titles("name-alone")
# titles only a person bears ("General Trujillo"), unlike an office a post may stand for
PERSONAL_TITLES = titles("person-only")
# abbreviated titles: a full stop after one ends no sentence ("Col. King", "Brig. Gen. Smith")
ABBREVIATIONS = titles("abbreviation")
# a title run that ends on an abbreviation ("Col", "Lt. Gen", "H.E"), whose full stop ends no sentence
_ABBREVIATED_END = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(
        ABBREVIATIONS | {t for t in titles("before-name") if "." in t}, key=lambda t: (-len(t), t))) + r")$")


def title_before(text: str, start: int) -> Span | None:
    """The title run that ends right before ``start`` on the same line, or None."""
    # the line's start within the window only: on a line of megabytes, a search back to its
    # start for every name grew with the square of the line
    window_start = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    m = _TITLE_RUN.search(text, window_start, start)
    if m is None:
        return None
    span = Span.of(text, m.start(), m.end())
    if span.text in AMBIGUOUS_ALONE and _sentence_start(text, span.start):
        return None
    written = span.text.rstrip()
    if written.endswith(".") and not _ABBREVIATED_END.search(written[:-1]):
        return None  # "to see the President. Dobrynin said": the full stop ends a sentence
    return span


def _sentence_start(text: str, pos: int) -> bool:
    i = pos  # past the blanks before ``pos``, without copying the text before it
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n"


def split_title(text: str, start: int, end: int) -> tuple[Span | None, int]:
    """A title run at the head of ``text[start:end]`` and where the name after it begins.

    The name must keep at least one word: "General" alone is not split into nothing.
    """
    m = _TITLE_HEAD.match(text[start:end])
    if m is None or start + m.end() >= end:
        return None, start
    return Span.of(text, start, start + m.end()), start + m.end()


def strip_title(name: str) -> str:
    """A name without the titles in front of it ("Colonel Carlos Castillo Armas" → "Carlos Castillo Armas")."""
    m = _TITLE_HEAD.match(name)
    if m is None or m.end() >= len(name):
        return name
    return name[m.end():].strip()


def is_title(words: str) -> bool:
    """Whether the words are titles and nothing else ("Ambassador", "Prime Minister")."""
    w = words.strip() + " "
    m = _TITLE_HEAD.match(w)
    return m is not None and m.end() == len(w)


__all__ = ["ABBREVIATIONS", "AMBIGUOUS_ALONE", "PERSONAL_TITLES", "RULERS", "TITLE_ALTERNATION", "is_title", "split_title",
           "strip_title", "title_before"]

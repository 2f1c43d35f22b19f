"""Places known by the list they stand in: names after a plural word for a kind of ground
("the provinces of Paktia, Kunar and Badakhshan", "the islands of Wolmi-do and Yonghung-do"),
which are places whether or not a gazetteer knows them; and a pair of names joined by "and" or
"or" whose other name is a place ("two brigades to Saqqez and Baneh")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kartoteka.entities.lexicon import alternation

_NAME = r"[A-Z][\w'’]*(?:-[\w'’]+)*(?:[ \t]+[A-Z][\w'’]*(?:-[\w'’]+)*)?"
# after a plural word for a kind of ground ("provinces", "islands")
_LIST = re.compile(rf"\b(?:{alternation('ground')})[ \t]+of[ \t]+"
                   rf"({_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:,?[ \t]+(?:and|or)[ \t]+{_NAME}))")


def listed_grounds(text: str) -> Iterator[tuple[int, int]]:
    """The span of each name in such a list (of two names or more)."""
    for m in _LIST.finditer(text):
        for part in re.finditer(_NAME, m.group(1)):
            if part.group() not in ("and", "or"):
                yield m.start(1) + part.start(), m.start(1) + part.end()


# "and", "or", a comma, with a bracketed gloss of the first name before it ("Inchon [Incheon] and"),
# or after the gloss itself, read as a name of its own
_JOIN = re.compile(r"(?:[ \t]*\[[^\]\n]{1,40}\]|\])?[ \t]*(?:,[ \t]*)?(?:and|or)[ \t]+")


def paired(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two names stand as a pair joined by "and" or "or" (with a gloss between)."""
    return first[1] <= second[0] and _JOIN.fullmatch(text, first[1], second[0]) is not None


__all__ = ["listed_grounds", "paired"]

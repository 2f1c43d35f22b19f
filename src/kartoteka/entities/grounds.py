"""Places named in a list after a plural word for a kind of ground: "the provinces of Paktia,
Kunar and Badakhshan", "the islands of Wolmi-do and Yonghung-do". Such a list names places,
whether or not a gazetteer knows them."""

from __future__ import annotations

import re
from collections.abc import Iterator

_GROUND = ("provinces", "regions", "districts", "islands", "towns", "villages", "cities", "oblasts", "ostans",
           "departments", "republics", "ports", "valleys", "rivers")
_NAME = r"[A-Z][\w'’]*(?:-[\w'’]+)*(?:[ \t]+[A-Z][\w'’]*(?:-[\w'’]+)*)?"
_LIST = re.compile(rf"\b(?:{'|'.join(_GROUND)})[ \t]+of[ \t]+"
                   rf"({_NAME}(?:[ \t]*,[ \t]*{_NAME})*(?:,?[ \t]+(?:and|or)[ \t]+{_NAME}))")


def listed_grounds(text: str) -> Iterator[tuple[int, int]]:
    """The span of each name in such a list (of two names or more)."""
    for m in _LIST.finditer(text):
        for part in re.finditer(_NAME, m.group(1)):
            if part.group() not in ("and", "or"):
                yield m.start(1) + part.start(), m.start(1) + part.end()


__all__ = ["listed_grounds"]

"""Brackets: where each square bracket of a transcription opens and closes, nested ones included.

A bracket may hold another ("[handwritten: agreed [[illegible]]]") and a stamp or a handwritten
note may run over several lines, blank ones included ("[CPSU CC stamp:\\n\\n21 December 1976 …]").
Any other bracket ends at a blank line: an unclosed "[" is a typing slip, not a mark. Offsets
are the source's own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_MAX_BRACKET = 4000
# what opens a bracket that may run over blank lines: a stamp, a seal, a hand, a letterhead
_SPANNING = re.compile(
    r"\[\s*(?:[\w.()’'-]+\s+){0,4}?(?:stamp|seal|handwrit\w*|hand-writ\w*|in\s+the\s+margin|letterhead|resolution|"
    r"штамп|печать|резолюция|пометка)\b[^\]\n]*:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Bracket:
    """``start``/``end`` cover the brackets themselves; ``depth`` 0 is outermost."""

    start: int
    end: int
    depth: int


def _blank_line_at(text: str, j: int) -> bool:
    return text[j] == "\n" and text[j + 1:j + 3].lstrip(" \t")[:1] in ("\n", "\r")


class _Pairs:
    """Every "[" with the "]" that balances it (the latest open one a "]" meets), found in one
    pass, and the blank lines between: time grows with the text, however many stay open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.opens: list[int] = []
        self.partner: dict[int, int] = {}
        self.blanks: list[int] = []
        stack: list[int] = []
        for m in _EVENT.finditer(text):
            j = m.start()
            if text[j] == "[":
                self.opens.append(j)
                stack.append(j)
            elif text[j] == "]":
                if stack:
                    self.partner[stack.pop()] = j + 1
            elif _blank_line_at(text, j):
                self.blanks.append(j)

    def close(self, i: int) -> int:
        """Where the bracket opening at ``i`` closes (past its "]"), or -1: unbalanced, longer
        than ``_MAX_BRACKET``, or over a blank line where it is no stamp or note that may span."""
        end = self.partner.get(i, -1)
        if end < 0 or end - i > _MAX_BRACKET:
            return -1
        k = bisect_left(self.blanks, i)
        if k < len(self.blanks) and self.blanks[k] < end:
            eol = self.text.find("\n", i)
            if not _SPANNING.match(self.text, i, eol if eol >= 0 else len(self.text)):
                return -1
        return end

    def within(self, lo: int, hi: int, depth: int) -> list[Bracket]:
        out: list[Bracket] = []
        k = bisect_left(self.opens, lo)
        while k < len(self.opens) and self.opens[k] < hi:
            i = self.opens[k]
            end = self.close(i)
            if end < 0 or end > hi:
                k += 1
                continue
            out.append(Bracket(i, end, depth))
            out.extend(self.within(i + 1, end - 1, depth + 1))
            k = bisect_left(self.opens, end, k)
        return out


_EVENT = re.compile(r"[\[\]\n]")


def find_brackets(text: str) -> list[Bracket]:
    """Every balanced bracket pair, outer before inner, in order of opening."""
    return _Pairs(text).within(0, len(text), 0)


__all__ = ["Bracket", "find_brackets"]

"""Brackets: where each square bracket of a transcription opens and closes, nested ones included.

A bracket may hold another ("[handwritten: agreed [[illegible]]]") and a stamp or a handwritten
note may run over several lines, blank ones included ("[CPSU CC stamp:\\n\\n21 December 1976 …]").
Any other bracket ends at a blank line: an unclosed "[" is a typing slip, not a mark. Offsets
are the source's own.
"""

from __future__ import annotations

import re
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


def _close(text: str, i: int) -> int:
    """Where the bracket opening at ``i`` closes (past its "]"), or -1."""
    depth, j = 0, i
    limit = min(len(text), i + _MAX_BRACKET)
    eol = text.find("\n", i)
    spanning = bool(_SPANNING.match(text, i, eol if eol >= 0 else len(text)))
    while j < limit:
        ch = text[j]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        elif _blank_line_at(text, j) and not spanning:
            return -1
        j += 1
    return -1


def find_brackets(text: str) -> list[Bracket]:
    """Every balanced bracket pair, outer before inner, in order of opening."""
    out: list[Bracket] = []
    i = 0
    while (i := text.find("[", i)) >= 0:
        end = _close(text, i)
        if end < 0:
            i += 1
            continue
        out.append(Bracket(i, end, 0))
        out.extend(Bracket(b.start, b.end, b.depth + 1) for b in _inner(text, i + 1, end - 1))
        i = end
    return out


def _inner(text: str, start: int, end: int) -> list[Bracket]:
    return [Bracket(b.start + start, b.end + start, b.depth) for b in find_brackets(text[start:end])]


__all__ = ["Bracket", "find_brackets"]

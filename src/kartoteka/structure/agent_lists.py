"""Lists of agents as a text writes them: a list of names ("Cde. Molotov, Cde. Beria and Cde.
Bagirov", a copy list's "1. Comrade Rákosi", "Stalin (2)"), one side of a heading, and the pieces
of a stretch between separators outside brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kartoteka.model import Agent, AgentKind
from kartoteka.structure.agents import agent_of

_LIST_SEP = r"\s*(?:,(?!\s*(?:Jr|Sr)\b)|;|\band\b|&)\s*"


def split_points(text: str, start: int, end: int, pattern: str) -> Iterator[tuple[int, int]]:
    """Pieces of ``[start, end)`` between matches of ``pattern`` outside brackets."""
    depth = 0
    piece = start
    i = start
    rx = re.compile(pattern)
    while i < end:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0:
            m = rx.match(text, i, end)
            if m and m.end() > i:
                yield piece, i
                piece = i = m.end()
                continue
        i += 1
    yield piece, end


# what a copy list writes around a name: its number in the list ("1. Comrade Rákosi"), the copies
# it gets ("Stalin (2)", "Stalin - 2"), how it went ("Bagirov (by VCh)"), which points ("- all points")
_ITEM_NUMBER = re.compile(r"\s*\d{1,2}[.)]\s+")
_ITEM_TAIL = re.compile(r"\s*(?:\((?:\d+|[^)]*[a-zа-я\d][^)]*)\)|[-–—]\s*(?:\d+|[a-zа-я][^,;]*))\s*$")


def _list_item(text: str, start: int, end: int) -> tuple[int, int]:
    """A copy list's item without its number, copy count or routing note."""
    m = _ITEM_NUMBER.match(text, start, end)
    if m:
        start = m.end()
    while (t := _ITEM_TAIL.search(text, start, end)) is not None and t.start() > start:
        end = t.start()
    return start, end


def agents_in_list(text: str, start: int, end: int) -> tuple[Agent, ...]:
    """Agents of a written list: "Cde. Molotov, Cde. Beria and Cde. Bagirov", "Cdes. Stalin, Molotov",
    a copy list's "1. Comrade Rákosi", "Stalin (2)", "Stalin - 2", "Bagirov (by VCh)"."""
    out: list[Agent] = []
    for ps, pe in split_points(text, start, end, _LIST_SEP):
        ps, pe = _list_item(text, ps, pe)
        a = agent_of(text, ps, pe)
        if a is not None:
            out.append(a)
    return tuple(out)


def agents_in_heading_part(text: str, start: int, end: int) -> tuple[Agent, ...]:
    """The agents of one side of a heading ("… (Wisner) and the Acting Deputy Director …").

    Commas stay inside one agent here ("Chief of the WH Division, Central Intelligence Agency
    (King)"); "and" separates agents only where the next part reads as another agent."""
    # "Stalin, Molotov, Beria, and Malenkov", "Bagirov and Maslennikov": a list of plain names
    pieces = [(ps, pe) for ps, pe in split_points(text, start, end, _LIST_SEP)
              if text[ps:pe].strip() and not re.fullmatch(r"\s*[A-ZА-Я]\.\s*", text[ps:pe])]
    named = [a for a in (agent_of(text, ps, pe) for ps, pe in pieces) if a is not None]
    if len(named) >= 2 and len(named) == len(pieces) and all(
        a.kind is AgentKind.PERSON and a.office is None for a in named
    ):
        return tuple(named)
    pieces = []
    for ps, pe in split_points(text, start, end, r"\s+(?:and|for)\s+(?=the\s|The\s|Director|Secretary|President|"
                                r"[A-Z][a-z]+\s+[A-Z]\.|Cdes?\.|Mr\.|Colonel|General)"):
        pieces.append((ps, pe))
    out: list[Agent] = []
    for ps, pe in pieces:
        a = agent_of(text, ps, pe)
        if a is not None:
            out.append(a)
    return tuple(out)


__all__ = ["agents_in_heading_part", "agents_in_list", "split_points"]

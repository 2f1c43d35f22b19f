"""Relay lines under a text: who passed it on, and when ("7 December 46   Kuliyev", "Kuliyev   29
April 1946"), and a signature dated on its own line ("M. Bagirov, 9 May 1946")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.model import Agent, AgentKind, DateValue
from kartoteka.structure.agents import agent_of
from kartoteka.structure.dateline import date_shapes, dates_in, rest_is_time
from kartoteka.structure.placenames import is_place
from kartoteka.structure.zones import Line


@dataclass(frozen=True, slots=True)
class Relay:
    """A relay line: who passed the text on, and when ("7 December 46   Kuliyev")."""

    agent: Agent
    date: DateValue | None
    line: int


def relay_of(source: str, ln: Line, dates: tuple[DateValue, ...]) -> Relay | None:
    """A date at the head of the line and a name after it, or a name and then, set apart by a
    wide gap, a date closing the line ("Kuliyev   29 April 1946")."""
    return _date_then_name(source, ln, dates) or _name_then_date(source, ln, dates, _WIDE_GAP)


def dated_name(source: str, ln: Line, dates: tuple[DateValue, ...]) -> Relay | None:
    """A signature dated on its own line: "M. Bagirov, 9 May 1946". A single word before the
    comma reads as a place ("Mahabad, 2 February 1946"): a name needs its initials or forename."""
    r = _name_then_date(source, ln, dates, _NEAR_GAP)
    return r if r is not None and len(r.agent.span.text.split()) >= 2 else None


_WIDE_GAP = re.compile(r"(?:\s{2,}|\t)$")
_NEAR_GAP = re.compile(r"(?:\s*[,;—–]\s*|\s+-\s+)$")


def _name_then_date(source: str, ln: Line, dates: tuple[DateValue, ...], gaps: re.Pattern[str]) -> Relay | None:
    found = dates_in(ln, dates)
    if found:
        d: DateValue | None = found[-1]
        at, after = found[-1].span.start, found[-1].span.end
    else:
        shapes = date_shapes(ln)
        if not shapes:
            return None
        d, at, after = None, ln.start + shapes[-1][0], ln.start + shapes[-1][1]
    if not rest_is_time(source[after:ln.end]):
        return None
    # the name and the date stand apart: a wide gap, or a comma or dash between them
    gap = gaps.search(source[ln.start:at])
    if gap is None or not source[ln.start:at][: gap.start()].strip():
        return None
    a = agent_of(source, ln.start, ln.start + gap.start())
    if a is None or a.kind is not AgentKind.PERSON or a.span.start - ln.start > len(ln.text) - len(ln.text.lstrip()):
        return None
    if is_place(a.span.text):
        return None  # "Tehran, 9 May 1946" is a dateline
    return Relay(a, d, ln.index)


def _date_then_name(source: str, ln: Line, dates: tuple[DateValue, ...]) -> Relay | None:
    found = dates_in(ln, dates)
    if found and found[0].span.start - ln.start <= len(ln.text) - len(ln.text.lstrip()):
        d: DateValue | None = found[0]
        cut = found[0].span.end
    else:
        shapes = date_shapes(ln)
        if not shapes or ln.text[: shapes[0][0]].strip():
            return None
        d, cut = None, ln.start + shapes[0][1]
    rest = source[cut:ln.end]
    if not rest.strip() or not re.match(r"^[\s,;:—–-]+", rest):
        return None
    a = agent_of(source, cut, ln.end)
    if a is None or a.kind is not AgentKind.PERSON:
        return None
    return Relay(a, d, ln.index)


__all__ = ["Relay", "dated_name", "relay_of"]

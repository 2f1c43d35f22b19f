"""Letterheads: the office a Soviet-bloc paper is printed for, in capitals at its head.

"CHAIRMAN / OF THE COUNCIL OF MINISTERS / OF THE UNION OF SOVIET SOCIALIST REPUBLICS": the office
the writer wrote in, a sender beside the one who signs; its lines are read together.
"""

from __future__ import annotations

import re

from kartoteka.model import Agent, AgentKind, Span
from kartoteka.structure.agents import OFFICE_HEAD, agent_of
from kartoteka.structure.heading import is_caps_heading
from kartoteka.structure.zones import Zones


def letterhead_office(source: str, zs: Zones, skip: frozenset[int]) -> Agent | None:
    """An office printed as the paper's letterhead, in capitals, over one or more lines
    ("CHAIRMAN / OF THE COUNCIL OF MINISTERS / OF THE UNION OF SOVIET SOCIALIST REPUBLICS"):
    the office the writer wrote in."""
    lines = [ln for ln in zs.heading if ln.index not in skip]
    for n, ln in enumerate(lines):
        if not is_caps_heading(ln.text) or not re.match(rf"(?:{OFFICE_HEAD})(?:\s|$)", ln.stripped.title()):
            continue
        end = ln
        for nxt in lines[n + 1:]:
            if nxt.index != end.index + 1 or not is_caps_heading(nxt.text) or not re.match(r"\s*OF\b", nxt.text):
                break
            end = nxt
        a = agent_of(source, ln.start, end.end)
        if a is not None and a.kind is not AgentKind.PERSON:
            return Agent(Span.of(source, ln.start, end.end), AgentKind.OFFICE)
    return None


__all__ = ["letterhead_office"]

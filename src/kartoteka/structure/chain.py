"""The transmission chain, oldest step first: who authored, sent, relayed, forwarded and received.

Steps come from the closings (the first signature in time authored the text, later ones
forwarded it), relay lines (transmitted), and the service lines of ciphered telegrams
("Sent 23:40 14.XI.1945", "Received …", "Deciphered …"). They are ordered by their dates; a
step without a date keeps its place after the step written above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.model import Action, Agent, AgentKind, ChainStep, DateValue, Span
from kartoteka.structure.agents import agent_of
from kartoteka.structure.dateline import dates_in
from kartoteka.structure.signatures import Closings
from kartoteka.structure.zones import LineKind, Zones

_SERVICE = re.compile(
    r"^\s*\[?(?P<act>Sent|Dispatched|Despatched|Transmitted|Received|Deciphered|Decoded|Decrypted|Arrived|Delivered|"
    r"Typed|Copied)\b(?!\s+(?:to|by)\s*:)",
    re.IGNORECASE,
)
_ACTION = {
    "sent": Action.SENT, "dispatched": Action.SENT, "despatched": Action.SENT, "transmitted": Action.TRANSMITTED,
    "received": Action.RECEIVED, "arrived": Action.RECEIVED, "delivered": Action.RECEIVED,
    "deciphered": Action.RECEIVED, "decoded": Action.RECEIVED, "decrypted": Action.RECEIVED,
}
_CLOCK = re.compile(r"\b(?:by|at|on)\b|\d{1,2}[:.]\d{2}(?:\s*hrs?\.?)?|\d{3,4}\s*Z?\b", re.IGNORECASE)
_RECEIVED_NOTE = re.compile(r"(?<=\S)\s*\[Received\b[^\]]*\]", re.IGNORECASE)
_WIRE = re.compile(r"\b(?:Telegram|Cable|Airgram|Circular|Cipher|Ciphered|Radiogram|Message)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Event:
    line: int
    step: ChainStep
    block: bool = False


@dataclass(frozen=True, slots=True)
class ServiceLine:
    """A telegram's service line: what was done, when, and by whom when the line names them."""

    line: int
    action: Action
    date: DateValue | None
    agent: Agent | None = None


def service_lines(source: str, zs: Zones, dates: tuple[DateValue, ...]) -> list[ServiceLine]:
    """The sent/received/deciphered lines of a telegram ("Sent 23:40 14.XI.1945", "Deciphered by
    Ivanov 04:30 15.XI.1945"), with the date each carries."""
    out: list[ServiceLine] = []
    for ln in zs.lines[: zs.closing_end]:
        # 1948 datelines carry the receipt in brackets: "Tehran, December 9, 1946—5 p. m. [Received …]"
        got = _RECEIVED_NOTE.search(ln.text) if ln in zs.heading else None
        if got is not None:
            inside = [d for d in dates_in(ln, dates) if d.span.start >= ln.start + got.start()]
            out.append(ServiceLine(ln.index, Action.RECEIVED, inside[0] if inside else None))
            continue
        if zs.kinds[ln.index] is not LineKind.SHORT:
            continue
        m = _SERVICE.match(ln.text)
        if not m or m.group("act").lower() not in _ACTION:
            continue
        found = dates_in(ln, dates)
        # "Sent Department 603, Department pass London 158" is a routing note, not a service line
        if found or re.search(r"\d{1,2}[:.]\d{2}", ln.text):
            out.append(ServiceLine(ln.index, _ACTION[m.group("act").lower()], found[0] if found else None,
                                   _service_agent(source, ln.start + m.end(), ln.end, found)))
    return out


def _service_agent(source: str, start: int, end: int, found: list[DateValue]) -> Agent | None:
    """The clerk a service line names once its date, time and "by" are set aside."""
    rest = list(source[start:end])
    for d in found:
        for i in range(max(d.span.start, start), min(d.span.end, end)):
            rest[i - start] = " "
    cleaned = "".join(rest)
    for m in _CLOCK.finditer(cleaned):
        cleaned = cleaned[: m.start()] + " " * (m.end() - m.start()) + cleaned[m.end():]
    words = re.search(r"[A-ZА-Я][^\d]*[^\s\d.,;:]", cleaned)
    if words is None:
        return None
    a = agent_of(source, start + words.start(), start + words.end())
    if a is None or a.kind is not AgentKind.PERSON or re.fullmatch(r"[IVXLC]+", a.span.text):
        return None  # a Roman month the dates stage did not read is no clerk
    return a


def _ordered(events: list[_Event]) -> list[_Event]:
    keyed = []
    key = ""
    for n, ev in enumerate(sorted(events, key=lambda e: e.line)):
        if ev.step.date is not None:
            key = ev.step.date.not_before
        keyed.append((key, n, ev))
    return [ev for _, _, ev in sorted(keyed, key=lambda t: (t[0], t[1]))]


def build_chain(
    source: str,
    zs: Zones,
    dates: tuple[DateValue, ...],
    closings: Closings,
    senders: tuple[Agent, ...],
    date: DateValue | None,
    place: Span | None,
    title: Span | None,
) -> tuple[ChainStep, ...]:
    service = service_lines(source, zs, dates)
    events: list[_Event] = []
    blocks = list(closings.blocks)
    has_sent = any(sv.action is Action.SENT for sv in service)
    authors = blocks[0].agents if blocks else senders
    for sv in service:
        sent = sv.action is Action.SENT
        agents = (sv.agent,) if sv.agent is not None else authors if sent else ()
        events.append(_Event(sv.line, ChainStep(sv.action, agents, sv.date, place if sent else None)))
    if has_sent:
        blocks = blocks[1:]
    for n, b in enumerate(blocks):
        # the outermost signature, undated, carries the document's own date
        when = b.date if b.date is not None or n < len(blocks) - 1 else date
        events.append(_Event(b.line, ChainStep(Action.AUTHORED, b.agents, when, None), block=True))
    for r in closings.relays:
        events.append(_Event(r.line, ChainStep(Action.TRANSMITTED, (r.agent,), r.date, None)))
    if not events and senders:
        act = Action.SENT if title is not None and _WIRE.search(title.text) else Action.AUTHORED
        return (ChainStep(act, senders, date, place),)
    ordered = _ordered(events)
    block_steps = [n for n, ev in enumerate(ordered) if ev.block]
    out: list[ChainStep] = []
    for n, ev in enumerate(ordered):
        step = ev.step
        if ev.block:
            first = n == block_steps[0]
            last = n == block_steps[-1]
            action = Action.AUTHORED if first and not has_sent else Action.FORWARDED
            when = step.date if step.date is not None or not last else date
            where = place if first and not has_sent else None
            step = ChainStep(action, step.agents, when, where)
        out.append(step)
    return tuple(out)


__all__ = ["ServiceLine", "build_chain", "service_lines"]

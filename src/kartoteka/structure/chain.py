"""The transmission chain, oldest step first: who authored, sent, relayed, forwarded and received.

Steps come from the closings (the first signature in time authored the text, later ones
forwarded it), relay lines (transmitted), and the service lines of ciphered telegrams
("Sent 23:40 14.XI.1945", "Received …", "Deciphered …"), and, for FRUS telegrams, the editors'
source note or a routing line ("Received at 11:47 a.m.", "Repeated to London", "Passed to the
White House"). They are ordered by their dates; a step without a date keeps its place after the
step written above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kartoteka.model import Action, Agent, AgentKind, ChainStep, DateValue, Span
from kartoteka.structure.agent_lists import split_points
from kartoteka.structure.agents import agent_of
from kartoteka.structure.dateline import dates_in
from kartoteka.structure.signatures import Closings, SignatureBlock
from kartoteka.structure.zones import Line, LineKind, Zones

# "Sent 23:40 14.XI.1945", "From Pyongyang. Sent 14.9.50 03:20", "Отправлена 9.XII.46 г. 02 ч. 40 м.",
# "Sent to the 8th Department … 14.9 10:45" (passed on after deciphering), "By telegraph"
_SERVICE = re.compile(
    r"^\s*\[?(?:(?:From|FROM|Из|ИЗ)\s+[^.\n]{1,40}\.\s+)?"
    r"(?P<act>Sent|Dispatched|Despatched|Transmitted|Received|Deciphered|Decoded|Decrypted|Arrived|Delivered|"
    r"Typed|Copied|By|Отправлен[аоы]?|Получен[аоы]?|Расшифрован[аоы]?|Передан[аоы]?)\b(?!\s+(?:to|by)\s*:)",
    re.IGNORECASE,
)
_BY_WIRE = re.compile(r"(?i)\s*(?:by\s+)?(?:telegraph|telegram|cable|radio|VCh|HF|courier|pouch|teletype|wire)\b")
_ONWARD = re.compile(r"(?i)\s+to\s+(?=\S)")
_ACTION = {
    "sent": Action.SENT, "dispatched": Action.SENT, "despatched": Action.SENT, "transmitted": Action.TRANSMITTED,
    "received": Action.RECEIVED, "arrived": Action.RECEIVED, "delivered": Action.RECEIVED,
    "deciphered": Action.RECEIVED, "decoded": Action.RECEIVED, "decrypted": Action.RECEIVED, "by": Action.SENT,
    "отправлен": Action.SENT, "получен": Action.RECEIVED, "расшифрован": Action.RECEIVED, "передан": Action.TRANSMITTED,
}
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)|\b\d{1,2}\s*ч\.?\s*\d{1,2}\s*м(?:ин)?\.?")
_CLOCK = re.compile(r"\b(?:by|at|on)\b|\d{1,2}[:.]\d{2}(?:\s*hrs?\.?)?|\d{3,4}\s*Z?\b", re.IGNORECASE)
_RECEIVED_NOTE = re.compile(r"(?<=\S)\s*\[Received\b[^\]]*\]", re.IGNORECASE)
# the editors' source note of a FRUS telegram: "Received at 11:47 a.m.", "Received January 1,
# 3:15 a.m.", "Repeated niact to Cairo, Amman, London, and Paris"; a 1948 routing line "Sent
# Department 112, repeated Tehran 88"
_NOTE_RECEIVED = re.compile(r"\bReceived\b(?!\s+(?:from|by\s+the\s+Department\s+as|in\s+the\s+Department\s+as)\b)")
_REPEATED = re.compile(
    r"\b(?:[Rr]epeated|[Pp]assed|[Rr]elayed)\s+(?:(?:niact|priority|immediate|info(?:rmation)?|for\s+information|as\s+\w+\s+\d+|"
    r"by\s+(?:pouch|air\s*gram|airgram))\s+)*(?:to\s+)?(?=[A-Z\[]|the\s)",
)
_SENTENCE_STOP = re.compile(r"\.(?=\s+[A-Z(\[]|\s*$)|;")
_WIRE_NUMBER = re.compile(r"\s+(?:as\s+)?(?:\d[\w/–-]*|unnumbered)\s*$", re.IGNORECASE)
_POST = re.compile(r"(?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*|de|of|the|in|am|on))*|\[[^\]]*\]")
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
    agents: tuple[Agent, ...] = ()
    time: Span | None = None


# compiled once: these are asked for every name and line of a document
_SENT_TO_DEPARTMENT = re.compile(r"^\s*Sent\s+(?:to\s+)?(?:the\s+)?Department\b")


def service_lines(source: str, zs: Zones, dates: tuple[DateValue, ...]) -> list[ServiceLine]:
    """The sent/received/deciphered lines of a telegram ("Sent 23:40 14.XI.1945", "Deciphered by
    Ivanov 04:30 15.XI.1945"), with the date each carries."""
    out: list[ServiceLine] = []
    heading = {h.index for h in zs.heading}
    for ln in zs.lines[: zs.closing_end]:
        # 1948 datelines carry the receipt in brackets: "Tehran, December 9, 1946—5 p. m. [Received …]"
        got = _RECEIVED_NOTE.search(ln.text) if ln.index in heading else None
        if got is not None:
            inside = [d for d in dates_in(ln, dates) if d.span.start >= ln.start + got.start()]
            out.append(ServiceLine(ln.index, Action.RECEIVED, inside[0] if inside else None))
            continue
        # "Отправлена 9.XII.46 г. 02 ч. 40 м." has the words and the full stop of a sentence
        if zs.kinds[ln.index] is not LineKind.SHORT and not (zs.kinds[ln.index] is LineKind.PROSE and ln.words <= 10):
            continue
        m = _SERVICE.match(ln.text)
        act = _act(m.group("act")) if m else None
        if m is None or act is None:
            continue
        found = dates_in(ln, dates)
        wired = _BY_WIRE.match(ln.text, m.end() if m.group("act").lower() != "by" else m.start("act"))
        if m.group("act").lower() == "by" and not wired:
            continue
        # "Sent Department 603, Department pass London 158" is a routing note, not a service line
        if found or re.search(r"\d{1,2}[:.]\d{2}", ln.text) or wired:
            out.append(_service(source, ln, m, act, found))
    return out


def clock_after(source: str, date: Span) -> Span | None:
    """The clock time written after a date on its line ("14.9.50 03:20", "9.XII.46 г. 02 ч. 40 м.")."""
    end = source.find("\n", date.end)
    clock = _TIME.search(source, date.end, len(source) if end < 0 else end)
    return Span.of(source, clock.start(), clock.end()) if clock else None


def _act(word: str) -> Action | None:
    w = word.lower()
    return _ACTION.get(w) or next((a for k, a in _ACTION.items() if len(k) > 6 and w.startswith(k)), None)


def _service(source: str, ln: Line, m: re.Match[str], act: Action, found: list[DateValue]) -> ServiceLine:
    """One service line: "Sent to the 8th Department …" passes the deciphered text on to that
    office; the clock time beside the date is kept."""
    time = clock_after(source, found[0].span) if found else None
    onward = _ONWARD.match(ln.text, m.end()) if act is Action.SENT else None
    if onward is not None:
        stop = found[0].span.start if found else ln.end
        office = agent_of(source, ln.start + onward.end(), stop)
        return ServiceLine(ln.index, Action.TRANSMITTED, found[0] if found else None,
                           agents=(office,) if office is not None else (), time=time)
    return ServiceLine(ln.index, act, found[0] if found else None,
                       _service_agent(source, ln.start + m.end(), ln.end, found), time=time)


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


def _signer_below(source: str, zs: Zones, closings: Closings, line: int) -> tuple[Agent, ...]:
    """Who signed the telegram a "Sent" line heads: the first signature or relay line below it,
    passing over a letter quoted in it."""
    at = zs.lines[line].end
    below = sorted([(b.line, b.agents) for b in closings.blocks if b.line > line]
                   + [(r.line, (r.agent,)) for r in closings.relays if r.line > line])
    for n, agents in below:
        between = source[at:zs.lines[n].start]
        if (between.count('"') + between.count("“") + between.count("”")) % 2 == 0:
            return agents
    return ()


def _sentence(text: str, start: int, end: int) -> int:
    """Where the sentence running from ``start`` stops (before ``end``)."""
    m = _SENTENCE_STOP.search(text, start, end)
    return m.start() if m else end


def _destinations(source: str, start: int, end: int) -> tuple[Agent, ...]:
    """The posts and offices a telegram was repeated to: "Cairo, Amman, London, and Paris",
    "the Director of Central Intelligence", "Tehran 88" (its number there set aside). A post is
    named by its city, so a bare place stands for the organisation there."""
    out: list[Agent] = []
    for ps, pe in split_points(source, start, end, r"\s*(?:,|\band\b)\s*"):
        hour = re.search(r"\s+(?:at|on)\s+\d", source[ps:pe])
        if hour:
            pe = ps + hour.start()  # "the White House at 3 a.m.": the time is no part of the post
        m = _WIRE_NUMBER.search(source, ps, pe)
        if m and m.start() > ps:
            pe = m.start()
        a = agent_of(source, ps, pe)
        if a is not None and a.kind is not AgentKind.PERSON:
            out.append(a)
            continue
        piece = source[ps:pe].strip()
        if piece and _POST.fullmatch(piece) and len(piece.split()) <= 4:
            at = ps + source[ps:pe].index(piece)
            out.append(Agent(Span.of(source, at, at + len(piece)), AgentKind.ORGANIZATION))
    return tuple(out)


def note_steps(source: str, zs: Zones, dates: tuple[DateValue, ...], date: DateValue | None) -> list[ServiceLine]:
    """Receipt and repetition as the editors' source note or a routing line tells them.

    A receipt without a day of its own ("Received at 11:47 a.m.") is on the dateline's day, as
    FRUS writes it; a repetition went out with the telegram, on its date."""
    out: list[ServiceLine] = []
    for ln in zs.lines:
        kind = zs.kinds[ln.index]
        note = kind is LineKind.APPARATUS and ln.index >= zs.closing_end and "Source:" in ln.text[:12]
        routing = kind in (LineKind.SHORT, LineKind.PROSE) and _SENT_TO_DEPARTMENT.match(ln.text) and ln.words <= 16
        if not (note or routing):
            continue
        events: list[tuple[int, ServiceLine]] = []
        for m in _NOTE_RECEIVED.finditer(source, ln.start, ln.end) if note else ():
            stop = _sentence(source, m.end(), ln.end)
            inside = [d for d in dates if m.end() <= d.span.start < stop]
            events.append((m.start(), ServiceLine(ln.index, Action.RECEIVED, inside[0] if inside else date)))
        for m in _REPEATED.finditer(source, ln.start, ln.end):
            agents = _destinations(source, m.end(), _sentence(source, m.end(), ln.end))
            # passed on after receipt: on the day it was received
            got = [sv.date for at, sv in events if at < m.start() and sv.action is Action.RECEIVED]
            when = got[-1] if got and m.group().lower().startswith("passed") else date
            if agents:
                events.append((m.start(), ServiceLine(ln.index, Action.TRANSMITTED, when, agents=agents)))
        out.extend(sv for _, sv in sorted(events, key=lambda t: t[0]))
    return out


def _ordered(events: list[_Event]) -> list[_Event]:
    keyed = []
    key = ""
    for n, ev in enumerate(sorted(events, key=lambda e: e.line)):
        if ev.step.date is not None:
            key = ev.step.date.not_before
        keyed.append((key, n, ev))
    return [ev for _, _, ev in sorted(keyed, key=lambda t: (t[0], t[1]))]


def _cosigned(blocks: list[SignatureBlock]) -> list[SignatureBlock]:
    """Signatures one under another (at most one line between, e.g. "[Andropov's signature]"),
    the upper one undated, are one act of co-signing: one block, not an author and forwarders."""
    out: list[SignatureBlock] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.date is None and b.line - max(prev.line, prev.last) <= 2:
            out[-1] = replace(prev, agents=prev.agents + b.agents, date=b.date, last=max(b.line, b.last),
                              signed=prev.signed or b.signed)
        else:
            out.append(b)
    return out


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
    # an approval or a copy's authentication is a signing, not a step that authored or forwarded
    blocks = _cosigned([b for b in closings.blocks if not all(a.role for a in b.agents)])
    for b in closings.blocks:
        if all(a.role for a in b.agents):
            events.append(_Event(b.line, ChainStep(Action.SIGNED, b.agents, b.date, None)))
    has_sent = any(sv.action is Action.SENT for sv in service)
    authors = blocks[0].agents if blocks else senders
    for sv in service:
        sent = sv.action is Action.SENT
        agents = (sv.agent,) if sv.agent is not None else sv.agents or (
            _signer_below(source, zs, closings, sv.line) or authors if sent else ())
        events.append(_Event(sv.line, ChainStep(sv.action, agents, sv.date, place if sent else None, sv.time)))
    if has_sent:
        blocks = blocks[1:]
    for n, b in enumerate(blocks):
        # the outermost signature, undated, carries the document's own date
        when = b.date if b.date is not None or n < len(blocks) - 1 else date
        events.append(_Event(b.line, ChainStep(Action.AUTHORED, b.agents, when, None), block=True))
    for r in closings.relays:
        events.append(_Event(r.line, ChainStep(Action.TRANSMITTED, (r.agent,), r.date, None)))
    notes = note_steps(source, zs, dates, date)
    if not events and senders:
        act = Action.SENT if title is not None and _WIRE.search(title.text) else Action.AUTHORED
        if not notes:
            return (ChainStep(act, senders, date, place),)
        events.append(_Event(-1, ChainStep(act, senders, date, place)))
    for sv in notes:
        # what the editors note happened after the text was written and signed
        events.append(_Event(len(zs.lines) + sv.line, ChainStep(sv.action, sv.agents, sv.date, None)))
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
        if step.time is None and step.date is not None:
            step = replace(step, time=clock_after(source, step.date.span))
        out.append(step)
    return tuple(out)


__all__ = ["ServiceLine", "build_chain", "clock_after", "note_steps", "service_lines"]

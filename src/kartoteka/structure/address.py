"""Address blocks: to whom a document is addressed, copied or sent, and whom a letter greets.

"To the Minister of Foreign Affairs of the USSR / Cde. V. M. Molotov" (an office line and the
name under it are one addressee), "To Cde. Stalin", "Copies: Cde. Molotov, Cde. Beria",
"Sent to: Cdes. Stalin, Molotov, …", "Dear Mir Jafar Abbasovich,".
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.model import Agent, AgentKind, Span
from kartoteka.structure.agent_lists import agents_in_list
from kartoteka.structure.agents import HONORIFIC, agent_of
from kartoteka.structure.placenames import is_place
from kartoteka.structure.wordlists import alternation, rows
from kartoteka.structure.zones import LIST_LINE as _LIST
from kartoteka.structure.zones import Line, LineKind, Zones, is_list_line

_TO = re.compile(r"^\s*(?:To|TO|to|Addressed\s+to|Attention|For|(?i:memorandum\s+for))\s*:?\s+(?=\S)")
# "CC VKPB to Cde. Stalin": the addressee after a body's name
_TO_INLINE = re.compile(r"\s+to\s+(?=(?:Cdes?\.|Comrades?|COMRADES?|Cde|Tov\.)\s)")
# "to MOSCOW, to Cdes. STALIN, …": a destination, then the addressees
_TO_AGAIN = re.compile(r"\s*,\s*to\s+", re.IGNORECASE)
_DEAR = re.compile(r"^\s*(?:My\s+)?(?:Dear|Dearest|Esteemed|Respected|Much\s+respected|Deeply\s+respected)\s+(?P<who>.+?)\s*[,:!]?\s*$")
# An addressee written alone above the title, as Soviet documents are addressed: "TsK KPSS",
# "CC VKP(b)", "Council of Ministers of the USSR", "Cde. Stalin I. V."
_ORGAN = re.compile(
    r"^\s*(?:(?:TsK|Ts\.\s?K\.|CC|Central\s+Committee|Presidium|Politburo|Secretariat|Council\s+of\s+Ministers|"
    r"Council\s+of\s+People['’]s\s+Commissars|SovMin|Sovnarkom|SNK|MID|NKID)"
    r"(?:\s+(?:of\s+the\s+)?(?:KPSS|CPSU|VKP\s?\(b\)|VKPB|AzCP|KP\(b\)A|SSSR|USSR|CC|TsK|Presidium|"
    r"Communist\s+Party(?:\s+of\s+the\s+Soviet\s+Union|\s+\(Bolsheviks\)(?:\s+of\s+[A-Z]\w+)?)?|"
    r"[A-Z][a-z]+\s+SSR))*"
    r"|(?:CPSU|KPSS|VKP\s?\(b\)|CC)\s+(?i:central\s+committee)"
    r"|(?:Cdes?\.|Comrades?|Tov\.|[Тт]ов\.|[Тт]оварищу)\s+[A-ZА-Я][^,;:]*)\s*$",
)
# "To Comrades Ponomarev, …", "“To the Chairman …": an address line that stands above an enclosed
# letter or a second paper as well as at the head
_TO_ANYWHERE = re.compile(
    r"^\s*[\"“«„]?(?:To|TO)\s+(?=(?:Comrades?|COMRADES?|Cdes?\.|the|THE|His|Her|Mr\.|Mrs\.|Messrs\.)\s)"
)
# a telegram's destination and its addressee: "MOSCOW, MFA USSR, to Cde. Vyshinsky"; "TEHRAN" over
# "SOVIET AMBASSADOR"
_DESTINATION = re.compile(r"^\s*(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]+(?:\s[A-ZА-ЯЁ][A-ZА-ЯЁ’'-]+)?)\s*(?:,\s*(?P<rest>\S.*?))?\s*$")
# "Comrade Stalin!", "Dear Comrade Molotov,": a comrade greeted by surname is the addressee
_COMRADE = re.compile(
    r"^\s*(?:(?:My\s+)?(?:Dear|Esteemed|Respected|Much\s+respected|Deeply\s+respected)\s+)?"
    r"(?P<who>(?:Comrades?|Cdes?\.|Tov\.)\s+[A-ZА-Я][^!,:;]*?)\s*[!,:]\s*$"
)
_GENERIC = re.compile(r"^(?:Sir|Sirs|Madam|Madame|Friend|Friends|Colleague|Colleagues|Comrade|Comrades|Brother|"
                      r"Brothers|Mr\.\s+(?:President|Secretary|Minister|Ambassador))$", re.IGNORECASE)


def is_greeting(text: str) -> bool:
    """A letter's greeting: "Dear Mr. President:", "Comrade Stalin!"."""
    return bool(_COMRADE.match(text) or (_DEAR.match(text) and len(text.split()) <= 7))


def is_addressee_line(source: str, ln: Line) -> bool:
    """A line that is nothing but an addressee: a party or state organ, or a comrade by name."""
    if _dative_office().match(ln.text):
        return True
    if not _ORGAN.match(ln.text):
        return False
    return agent_of(source, ln.start, ln.end) is not None


def _next_nonblank(zs: Zones, ln: Line) -> Line | None:
    for i in range(ln.index + 1, len(zs.lines)):  # by index: a slice of the lines after it, per line, grew with their square
        if zs.kinds[zs.lines[i].index] is not LineKind.BLANK:
            return zs.lines[i]
    return None


@cache
def _dative_office() -> re.Pattern[str]:
    """A Russian address line opened by an office in the dative ("Секретарю ЦК КП(б) Азербайджана")."""
    return re.compile(rf"^\s*(?:{alternation([r['word'] for r in rows('offices')])})\s")


def _destination(source: str, zs: Zones, ln: Line) -> tuple[Agent, ...]:
    """The addressee under or after a telegram's destination in capitals ("TEHRAN" / "SOVIET
    AMBASSADOR", "MOSCOW, MFA USSR, to Cde. Vyshinsky")."""
    m = _DESTINATION.match(ln.text)
    if m is None or not (is_place(m.group("place")) or re.search(r"[А-ЯЁ]", m.group("place"))):
        return ()
    if m.group("rest"):
        # "EL SALVADOR, HONDURAS, AND NICARAGUA" is a list of places, not an address
        found = _addressee(source, zs, ln, ln.start + m.start("rest"))
        return tuple(a for a in found if not is_place(re.sub(r"^(?i:and)\s+", "", a.span.text)))
    nxt = _next_nonblank(zs, ln)
    if nxt is None or zs.kinds[nxt.index] is not LineKind.SHORT or is_place(nxt.text):
        return ()
    a = agent_of(source, nxt.start, nxt.end)
    upper = nxt.text.isupper() or bool(re.match(rf"\s*{HONORIFIC}\s", nxt.text))
    return (a,) if a is not None and upper else ()


def _addressee(source: str, zs: Zones, ln: Line, start: int) -> tuple[Agent, ...]:
    """The agents of a "To …" line, with the name on the next line when the line is an office."""
    again = list(_TO_AGAIN.finditer(source, start, ln.end))
    if again:
        found: tuple[Agent, ...] = ()
        starts = [start] + [m.end() for m in again]
        ends = [m.start() for m in again] + [ln.end]
        for ps, pe in zip(starts, ends, strict=True):
            if not is_place(source[ps:pe]):
                found += agents_in_list(source, ps, pe)
        return found
    found = agents_in_list(source, start, ln.end)
    if _dative_office().match(source[start:ln.end]):
        found = (Agent(Span.of(source, start, ln.end), AgentKind.OFFICE),)
    if len(found) == 1 and found[0].kind is AgentKind.PERSON and found[0].office is None:
        # "To His Excellency Mir Ja'far Baqerov," over "Secretary of the Communist Party …,"
        nxt = _next_nonblank(zs, ln)
        under = agent_of(source, nxt.start, nxt.end) if nxt is not None and zs.kinds[nxt.index] is LineKind.SHORT else None
        if under is not None and under.kind is AgentKind.OFFICE and nxt is not None:
            who = found[0]
            return (Agent(who.span, who.kind, office=under.span, rank=who.rank),)
    if len(found) == 1 and found[0].kind is AgentKind.OFFICE:
        nxt = _next_nonblank(zs, ln)
        if nxt is not None and zs.kinds[nxt.index] is LineKind.SHORT:
            named = agent_of(source, nxt.start, nxt.end)
            if named is not None and named.kind is AgentKind.PERSON and named.office is None:
                office = found[0].span
                return (Agent(named.span, AgentKind.PERSON, office=office, rank=named.rank),)
    return found


def _before_prose(zs: Zones, ln: Line) -> bool:
    """A line heading a stretch of prose (a second paper's addressee: "CPSU CENTRAL COMMITTEE")."""
    nxt = _next_nonblank(zs, ln)
    return nxt is not None and zs.kinds[nxt.index] is LineKind.PROSE


def find_recipients(source: str, zs: Zones, stop: int, skip: frozenset[int] = frozenset()) -> tuple[Agent, ...]:
    """Addressees written in the document's own lines: "To …" in the heading, copy and
    distribution lists anywhere before ``stop``, and the greeting of a letter. Lines in ``skip``
    (the title, read on its own) are passed over."""
    out: list[Agent] = []
    heading = {ln.index for ln in zs.heading}
    for ln in zs.lines[:stop]:
        if ln.index in skip:
            continue
        to = _TO_ANYWHERE.match(ln.text)
        if to and zs.kinds[ln.index] is LineKind.PROSE and ln.words <= 20 and re.match(rf"\s*(?:To|TO)\s+{HONORIFIC}", ln.text):
            # "To Comrades Ponomarev, Chernenko, Andropov - all points; Garbuzov - point 2."
            out.extend(agents_in_list(source, ln.start + to.end(), ln.end))
            continue
        if zs.kinds[ln.index] is not LineKind.SHORT:
            continue
        m = _LIST.match(ln.text)
        if m:
            out.extend(agents_in_list(source, ln.start + m.end(), ln.end))
            continue
        m = _TO.match(ln.text)
        if m and ln.index in heading:
            out.extend(_addressee(source, zs, ln, ln.start + m.end()))
            continue
        if to:
            out.extend(_addressee(source, zs, ln, ln.start + to.end()))
            continue
        if ln.index in heading and _dative_office().match(ln.text):
            out.extend(_addressee(source, zs, ln, ln.start))
            continue
        found = _destination(source, zs, ln)
        if found:
            out.extend(found)
            continue
        if _before_prose(zs, ln) and is_addressee_line(source, ln):
            out.extend(agents_in_list(source, ln.start, ln.end))
            continue
        if ln.index in heading and is_addressee_line(source, ln):
            out.extend(agents_in_list(source, ln.start, ln.end))
            continue
        m = _TO_INLINE.search(ln.text)
        if m and ln.index in heading:
            out.extend(agents_in_list(source, ln.start + m.end(), ln.end))
            continue
        m = _COMRADE.match(ln.text)
        if m and ln.words <= 7:
            out.extend(agents_in_list(source, ln.start + m.start("who"), ln.start + m.end("who")))
            continue
        m = _DEAR.match(ln.text)
        if m and ln.words <= 7:
            who = m.group("who")
            if _GENERIC.match(who.strip()):
                continue
            a = agent_of(source, ln.start + m.start("who"), ln.start + m.end("who"))
            # a greeting by first name alone ("Dear Jack:") or surname alone repeats the heading at best
            if a is not None and a.kind is AgentKind.PERSON and len(a.span.text.split()) >= 2:
                out.append(a)
    return tuple(out)


def greeted(source: str, zs: Zones, stop: int) -> tuple[Agent, ...]:
    """The one greeted by first name alone ("Dear Jack:"), for a letter that names its addressee
    nowhere else; where the heading names him the greeting adds nothing."""
    for ln in zs.lines[:stop]:
        m = _DEAR.match(ln.text)
        if m is None or zs.kinds[ln.index] is not LineKind.SHORT or ln.words > 4:
            continue
        who = m.group("who")
        if _GENERIC.match(who.strip()) or len(who.split()) != 1:
            continue
        a = agent_of(source, ln.start + m.start("who"), ln.start + m.end("who"))
        if a is not None and a.kind is AgentKind.PERSON:
            return (a,)
    return ()


__all__ = ["find_recipients", "greeted", "is_addressee_line", "is_greeting", "is_list_line"]

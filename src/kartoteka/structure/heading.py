"""The heading: the document's title as written, and the senders and recipients it names.

FRUS titles run "Telegram From the Embassy in Iran to the Department of State" or, in 1948,
"The Ambassador in Iran (Allen) to the Secretary of State"; Soviet-side ones "CIPHERED TELEGRAM",
"Memorandum from … to Cde. Bagirov on …", "Letter from Pishevari to Bagirov", "Memo via a
Telegraph Message from Tabriz". Lines above the title that are a date, a dateline, a marking
or a provenance line ("From the Diary of …"), a hand's resolution or a letterhead are not the
title; a document that opens with its address block ("To the Minister …", "TsK KPSS") has a
title only where a line below it names a genre ("Information of the KGB on …", "REPORT").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kartoteka.model import Agent, AgentKind, DateValue, Span
from kartoteka.structure.address import is_addressee_line, is_greeting
from kartoteka.structure.agent_lists import agents_in_heading_part
from kartoteka.structure.agents import agent_of
from kartoteka.structure.dateline import DATE_SHAPE, date_only, place_date, rest_is_time
from kartoteka.structure.placenames import is_place
from kartoteka.structure.wordlists import alternation, rows
from kartoteka.structure.zones import Line, LineKind, Zones, is_annotation, is_apparatus

_PROVENANCE = re.compile(
    r"^\s*From\s+the\s+(?:diary|diaries|journal|notebook|notes|files?|papers|archive|records?|office)\s+of\s+",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"^\s*(?:To|TO|Copies|COPIES|Copy\s+to|Sent\s+to|Addressed\s+to|Distribution|Dear|My\s+dear|Attention)\b"
)
# "From TABRIZ", "From: Tabriz": a telegraph office's place (a signatory's name is ruled out later)
_FROM_PLACE_LINE = re.compile(
    r"^\s*(?:From|FROM)\s*:?\s+(?P<place>[A-ZА-Я][A-ZА-Я’'-]+(?:\s[A-ZА-Я][A-ZА-Я’'-]+)*|[A-ZА-Я][a-zа-я’'-]+)"
    r"(?:\s+(?:to|TO)\s+(?:[A-ZА-Я][A-ZА-Я’'-]+(?:\s[A-ZА-Я][A-ZА-Я’'-]+)*|[A-ZА-Я][a-zа-я’'-]+))?"
    r"\s*(?:,?\s*(?:\d{1,2}[\s.]|\d{4}Z).*)?$"
)
# "Recorder: Xu Ming": who recorded a conversation wrote the record
_RECORDER = re.compile(
    r"^\s*(?:Recorder|Recorded\s+by|Record\s+(?:taken|made)\s+by|Note[- ]?taker|Minutes\s+taken\s+by|Записал|"
    r"Запись\s+вел|Протокол\s+вел)\s*:?\s+(?=\S)", re.IGNORECASE)
# "From: Cde. Bagirov", "From the Consul General in Tabriz": a sender line
_FROM_LINE = re.compile(r"^\s*(?:From|FROM)\s*:?\s+(?=\S)")
# a Soviet title by its subject alone: "On the situation in Iraq", "About the Kurdish question"
_SUBJECT_TITLE = re.compile(r"^\s*(?:On|About|Concerning|Regarding)\s+(?:the\s+)?[a-z][^.]*$")
_LETTERHEAD_WORD = re.compile(
    r"\b(?:MINISTRY|COMMISSARIAT|EMBASSY|LEGATION|CONSULATE|DEPARTMENT|COMMITTEE|COUNCIL|DIRECTORATE|"
    r"ADMINISTRATION|AGENCY|OFFICE|BUREAU)\b"
)
_GENRE_ANYWHERE = re.compile(
    r"\b(?:REPORT|MEMORANDUM|MEMO|TELEGRAM|NOTE|LETTER|DECISION|RESOLUTION|MINUTES|PROTOCOL|INFORMATION|RECORD|"
    r"ESTIMATE|PAPER|STUDY|DIRECTIVE|INSTRUCTIONS?|MESSAGE|CABLE|AIRGRAM|DESPATCH|DISPATCH|EXTRACT|DECREE|ORDER)\b"
)
_EDITORIAL_NOTE = re.compile(r"^\s*(?:\d+\.\s+)?Editorial\s+Note\s*\.?\s*$", re.IGNORECASE)
_EDITORIAL = re.compile(r"^\s*\[[^\]]*\]\s*$")
# " to " that is part of an office ("Ambassador to Guatemala", "Special Assistant to the President")
_TO_IN_OFFICE = re.compile(
    r"(?:Ambassadors?|Minister|Representatives?|Delegat(?:e|es|ion)|Mission|Envoy|Assistant|Advis[eo]r|Secretary|"
    r"Counselor|Liaison|Attach[ée]|Observer|Consultant|Aide|Deputy|Commissioner|Consul|Chargé|Charge|Legation|"
    r"Embassy)$"
)
# "The British Embassy to the Department of State": a post writing to a ministry, not "Embassy to Iran"
_POST_WORD = re.compile(r"Embassy|Legation|Mission|Delegation")
_ADDRESSEE_HEAD = re.compile(
    r"(?:the\s+)?(?:Department|Secretary|Ministry|Foreign\s+Office|Government|President|Prime\s+Minister|Shah|"
    r"Embassy|Legation|Acting\s+Secretary|Under\s+Secretary)\b"
)
_TOPIC = re.compile(
    r"\s+(?:(?i:on|about|concerning|regarding|containing|forwarding|transmitting|enclosing|per)|re:?|"
    r"with(?=\s+(?:the\s|[a-z]))|in\s+connection\s+with)\s+"
    r"|\s*,\s*(?=['‘\"“]|(?i:forwarding|containing|transmitting|enclosing|reporting)\b)"
)
_FORUM = re.compile(r"^(?:Committee|Subcommittee|Commission|Conference|Council|Board|Panel|Group|Talks|"
                    r"Negotiations|Working|Seminar|Symposium|Session)$")
_TO_WORD = re.compile(r"\s+to\s+")
_DATE_SHAPE = re.compile(DATE_SHAPE, re.IGNORECASE)
_UNDATED_END = re.compile(r"\b(?:undated|no date)\b", re.IGNORECASE)
_PLACE_ONLY = re.compile(r"(?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*|de|of|the))*|\[[^\]]*place[^\]]*\]")
_FROM_WORD = re.compile(r"\b(?:From|from|FROM|by|By)\s+")
_REPORT_OF = re.compile(r"\b(?:Report|Reports|Information|Memo|Memorandum|Note)\s+of\s+(?=[A-Z])")
_SESSION_OF = re.compile(
    r"\b(?:Session|Meeting|Sitting|Plenum|Conference)\s+of\s+(?P<org>(?:the\s+)?[A-Z].+?)\s*$"
)
_DOC_TYPE = re.compile(
    r"^\s*(?:(?:Draft|Action|Information|Intelligence|Circular|Special|Joint|Summary|Research|Ciphered|Cipher|Coded|"
    r"Incoming|Outgoing)\s+)*"
    r"(?:Memorandum|Memo|Letter|Note|Telegram|Cable|Airgram|Despatch|Dispatch|Report|Paper|Instructions?|Directive|"
    r"Message|Minutes|Extract|Record|Protocol|Decision|Resolution|Statement|Estimate|Study|Aide-M[ée]moire|Decree|"
    r"Order|Appeal|Petition|Declaration|Communiqu[ée]|Information|Radiogram|"
    # Russian headings ("СПРАВКА", "ШИФРТЕЛЕГРАММА"): the ``doc_types`` word list
    + alternation([r["word"] for r in rows("doc_types")]) + r")\b",
    re.IGNORECASE,
)
_DOC_WORD = re.compile(
    r"^(?:the\s+)?(?:Protocol|Minutes|Diary|Journal|Files?|Papers|Record|Report|Extract|Decision|Resolution|Notes?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    title: Span | None
    title_lines: frozenset[int]
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    provenance: tuple[Agent, ...] = ()


def is_caps_heading(s: str) -> bool:
    """A line all in capitals (three letters at least)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _skippable(ln: Line, zs: Zones, source: str, dates: tuple[DateValue, ...]) -> bool:
    if zs.kinds[ln.index] is LineKind.APPARATUS and not is_apparatus(ln.text) and _DOC_TYPE.match(ln.text):
        return False  # "CIPHERED TELEGRAM No. 2451": a title carrying its register number
    if zs.kinds[ln.index] in (LineKind.CLASSIFICATION, LineKind.APPARATUS):
        return True
    if _EDITORIAL.match(ln.text) or is_annotation(ln.text):
        return True
    if date_only(ln, dates) is not None or place_date(ln, dates, source) is not None:
        return True
    # "From the Journal of A. A. Gromyko, 'Reception of …'" is the title itself
    return bool(_PROVENANCE.match(ln.text)) and not re.search(r",\s*['‘\"“]", ln.text)


def _is_destination(text: str) -> bool:
    """A telegram's destination alone in capitals: "TEHRAN", "МОСКВА" (not a genre word)."""
    word = text.strip(" ,.")
    if not is_caps_heading(word) or len(word.split()) > 2 or _DOC_TYPE.match(word):
        return False
    return is_place(word) or (len(word.split()) == 1 and bool(re.fullmatch(r"[А-ЯЁ-]+", word)))


def _named_title(source: str, ln: Line) -> bool:
    """Whether a line below an address block reads as a title: a document's genre opens it
    ("Information of the Committee of State Security on …", "REPORT") and it names nobody."""
    if _DOC_TYPE.match(ln.text) or _SUBJECT_TITLE.match(ln.text):
        return True
    if not is_caps_heading(ln.text):
        return False
    a = agent_of(source, ln.start, ln.end)
    return a is None or a.kind is not AgentKind.PERSON


def _letterhead(source: str, ln: Line) -> bool:
    """A body's name printed in capitals at the head of its paper ("MINISTRY OF FOREIGN AFFAIRS
    OF THE USSR"): whose paper it is, not what the document is called."""
    if not is_caps_heading(ln.text) or _GENRE_ANYWHERE.search(ln.text) or not _LETTERHEAD_WORD.search(ln.text):
        return False
    a = agent_of(source, ln.start, ln.end)
    return a is not None and a.kind is AgentKind.ORGANIZATION


def find_title(source: str, zs: Zones, dates: tuple[DateValue, ...]) -> tuple[Span | None, frozenset[int]]:
    """The title span and the indices of the lines it covers.

    A document may open with its address block ("To the Central Committee of the CPSU", "TsK
    KPSS"): a title is then looked for below it, and only a line opened by a genre word counts."""
    heading = zs.heading
    addressed = False
    destination = False
    for pos, ln in enumerate(heading):
        if _skippable(ln, zs, source, dates):
            continue
        if destination:
            destination = False
            continue  # the addressee under a telegram's destination ("TEHRAN" / "SOVIET AMBASSADOR")
        if _is_destination(ln.text):
            addressed = destination = True
            continue
        if _FROM_PLACE_LINE.match(ln.text) or (_FROM_LINE.match(ln.text) and not _PROVENANCE.match(ln.text)):
            return None, frozenset()
        if _ADDRESS.match(ln.text) or is_addressee_line(source, ln) or is_greeting(ln.text):
            addressed = True
            continue
        if zs.kinds[ln.index] is LineKind.PROSE and pos > 0:
            return None, frozenset()
        if addressed and not _named_title(source, ln):
            continue
        if _letterhead(source, ln):
            continue
        end_line = ln
        # "REPORT / on the situation in Gilan": a capitalised genre word and its subject line
        if is_caps_heading(ln.text) and ln.index + 1 < len(zs.lines):
            nxt = zs.lines[ln.index + 1]
            if nxt.stripped[:1].islower() and zs.kinds[nxt.index] is not LineKind.PROSE:
                end_line = nxt
        span = Span.of(source, ln.start, end_line.end)
        return span, frozenset(range(ln.index, end_line.index + 1))
    return None, frozenset()


_GROUPING = re.compile(r"[()\[\]]")
_WORD_BEFORE = 200
_LOWER_START = re.compile(r"[a-z]")
_GENERAL_START = re.compile(r"(?:the|certain|all)\s")


def _top_level(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` in ``text[start:end]`` that lie outside brackets and parentheses.
    The depth is counted only as far as the matches asked for (callers often want the first)."""
    depth = 0
    pos = start
    for m in pattern.finditer(text, start, end):
        for b in _GROUPING.finditer(text, pos, m.start() + 1):
            if b.group() in "([":
                depth += 1
            elif depth:
                depth -= 1
        pos = max(pos, m.start() + 1)
        if depth == 0:
            yield m


def _valid_tos(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Every " to " of a heading that parts a sender from a recipient (not "Ambassador to Iran")."""
    out = []
    for m in _top_level(text, start, end, _TO_WORD):
        # the word before: looked for in the last stretch only (a long heading has many " to ")
        before = text[max(start, m.start() - _WORD_BEFORE):m.start()].rstrip(" ,").split()
        if before and _TO_IN_OFFICE.search(before[-1]) and not (
            _POST_WORD.fullmatch(before[-1]) and _ADDRESSEE_HEAD.match(text, m.end(), end)
        ):
            continue
        if _LOWER_START.match(text, m.end(), end) and not _GENERAL_START.match(text, m.end(), end):
            continue
        out.append(m)
    return out


def _topic_at(text: str, start: int, end: int) -> int:
    """Where the subject of a heading begins ("… to Cde. Bagirov on the Kurdish Tribes"), or ``end``."""
    for m in _top_level(text, start, end, _TOPIC):
        words = text[start:m.start()].split()
        if words and _FORUM.match(words[-1]):
            continue  # "Committee on Iran" is a name, not a subject
        return m.start()
    return end


def _first(ms: list[re.Match[str]], after: int) -> re.Match[str] | None:
    return next((m for m in ms if m.start() >= after), None)


def _without_dateline(text: str, s: int, e: int) -> int:
    """Where a title ends before a dateline it carries: "… (Kissinger), Washington, January 30,
    1969", "… to the Department of State, February 3, 1969, 1735Z"."""
    shapes = list(_DATE_SHAPE.finditer(text, s, e)) or list(_UNDATED_END.finditer(text, s, e))
    if not shapes or not rest_is_time(text[shapes[-1].end():e]):
        return e
    cut = text.rfind(",", s, shapes[-1].start())
    if cut < 0 or text[cut:shapes[-1].start()].strip(" ,"):
        return e
    before = text.rfind(",", s, cut)
    if before >= 0 and _PLACE_ONLY.fullmatch(text[before + 1:cut].strip()):
        cut = before
    return cut


def heading_agents(source: str, title: Span) -> tuple[tuple[Agent, ...], tuple[Agent, ...]]:
    """Senders and recipients named by a title, in any of its orders: "X From A to B", "A to B",
    "X to B from A", "X from P to Q, A to B" (a route, then the agents), "X Between A and B"."""
    senders, recipients = _heading_agents(source, title.start, _without_dateline(source, title.start, title.end))

    def agents(found: tuple[Agent, ...]) -> tuple[Agent, ...]:
        # "from Rasht": a bare place name is the route, not an agent
        return tuple(a for a in found if a.office is not None or a.rank is not None or not is_place(a.span.text))

    return agents(senders), agents(recipients)


def is_editorial_note(title: Span | None) -> bool:
    """A FRUS "Editorial Note": the editors' account of papers not printed, not a document."""
    return title is not None and bool(_EDITORIAL_NOTE.match(title.text))


def _heading_agents(text: str, s: int, e: int) -> tuple[tuple[Agent, ...], tuple[Agent, ...]]:
    flat = text[s:e]
    m = _SESSION_OF.search(flat)
    if m and re.match(r"^(?:Extract|Excerpt|Protocol|Minutes|Decision|Resolution|Record)\b", flat, re.IGNORECASE):
        a = agent_of(text, s + m.start("org"), e)
        return ((a,) if a else ()), ()
    tos = _valid_tos(text, s, e)
    frm = next((f for f in _top_level(text, s, e, _FROM_WORD) if not _DOC_WORD.match(text[f.end():e])), None)
    if frm is not None:
        to = _first(tos, frm.end())
        if to is not None:
            again = _first(tos, to.end())
            comma = text.rfind(",", to.end(), again.start()) if again is not None else -1
            if again is not None and comma >= 0:
                # "Telegram from Baku to Moscow, M.D. Bagirov and I.I. Maslennikov to Cdes. Stalin, …"
                senders = agents_in_heading_part(text, comma + 1, again.start())
                return senders, agents_in_heading_part(text, again.end(), _topic_at(text, again.end(), e))
            senders = agents_in_heading_part(text, frm.end(), min(to.start(), _topic_at(text, frm.end(), e)))
            return senders, agents_in_heading_part(text, to.end(), _topic_at(text, to.end(), e))
        senders = agents_in_heading_part(text, frm.end(), _topic_at(text, frm.end(), e))
        before = [t for t in tos if t.end() <= frm.start()]
        recipients: tuple[Agent, ...] = ()
        if before:
            # "Memo to Bagirov from Kuliyev about Qavam"
            recipients = agents_in_heading_part(text, before[0].end(), frm.start())
        return senders or _reported_by(text, s, e), recipients
    m = next(_top_level(text, s, e, re.compile(r"\b(?:Between|between|Among|among)\s+")), None)
    if m:
        sep = next(_top_level(text, m.end(), e, re.compile(r"\s+and\s+(?=the\s|[A-Z])")), None)
        if sep:
            return agents_in_heading_part(text, m.end(), sep.start()), agents_in_heading_part(text, sep.end(), e)
    if tos:
        # 1948: "The Ambassador in Iran (Allen) to the Secretary of State"; "Letter, Dimitrov to Molotov, '…'"
        left = s
        lead = _DOC_TYPE.match(flat)
        of = re.match(r"\s+of\s+(?=the\s|[A-Z])", flat[lead.end():]) if lead else None
        if lead and flat[lead.end():].lstrip().startswith(","):
            left = s + flat.index(",", lead.end()) + 1
        elif lead and of:
            # "Decree of the CC CPSU Politburo to Mir Bagirov …"
            left = s + lead.end() + of.end()
        elif lead:
            left = -1
        if left >= 0 and agent_of(text, left, tos[0].start()) is not None:
            senders = agents_in_heading_part(text, left, tos[0].start())
            return senders, agents_in_heading_part(text, tos[0].end(), _topic_at(text, tos[0].end(), e))
    lead = _DOC_TYPE.match(flat)
    m = re.compile(r"\s+(?:for|to|For|To)\s+(?=the\s|[A-Z])").match(text, s + lead.end()) if lead else None
    if m:
        # "Memorandum for the Chief …", not "Paper Prepared in the Division of Research for Latin America"
        follows = text[m.end():e]
        if not re.match(r"(?:the\s+)?(?:Record|Files?|President's\s+File)\b", follows):
            return _reported_by(text, s, e), agents_in_heading_part(text, m.end(), _topic_at(text, m.end(), e))
    m = re.match(r"^(?P<who>[^,'‘\"“]{3,60}),\s*['‘\"“]", flat)
    if m:
        a = agent_of(text, s, s + m.end("who"))
        if a is not None and a.kind is AgentKind.PERSON:
            return (a,), ()
    return _reported_by(text, s, e), ()


def _reported_by(text: str, s: int, e: int) -> tuple[Agent, ...]:
    """The reporters a heading names: "Memo per Telegraph Report of Atakishiyev, Ibragimov, and Gasanov"."""
    m = _REPORT_OF.search(text, s, e)
    if m is None:
        return ()
    end = _topic_at(text, m.end(), e)
    f = next(_top_level(text, m.end(), end, _FROM_WORD), None)
    found = agents_in_heading_part(text, m.end(), f.start() if f else end)
    # "Report of Atakishiyev, Ibragimov, and Gasanov", not "Memorandum of Interview"
    if len(found) < 2 and not any(len(a.span.text.split()) >= 2 for a in found):
        return ()
    return found if all(a.kind is AgentKind.PERSON for a in found) else ()


def provenance_agents(source: str, zs: Zones) -> tuple[Agent, ...]:
    """The author named by a provenance line ("From the Diary of the Soviet Ambassador in Iran,
    A. A. Lavrent'ev") or a sender line ("From: Cde. Bagirov"); a bare place is not an agent."""
    for ln in zs.heading:
        m = _PROVENANCE.match(ln.text) or _RECORDER.match(ln.text) or (
            None if _FROM_PLACE_LINE.match(ln.text) else _FROM_LINE.match(ln.text))
        if m:
            a = agent_of(source, ln.start + m.end(), _topic_at(source, ln.start + m.end(), ln.end))
            return (a,) if a else ()
    return ()


def find_heading(source: str, zs: Zones, dates: tuple[DateValue, ...]) -> Heading:
    title, lines = find_title(source, zs, dates)
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    if title is not None:
        senders, recipients = heading_agents(source, title)
    return Heading(title, lines, senders, recipients, provenance_agents(source, zs))


def title_place(source: str, title: Span | None, zs: Zones) -> Span | None:
    """A place named by the heading: "… Message from Tabriz", "Relayed via Baku", a "From TABRIZ" line."""
    for ln in zs.heading:
        m = _FROM_PLACE_LINE.match(ln.text)
        if m:
            return ln.span(source, m.start("place"), m.end("place"))
    if title is None:
        return None
    flat = source[title.start:title.end]
    word = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?"
    m = re.search(rf"\b(?:from|From)\s+(?P<p>{word})\s*$", flat) or re.search(
        rf"\b(?:via|Via|through)\s+(?P<p>{word})\b(?!\s+(?:to|of)\b)", flat
    )
    if m:
        # a place name also reads as a surname: the caller rules out the document's signatories
        return Span.of(source, title.start + m.start("p"), title.start + m.end("p"))
    return None


__all__ = ["Heading", "find_heading", "find_title", "heading_agents", "is_caps_heading", "is_editorial_note",
           "provenance_agents", "title_place"]

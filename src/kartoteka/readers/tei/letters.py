"""TEI documents of other editions (letters, diaries, reports): the header's metadata and the body.

What the header says — the title (``titleStmt``), the sending and receiving (``correspDesc``: its
``correspAction``s with persons, organisations, places and dates) and the source
(``sourceDesc``) — is laid out as heading lines above the body, as an edition prints them
(title; place and date; "From:"; "To:"), and kept as a :class:`Letter` of offsets into that text,
so the record takes the editors' values while every value still points to its characters. The
body is laid out as blocks; a ``choice`` or ``app`` is one reading, the others kept as marks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    ChainStep,
    DateValue,
    Document,
    Mark,
    MarkKind,
    Place,
    Record,
    Span,
)
from kartoteka.readers.tei.layout import REGULARISED, Collect, TextBuilder, write_blocks
from kartoteka.readers.tei.safexml import TEI_NS, joined, local
from kartoteka.readers.tei.standoff import date_of
from kartoteka.readers.tei.values import Annotations, AuthorityPerson, Letter, TeiDocument

_URI = re.compile(r"^https?://\S+$")
_AGENT_TAGS = {"persName": AgentKind.PERSON, "orgName": AgentKind.ORGANIZATION, "name": AgentKind.PERSON,
               "rs": AgentKind.PERSON}
# the reading a choice gave up, as a mark on the reading written
_MARK_OF_READING = {"sic": MarkKind.SIC, "orig": MarkKind.SIC, "corr": MarkKind.SUPPLIED, "reg": MarkKind.NOTE,
                    "abbr": MarkKind.NOTE, "expan": MarkKind.SUPPLIED}


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation of a correspAction, with its authority URI if the edition gave one."""

    name: str
    kind: AgentKind
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """One ``correspAction`` as written: its type, parties, place and date (attributes and words)."""

    action: Action
    parties: tuple[Party, ...]
    place: str | None = None
    place_ref: str | None = None
    date_attrs: tuple[tuple[str, str], ...] = ()
    date_text: str = ""


def _words(el: etree._Element) -> str:
    return " ".join(joined(el.itertext()).split())


def corresp_actions(desc: etree._Element) -> Iterator[tuple[Action, etree._Element]]:
    """The ``correspAction``s of a ``correspDesc`` whose type kartoteka knows (sent, received, forwarded …)."""
    for act in desc:
        if local(act) == "correspAction":
            try:
                yield Action(act.get("type") or ""), act
            except ValueError:
                continue


def actions_of(desc: etree._Element) -> tuple[ActionFacts, ...]:
    """The actions of a ``correspDesc`` as written."""
    out = []
    for action, act in corresp_actions(desc):
        parties: list[Party] = []
        place: str | None = None
        place_ref: str | None = None
        attrs: dict[str, str] = {}
        text = ""
        for c in act:
            tag = local(c)
            if tag in _AGENT_TAGS and _words(c):
                parties.append(Party(_words(c), _AGENT_TAGS[tag], c.get("ref")))
            elif tag == "placeName" and place is None and _words(c):
                place, place_ref = _words(c), c.get("ref")
            elif tag == "date" and not attrs and c.get("type") != "clock":  # a clerk's time is no date
                attrs = {k: v for k, v in c.attrib.items() if isinstance(k, str) and isinstance(v, str)}
                text = _words(c)
        out.append(ActionFacts(action, tuple(parties), place, place_ref, tuple(sorted(attrs.items())), text))
    return tuple(out)


def listed_persons(actions: tuple[ActionFacts, ...]) -> tuple[AuthorityPerson, ...]:
    """The persons an edition identified by an authority URI (GND, VIAF …): a persons list whose
    ids are those URIs, so linking gives the entities the edition's identification."""
    out: dict[str, AuthorityPerson] = {}
    for a in actions:
        for p in a.parties:
            if p.kind is AgentKind.PERSON and p.ref and _URI.match(p.ref):
                out.setdefault(p.ref, AuthorityPerson(p.ref, p.name))
    return tuple(out.values())


def _date_words(a: ActionFacts) -> str:
    """The date as the edition wrote it, or, when it gave only attributes, those values."""
    attrs = dict(a.date_attrs)
    if a.date_text:
        return a.date_text
    if attrs.get("when"):
        return attrs["when"]
    lo, hi = attrs.get("notBefore") or attrs.get("from"), attrs.get("notAfter") or attrs.get("to")
    return f"between {lo} and {hi}" if lo and hi else lo or hi or ""


@dataclass
class _Heading:
    """The heading lines being written, and the values found in them."""

    w: TextBuilder

    def put(self, s: str) -> Span:
        start = self.w.pos
        self.w.literal(s)
        return Span(start, self.w.pos, s)

    def parties(self, label: str, a: ActionFacts | None) -> tuple[tuple[Agent, ...], DateValue | None, Span | None]:
        """One "From:"/"To:" line: the parties, then the place and date in brackets when the action has them."""
        if a is None:
            return (), None, None
        self.put(label)
        agents = []
        for i, p in enumerate(a.parties):
            if i:
                self.put("; ")
            agents.append(Agent(self.put(p.name), p.kind))
        place = date = None
        words = _date_words(a)
        if a.place or words:
            self.put(" (" if a.parties else "")
            if a.place:
                place = self.put(a.place)
                if words:
                    self.put(", ")
            if words:
                date = date_of(dict(a.date_attrs), self.put(words))
            self.put(")" if a.parties else "")
        self.w.newline()
        return tuple(agents), date, place


def write_heading(w: TextBuilder, title: str, actions: tuple[ActionFacts, ...]) -> Letter:
    """Heading lines for a header's title and actions (a letter's date and place are its sending's)."""
    h = _Heading(w)
    title_span = None
    if title:
        title_span = h.put(title)
        w.newline()
    sent = next((a for a in actions if a.action in (Action.SENT, Action.AUTHORED)), None)
    received = next((a for a in actions if a.action is Action.RECEIVED), None)
    steps = []
    senders, sdate, splace = h.parties("From: ", sent)
    if sent is not None:
        steps.append(ChainStep(Action.SENT, senders, sdate, splace))
    recipients, rdate, rplace = h.parties("To: ", received)
    if received is not None:
        steps.append(ChainStep(Action.RECEIVED, recipients, rdate, rplace))
    refs = {(s.span.start, s.span.end): p.ref for a, st in ((sent, senders), (received, recipients))
            if a is not None for p, s in zip(a.parties, st, strict=True) if p.ref}
    return Letter(title_span, sdate, splace, senders, recipients, tuple(steps), refs=tuple(sorted(refs.items())),
                  place_ref=sent.place_ref if sent is not None else None)


def _header_title(root: etree._Element) -> str:
    t = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    return _words(t) if t is not None else ""


def _source(root: etree._Element) -> str:
    """The sourceDesc's words (a manuscript's repository and shelfmark, or the printed source)."""
    sd = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}sourceDesc")
    if sd is None:
        return ""
    if sd.find(f".//{{{TEI_NS}}}msIdentifier") is not None:
        # a manuscript's settlement, repository and shelfmark are elements with no words between
        return ", ".join(" ".join(t.split()) for t in (joined([x]) for x in sd.itertext()) if t.strip())
    return _words(sd)


def letter_document(root: etree._Element, body: etree._Element, path: str, sha256: str,
                    readings: tuple[str, ...] = REGULARISED) -> TeiDocument:
    """A TEI document of another edition: heading lines from its header, then its body's blocks."""
    w = TextBuilder()
    desc = root.find(f".//{{{TEI_NS}}}profileDesc/{{{TEI_NS}}}correspDesc")
    actions = actions_of(desc) if desc is not None else ()
    letter = write_heading(w, _header_title(root), actions)
    if w.pos:
        w.newline()
    col = Collect(readings=readings)
    write_blocks(w, body, col, True, set())
    source = _source(root)
    if source and source not in ("", "Born digital."):
        w.newline()
        w.newline()
        start = w.pos
        w.literal(source)
        letter = replace(letter, source=Span(start, w.pos, source))
    text = w.text() + "\n"
    marks = []
    for box, tag, other in col.choices:
        end = col.ends.get(id(box), box[0])
        marks.append(Mark(Span(box[0], end, text[box[0]:end]), _MARK_OF_READING.get(tag, MarkKind.NOTE), other))
    letter = replace(letter, marks=tuple(marks))
    doc = Document.from_text(text, path=path, sha256=sha256 or hashlib.sha256(text.encode()).hexdigest(), fmt="tei")
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return TeiDocument(doc, Annotations(doc_id=base.rsplit(".", 1)[0]), letter=letter)


def with_letter(record: Record, letter: Letter | None) -> Record:
    """The parsed record with what the edition's header said in place of what the parser read."""
    if letter is None or record.error is not None:
        return record
    marks = tuple(sorted((*record.marks, *letter.marks), key=lambda m: (m.span.start, -m.span.end)))
    return replace(
        record,
        title=letter.title or record.title,
        date=letter.date or record.date,
        place=Place(letter.place) if letter.place is not None else record.place,
        senders=letter.senders or record.senders,
        recipients=letter.recipients or record.recipients,
        chain=letter.chain or record.chain,
        marks=marks,
    )


__all__ = ["ActionFacts", "Party", "actions_of", "letter_document", "listed_persons", "with_letter", "write_heading"]

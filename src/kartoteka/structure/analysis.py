"""A document's structure put together: each finder of the package run in order, their answers
reconciled (a place is no sender, a person named twice is one agent). Pure: a Document (and the
dates found in it) in, a Structure out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kartoteka.model import (
    Agent,
    AgentKind,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Reference,
    Span,
)
from kartoteka.structure.address import find_recipients, greeted
from kartoteka.structure.chain import build_chain
from kartoteka.structure.classification import find_classification
from kartoteka.structure.dateline import find_dateline
from kartoteka.structure.declension import nominative
from kartoteka.structure.heading import find_heading, is_editorial_note, title_place
from kartoteka.structure.letterhead import letterhead_office
from kartoteka.structure.placenames import is_place
from kartoteka.structure.references import find_references
from kartoteka.structure.signatures import find_closings
from kartoteka.structure.summary import find_summary
from kartoteka.structure.zones import zones


@dataclass(frozen=True, slots=True)
class Structure:
    title: Span | None = None
    date: DateValue | None = None
    place: Span | None = None
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    signatories: tuple[Agent, ...] = ()
    chain: tuple[ChainStep, ...] = ()
    classification: Classification | None = None
    references: tuple[Reference, ...] = ()
    summary: Span | None = None


def analyse(doc: Document, dates: tuple[DateValue, ...]) -> Structure:
    """The structure of one document."""
    text = doc.text
    classification = find_classification(text)
    references = find_references(text)
    summary = find_summary(text, references)
    apparatus = tuple(r.span for r in references) + ((classification.span,) if classification else ())
    zs = zones(text, apparatus, summary)
    head = find_heading(text, zs, dates)
    # an editors' note tells of documents; it has no date of its own to guess from its text
    dateline = find_dateline(text, zs, dates, head.title_lines, guess=not is_editorial_note(head.title))
    heading = {ln.index for ln in zs.heading}
    skip = head.title_lines | ({dateline.line} if dateline.line in heading else set())
    closings = find_closings(text, zs, dates, frozenset(skip))
    signatories = closings.signatories
    names = {a.span.text.casefold() for a in signatories}
    place = dateline.place
    if place is None:
        # "… Message from Tabriz" names a place, "Telegram from Pishevari" a person: a known place
        # name, or a word nobody signs or sends under, is taken for the place
        named = title_place(text, head.title, zs)
        if named is not None and (is_place(named.text) or (
            named.text.casefold() not in names and all(a.span != named for a in head.senders)
        )):
            place = named
    senders = tuple(a for a in head.senders + head.provenance if place is None or a.span != place)
    authored = [b for b in closings.blocks if not all(a.role for a in b.agents)]
    if not senders and authored:
        senders = authored[0].agents
    recipients = _once(head.recipients + find_recipients(text, zs, zs.closing_end, head.title_lines))
    if not recipients:
        recipients = greeted(text, zs, zs.closing_end)
    recipients = tuple(_with_lemma(a) for a in recipients)
    letterhead = letterhead_office(text, zs, frozenset(skip))
    if letterhead is not None and not any(a.span.overlaps(letterhead.span) for a in recipients + senders):
        senders += (letterhead,)
    chain = build_chain(text, zs, dates, closings, senders, dateline.date, place, head.title)
    return Structure(
        title=head.title,
        date=dateline.date,
        place=place,
        senders=_once(senders),
        recipients=recipients,
        signatories=_unique(signatories),
        chain=chain,
        classification=classification,
        references=references,
        summary=summary,
    )


def _with_lemma(a: Agent) -> Agent:
    """An addressee's name in the dative ("Багирову") with its nominative as the lemma."""
    if a.kind is not AgentKind.PERSON or a.lemma is not None:
        return a
    lemma = nominative(a.span.text)
    return a if lemma is None else replace(a, lemma=lemma)


def _unique(agents: tuple[Agent, ...]) -> tuple[Agent, ...]:
    """Agents in order, each span once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for a in agents:
        key = (a.span.start, a.span.end)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return tuple(out)


def _once(agents: tuple[Agent, ...]) -> tuple[Agent, ...]:
    """Agents named twice (the heading's "to Stalin", the address block's "to Cde. Stalin") once,
    where first named; persons are compared by surname, others by their whole text."""

    def key(a: Agent) -> str:
        words = a.span.text.casefold().replace("’", "'").split()
        return words[-1] if a.kind is AgentKind.PERSON and words else " ".join(words)

    seen: set[str] = set()
    out = []
    for a in _unique(agents):
        k = key(a)
        if k not in seen:
            seen.add(k)
            out.append(a)
    return tuple(out)


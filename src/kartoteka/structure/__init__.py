"""Structure of a transcription: heading, dateline, agents, transmission chain, classification,
references and summary. Pure: a Document (and the dates found in it) in, a Structure out."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model import (
    Agent,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Reference,
    Span,
)
from kartoteka.structure.classification import find_classification
from kartoteka.structure.references import find_references
from kartoteka.structure.summary import find_summary


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
    title = None
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            title = Span.of(text, pos, pos + len(line))
            break
        pos += len(line)
    return Structure(
        title=title,
        date=dates[0] if dates else None,
        classification=find_classification(text),
        references=find_references(text),
        summary=find_summary(text),
    )


__all__ = ["Structure", "analyse"]

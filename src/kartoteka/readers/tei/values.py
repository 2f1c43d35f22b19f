"""The values TEI import yields: documents with their text, the editors' annotations as offsets,
inline annotations, persons lists, and what a letter edition's header says."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.corrections import LoggedCorrection
from kartoteka.model import (
    Agent,
    ChainStep,
    DateValue,
    Document,
    Entity,
    Mark,
    Mention,
    Record,
    Reference,
    Span,
)


@dataclass(frozen=True, slots=True)
class LinkedName:
    """A name the editors marked in the text: its span, the authority id it links to, where it is."""

    span: Span
    person_id: str | None
    zone: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class HeadingAgent:
    """A sender or recipient marked in the heading (``type="from"`` / ``"to"``)."""

    span: Span
    element: str
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    span: Span
    person_ids: tuple[str, ...] = ()
    in_attachment: bool = False


@dataclass(frozen=True, slots=True)
class AuthorityPerson:
    """One entry of a TEI persons list: id, name as listed, identification, linked ids."""

    id: str
    name: str
    identification: str = ""
    see_also: tuple[str, ...] = ()

    @property
    def name_direct_order(self) -> str:
        if "," not in self.name:
            return self.name
        last, first = self.name.split(",", 1)
        return f"{first.strip()} {last.strip()}"


@dataclass(frozen=True, slots=True)
class Annotations:
    """What the editors marked in one document, as offsets into the imported text."""

    doc_id: str
    title: Span | None = None
    dateline: Span | None = None
    date: Span | None = None
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    place: Span | None = None
    senders: tuple[HeadingAgent, ...] = ()
    recipients: tuple[HeadingAgent, ...] = ()
    signatories: tuple[Signature, ...] = ()
    source_notes: tuple[Span, ...] = ()
    persons: tuple[LinkedName, ...] = ()
    opener: tuple[Span, ...] = ()  # lines of a 1940s opener after the dateline (the classification)


@dataclass(frozen=True, slots=True)
class Inline:
    """Annotations found inline in a TEI body (as kartoteka's export writes them), by offsets."""

    mentions: tuple[Mention, ...] = ()
    marks: tuple[Mark, ...] = ()
    dates: tuple[DateValue, ...] = ()
    references: tuple[Reference, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Letter:
    """What an edition's header (and its ``choice``s) say about one document, as offsets into the
    imported text: title, date and place of sending, senders, recipients, the sending and receiving
    as steps, the readings a ``choice`` gave up (marks), the source line, and the authority URIs
    the edition gave parties (by the offsets of the name) and the place of sending."""

    title: Span | None = None
    date: DateValue | None = None
    place: Span | None = None
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    chain: tuple[ChainStep, ...] = ()
    marks: tuple[Mark, ...] = ()
    source: Span | None = None
    refs: tuple[tuple[tuple[int, int], str], ...] = ()
    place_ref: str | None = None


@dataclass(frozen=True, slots=True)
class TeiDocument:
    """An imported document: its text, the editors' annotations, inline annotations, and, for a file
    kartoteka's own export wrote, the whole record it was written from and the corrections it carries."""

    document: Document
    annotations: Annotations
    inline: Inline = Inline()
    record: Record | None = None
    letter: Letter | None = None
    changes: tuple[LoggedCorrection, ...] = ()  # the historians' corrections a kartoteka export carries


@dataclass(frozen=True, slots=True)
class TeiImport:
    """A TEI file's documents, with its volume id and title and its persons list."""

    path: str
    volume_id: str
    title: str
    documents: tuple[TeiDocument, ...]
    persons: tuple[AuthorityPerson, ...] = ()
    is_volume: bool = False

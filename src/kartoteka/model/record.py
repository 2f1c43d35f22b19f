"""Record: everything kartoteka knows about one document; serialised as the record contract."""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.model.agent import Agent
from kartoteka.model.chain import ChainStep
from kartoteka.model.classification import Classification
from kartoteka.model.date import DateValue
from kartoteka.model.document import Document, Source
from kartoteka.model.entity import Entity
from kartoteka.model.mark import Mark
from kartoteka.model.mention import Mention
from kartoteka.model.reference import Reference
from kartoteka.model.role import Role
from kartoteka.model.span import Span


@dataclass(frozen=True, slots=True)
class Place:
    """The place of origin: the span as written, and the entity it resolves to."""

    span: Span
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or parsed: ``code`` and a message naming file and line."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Record:
    source: Source
    document: Document | None = None
    title: Span | None = None
    date: DateValue | None = None
    place: Place | None = None
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    signatories: tuple[Agent, ...] = ()
    chain: tuple[ChainStep, ...] = ()
    classification: Classification | None = None
    references: tuple[Reference, ...] = ()
    summary: Span | None = None
    marks: tuple[Mark, ...] = ()
    dates: tuple[DateValue, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    error: Failure | None = None
    # None: not decided across the collection yet (a record JSON then reads the document's own)
    roles: tuple[Role, ...] | None = None

"""Pure data of kartoteka: typed, frozen records that point into a document's text. No I/O here."""

from kartoteka.model.agent import Agent, AgentKind
from kartoteka.model.chain import Action, ChainStep
from kartoteka.model.classification import Classification, Level
from kartoteka.model.date import Certainty, DateValue, Precision
from kartoteka.model.document import Document, Source
from kartoteka.model.entity import Entity, LinkDecision
from kartoteka.model.mark import Mark, MarkKind
from kartoteka.model.mention import Mention, MentionKind
from kartoteka.model.record import Failure, Place, Record
from kartoteka.model.reference import Reference, ReferenceKind, ReferencePart
from kartoteka.model.role import Role
from kartoteka.model.span import Span

__all__ = [
    "Action",
    "Agent",
    "AgentKind",
    "Certainty",
    "ChainStep",
    "Classification",
    "DateValue",
    "Document",
    "Entity",
    "Failure",
    "Level",
    "LinkDecision",
    "Mark",
    "MarkKind",
    "Mention",
    "MentionKind",
    "Place",
    "Precision",
    "Record",
    "Reference",
    "ReferenceKind",
    "ReferencePart",
    "Role",
    "Source",
    "Span",
]

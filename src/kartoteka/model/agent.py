"""Agent: a person, organisation or office that sends, receives, signs or relays a document."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class AgentKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    OFFICE = "office"


@dataclass(frozen=True, slots=True)
class Agent:
    """``span`` is the name as written; office and rank are kept apart from it as their own spans.
    ``role`` says in what capacity a signatory signed when not as an author: ``authenticator``
    (who certified a copy: "Correct: [signed] Major N. Orlov") or ``approver`` (an approval
    known from a bracket: "[Stalin’s signature]"). ``lemma`` is the name in its dictionary form
    where the text declines it ("Багирову", dative → "Багиров")."""

    span: Span
    kind: AgentKind
    entity: str | None = None
    office: Span | None = None
    rank: Span | None = None
    role: str | None = None
    lemma: str | None = None

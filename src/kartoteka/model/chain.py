"""ChainStep: one step of a document's transmission, oldest first (TEI correspAction types)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.agent import Agent
from kartoteka.model.date import DateValue
from kartoteka.model.span import Span


class Action(StrEnum):
    AUTHORED = "authored"
    SENT = "sent"
    TRANSMITTED = "transmitted"
    FORWARDED = "forwarded"
    RECEIVED = "received"
    SIGNED = "signed"


@dataclass(frozen=True, slots=True)
class ChainStep:
    """``time`` is the clock time a cipher clerk wrote beside the date ("03:20"), when given."""

    action: Action
    agents: tuple[Agent, ...] = ()
    date: DateValue | None = None
    place: Span | None = None
    time: Span | None = None

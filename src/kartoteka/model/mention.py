"""Mention: a person, place, organisation or group named in the text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class MentionKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Mention:
    """``span`` is the bare name; a title, rank or office in front of it is ``title``, apart.

    ``method`` says which recogniser found it (``model``, ``gazetteer``, ``rule:…``, ``authority``).
    """

    span: Span
    kind: MentionKind
    entity: str | None = None
    title: Span | None = None
    method: str = ""

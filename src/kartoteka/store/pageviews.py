"""The values the reading room's pages show: typed, frozen records of a document's page, an
entity's page, the overviews (timeline, map, network, facets) and a correction's history, with
the small pure readings of stored text they need (a spelling's script, a mention's context)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kartoteka.model import LinkDecision
from kartoteka.readers.shelfmark import address
from kartoteka.store.page_roles import RoleShown, TitleHeld

if TYPE_CHECKING:
    from kartoteka.store.versions import DocumentEvent, VersionEntry

CAVEATS_ONLY = "caveats only"  # the classification value shown for handling caveats without a level


@dataclass(frozen=True, slots=True)
class RecordValue:
    """A value of the structured record and the characters it came from (``start`` None: no span)."""

    label: str
    value: str
    text: str
    start: int | None
    end: int | None
    entity: str | None = None
    extra: str = ""
    preferred: str | None = None
    details: tuple[RecordValue, ...] = ()  # an agent's rank and office, each with its own characters


@dataclass(frozen=True, slots=True)
class MarkShown:
    kind: str
    value: str
    lang: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MentionShown:
    id: int
    kind: str
    text: str
    start: int
    end: int
    entity: str | None
    entity_name: str | None
    method: str


@dataclass(frozen=True, slots=True)
class StepShown:
    """A step of the transmission chain; its date and place as written, with their characters when known."""

    position: int
    action: str
    date: RecordValue | None
    place: RecordValue | None
    agents: tuple[RecordValue, ...]


@dataclass(frozen=True, slots=True)
class EntityLink:
    """An entity a correction names: its part in it (``kept``, ``merged``, ``split from``, ``new``,
    ``attached to``, ``renamed``), the id and name the correction gave, and the id it lives under
    now (followed through merges; None when re-linking left no entity of that id)."""

    role: str
    id: str
    name: str
    now: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One correction as a reader sees it on a document's or an entity's page.

    For a document's value (``field``: title, date or classification) ``value`` is what the
    correction set and ``parsed`` what the parse gave; ``in_force`` is True for the correction
    whose value the archive shows now (the latest active one of its field)."""

    id: int
    created_at: str
    author: str
    action: str
    target: str
    reason: str
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None
    applied: bool
    field: str | None = None
    value: str | None = None
    parsed: str | None = None
    in_force: bool = False
    entities: tuple[EntityLink, ...] = ()
    imported_from: str | None = None  # made elsewhere, logged here by ``kartoteka import`` of this file
    imported_at: str | None = None

    @property
    def state(self) -> str:
        if self.undone_at is not None:
            return "undone"
        if not self.applied:
            return "not applied"
        if self.field is not None and not self.in_force:
            return "superseded"
        return "in force"


@dataclass(frozen=True, slots=True)
class DocumentPage:
    id: int
    sha256: str
    path: str
    text: str
    title: str
    date_iso: str | None
    record: tuple[RecordValue, ...]
    chain: tuple[StepShown, ...]
    marks: tuple[MarkShown, ...]
    mentions: tuple[MentionShown, ...]
    error: str | None
    history: tuple[HistoryEntry, ...] = ()  # newest first
    collection: str = ""  # the document's address: ``collection/name`` (``address``), cited and typed
    name: str = ""
    version: int = 1  # of the transcription shown (the current one unless ``shown_version`` says otherwise)
    versions: tuple[VersionEntry, ...] = ()  # every transcription, oldest first, the current one last (none: never replaced)
    events: tuple[DocumentEvent, ...] = ()  # replacements, withdrawals, reinstatements, oldest first
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None
    withdrawn_reason: str | None = None
    roles: tuple[RoleShown, ...] = ()  # titles standing alone for their holders ("the Prime Minister")

    @property
    def address(self) -> str:
        """``collection/name``: the page is ``/documents/`` + this (the sha256 is a second address)."""
        return address(self.collection, self.name)
    classification_caveats: tuple[str, ...] = ()  # as stored (corrected), one by one
    # the last of a range at the date's precision ("1945" to "1947", "1953-08-20" to "1953-08-21");
    # None when the date is one day, month or year
    date_end: str | None = None

    def corrected(self) -> dict[str, HistoryEntry]:
        """The correction in force for each corrected value (title, date, classification)."""
        return {h.field: h for h in self.history if h.field is not None and h.in_force}

    def values(self, label: str) -> tuple[RecordValue, ...]:
        """The record's values of one label (``title``, ``date``, ``origin``, ``sender``, ``recipient``,
        ``signatory``, ``classification``, ``reference``, ``summary``), in the record's order."""
        return tuple(v for v in self.record if v.label == label)

    def value(self, label: str) -> str | None:
        """The first value of one label, or None (``title``: None when the document has none of its own)."""
        return next((v.value for v in self.record if v.label == label), None)

    @property
    def classification_level(self) -> str | None:
        level = self.value("classification")
        return None if level == CAVEATS_ONLY else level


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document as listed on other pages."""

    id: int
    sha256: str
    title: str
    date_iso: str | None
    classification: str | None = None
    path: str = ""


@dataclass(frozen=True, slots=True)
class Spelling:
    form: str
    count: int
    script: str


@dataclass(frozen=True, slots=True)
class Count:
    """A labelled count (a year, a co-mentioned person, a facet value); ``key`` is an id or value."""

    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """A place named in documents; no coordinates when the archive has none for it."""

    id: str
    name: str
    latitude: float | None
    longitude: float | None
    documents: int
    authority: tuple[tuple[str, str], ...] = ()  # where the coordinates come from (GeoNames id, …)


@dataclass(frozen=True, slots=True)
class MentionInContext:
    """A mention with the words around it (``before`` and ``after``, white space folded)."""

    id: int
    document: DocRef
    text: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EntityPage:
    id: str
    kind: str
    name: str
    description: str | None
    authority: tuple[tuple[str, str], ...]
    latitude: float | None
    longitude: float | None
    mention_count: int
    document_count: int
    origin: str
    spellings: tuple[Spelling, ...]
    links: tuple[LinkDecision, ...]
    years: tuple[Count, ...]
    documents: tuple[DocRef, ...]
    people: tuple[Count, ...]
    places: tuple[PlacePoint, ...]
    mentions: tuple[MentionInContext, ...]
    audit: tuple[HistoryEntry, ...]  # newest first
    documents_from: int = 0  # offset of ``documents`` among all the entity's documents, oldest first
    documents_next: int | None = None  # offset of the next page of documents (None: this is the last)
    mentions_next: int | None = None  # the last mention id shown, when more follow (keyset of the next page)
    counted_over: int = 0  # documents the co-occurring people and places were counted over
    titles: tuple[TitleHeld, ...] = ()  # the titles the documents give the person, by year

    @property
    def variants(self) -> tuple[LinkDecision, ...]:
        """Every spelling: how the linker joined each (``links``), then the forms only the text shows
        (method ``mention``)."""
        linked = {v.variant for v in self.links}
        return (*self.links, *(LinkDecision(s.form, 1.0, "mention") for s in self.spellings if s.form not in linked))


@dataclass(frozen=True, slots=True)
class EntityBrief:
    id: str
    kind: str
    name: str
    documents: int


@dataclass(frozen=True, slots=True)
class Timeline:
    months: tuple[Count, ...]
    documents: tuple[DocRef, ...]
    events: tuple[Count, ...]
    undated: int
    dated: int = 0  # every dated document (``documents`` lists a page of them)
    listed_from: int = 0  # the offset of ``documents`` among the dated documents of the range
    listed_total: int = 0  # dated documents in the range listed (from ``start`` to ``end``)
    start: str | None = None  # the range listed, months (None: open)
    end: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceDocuments:
    """A place's documents in time: counted per year, and the first of them, oldest first."""

    id: str
    name: str
    years: tuple[Count, ...]
    documents: tuple[DocRef, ...]
    total: int  # dated documents of the place (``documents`` lists the first)
    months: tuple[Count, ...] = ()  # those dated to a month, per month


@dataclass(frozen=True, slots=True)
class PersonLink:
    source: str
    target: str
    weight: int
    kind: str


@dataclass(frozen=True, slots=True)
class PersonNetwork:
    nodes: tuple[EntityBrief, ...]
    edges: tuple[PersonLink, ...]
    counted_over: int = 0  # documents the nodes and edges were counted over
    more: bool = False  # True when the scope held more documents than were counted


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts by named entity (per kind), by year, and by each stored field's value (``fields``, by
    the field's name: classification, language, type, collection)."""

    person: tuple[Count, ...]
    place: tuple[Count, ...]
    organization: tuple[Count, ...]
    year: tuple[Count, ...]
    fields: tuple[tuple[str, tuple[Count, ...]], ...] = ()

    def of(self, name: str) -> tuple[Count, ...]:
        """One facet's counts by its name (an entity kind, ``year`` or a field)."""
        if name in ("person", "place", "organization", "year"):
            found: tuple[Count, ...] = getattr(self, name)
            return found
        return next((v for n, v in self.fields if n == name), ())

    @property
    def classification(self) -> tuple[Count, ...]:
        return self.of("classification")

    @property
    def collection(self) -> tuple[Count, ...]:
        return self.of("collection")


def script_of(form: str) -> str:
    """The writing system of a spelling: the Unicode script name of its first letter, or "Latin"."""
    for ch in form:
        if ch.isalpha():
            try:
                return unicodedata.name(ch).split(" ")[0].title()
            except ValueError:
                return "Other"
    return "Latin"


def clip(context: str, *, left: bool) -> str:
    """Context folded to one line, without the word the cut went through (on the cut's side)."""
    flat = " ".join(context.split()) if context.strip() else ""
    if context[:1].isspace():
        flat = " " + flat
    if context[-1:].isspace():
        flat += " "
    if left:
        return "…" + flat.split(" ", 1)[1] if " " in flat else flat
    if len(context) >= 70 and " " in flat.strip():
        return flat.rsplit(" ", 1)[0] + "…"
    return flat


def cut(text: str, start: int | None, end: int | None) -> str:
    return text[start:end] if start is not None and end is not None else ""


def caveats(raw: str | None) -> list[str]:
    return [x for x in (raw or "").split("; ") if x]


def authority(raw: str | None) -> tuple[tuple[str, str], ...]:
    if not raw:
        return ()
    try:
        val = json.loads(raw)
    except ValueError:
        return ()
    return tuple((str(k), str(v)) for k, v in sorted(val.items())) if isinstance(val, dict) else ()


__all__ = [
    "CAVEATS_ONLY",
    "Count",
    "DocRef",
    "DocumentPage",
    "EntityBrief",
    "EntityLink",
    "EntityPage",
    "Facets",
    "HistoryEntry",
    "MarkShown",
    "MentionInContext",
    "MentionShown",
    "PersonLink",
    "PersonNetwork",
    "PlaceDocuments",
    "PlacePoint",
    "RecordValue",
    "Spelling",
    "StepShown",
    "Timeline",
    "authority",
    "caveats",
    "clip",
    "cut",
    "script_of",
]

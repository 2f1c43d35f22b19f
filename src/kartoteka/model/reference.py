"""Reference: an archival, registry or file number found in a document."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class ReferenceKind(StrEnum):
    REGISTER = "register"  # "No 3691-3692/538", "No 241/s", "Outgoing No. 3/127", "L-16022"
    REPLY_TO = "reply_to"  # "To No. 497/sh.": the register number of the document answered
    RESOLUTION = "resolution"  # "Protocol No. 41", "Decision No. P 12/4": a body's decision or its protocol
    FILE = "file"  # "File No. 14", "Delo No. 7": the case file a paper was put in
    DECIMAL_FILE = "decimal_file"  # "611.88/1–1659", "891.00/12–946"
    SUBJECT_NUMERIC_FILE = "subject_numeric_file"  # "POL 15–1 IRAN"
    LOT_FILE = "lot_file"  # "Lot 62 D 430"
    CIA_JOB = "cia_job"  # "Job 79-01025A, Box 134, Folder 1"
    FRC_ACCESSION = "frc_accession"
    RECORD_GROUP = "record_group"
    ARCHIVE_CITATION = "archive_citation"  # "AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ReferencePart:
    """One field of an archival citation: ``name`` is ``fond``, ``opis``, ``papka``, ``delo``,
    ``list`` (the folios) or ``dokument``; ``span`` is its value as written ("059a", "[115]",
    "62-64"). A field the citation says is missing ("Fond and Opis not given") has no part."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Reference:
    """``repository`` is the archive a citation names ("APRF", "ГАППОД АзР"); ``parts`` its
    fond/opis/delo/list fields. Both stay empty for register and file numbers."""

    span: Span
    kind: ReferenceKind
    repository: Span | None = None
    parts: tuple[ReferencePart, ...] = ()

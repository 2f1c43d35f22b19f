"""Reference: an archival, registry or file number found in a document."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model.span import Span


class ReferenceKind(StrEnum):
    REGISTER = "register"  # "No 3691-3692/538", "No 241/s"
    DECIMAL_FILE = "decimal_file"  # "611.88/1–1659", "891.00/12–946"
    SUBJECT_NUMERIC_FILE = "subject_numeric_file"  # "POL 15–1 IRAN"
    LOT_FILE = "lot_file"  # "Lot 62 D 430"
    CIA_JOB = "cia_job"  # "Job 79-01025A, Box 134, Folder 1"
    FRC_ACCESSION = "frc_accession"
    RECORD_GROUP = "record_group"
    ARCHIVE_CITATION = "archive_citation"  # "AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Reference:
    span: Span
    kind: ReferenceKind

"""Corrections by a historian: the values (``correction``), what they changed as exports show it
(``corrected``), and their JSON in the audit log (``payload``)."""

from kartoteka.corrections.corrected import (
    Corrected,
    CorrectedValue,
    EntityCorrection,
    LoggedCorrection,
    corrected_value,
)
from kartoteka.corrections.correction import (
    ENTITY_ACTIONS,
    Correction,
    CorrectionAction,
    EntityRef,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    action_of,
    describe,
    entity_refs,
    mention_refs,
    names_of,
)
from kartoteka.corrections.payload import from_payload, to_payload

__all__ = [
    "ENTITY_ACTIONS",
    "Corrected",
    "CorrectedValue",
    "Correction",
    "CorrectionAction",
    "EntityCorrection",
    "EntityRef",
    "LoggedCorrection",
    "MentionRef",
    "Merge",
    "Reattach",
    "Rename",
    "SetClassification",
    "SetDate",
    "SetTitle",
    "Split",
    "action_of",
    "corrected_value",
    "describe",
    "entity_refs",
    "from_payload",
    "mention_refs",
    "names_of",
    "to_payload",
]

"""References: register numbers, file numbers and archival citations.

Owns the shapes archives give their numbers: Soviet register numbers ("No 3691-3692/538",
"No 241/s", "Protocol No 51"), State Department decimal files ("611.88/1–1659",
"891.00/12–946") and subject-numeric files ("POL 15–1 IRAN", "POL 33 PERSIAN GULF"), lot files ("Lot 62 D 430"), CIA
job/box/folder citations ("Job 79-01025A, Box 134, Folder 1"), Federal Records Center
accessions ("FRC 72 A 2379"), record groups ("RG 59") and Russian fond/opis/delo citations
("AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51"). Copy numbers ("Copy No. 2") are not
references.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kartoteka.model import Reference, ReferenceKind, Span

_DASH = r"[-–—]"
# State Department subject codes of the 1963- central files (the primary subject headings).
_SUBJECTS = (
    "POL", "DEF", "AID", "ORG", "FN", "FT", "INCO", "PET", "E", "ECIN", "CSM", "SOC", "CULT", "EDX",
    "PPB", "LAB", "SCI", "AGR", "STR", "TRV", "ECON", "FIN", "ADM", "NAR", "AE", "EDU", "FSE",
)  # codes that are also English words ("IT", "PER", "CON") are left out: all-caps telegrams use them
_SUBJECT = "|".join(sorted(set(_SUBJECTS), key=len, reverse=True))
_ARCHIVE_HEAD = r"(?:[A-Z][\w'’]*\.?(?:\s+[A-Z][\w'’]*\.?){0,3},?\s+)"

_RULES_SOURCE: tuple[tuple[ReferenceKind, re.Pattern[str]], ...] = (
    (ReferenceKind.REGISTER, re.compile(
        r"(?i:\b(?:protocol|order|decree|resolution|directive|telegram|despatch|dispatch|letter|note|memorandum|"
        r"report|instruction|prikaz|postanovleniye)\s+)?(?<![\w])(?:No\.?|Nr\.?|№)\s*[A-Z]?\d+(?:\s?[-–/]\s?[\w]+)*"
        r"(?:/[a-zA-Z]{1,4}\b)?")),
    (ReferenceKind.ARCHIVE_CITATION, re.compile(
        rf"(?:{_ARCHIVE_HEAD})?\b(?:f|F|fond|Fond)\.?\s*[A-Z]?{_DASH}?\d+[\w-]*,\s*(?:op|opis|Op|per)\.?\s*\d+[\w-]*"
        rf"(?:,\s*(?:p|por|papka|pap)\.?\s*\d+[\w-]*)?(?:,\s*(?:d|delo|D|spr|sprava)\.?\s*\d+[\w-]*)?"
        rf"(?:,\s*(?:ll|l|list|listy|L|ark|arkush)\.?\s*\d+(?:\s*(?:ob\.?|{_DASH}\s*\d+(?:\s*ob\.?)?))*)?")),
    (ReferenceKind.CIA_JOB, re.compile(
        rf"\bJob\s+(?:No\.?\s*)?\d{{2}}\s?{_DASH}\s?[A-Z]?\d{{3,}}[A-Z]?(?:,?\s*Box\s+\d+[A-Z]?)?(?:,?\s*Folder\s+[\w-]+)?")),
    (ReferenceKind.LOT_FILE, re.compile(r"\bLot\s+\d{2}\s?[A-Z]\s?\d+[A-Z]?\b")),
    (ReferenceKind.FRC_ACCESSION, re.compile(
        r"\b(?:FRC|Accession(?:\s+No\.?)?)\s+\d{2}\s?[A-Z]\s?\d+(?:\s?[A-Z]\b)?")),
    (ReferenceKind.RECORD_GROUP, re.compile(r"\b(?:RG|Record\s+Group)\s+\d+\b")),
    (ReferenceKind.DECIMAL_FILE, re.compile(
        rf"(?<![\w./])\d{{3}}[A-Z]{{0,2}}(?:\.[0-9A-Z]+)?(?:{_DASH}[A-Z]{{2,}}[A-Z0-9]*)?(?:\s?\([A-Z0-9 ./]{{1,12}}\))?"
        rf"(?:\s[A-Z][A-Za-z]+)?(?:/[A-Z0-9]+(?:{_DASH}\d+)*)+(?![\w/])")),
    (ReferenceKind.SUBJECT_NUMERIC_FILE, re.compile(
        rf"\b(?:{_SUBJECT})(?:\s?\((?:US|[A-Z]{{2,6}})\))?(?:\s+\d+(?:{_DASH}\d+)*\s+[A-Z]+|\s+[A-Z]{{2,}})(?:\s+[A-Z]+){{0,2}}"
        rf"(?:\s?(?:{_DASH}|/)\s?[A-Z]{{2,}})*\b"
        r"(?=\s*(?:[.,;:)]|$))", re.MULTILINE)),
)
# References never run over a line break.
_RULES = tuple((k, re.compile(p.pattern.replace(r"\s", r"[ \t\u00a0]"), p.flags)) for k, p in _RULES_SOURCE)
_NOT_REGISTER = re.compile(r"(?i)(?:copy|exemplar|ex\.|экз\.?|page|point|item|paragraph)\s*$")


def find_references(text: str) -> tuple[Reference, ...]:
    """Every archival, registry or file number in ``text``, in order."""
    found: list[Reference] = []
    for kind, pat in _RULES:
        for m in pat.finditer(text):
            start, end = m.start(), m.end()
            value = m.group()
            if kind is ReferenceKind.REGISTER and _NOT_REGISTER.search(text[max(0, start - 12):start]):
                continue
            if kind is ReferenceKind.ARCHIVE_CITATION and not re.search(r"\b(?:op|opis|Op|per)\.?\s*\d", value):
                continue
            while end > start and text[end - 1] in ".,;: ":
                end -= 1
            span = Span.of(text, start, end)
            # the references kept do not overlap: only the neighbours by position can overlap a new one
            at = bisect_left(found, span.start, key=_start)
            if any(r.span.overlaps(span) for r in found[max(0, at - 1):at + 1]):
                continue
            found.insert(at, Reference(span, kind))
    return tuple(found)


def _start(r: Reference) -> int:
    return r.span.start


__all__ = ["find_references"]

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
from functools import lru_cache
from itertools import accumulate

from kartoteka.model import Reference, ReferenceKind, Span
from kartoteka.structure.citations import find_citations

_DASH = r"[-–—]"
# State Department subject codes of the 1963- central files (the primary subject headings).
_SUBJECTS = (
    "POL", "DEF", "AID", "ORG", "FN", "FT", "INCO", "PET", "E", "ECIN", "CSM", "SOC", "CULT", "EDX",
    "PPB", "LAB", "SCI", "AGR", "STR", "TRV", "ECON", "FIN", "ADM", "NAR", "AE", "EDU", "FSE",
)  # codes that are also English words ("IT", "PER", "CON") are left out: all-caps telegrams use them
_SUBJECT = "|".join(sorted(set(_SUBJECTS), key=len, reverse=True))

# Register numbers in every shape archives print them: "No. 1012", "Nº 2417", "№ 3217/ш",
# "# 600512/sh", "Special no. 612", "No. St 41/12", "Nº 25-S-1308", "Outgoing No. 3/127"; the
# words before the sign say what the number is ("To No. 497/sh." answers a register number,
# "Protocol No. 41" is a decision's, "File No. 7" a case file's) and stay in the span.
_SIGN = r"(?:No\.?|NO\.?|no\.|Nos?\.|Nr\.?|Nº|N°|№|#)"
_ID = r"(?:[A-ZА-Я][A-Za-zА-Яа-я]{0,2}\.?\s?)?\d[\w]*(?:\s?[-–/]\s?[\w]+)*(?:/[^\W\d_]{1,4}\b\.?)?"
_REPLY = r"To|TO|In\s+reply\s+to|In\s+answer\s+to|Re:?|Reply\s+to|Your|На"
_RESOLUTION = (r"Protocol|PROTOCOL|protocol|Prot\.|prot\.|Resolution|resolution|Decision|decision|Decree|decree|"
               r"Postanovleniye|Order|Prikaz|Minutes")
_FILE = r"File|FILE|file|Delo|Case|Dossier"
# a register's own label, capitalised where it opens the number ("Outgoing No. 3/127", "Special no. 612")
_REGISTER_LABEL = r"Outgoing|OUTGOING|Incoming|INCOMING|Special|SPECIAL|Our|Registration|Reg\.|Ref\.|Исх\.|Вх\."
# the kind of paper the number belongs to, in any case ("my telegram No. 319", "despatch No. 586")
_PAPER = r"telegram|despatch|dispatch|letter|note|memorandum|report|instruction|directive"
_REGISTER = re.compile(
    rf"(?:(?P<reply>{_REPLY})\s+|(?P<resolution>(?i:{_RESOLUTION}))\s+|(?P<file>(?i:{_FILE}))\s+|(?:{_REGISTER_LABEL}|(?i:{_PAPER}))\s+)?"
    rf"(?<![\w#№]){_SIGN}\s*{_ID}"
)
# "Ref. 2715-s": a reference number without a sign; "N 203", "L-16022" only on a line of their own
_REF = re.compile(r"(?<![\w])(?:Ref|REF)\.?[ \t]*(?:No\.?[ \t]*)?\d[\w]*(?:[-–/][\w]+)*")
_ALONE = re.compile(r"(?m)^[ \t]*(?P<ref>N[ \t]?\d+(?:[-–/]\w+)*|[A-ZА-Я]{1,3}[-–]\d{3,}(?:[-–/]\w+)*)[ \t]*$")

_RULES_SOURCE: tuple[tuple[ReferenceKind, re.Pattern[str]], ...] = (
    (ReferenceKind.REGISTER, _REGISTER),
    (ReferenceKind.REGISTER, _REF),
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


@lru_cache(maxsize=4)  # a summary asks again of a paragraph that is the whole text (a list of lines)
def find_references(text: str) -> tuple[Reference, ...]:
    """Every archival, registry or file number in ``text``, in order."""
    first: list[Reference] = list(find_citations(text))
    for m in _ALONE.finditer(text):
        first.append(Reference(Span.of(text, m.start("ref"), m.end("ref")), ReferenceKind.REGISTER))
    # the first finds may overlap one another: sorted by start with the furthest end so far,
    # a span overlaps one of them exactly when the last that starts before its end reaches past its start
    by_start = sorted(first, key=_start)
    first_starts = [r.span.start for r in by_start]
    first_reach = list(accumulate((r.span.end for r in by_start), max))
    found: list[Reference] = []  # kept sorted and without overlaps, so only neighbours need a look
    for kind, pat in _RULES:
        for m in pat.finditer(text):
            start, end = m.start(), m.end()
            if kind is ReferenceKind.REGISTER and _NOT_REGISTER.search(text[max(0, start - 12):start]):
                continue
            typed = _register_kind(m) if "reply" in pat.groupindex else kind
            while end > start and text[end - 1] in ".,;: ":
                end -= 1
            span = Span.of(text, start, end)
            at = bisect_left(found, span.start, key=_start)
            if any(r.span.overlaps(span) for r in found[max(0, at - 1):at + 1]) \
                    or _reaches(first_starts, first_reach, span):
                continue
            found.insert(at, Reference(span, typed))
    return tuple(sorted([*first, *found], key=lambda r: r.span.start))


def _reaches(starts: list[int], reach: list[int], span: Span) -> bool:
    """Whether a stretch starting before ``span`` ends runs past its start (``Span.overlaps``)."""
    i = bisect_left(starts, span.end) - 1
    return i >= 0 and reach[i] > span.start


def _start(r: Reference) -> int:
    return r.span.start


def _register_kind(m: re.Match[str]) -> ReferenceKind:
    if m.group("reply"):
        return ReferenceKind.REPLY_TO
    if m.group("resolution"):
        return ReferenceKind.RESOLUTION
    if m.group("file"):
        return ReferenceKind.FILE
    return ReferenceKind.REGISTER


__all__ = ["find_references"]

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
from collections.abc import Iterator
from itertools import accumulate, chain

from kartoteka.model import Reference, ReferenceKind, Span
from kartoteka.structure.citations import find_citations

_DASH = r"[-–—]"
_BLANK = r"[ \t\u00a0]"  # references never run over a line break
# State Department subject codes of the 1963- central files (the primary subject headings).
_SUBJECTS = (
    "POL", "DEF", "AID", "ORG", "FN", "FT", "INCO", "PET", "E", "ECIN", "CSM", "SOC", "CULT", "EDX",
    "PPB", "LAB", "SCI", "AGR", "STR", "TRV", "ECON", "FIN", "ADM", "NAR", "AE", "EDU", "FSE",
)  # codes that are also English words ("IT", "PER", "CON") are left out: all-caps telegrams use them


def _word(word: str) -> str:
    """``word`` where no word character stands before it: ``\\bword`` for a word that opens with
    a word character, written so that the pattern opens with the word's own letters (the regex
    engine then skips ahead to them, where a leading assertion is tried at every character)."""
    return f"{word}(?<!\\w{word})"


_SUBJECT = "|".join(_word(s) for s in sorted(set(_SUBJECTS), key=len, reverse=True))

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
_ID_ON_LINE = _ID.replace(r"\s", _BLANK)
# the words before the sign, ending where the sign begins (found after the sign: see ``_registers``)
_LABEL_BEFORE = re.compile(
    rf"(?:(?P<reply>{_REPLY})|(?P<resolution>(?i:{_RESOLUTION}))|(?P<file>(?i:{_FILE}))|(?:{_REGISTER_LABEL}|(?i:{_PAPER})))"
    rf"{_BLANK}+\Z"
)
# the sign and the number; the lookahead lets the regex engine skip to a sign's first character
_SIGNED_NUMBER = re.compile(rf"(?=[Nn№#])(?<![\w#№]){_SIGN}{_BLANK}*{_ID_ON_LINE}")
_LABEL_REACH = 48  # the longest label and the blanks after it
# "Ref. 2715-s": a reference number without a sign; "N 203", "L-16022" only on a line of their own
_REF = re.compile(rf"(?:{_word('Ref')}|{_word('REF')})\.?[ \t]*(?:No\.?[ \t]*)?\d[\w]*(?:[-–/][\w]+)*")
_ALONE = re.compile(r"(?m)^[ \t]*(?P<ref>N[ \t]?\d+(?:[-–/]\w+)*|[A-ZА-Я]{1,3}[-–]\d{3,}(?:[-–/]\w+)*)[ \t]*$")

_RULES_SOURCE: tuple[tuple[ReferenceKind, re.Pattern[str]], ...] = (
    (ReferenceKind.REGISTER, _REF),
    (ReferenceKind.CIA_JOB, re.compile(
        rf"{_word('Job')}\s+(?:No\.?\s*)?\d{{2}}\s?{_DASH}\s?[A-Z]?\d{{3,}}[A-Z]?(?:,?\s*Box\s+\d+[A-Z]?)?(?:,?\s*Folder\s+[\w-]+)?")),
    (ReferenceKind.LOT_FILE, re.compile(rf"{_word('Lot')}\s+\d{{2}}\s?[A-Z]\s?\d+[A-Z]?\b")),
    (ReferenceKind.FRC_ACCESSION, re.compile(
        rf"(?:{_word('FRC')}|{_word('Accession')}(?:\s+No\.?)?)\s+\d{{2}}\s?[A-Z]\s?\d+(?:\s?[A-Z]\b)?")),
    (ReferenceKind.RECORD_GROUP, re.compile(rf"(?:{_word('RG')}|{_word('Record')}\s+Group)\s+\d+\b")),
    (ReferenceKind.DECIMAL_FILE, re.compile(
        rf"\d{{3}}(?<![\w./]\d{{3}})[A-Z]{{0,2}}(?:\.[0-9A-Z]+)?(?:{_DASH}[A-Z]{{2,}}[A-Z0-9]*)?(?:\s?\([A-Z0-9 ./]{{1,12}}\))?"
        rf"(?:\s[A-Z][A-Za-z]+)?(?:/[A-Z0-9]+(?:{_DASH}\d+)*)+(?![\w/])")),
    (ReferenceKind.SUBJECT_NUMERIC_FILE, re.compile(
        rf"(?:{_SUBJECT})(?:\s?\((?:US|[A-Z]{{2,6}})\))?(?:\s+\d+(?:{_DASH}\d+)*\s+[A-Z]+|\s+[A-Z]{{2,}})(?:\s+[A-Z]+){{0,2}}"
        rf"(?:\s?(?:{_DASH}|/)\s?[A-Z]{{2,}})*\b"
        r"(?=\s*(?:[.,;:)]|$))", re.MULTILINE)),
)
_RULES = tuple((k, re.compile(p.pattern.replace(r"\s", _BLANK), p.flags)) for k, p in _RULES_SOURCE)
_NOT_REGISTER = re.compile(r"(?i)(?:copy|exemplar|ex\.|экз\.?|page|point|item|paragraph)\s*$")


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
    for start, end, typed in chain(_registers(text), _by_rules(text)):
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


def _registers(text: str) -> Iterator[tuple[int, int, ReferenceKind]]:
    """Register numbers ("No. 1012", "To No. 497/sh.", "Protocol No. 41"): start, end and kind.

    The sign is found first and its label looked for just before it: as one pattern with the
    label first, the regex engine tried every label at every character (2 s for 5 MB)."""
    end = 0
    for m in _SIGNED_NUMBER.finditer(text):
        if m.start() < end:
            continue
        label = _LABEL_BEFORE.search(text, max(end, m.start() - _LABEL_REACH), m.start())
        end = m.end()
        start = m.start() if label is None else label.start()
        if not _copy_number(text, start):
            yield start, end, ReferenceKind.REGISTER if label is None else _register_kind(label)


def _by_rules(text: str) -> Iterator[tuple[int, int, ReferenceKind]]:
    """The other shapes' numbers, rule by rule: start, end and kind."""
    for kind, pat in _RULES:
        for m in pat.finditer(text):
            if kind is not ReferenceKind.REGISTER or not _copy_number(text, m.start()):
                yield m.start(), m.end(), kind


def _copy_number(text: str, start: int) -> bool:
    """A number after "Copy", "page", "item"…: no register's."""
    return _NOT_REGISTER.search(text[max(0, start - 12):start]) is not None


def _register_kind(m: re.Match[str]) -> ReferenceKind:
    if m.group("reply"):
        return ReferenceKind.REPLY_TO
    if m.group("resolution"):
        return ReferenceKind.RESOLUTION
    if m.group("file"):
        return ReferenceKind.FILE
    return ReferenceKind.REGISTER


__all__ = ["find_references"]

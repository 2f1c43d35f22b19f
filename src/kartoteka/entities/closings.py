"""Closings: the names a document lists rather than writes in running text. A closing's list
("With deep respect: A, B, Doctor C"), those present ("PARTICIPANTS"), a source note's "Drafted
by … approved by …", and a signature alone on a line near the end."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kartoteka.entities.rules import NAME, Found
from kartoteka.entities.shapes import NON_PERSON_WORDS, person_words_ok, strong_place
from kartoteka.entities.titles import TITLE_ALTERNATION, split_title
from kartoteka.linking.keys import fold

_CLOSING = re.compile(
    r"^[ \t]*(?:With\s+(?:deep\s+|profound\s+|great\s+)?respect|Respectfully(?:\s+yours)?|Sincerely(?:\s+yours)?|"
    r"Signed|Signatures?|Signatories)\s*[:,—-]\s*(.+?)[ \t]*$",
    re.MULTILINE,
)
_SIGNED_TAIL = re.compile(r"\s*[\[(](?:signed|sgd|s)[\])]\.?\s*$", re.IGNORECASE)
_DATE_HEAD = re.compile(
    r"(?:\d{1,2}[ .]+(?:[A-Z][a-z]+|[IVX]+)[ .]+\d{2,4}|[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})\s+"
)


def closing_names(text: str) -> Iterator[Found]:
    """Names listed in a closing: "With deep respect: Pishevari, Shabustari, Doctor Dzhavid"."""
    for m in _CLOSING.finditer(text):
        pos = m.start(1)
        for item in re.finditer(r"[^,;]+", m.group(1)):
            part = item.group()
            s = pos + item.start()
            e = pos + item.end()
            s, e = strip_edges(text, s, e)
            if text[s:e].startswith("and "):
                s += 4
            title, name_start = split_title(text, s, e)
            if re.fullmatch(NAME, text[name_start:e]) and person_words_ok(text[name_start:e]) and part.strip():
                yield Found(name_start, e, "rule:closing", (title.start, title.end) if title else None)


# a list of those present: "PARTICIPANTS" over one person a line, or "Persons Present: A, B"
_LIST_HEAD = re.compile(
    r"^[ \t]*(?:PARTICIPANTS|Participants|PERSONS PRESENT|Persons [Pp]resent|PRESENT|Present|ALSO PRESENT|"
    r"Also [Pp]resent|ATTENDEES|Attendees|Participating)[ \t]*:?[ \t]*([^\n]*)$",
    re.MULTILINE,
)
# the people a source note or a telegram's first line names: "Drafted by Rockwell and approved by
# Talbot", "For Ambassador from Talbot"
_BY_LINE = re.compile(
    rf"\b(?:[Dd]rafted|[Aa]pproved|[Cc]leared|[Ii]nitialed|[Ii]nitialled|[Tt]ransmitted|[Ss]igned)"
    rf"(?:[ \t]+in[ \t]+draft)?[ \t]+by[ \t]+({NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+)(?!approved|cleared){NAME})*)"
)
_FOR_FROM = re.compile(rf"\bFor[ \t]+(?:the[ \t]+)?(?:{TITLE_ALTERNATION})\.?[ \t]+from[ \t]+({NAME})")


def name_lists(text: str) -> Iterator[Found]:
    """Names in a list of those present: each line under "PARTICIPANTS" (up to its first comma,
    the office after it left out), or the items after "Persons Present:" on its own line."""
    for m in _LIST_HEAD.finditer(text):
        if m.group(1).strip():
            items = [(m.start(1) + i.start(), m.start(1) + i.end()) for i in re.finditer(r"[^,;]+", m.group(1))]
        else:
            items = []
            for line in re.finditer(r"([^\n]*)\n?", text[m.end() + 1:m.end() + 2000]):
                if not line.group(1).strip():
                    break
                head = re.match(r"[^,;(—–]+", line.group(1))
                if head:
                    items.append((m.end() + 1 + line.start(), m.end() + 1 + line.start() + head.end()))
        for s, e in items:
            yield from _listed(text, s, e, "rule:participants")


def _listed(text: str, s: int, e: int, method: str) -> Iterator[Found]:
    bounds = [s, *(x for j in re.finditer(r"\s+and\s+|\s*&\s*", text[s:e]) for x in (s + j.start(), s + j.end())), e]
    for ps, pe in zip(bounds[::2], bounds[1::2], strict=True):
        ps, pe = strip_edges(text, ps, pe)
        title, name_start = split_title(text, ps, pe)
        name = text[name_start:pe]
        if re.fullmatch(NAME, name) and person_words_ok(name) and not strong_place(name):
            yield Found(name_start, pe, method, (title.start, title.end) if title else None)


def by_lines(text: str) -> Iterator[Found]:
    """Names after "Drafted by", "approved by", "cleared by", and the sender in "For Ambassador from X"."""
    for m in _BY_LINE.finditer(text):
        for part in re.finditer(rf"{NAME}", m.group(1)):
            s, e = m.start(1) + part.start(), m.start(1) + part.end()
            if person_words_ok(text[s:e]) and not strong_place(text[s:e]):
                yield Found(s, e, "rule:by")
    for m in _FOR_FROM.finditer(text):
        if person_words_ok(m.group(1)) and not strong_place(m.group(1)):
            yield Found(m.start(1), m.end(1), "rule:by")


def signature_lines(text: str) -> Iterator[Found]:
    """A name alone on a line near the end, or with "[signed]": "7 December 46   Kuliyev"."""
    lines = list(re.finditer(r"[^\n]+", text))
    tail_from = int(len(text) * 0.6)
    for lm in lines:
        line = lm.group()
        if line.rstrip().endswith(":"):
            continue
        signed = _SIGNED_TAIL.search(line)
        body_end = lm.start() + (signed.start() if signed else len(line))
        if not signed and lm.start() < tail_from:
            continue
        s, e = strip_edges(text, lm.start(), body_end)
        d = _DATE_HEAD.match(text, s, e)
        if d:
            s = d.end()
        title, name_start = split_title(text, s, e)
        name = text[name_start:e]
        if len(name.split()) > 4 or not re.fullmatch(NAME, name) or not person_words_ok(name):
            continue
        if strong_place(name) or _heading_word(name):
            continue
        yield Found(name_start, e, "rule:signature", (title.start, title.end) if title else None)


def _heading_word(name: str) -> bool:
    return len(name.split()) == 1 and fold(name) in NON_PERSON_WORDS



def strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces and the punctuation of a list around an item."""
    while start < end and (text[start].isspace() or text[start] in "-–—:.,;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


__all__ = ["by_lines", "closing_names", "name_lists", "signature_lines", "strip_edges"]

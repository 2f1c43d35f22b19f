"""Datelines: the document's own date and place of origin, picked by position from the dates found.

"Guatemala City, June 29, 1954, 2025Z." and "[place not declassified], June 25, 1952." give a
place and a date; a date on a line of its own, "Sent 23:40 14.XI.1945" or "Decision of 6 July
1945" near the top give the date; failing those, the cover date standing alone on a line further
down (a forwarding note's "9 December 1946"). The dates themselves come from the dates stage.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.model import Certainty, DateValue, Span
from kartoteka.structure.placenames import is_place, is_surname
from kartoteka.structure.zones import Line, LineKind, Zones, drop_brackets

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
# The shape of a date, used only to recognise lines when the dates stage found nothing there.
DATE_SHAPE = (
    rf"(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH},?\s+(?:\d{{4}}|\d{{2}})\b|"
    rf"{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?,?\s+\d{{4}}\b|"
    rf"\d{{1,2}}\.{_ROMAN}\.(?:\d{{4}}|\d{{2}})\b|\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d{{2}})\b|\d{{4}}-\d{{2}}-\d{{2}}\b)"
)
_DATE_SHAPE = re.compile(DATE_SHAPE, re.IGNORECASE)
# What may stand beside a date on a date line: a time, a zone, punctuation.
_TIME_REST = re.compile(
    r"^[\s,.;:()\-–—]*(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.\s?m\.)?|\d{1,2}\s*[ap]\.\s?m\.|\d{3,4}\s*Z|noon|midnight|"
    r"\d{1,2}[:.]\d{2}\s*[ap]\.m\.\s*[-–]\s*\d{1,2}[:.]\d{2}\s*[ap]\.m\.|\d{1,2}:\d{2}\s*hrs?\.?)?"
    # a Russian date's "г." (goda, "of the year") and its time "02 ч. 40 м."
    r"(?:\s*(?:г\.|г\b|года))?(?:\s*\d{1,2}\s*ч\.?\s*\d{1,2}\s*м(?:ин)?\.?)?[\s,.;:()\-–—]*$",
    re.IGNORECASE,
)
_PLACE_PART = r"(?:[A-Z][\w’'.-]*(?: (?:[A-Z][\w’'.-]*|de|del|la|am|on|upon|el|al|es|of|the))*)"
_PLACE = re.compile(
    rf"^\s*(?:\[(?P<supplied>{_PLACE_PART}(?:,\s*{_PLACE_PART})?),?\]|"
    rf"(?P<place>\[[^\]]*(?:place|city|location)[^\]]*\]|{_PLACE_PART}(?:,\s*{_PLACE_PART}){{0,2}})\s*,)\s*$"
)
_PLACE_AFTER = re.compile(rf"\s*,\s*(?P<place>{_PLACE_PART})\s*\.?\s*$")
_INITIAL = re.compile(r"(?:^|\s)[A-ZА-Я]\.")
_BLANK_DAY = re.compile(r"^\s*[\"“”«»']*_{2,}[\"“”«»']*\s*$")
_NOT_PLACE = re.compile(
    r"^(?:From|To|Sent|Received|Deciphered|Dear|With|Copy|Copies|Enclosure|No|Nos|Re|Ref|Subject|Attention|"
    r"Decision|Minutes|Protocol|Top|Secret|Confidential|Urgent|Memorandum|Telegram|Letter|Report|Note|Sincerely|"
    r"Respectfully|Yours|Dated|Signed|Approved|Drafted|Cleared|Received|Deciphered)\b",
)
_CHAIN_WORD = re.compile(r"^\s*(?:Sent|Dispatched|Despatched|Transmitted|Filed|Issued)\b", re.IGNORECASE)
_UNDATED = re.compile(r"^\s*\[?\s*(?:undated|no date|n\.\s?d\.|date unknown|not dated)\b", re.IGNORECASE)
_UNDATED_ANYWHERE = re.compile(r"\b(?:undated|no date|date unknown)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Dateline:
    """What the document says of its own origin: ``line`` is the index of the line it came from."""

    date: DateValue | None
    place: Span | None
    line: int | None
    undated: bool = False


def dates_in(line: Line, dates: tuple[DateValue, ...]) -> list[DateValue]:
    """The dates starting on ``line``; ``dates`` in order of position, as ``find_dates`` gives them
    (found by bisection: a document of many lines asks once per line)."""
    lo = bisect_left(dates, line.start, key=_start)
    hi = bisect_left(dates, line.end, lo=lo, key=_start)
    return list(dates[lo:hi])


def _start(d: DateValue) -> int:
    return d.span.start


def date_shapes(line: Line) -> list[tuple[int, int]]:
    """Date-like stretches of the line (offsets inside it), by shape alone."""
    return list(_shapes(line.text))


@lru_cache(maxsize=256)  # a closing's rules ask each line's shapes several times in a row (~10 µs each)
def _shapes(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _DATE_SHAPE.finditer(text))


def rest_is_time(text: str) -> bool:
    return bool(_TIME_REST.match(text))


def date_only(line: Line, dates: tuple[DateValue, ...]) -> DateValue | bool | None:
    """The date when the line is nothing but a date (and a time); True when only its shape says so.
    A day left blank on the form ('"__" May 1946') still makes a date line, of the month."""
    found = dates_in(line, dates)
    if found:
        d = found[0]
        before = _BLANK_DAY.sub("", line.text[: d.span.start - line.start])
        if rest_is_time(before) and rest_is_time(line.text[d.span.end - line.start:]):
            return d
        return None
    shapes = date_shapes(line)
    if shapes:
        s, e = shapes[0]
        if rest_is_time(line.text[:s]) and rest_is_time(line.text[e:]):
            return True
    return None


def place_date(line: Line, dates: tuple[DateValue, ...], source: str) -> Dateline | None:
    """A "Place, date[, time]" dateline; the place may run to a region ("Camp David, Maryland") or be
    supplied by the editor in brackets ("[Tehran,] December 9, 1946")."""
    found = dates_in(line, dates)
    shapes = date_shapes(line)
    undated = _UNDATED_ANYWHERE.search(line.text)
    starts = [d.span.start - line.start for d in found[:1]] + [sh[0] for sh in shapes[:1]]
    if undated:
        starts.append(undated.start())
    if not starts:
        return None
    at = min(starts)
    m = _PLACE.match(line.text[:at])
    if not m:
        return _date_place(line, found, source)
    group = "place" if m.group("place") else "supplied"
    if _NOT_PLACE.match(m.group(group)) or len(m.group(group).split()) > 6:
        return None
    place: Span | None = line.span(source, m.start(group), m.end(group))
    if place is not None and is_surname(place.text):
        place = None  # "Bagirov, 9 May 1946": a dated signature
    if undated and undated.start() == at:
        return Dateline(None, place, line.index, undated=True)
    end = found[0].span.end - line.start if found and found[0].span.start - line.start == at else None
    if end is None:
        sh = next((x for x in shapes if x[0] == at), None)
        if sh is None:
            return None
        end = sh[1]
    if not rest_is_time(drop_brackets(line.text[end:])):
        return None
    date = found[0] if found and found[0].span.start - line.start == at else None
    return Dateline(date, place, line.index)


def _date_place(line: Line, found: list[DateValue], source: str) -> Dateline | None:
    """The date first, then a known place: "14 January 1946, Moscow"."""
    if not found or line.text[: found[0].span.start - line.start].strip():
        return None
    m = _PLACE_AFTER.match(source, found[0].span.end, line.end)
    if m is None or not is_place(m.group("place")):
        return None
    return Dateline(found[0], Span.of(source, m.start("place"), m.end("place")), line.index)


def _short_dated(line: Line, dates: tuple[DateValue, ...]) -> DateValue | None:
    """A short heading line that carries a date: "Sent 23:40 14.XI.1945", "Decision of 6 July 1945"."""
    found = dates_in(line, dates)
    if not found or line.words > 7:
        return None
    if _CHAIN_WORD.match(line.text) or re.match(r"^\s*[A-Z][a-z]+(?:\s+[a-z]+)?\s+(?:of|on|dated)\s*$",
                                                line.text[: found[0].span.start - line.start]):
        return found[0]
    return None


def find_dateline(source: str, zs: Zones, dates: tuple[DateValue, ...], skip: frozenset[int],
                  guess: bool = True) -> Dateline:
    """The dateline among the heading lines (those in ``skip``, the title, excepted), else the
    first line holding a date alone, else the first date of the heading, else (when ``guess``)
    the first date anywhere, marked low, else nothing."""
    for ln in zs.heading:
        if ln.index in skip:
            continue
        dl = place_date(ln, dates, source)
        if dl is not None:
            return dl
        d = date_only(ln, dates)
        if isinstance(d, DateValue):
            return Dateline(d, None, ln.index)
        if d is True:
            return Dateline(None, None, ln.index)
        if _UNDATED.match(ln.text):
            return Dateline(None, None, ln.index, undated=True)
        d2 = _short_dated(ln, dates)
        if d2 is not None:
            return Dateline(d2, None, ln.index)
    for ln in zs.lines[: zs.closing_end]:
        if zs.kinds[ln.index] is LineKind.BLANK:
            continue
        d = date_only(ln, dates)
        if isinstance(d, DateValue):
            return Dateline(d, None, ln.index)
        # Soviet letters end with their place and date: "Moscow, 14 January 1946"
        dl = place_date(ln, dates, source) if ln.index > 0 else None
        # "M. Bagirov, 9 May 1946" is a dated signature, not a place
        signer = dl is not None and dl.place is not None and bool(_INITIAL.search(dl.place.text))
        if dl is not None and dl.date is not None:
            return Dateline(dl.date, None, ln.index) if signer else dl
    for ln in zs.heading:
        found = dates_in(ln, dates)
        if found and ln.index not in skip:
            return Dateline(found[0], None, ln.index)
    for ln in zs.heading:
        found = dates_in(ln, dates)
        if found:
            # "REPORT on the work of the consulate in 1946": the title's date is its subject's
            return Dateline(dataclasses.replace(found[0], certainty=Certainty.LOW), None, ln.index)
    if dates and guess:
        # a guess from the first date anywhere: say so
        return Dateline(dataclasses.replace(dates[0], certainty=Certainty.LOW), None, None)
    return Dateline(None, None, None)


__all__ = ["DATE_SHAPE", "Dateline", "date_only", "date_shapes", "dates_in", "find_dateline",
           "place_date", "rest_is_time"]

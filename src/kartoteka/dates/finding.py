"""Finding dates in a text: every shape's candidates, the longest of those that overlap, two-digit
and missing years settled from the years the text itself carries, hedged dates made uncertain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from kartoteka.dates.shapes import HEDGE_BEFORE, RULES
from kartoteka.dates.values import Candidate
from kartoteka.model import Certainty, DateValue, Precision, Span


def _candidates(text: str) -> Iterator[Candidate]:
    for pat, fn in RULES:
        for m in pat.finditer(text):
            try:
                yield fn(m)
            except (KeyError, ValueError):
                continue


def _plausible(h: Candidate) -> bool:
    """Whether the expression names a real day in some year (2000 stands in for an unknown leap year)."""
    try:
        return h.build(h.year if h.year is not None and not h.two_digit else 2000) is not None
    except ValueError:
        return False


def _clock(n: int) -> bool:
    return n // 100 < 24 and n % 100 < 60


def _century(yy: int, around: list[int]) -> int:
    """The four-digit year for ``yy`` closest to the years the text names (1900s by default)."""
    if not around:
        return 1900 + yy
    mid = sorted(around)[len(around) // 2]
    return min((c + yy for c in (1800, 1900, 2000)), key=lambda y: (abs(y - mid), -y))


def _anchor(h: Candidate, y: int | None) -> date | None:
    """The first day a dated expression of day or month precision names."""
    if y is None or not 1 <= y <= 9999:
        return None
    try:
        built = h.build(y)
    except ValueError:
        return None
    return built[0] if built and built[2] in (Precision.DAY, Precision.MONTH) else None


def _nearest_year(h: Candidate, near: date) -> int:
    """The year of a yearless expression next to a dated one: that date's year, unless the
    expression then lies more than half a year off and one year either side puts it within two
    months ("December 31, 1956 … Received January 1" is 1957; "January 5 … your telegram of
    December 28" is the year before)."""
    def gap(y: int) -> int | None:
        try:
            built = h.build(y)
        except ValueError:
            return None
        return abs((built[0] - near).days) if built else None
    same = gap(near.year)
    if same is not None and same <= 182:
        return near.year
    for y in (near.year - 1, near.year + 1):
        g = gap(y)
        if g is not None and g <= 62:
            return y
    return near.year


def find_dates(text: str, context_year: int | None = None) -> tuple[DateValue, ...]:
    """Every date expression in ``text``, in order of position.

    ``context_year`` settles a missing year (e.g. "18 June") when no full date precedes it, and
    the century of a two-digit year when the text names no four-digit year.
    """
    chosen = _chosen(text)
    full = [h.year for h in chosen if h.year is not None and not h.two_digit]
    around = full or ([context_year] if context_year else [])
    out: list[DateValue] = []
    years: list[int | None] = []
    anchors: list[date | None] = []  # the day a dated expression names, for the yearless near it
    for h in chosen:
        y_h: int | None = None
        if h.year is not None:
            y_h = _century(h.year % 100, [a for a in around if a is not None]) if h.two_digit else h.year
        years.append(y_h)
        anchors.append(_anchor(h, y_h))
    for i, h in enumerate(chosen):
        certainty = Certainty.HIGH
        if h.year is None:
            # the nearest dated expression before, else after; the text's years, else the caller's
            near = next((a for a in reversed(anchors[:i]) if a is not None), None) \
                or next((a for a in anchors[i + 1:] if a is not None), None)
            y_opt = _nearest_year(h, near) if near else (context_year or (full[0] if full else None))
            if y_opt is None:
                continue
            y = y_opt
            certainty = Certainty.LOW
        else:
            y = years[i] or 0
        value = _value(text, h, y, certainty)
        if value is not None:
            out.append(value)
    return tuple(out)


def _chosen(text: str) -> list[Candidate]:
    """The plausible expressions that do not overlap, in order (of two that do, the one starting
    first, or a longer one starting inside it), without bare numbers that read better as clock times."""
    hits = sorted((h for h in _candidates(text) if _plausible(h)), key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[Candidate] = []
    taken_until = -1
    for h in hits:
        if h.start >= taken_until:
            chosen.append(h)
            taken_until = h.end
        elif (h.end - h.start > chosen[-1].end - chosen[-1].start and h.start >= chosen[-1].start
              and not any(c.start < h.end and h.start < c.end for c in chosen[:-1])):
            # a longer expression starting inside the last one (e.g. "from 10 to 15 March")
            chosen[-1] = h
            taken_until = h.end
    firm = [h.year for h in chosen if h.year is not None and not h.two_digit and not h.loose]
    if firm:
        mid = sorted(firm)[len(firm) // 2]
        return [h for h in chosen if not (h.loose and h.year is not None and _clock(h.year) and abs(h.year - mid) > 30)]
    return [h for h in chosen if not (h.loose and h.year is not None and h.year < 1800)]


def _value(text: str, h: Candidate, y: int, certainty: Certainty) -> DateValue | None:
    """The expression's date in year ``y`` (None when it names no real day then); a hedge before it
    ("on or about") or a question mark after it makes the day a guess."""
    if not 1 <= y <= 9999:
        return None
    try:
        built = h.build(y)
    except ValueError:
        built = None
    if built is None:
        return None
    lo, hi, precision, iso, cert = built
    span = Span.of(text, h.start, h.end)
    if HEDGE_BEFORE.search(text, max(0, h.start - 24), h.start) or text[h.end:h.end + 1] == "?":
        # "on or about 17 February 1954", "June 10, 1954?": the day is a guess
        cert = Certainty.LOW
        if precision is Precision.DAY and lo == hi:
            lo, hi = lo - timedelta(days=3), hi + timedelta(days=3)
    return DateValue(span, iso, precision, lo.isoformat(), hi.isoformat(),
                     Certainty.LOW if Certainty.LOW in (certainty, cert) else Certainty.HIGH)


def parse_date(expression: str, context_year: int | None = None) -> DateValue | None:
    """The one date an expression states (e.g. "3.IX.47"), or None when it states none."""
    found = find_dates(expression, context_year)
    return found[0] if found else None


__all__ = ["find_dates", "parse_date"]

"""A date as a historian types it into a correction (``kartoteka correct date`` and the document
page's form read it here, and nowhere else).

Accepted: a day, month or year (``1946-12-07``, ``1946-12``, ``1946``, ``7.12.1946``); a range of
two of them (``1946-12-07/1946-12-09``, ``1946-12-07 to 1946-12-09``, ``1946..1947``); and either
marked uncertain (``circa 1946``, ``c. 1946-12``, ``ca. 1946``, ``about 1946``, ``~1946``,
``1946-12?``). The value kept is what the parser would keep for the same words in a document:
the first day's ISO at its precision, the first and last day covered, and the certainty.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kartoteka.errors import CorrectionError, Location

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\Z")
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\Z")
_HEDGE = re.compile(r"(?i)\A(?:circa|ca\.?|c\.|about|around|approx(?:imately|\.)?|~)\s*")
_RANGE = re.compile(r"\s*(?:/|\.\.|–|—|\s+to\s+|\s+-\s+)\s*", re.IGNORECASE)
EXPECTED = ("YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY; a range FROM/TO of them (1946-12-07/1946-12-09); "
            "uncertain as “circa 1946” or “1946-12?”")


@dataclass(frozen=True, slots=True)
class TypedDate:
    """A typed date read: ``iso`` the first day at the typed precision, the day bounds it covers,
    and ``certainty`` ("high", or "low" for a hedged date)."""

    iso: str
    not_before: str
    not_after: str
    certainty: str = "high"


def _one(text: str, where: str, whole: str) -> tuple[str, str, str]:
    """One day, month or year: its ISO as typed (a DD.MM.YYYY as its day) and its day bounds."""
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    else:
        m2 = _DMY.match(text)
        if not m2:
            raise CorrectionError(f"not a date: {whole!r}", location=Location(where), expected=EXPECTED)
        d, mo, y = m2.group(1), m2.group(2), int(m2.group(3))
    if y < 1:
        raise CorrectionError(f"no year 0 in {whole!r}", location=Location(where), expected="a year 0001-9999")
    if mo is None:
        return f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31"
    month = int(mo)
    if not 1 <= month <= 12:
        raise CorrectionError(f"no month {month} in {whole!r}", location=Location(where), expected="a month 1-12")
    last = calendar.monthrange(y, month)[1]
    if d is None:
        return f"{y:04d}-{month:02d}", f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}"
    day = int(d)
    if not 1 <= day <= last:
        raise CorrectionError(f"no day {day} in {y:04d}-{month:02d} ({whole!r})", location=Location(where),
                              expected=f"a day 1-{last}")
    iso = f"{y:04d}-{month:02d}-{day:02d}"
    return iso, iso, iso


def read_date(text: str, where: str = "date") -> TypedDate:
    """``text`` read as a corrected date; :class:`CorrectionError` naming ``where`` if it is none."""
    t = " ".join(text.split())
    certainty = "high"
    hedge = _HEDGE.match(t)
    if hedge:
        t, certainty = t[hedge.end():], "low"
    if t.endswith("?"):
        t, certainty = t[:-1].rstrip(), "low"
    if not t:
        raise CorrectionError(f"not a date: {text!r}", location=Location(where), expected=EXPECTED)
    parts = _RANGE.split(t)
    if len(parts) > 2:
        raise CorrectionError(f"more than two dates in {text!r}", location=Location(where), expected=EXPECTED)
    iso, lo, hi = _one(parts[0], where, text)
    if len(parts) == 2:
        _, lo2, hi2 = _one(parts[1], where, text)
        if lo2 < lo:
            raise CorrectionError(f"the range {text!r} ends before it begins", location=Location(where),
                                  expected="FROM/TO with FROM not after TO")
        hi = max(hi, hi2)
    return TypedDate(iso, lo, hi, certainty)


def written(iso: str, not_before: str, not_after: str, certainty: str = "high") -> str:
    """A corrected date as a historian would type it again: the ISO value, or the range its bounds
    cover when they are wider ("1946-12-07/1946-12-09"), "circa" before an uncertain one."""
    own = _one(iso, "date", iso)[1:] if _ISO.match(iso) else (not_before, not_after)
    text = iso if own == (not_before, not_after) else f"{iso}/{not_after}"
    return f"circa {text}" if certainty == "low" else text


__all__ = ["TypedDate", "read_date", "written"]

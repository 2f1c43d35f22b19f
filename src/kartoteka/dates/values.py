"""What the pieces of a date expression mean: month names and numbers, the expression recognised
before its year is settled (:class:`Candidate`), and the builders that turn a year into its first and
last day, precision, ISO form and certainty."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kartoteka.model import Certainty, Precision

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12}
ROMAN_MONTHS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}

# Russian month names in the genitive, as dates print them ("15 ноября 1945 г."): lower case too.
RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_APPROX = {"early": (1, 10, 1, 4, 0, 3), "mid": (11, 20, 5, 8, 4, 6), "middle": (11, 20, 5, 8, 4, 6),
           "late": (21, 31, 9, 12, 7, 9), "end": (21, 31, 10, 12, 7, 9), "beginning": (1, 10, 1, 3, 0, 2),
           "start": (1, 10, 1, 3, 0, 2), "first half": (1, 15, 1, 6, 0, 4), "second half": (16, 31, 7, 12, 5, 9)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised expression before its year is settled: ``year`` None means 'from context'."""

    start: int
    end: int
    year: int | None
    two_digit: bool
    build: Callable[[int], tuple[date, date, Precision, str, Certainty] | None]
    loose: bool = False  # a bare four-digit number taken for a year: also reads as a clock time


def month_number(word: str) -> int:
    w = word.rstrip(".").lower()
    return MONTHS.get(w) or RU_MONTHS.get(w) or ABBREVIATIONS[w[:4] if w.startswith("sept") else w[:3]]


def day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def day_value(m: int, d: int) -> Callable[[int], tuple[date, date, Precision, str, Certainty] | None]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty] | None:
        x = _safe(y, m, d)
        return (x, x, Precision.DAY, x.isoformat(), Certainty.HIGH) if x else None
    return build


def day_range(m1: int, d1: int, m2: int, d2: int) -> Callable[[int], tuple[date, date, Precision, str, Certainty] | None]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty] | None:
        a = _safe(y, m1, d1)
        b = _safe(y if m2 >= m1 else y + 1, m2, d2)
        if a is None or b is None or b < a:
            return None
        return a, b, Precision.DAY, a.isoformat(), Certainty.HIGH
    return build


def month_value(m1: int, m2: int | None = None, *, dd: tuple[int, int] | None = None,
                 certainty: Certainty = Certainty.HIGH) -> Callable[[int], tuple[date, date, Precision, str, Certainty]]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        end_m = m2 or m1
        y2 = y if end_m >= m1 else y + 1
        lo, hi = (1, last_day(y2, end_m))
        if dd:
            lo, hi = dd[0], min(dd[1], last_day(y2, end_m))
        return date(y, m1, lo), date(y2, end_m, hi), Precision.MONTH, f"{y:04d}-{m1:02d}", certainty
    return build


def year_value(m1: int = 1, m2: int = 12, certainty: Certainty = Certainty.HIGH,
                y_end: int | None = None) -> Callable[[int], tuple[date, date, Precision, str, Certainty]]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        ye = y_end if y_end is not None else y
        if m2 > 12:  # a winter runs into the next year
            return date(y, m1, 1), date(ye + 1, m2 - 12, last_day(ye + 1, m2 - 12)), Precision.YEAR, f"{y:04d}", certainty
        return date(y, m1, 1), date(ye, m2, last_day(ye, m2)), Precision.YEAR, f"{y:04d}", certainty
    return build


def approx_key(word: str) -> tuple[int, int, int, int, int, int]:
    w = " ".join(word.lower().replace("-", " ").split())
    w = re.sub(r"^the |of the$|of$", "", w).strip()
    return _APPROX[w]



def year_of(s: str) -> tuple[int, bool]:
    digits = re.sub(r"\D", "", s)
    if len(digits) == 4:
        return int(digits), False
    return int(digits), True



__all__ = ["ABBREVIATIONS", "MONTHS", "ROMAN_MONTHS", "RU_MONTHS", "Candidate", "approx_key", "day_number", "day_range",
           "day_value", "last_day", "month_number", "month_value", "year_of", "year_value"]

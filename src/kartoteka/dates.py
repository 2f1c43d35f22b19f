"""Dates: date expressions in text to normalised DateValues, the century taken from context.

Owns the date grammar of archival transcriptions: written-out dates in either order ("December 9,
1946", "9 December 1946", "7 December 46"), Roman-numeral months ("14.XI.1945"), numeric and ISO
forms, ranges ("June 1–5, 1954", "between 10 and 15 March 1946"), month, season, year and decade
precision, approximate dates ("early December 1946", "late 1940s", "mid-June") and the date codes
of State Department decimal file numbers ("611.88/1–1659" = 1959-01-16). A trailing time of day
("June 29, 1954, 2025Z", "December 9, 1946—4 p.m.") belongs to the date's span; a time alone is
not a date.

Two-digit and missing years are resolved from the four-digit years the text itself carries, so
"46" in a 1946 document is 1946, never 2046; a year that had to be inferred lowers certainty.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kartoteka.model import Certainty, DateValue, Precision, Span

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_ABBREV = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
           "oct": 10, "nov": 11, "dec": 12}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12}


def _cases(word: str) -> str:
    return f"{word.capitalize()}|{word.upper()}"


# Full month names in title or upper case; abbreviations (with an optional dot) only where digits
# follow, which the patterns below guarantee. Longest alternatives first.
# Russian month names in the genitive, as dates print them ("15 ноября 1945 г."): lower case too.
_RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}
_FULL = "|".join([_cases(m) for m in sorted(_MONTHS, key=len, reverse=True)]
                 + [f"{m}|{_cases(m)}" for m in sorted(_RU_MONTHS, key=len, reverse=True)])
_ABBR = "|".join(f"(?:{_cases(a)})\\.?" for a in sorted(_ABBREV, key=len, reverse=True))
MONTH = rf"(?:(?:{_FULL})\b|(?:{_ABBR})(?=\s*['’]?\d))"
MONTH_WORD = rf"(?:(?:{_FULL})\b)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
YEAR2 = r"(?:['’]\d\d)"
DASH = r"\s*[-–—]\s*"
ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
# Time of day after a full date: "2025Z", "0032 Z", "4 p.m.", "10:15 a.m.", "noon".
# A meeting's hours ("2:40–3:45 p.m.", "10–11:15 a.m.") are one time.
_CLOCK = r"\d{1,2}(?:[:.]\d\d)?(?:\s?[-–]\s?\d{1,2}(?:[:.]\d\d)?)?"
TIME = (rf"(?:\s*[,—–-]\s*|\s+)(?:\d{{3,4}}\s?Z\b|{_CLOCK}\s*(?:[ap]\.\s?m\.|[AP]\.\s?M\.|[ap]m\b|[AP]M\b)"
        r"|\d{1,2}:\d\d\b|noon\b|midnight\b)")
_LEFT = r"(?<![\w/.\-–$£])"
_RIGHT = r"(?![\w/]|[-–]\d|\.\d)"

_APPROX = {"early": (1, 10, 1, 4, 0, 3), "mid": (11, 20, 5, 8, 4, 6), "middle": (11, 20, 5, 8, 4, 6),
           "late": (21, 31, 9, 12, 7, 9), "end": (21, 31, 10, 12, 7, 9), "beginning": (1, 10, 1, 3, 0, 2),
           "start": (1, 10, 1, 3, 0, 2), "first half": (1, 15, 1, 6, 0, 4), "second half": (16, 31, 7, 12, 5, 9)}
APPROX = (r"(?:(?:[Tt]he\s+)?(?:[Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate|[Ee]nd|[Bb]eginning|[Ss]tart|[Ff]irst\s+half|"
          r"[Ss]econd\s+half)(?:\s+of\s+(?:the\s+)?|\s*-\s*|\s+))")
_HEDGE_BEFORE = re.compile(r"(?i)\b(?:circa|ca\.|c\.|around|about|approximately|approx\.?|o/a|on or about|"
                           r"probably|presumably|perhaps)\s+(?:the\s+)?$")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


@dataclass(frozen=True, slots=True)
class _Hit:
    """A recognised expression before its year is settled: ``year`` None means 'from context'."""

    start: int
    end: int
    year: int | None
    two_digit: bool
    build: Callable[[int], tuple[date, date, Precision, str, Certainty] | None]
    loose: bool = False  # a bare four-digit number taken for a year: also reads as a clock time


def _month(word: str) -> int:
    w = word.rstrip(".").lower()
    return _MONTHS.get(w) or _RU_MONTHS.get(w) or _ABBREV[w[:4] if w.startswith("sept") else w[:3]]


def _day(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_value(m: int, d: int) -> Callable[[int], tuple[date, date, Precision, str, Certainty] | None]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty] | None:
        x = _safe(y, m, d)
        return (x, x, Precision.DAY, x.isoformat(), Certainty.HIGH) if x else None
    return build


def _day_range(m1: int, d1: int, m2: int, d2: int) -> Callable[[int], tuple[date, date, Precision, str, Certainty] | None]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty] | None:
        a = _safe(y, m1, d1)
        b = _safe(y if m2 >= m1 else y + 1, m2, d2)
        if a is None or b is None or b < a:
            return None
        return a, b, Precision.DAY, a.isoformat(), Certainty.HIGH
    return build


def _month_value(m1: int, m2: int | None = None, *, dd: tuple[int, int] | None = None,
                 certainty: Certainty = Certainty.HIGH) -> Callable[[int], tuple[date, date, Precision, str, Certainty]]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        end_m = m2 or m1
        y2 = y if end_m >= m1 else y + 1
        lo, hi = (1, _last(y2, end_m))
        if dd:
            lo, hi = dd[0], min(dd[1], _last(y2, end_m))
        return date(y, m1, lo), date(y2, end_m, hi), Precision.MONTH, f"{y:04d}-{m1:02d}", certainty
    return build


def _year_value(m1: int = 1, m2: int = 12, certainty: Certainty = Certainty.HIGH,
                y_end: int | None = None) -> Callable[[int], tuple[date, date, Precision, str, Certainty]]:
    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        ye = y_end if y_end is not None else y
        if m2 > 12:  # a winter runs into the next year
            return date(y, m1, 1), date(ye + 1, m2 - 12, _last(ye + 1, m2 - 12)), Precision.YEAR, f"{y:04d}", certainty
        return date(y, m1, 1), date(ye, m2, _last(ye, m2)), Precision.YEAR, f"{y:04d}", certainty
    return build


def _approx_key(word: str) -> tuple[int, int, int, int, int, int]:
    w = " ".join(word.lower().replace("-", " ").split())
    w = re.sub(r"^the |of the$|of$", "", w).strip()
    return _APPROX[w]


# --- the grammar: (pattern, handler) ------------------------------------------------------

def _mdy_range_cross(m: re.Match[str]) -> _Hit:
    y = int(m["y"])
    return _Hit(m.start(), m.end(), y, False, _day_range(_month(m["m1"]), _day(m["d1"]), _month(m["m2"]), _day(m["d2"])))


def _mdy_range(m: re.Match[str]) -> _Hit:
    mo = _month(m["m1"])
    return _Hit(m.start(), m.end(), int(m["y"]), False, _day_range(mo, _day(m["d1"]), mo, _day(m["d2"])))


def _mdy(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _day_value(_month(m["m1"]), _day(m["dc"] or m["d1"])))


def _dmy_range_cross(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _day_range(_month(m["m1"]), _day(m["d1"]), _month(m["m2"]), _day(m["d2"])))


def _dmy_range(m: re.Match[str]) -> _Hit:
    y: int | None
    y, two = _year(m["y"]) if m["y"] else (None, False)
    mo = _month(m["m1"])
    return _Hit(m.start(), m.end(), y, two, _day_range(mo, _day(m["d1"]), mo, _day(m["d2"])))


def _dmy(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _day_value(_month(m["m1"]), _day(m["d1"])))


def _roman(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _day_value(_ROMAN[m["m1"].upper()], _day(m["d1"])))


def _numeric_dmy(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), int(m["y"]), False, _day_value(int(m["m1"]), int(m["d1"])))


def _numeric_dmy_short(m: re.Match[str]) -> _Hit:
    # "14.11.45" is a date only where a cipher clerk's line puts one (after "Sent", a clock time,
    # "of"/"on"/"dated", a comma, or alone at the start of a line), never a section number
    if not _NUMERIC_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no date context")
    return _Hit(m.start(), m.end(), int(m["y"]), True, _day_value(int(m["m1"]), int(m["d1"])))


_SERVICE_LINE = re.compile(r"[ \t]*(?i:sent|received|deciphered|decoded|decrypted|dispatched|despatched|transmitted|"
                           r"отправлен\w*|получен\w*|расшифрован\w*)\b")


def _clerk_day(m: re.Match[str]) -> _Hit:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    if not _SERVICE_LINE.match(m.string, line_start) and not _NUMERIC_BEFORE.search(
            m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no date context")
    month = _ROMAN[m["m1"]] if m["m1"] in _ROMAN else int(m["m1"])
    return _Hit(m.start(), m.end(), None, False, _day_value(month, _day(m["d1"])))


def _numeric_mdy(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _day_value(int(m["m1"]), int(m["d1"])))


def _iso(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), int(m["y"]), False, _day_value(int(m["m1"]), int(m["d1"])))


def _file_code(m: re.Match[str]) -> _Hit:
    # "12–946": month 12, then the day and a two-digit year run together (9, 46).
    digits = m["code"]
    return _Hit(m.start("mo"), m.end("code"), 1900 + int(digits[-2:]), False,
                _day_value(int(m["mo"]), int(digits[:-2])))


def _md(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), None, False, _day_value(_month(m["m1"]), _day(m["d1"])))


def _md_range(m: re.Match[str]) -> _Hit:
    mo = _month(m["m1"])
    return _Hit(m.start(), m.end(), None, False, _day_range(mo, _day(m["d1"]), mo, _day(m["d2"])))


def _md_range_cross(m: re.Match[str]) -> _Hit:
    return _Hit(m.start(), m.end(), None, False,
                _day_range(_month(m["m1"]), _day(m["d1"]), _month(m["m2"]), _day(m["d2"])))


def _month_year(m: re.Match[str]) -> _Hit:
    y, two = _year(m["y"])
    m2 = _month(m["m2"]) if m["m2"] else None
    if m["y1"]:  # "June 1954–March 1955": from the first month to the second
        y1, _ = _year(m["y1"])
        start_m, end_m = _month(m["m1"]), m2 or _month(m["m1"])

        def build(_y: int) -> tuple[date, date, Precision, str, Certainty] | None:
            a, b = date(y1, start_m, 1), date(_y, end_m, _last(_y, end_m))
            return (a, b, Precision.MONTH, f"{y1:04d}-{start_m:02d}", Certainty.HIGH) if a <= b else None
        return _Hit(m.start(), m.end(), y, two, build)
    return _Hit(m.start(), m.end(), y, two, _month_value(_month(m["m1"]), m2))


def _approx_month(m: re.Match[str]) -> _Hit:
    key = _approx_key(m["q"])
    y: int | None
    y, two = _year(m["y"]) if m["y"] else (None, False)
    return _Hit(m.start(), m.end(), y, two, _month_value(_month(m["m1"]), dd=(key[0], key[1]), certainty=Certainty.LOW))


def _approx_year(m: re.Match[str]) -> _Hit:
    key = _approx_key(m["q"])
    return _Hit(m.start(), m.end(), int(m["y"]), False, _year_value(key[2], key[3], Certainty.LOW))


def _decade(m: re.Match[str]) -> _Hit:
    base = int(m["dec"][:3] + "0") if len(m["dec"]) == 4 else None
    lo, hi, cert = 0, 9, Certainty.HIGH
    start = m.start()
    before = _DECADE_BEFORE.search(m.string, max(0, start - 40), start)
    if before:
        start = before.start()
        if before["q"]:
            key = _approx_key(before["q"])
            lo, hi, cert = key[4], key[5], Certainty.LOW

    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        return date(y + lo, 1, 1), date(y + hi, 12, 31), Precision.DECADE, f"{y:04d}", cert
    if base is None:  # "the '40s": the century from context
        return _Hit(start, m.end(), int(m["dec"][-2:]), True, build)
    return _Hit(start, m.end(), base, False, build)


def _season(m: re.Match[str]) -> _Hit:
    a, b = _SEASONS[m["s"].lower()]
    y, two = _year(m["y"])
    return _Hit(m.start(), m.end(), y, two, _year_value(a, b, Certainty.LOW))


def _year_range(m: re.Match[str]) -> _Hit:
    y1 = int(m["y"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1:
        return _Hit(m.start(), m.end(), y1, False, lambda _y: None)
    return _Hit(m.start(), m.end(), y1, False, _year_value(y_end=y2))


def _year_only(m: re.Match[str]) -> _Hit:
    # a bare number is a year only after a word that takes one ("in 1946"), an opening
    # parenthesis or comma, or alone at the start of a line
    if not _YEAR_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no year context")
    return _Hit(m.start("y"), m.end("y"), int(m["y"]), False, _year_value(), loose=True)


def _year(s: str) -> tuple[int, bool]:
    digits = re.sub(r"\D", "", s)
    if len(digits) == 4:
        return int(digits), False
    return int(digits), True


_T = rf"(?:{TIME})?"
_DECADE_BEFORE = re.compile(rf"(?:\b(?P<q>{APPROX})|\b(?:[Tt]he[ \t]+))$")
_YEAR_ANY = rf"(?:{YEAR4}|{YEAR2})"
_YEAR_DMY = rf"(?:{YEAR4}|{YEAR2}|\d\d(?![\d,]))"
_YEAR_CTX = (r"(?i:in|of|around|about|approximately|since|until|till|by|during|from|to|before|after|through|for|year|years|the|and|or|"
             r"early|late|mid|end|beginning|spring|summer|autumn|fall|winter|fiscal|calendar|circa|c\.|ca\.)")

_NUMERIC_BEFORE = re.compile(r"(?:\b(?i:sent|received|deciphered|dispatched|despatched|dated|of|on|from|date|"
                             r"at)[ \t]+|\b\d\d[.:]\d\d[ \t]+|(?:^|\n)[ \t]*|,[ \t]*)$")
_YEAR_BEFORE = re.compile(rf"(?:\b{_YEAR_CTX}[ \t]+|(?:^|\n)[ \t]*|[(,][ \t]*)$")

_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Hit]], ...] = tuple(
    (re.compile(p.replace(r"\s", r"[ \t\u00a0]")), f) for p, f in (
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s*(?P<d1>{DAY}){DASH}(?P<m2>{MONTH})\s*(?P<d2>{DAY}),?\s*(?P<y>{YEAR4}){_RIGHT}", _mdy_range_cross),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:{DASH}|\s+(?:to|through|and)\s+)(?P<d2>{DAY}),?\s*(?P<y>{YEAR4}){_RIGHT}", _mdy_range),
        # "January 21 [31], 1949": the day the editors corrected in brackets is the date's
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:\s*\[(?P<dc>{DAY})\])?(?:,\s*|\s+)(?P<y>{_YEAR_ANY}){_RIGHT}{_T}", _mdy),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>{DAY})\s+(?P<m1>{MONTH}){DASH}(?P<d2>{DAY})\s+(?P<m2>{MONTH}),?\s+(?P<y>{_YEAR_DMY}){_RIGHT}", _dmy_range_cross),
        (r"(?=[\dBbFf])" rf"(?:\b(?:[Bb]etween|[Ff]rom)\s+)?{_LEFT}(?P<d1>{DAY})(?:{DASH}|\s+(?:to|and|till|until|through)\s+)(?P<d2>{DAY})\s+(?P<m1>{MONTH})(?:,?\s+(?P<y>{_YEAR_DMY}))?{_RIGHT}", _dmy_range),
        (r"(?=[\dt])" rf"{_LEFT}(?:the\s+)?(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{MONTH}),?\s+(?P<y>{_YEAR_DMY}){_RIGHT}{_T}", _dmy),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\s?[./]\s?(?P<m1>{ROMAN})\s?[./-]\s?(?P<y>{YEAR4}|\d\d)(?!\d)(?!\.\d)", _roman),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)-(?P<m1>{ROMAN})-(?P<y>{YEAR4}|\d\d)(?![\d-])(?!\.\d)", _roman),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\.(?P<m1>{ROMAN.lower()})\.(?P<y>{YEAR4}|\d\d)(?!\d)(?!\.\d)", _roman),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\s(?P<m1>{ROMAN})\s(?P<y>{YEAR4})(?!\d)(?!\.\d)", _roman),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<y>{YEAR4}){_RIGHT}", _numeric_dmy),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)\.(?P<y>\d\d){_RIGHT}", _numeric_dmy_short),
        # a cipher clerk's "Received 14.9 09:05", "Deciphered 18.VI 16:30": day and month, the year the telegram's
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\.(?P<m1>{ROMAN})(?=\s+\d{{1,2}}[:.]\d\d\b)", _clerk_day),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>[0-3]?\d)\.(?P<m1>[01]?\d)(?=\s+\d{{1,2}}:\d\d\b)", _clerk_day),
        (r"(?=\d)" rf"(?<![\w/.\-–$£])(?<!No )(?<!No\. )(?P<m1>1[0-2]|0?[1-9])/(?P<d1>[12]\d|3[01]|0?[1-9])/(?P<y>{YEAR4}|\d\d){_RIGHT}", _numeric_mdy),
        (r"(?=\d)" rf"{_LEFT}(?P<y>{YEAR4})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01]){_RIGHT}", _iso),
        (r"(?<![\w./])\d{3}[A-Z]{0,2}(?:\.[0-9A-Z]+)?(?:[-–][A-Z]{2,}[A-Z0-9]*)?(?:\s?\([^) \n]{1,12}\))?(?:\s[A-Z][A-Za-z]+)?"
         r"(?:/[A-Z0-9]+)*/(?P<mo>1[0-2]|0?[1-9])\s?[-–]\s?(?P<code>[0-3]?\d\d\d)(?!\d)", _file_code),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:{DASH}|\s+(?:to|through)\s+)(?P<d2>{DAY})(?![\d,/]|\s*,?\s*\d)", _md_range),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s*(?P<d1>{DAY}){DASH}(?P<m2>{MONTH})\s*(?P<d2>{DAY})(?![\d,/]|\s*,?\s*\d)", _md_range_cross),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s+(?P<d1>{DAY}){TIME}", _md),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?![\d:/.]\d|\d|\s*(?:,\s*)?\d)(?!\s*(?:percent|per cent|%))", _md),
        (r"(?=\d)" rf"{_LEFT}(?P<d1>{DAY})\s+(?P<m1>{MONTH})(?!,?\s*\d)", _md),
        (r"(?=[tTeEmMlLbBsSfF])" rf"\b(?P<q>{APPROX})(?P<m1>{MONTH_WORD})(?:,?\s+(?P<y>{YEAR4}))?{_RIGHT}", _approx_month),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH_WORD})(?:(?:{DASH}|\s+(?:to|through|and)\s+)(?:(?P<y1>{YEAR4})\s*[-–—]\s*)?(?P<m2>{MONTH_WORD}))?,?\s+(?:of\s+)?(?P<y>{YEAR4}|{YEAR2}){_RIGHT}", _month_year),
        (r"(?=[JFMASOND])" rf"{_LEFT}(?P<m1>{MONTH_WORD})\s+(?P<y1>{YEAR4})(?:{DASH}|\s+(?:to|through)\s+)(?P<m2>{MONTH_WORD})\s+(?P<y>{YEAR4}){_RIGHT}", _month_year),
        (r"(?=[tTeEmMlLbBsSfF])" rf"\b(?P<q>{APPROX})(?P<y>{YEAR4}){_RIGHT}(?!['’]?s)", _approx_year),
        (r"(?=[12'’])(?<![\w/.\-–$£])(?P<dec>1[5-9]\d0|20\d0|['’]\d0)['’]?s\b", _decade),
        (r"(?=[SsAaFfWw])" rf"\b(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+(?:of\s+)?(?P<y>{YEAR4}|{YEAR2}){_RIGHT}", _season),
        (r"(?=[FfBb12])" rf"(?:\b(?:[Ff]rom|[Bb]etween)\s+)?{_LEFT}(?P<y>{YEAR4})(?:{DASH}|\s+(?:to|and|through)\s+)(?P<y2>{YEAR4}|\d\d){_RIGHT}", _year_range),
        (rf"(?=[12])(?<![\w/.\-–$£])(?P<y>{YEAR4})(?![\w/]|[-–]\d|\.\d|,\d|\s+(?:[a-z]+s|per|percent|%|hours|hrs|local|GMT|Z)\b|\s+{MONTH_WORD})", _year_only),
    )
)


def _candidates(text: str) -> Iterator[_Hit]:
    for pat, fn in _RULES:
        for m in pat.finditer(text):
            try:
                yield fn(m)
            except (KeyError, ValueError):
                continue


def _plausible(h: _Hit) -> bool:
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


def _anchor(h: _Hit, y: int | None) -> date | None:
    """The first day a dated expression of day or month precision names."""
    if y is None or not 1 <= y <= 9999:
        return None
    try:
        built = h.build(y)
    except ValueError:
        return None
    return built[0] if built and built[2] in (Precision.DAY, Precision.MONTH) else None


def _nearest_year(h: _Hit, near: date) -> int:
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
    hits = sorted((h for h in _candidates(text) if _plausible(h)), key=lambda h: (h.start, -(h.end - h.start)))
    chosen: list[_Hit] = []
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
        chosen = [h for h in chosen if not (h.loose and h.year is not None and _clock(h.year) and abs(h.year - mid) > 30)]
    else:
        chosen = [h for h in chosen if not (h.loose and h.year is not None and h.year < 1800)]
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
        if not 1 <= y <= 9999:
            continue
        try:
            built = h.build(y)
        except ValueError:
            built = None
        if built is None:
            continue
        lo, hi, precision, iso, cert = built
        span = Span.of(text, h.start, h.end)
        if _HEDGE_BEFORE.search(text, max(0, h.start - 24), h.start) or text[h.end:h.end + 1] == "?":
            # "on or about 17 February 1954", "June 10, 1954?": the day is a guess
            cert = Certainty.LOW
            if precision is Precision.DAY and lo == hi:
                lo, hi = lo - timedelta(days=3), hi + timedelta(days=3)
        out.append(DateValue(span, iso, precision, lo.isoformat(), hi.isoformat(),
                             Certainty.LOW if Certainty.LOW in (certainty, cert) else Certainty.HIGH))
    return tuple(out)


def parse_date(expression: str, context_year: int | None = None) -> DateValue | None:
    """The one date an expression states (e.g. "3.IX.47"), or None when it states none."""
    found = find_dates(expression, context_year)
    return found[0] if found else None


__all__ = ["find_dates", "parse_date"]

"""The date grammar: the written shapes of a date (month-day-year, day-month-year, Roman-numeral
months, numeric and ISO forms, ranges, months, seasons, years, decades, approximate dates, the
date codes of decimal file numbers), each a pattern and the handler that reads its match into a
:class:`~kartoteka.dates.values.Candidate`, in the order they are tried."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from kartoteka.dates.values import (
    ABBREVIATIONS,
    MONTHS,
    ROMAN_MONTHS,
    RU_MONTHS,
    Candidate,
    approx_key,
    day_number,
    day_range,
    day_value,
    last_day,
    month_number,
    month_value,
    year_of,
    year_value,
)
from kartoteka.model import Certainty, Precision


def _cases(word: str) -> str:
    return f"{word.capitalize()}|{word.upper()}"


# Full month names in title or upper case; abbreviations (with an optional dot) only where digits
# follow, which the patterns below guarantee. Longest alternatives first.
_FULL = "|".join([_cases(m) for m in sorted(MONTHS, key=len, reverse=True)]
                 + [f"{m}|{_cases(m)}" for m in sorted(RU_MONTHS, key=len, reverse=True)])
_ABBR = "|".join(f"(?:{_cases(a)})\\.?" for a in sorted(ABBREVIATIONS, key=len, reverse=True))
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

APPROX = (r"(?:(?:[Tt]he\s+)?(?:[Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate|[Ee]nd|[Bb]eginning|[Ss]tart|[Ff]irst\s+half|"
          r"[Ss]econd\s+half)(?:\s+of\s+(?:the\s+)?|\s*-\s*|\s+))")
HEDGE_BEFORE = re.compile(r"(?i)\b(?:circa|ca\.|c\.|around|about|approximately|approx\.?|o/a|on or about|"
                           r"probably|presumably|perhaps)\s+(?:the\s+)?$")
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}


def _mdy_range_cross(m: re.Match[str]) -> Candidate:
    y = int(m["y"])
    return Candidate(m.start(), m.end(), y, False, day_range(month_number(m["m1"]), day_number(m["d1"]), month_number(m["m2"]), day_number(m["d2"])))


def _mdy_range(m: re.Match[str]) -> Candidate:
    mo = month_number(m["m1"])
    return Candidate(m.start(), m.end(), int(m["y"]), False, day_range(mo, day_number(m["d1"]), mo, day_number(m["d2"])))


def _mdy(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, day_value(month_number(m["m1"]), day_number(m["dc"] or m["d1"])))


def _dmy_range_cross(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, day_range(month_number(m["m1"]), day_number(m["d1"]), month_number(m["m2"]), day_number(m["d2"])))


def _dmy_range(m: re.Match[str]) -> Candidate:
    y: int | None
    y, two = year_of(m["y"]) if m["y"] else (None, False)
    mo = month_number(m["m1"])
    return Candidate(m.start(), m.end(), y, two, day_range(mo, day_number(m["d1"]), mo, day_number(m["d2"])))


def _dmy(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, day_value(month_number(m["m1"]), day_number(m["d1"])))


def _roman(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, day_value(ROMAN_MONTHS[m["m1"].upper()], day_number(m["d1"])))


def _numeric_dmy(m: re.Match[str]) -> Candidate:
    return Candidate(m.start(), m.end(), int(m["y"]), False, day_value(int(m["m1"]), int(m["d1"])))


def _numeric_dmy_short(m: re.Match[str]) -> Candidate:
    # "14.11.45" is a date only where a cipher clerk's line puts one (after "Sent", a clock time,
    # "of"/"on"/"dated", a comma, or alone at the start of a line), never a section number
    if not _NUMERIC_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no date context")
    return Candidate(m.start(), m.end(), int(m["y"]), True, day_value(int(m["m1"]), int(m["d1"])))


_SERVICE_LINE = re.compile(r"[ \t]*(?i:sent|received|deciphered|decoded|decrypted|dispatched|despatched|transmitted|"
                           r"отправлен\w*|получен\w*|расшифрован\w*)\b")


def _clerk_day(m: re.Match[str]) -> Candidate:
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    if not _SERVICE_LINE.match(m.string, line_start) and not _NUMERIC_BEFORE.search(
            m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no date context")
    month = ROMAN_MONTHS[m["m1"]] if m["m1"] in ROMAN_MONTHS else int(m["m1"])
    return Candidate(m.start(), m.end(), None, False, day_value(month, day_number(m["d1"])))


def _numeric_mdy(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, day_value(int(m["m1"]), int(m["d1"])))


def _iso(m: re.Match[str]) -> Candidate:
    return Candidate(m.start(), m.end(), int(m["y"]), False, day_value(int(m["m1"]), int(m["d1"])))


def _file_code(m: re.Match[str]) -> Candidate:
    # "12–946": month 12, then the day and a two-digit year run together (9, 46).
    digits = m["code"]
    return Candidate(m.start("mo"), m.end("code"), 1900 + int(digits[-2:]), False,
                day_value(int(m["mo"]), int(digits[:-2])))


def _md(m: re.Match[str]) -> Candidate:
    return Candidate(m.start(), m.end(), None, False, day_value(month_number(m["m1"]), day_number(m["d1"])))


def _md_range(m: re.Match[str]) -> Candidate:
    mo = month_number(m["m1"])
    return Candidate(m.start(), m.end(), None, False, day_range(mo, day_number(m["d1"]), mo, day_number(m["d2"])))


def _md_range_cross(m: re.Match[str]) -> Candidate:
    return Candidate(m.start(), m.end(), None, False,
                day_range(month_number(m["m1"]), day_number(m["d1"]), month_number(m["m2"]), day_number(m["d2"])))


def _month_year(m: re.Match[str]) -> Candidate:
    y, two = year_of(m["y"])
    m2 = month_number(m["m2"]) if m["m2"] else None
    if m["y1"]:  # "June 1954–March 1955": from the first month to the second
        y1, _ = year_of(m["y1"])
        start_m, end_m = month_number(m["m1"]), m2 or month_number(m["m1"])

        def build(_y: int) -> tuple[date, date, Precision, str, Certainty] | None:
            a, b = date(y1, start_m, 1), date(_y, end_m, last_day(_y, end_m))
            return (a, b, Precision.MONTH, f"{y1:04d}-{start_m:02d}", Certainty.HIGH) if a <= b else None
        return Candidate(m.start(), m.end(), y, two, build)
    return Candidate(m.start(), m.end(), y, two, month_value(month_number(m["m1"]), m2))


def _approx_month(m: re.Match[str]) -> Candidate:
    key = approx_key(m["q"])
    y: int | None
    y, two = year_of(m["y"]) if m["y"] else (None, False)
    return Candidate(m.start(), m.end(), y, two, month_value(month_number(m["m1"]), dd=(key[0], key[1]), certainty=Certainty.LOW))


def _approx_year(m: re.Match[str]) -> Candidate:
    key = approx_key(m["q"])
    return Candidate(m.start(), m.end(), int(m["y"]), False, year_value(key[2], key[3], Certainty.LOW))


def _decade(m: re.Match[str]) -> Candidate:
    base = int(m["dec"][:3] + "0") if len(m["dec"]) == 4 else None
    lo, hi, cert = 0, 9, Certainty.HIGH
    start = m.start()
    before = _DECADE_BEFORE.search(m.string, max(0, start - 40), start)
    if before:
        start = before.start()
        if before["q"]:
            key = approx_key(before["q"])
            lo, hi, cert = key[4], key[5], Certainty.LOW

    def build(y: int) -> tuple[date, date, Precision, str, Certainty]:
        return date(y + lo, 1, 1), date(y + hi, 12, 31), Precision.DECADE, f"{y:04d}", cert
    if base is None:  # "the '40s": the century from context
        return Candidate(start, m.end(), int(m["dec"][-2:]), True, build)
    return Candidate(start, m.end(), base, False, build)


def _season(m: re.Match[str]) -> Candidate:
    a, b = _SEASONS[m["s"].lower()]
    y, two = year_of(m["y"])
    return Candidate(m.start(), m.end(), y, two, year_value(a, b, Certainty.LOW))


def _year_range(m: re.Match[str]) -> Candidate:
    y1 = int(m["y"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1:
        return Candidate(m.start(), m.end(), y1, False, lambda _y: None)
    return Candidate(m.start(), m.end(), y1, False, year_value(y_end=y2))


def _year_only(m: re.Match[str]) -> Candidate:
    # a bare number is a year only after a word that takes one ("in 1946"), an opening
    # parenthesis or comma, or alone at the start of a line
    if not _YEAR_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        raise ValueError("no year context")
    return Candidate(m.start("y"), m.end("y"), int(m["y"]), False, year_value(), loose=True)


_T = rf"(?:{TIME})?"
_DECADE_BEFORE = re.compile(rf"(?:\b(?P<q>{APPROX})|\b(?:[Tt]he[ \t]+))$")
_YEAR_ANY = rf"(?:{YEAR4}|{YEAR2})"
_YEAR_DMY = rf"(?:{YEAR4}|{YEAR2}|\d\d(?![\d,]))"
_YEAR_CTX = (r"(?i:in|of|around|about|approximately|since|until|till|by|during|from|to|before|after|through|for|year|years|the|and|or|"
             r"early|late|mid|end|beginning|spring|summer|autumn|fall|winter|fiscal|calendar|circa|c\.|ca\.)")

_NUMERIC_BEFORE = re.compile(r"(?:\b(?i:sent|received|deciphered|dispatched|despatched|dated|of|on|from|date|"
                             r"at)[ \t]+|\b\d\d[.:]\d\d[ \t]+|(?:^|\n)[ \t]*|,[ \t]*)$")
_YEAR_BEFORE = re.compile(rf"(?:\b{_YEAR_CTX}[ \t]+|(?:^|\n)[ \t]*|[(,][ \t]*)$")

RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Candidate]], ...] = tuple(
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



__all__ = ["APPROX", "DASH", "DAY", "HEDGE_BEFORE", "MONTH", "MONTH_WORD", "ROMAN", "RULES", "TIME", "YEAR2", "YEAR4"]

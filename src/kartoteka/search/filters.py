"""Search filters: date range, people, places, organisations, classification, sender, recipient,
collection.

Dates a user types are read leniently (``1953``, ``1953-06``, ``1953-06-18``, ``18.6.1953``)
into inclusive ISO day bounds; anything else is a :class:`QueryError` naming the option.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kartoteka.errors import Location, QueryError
from kartoteka.model import Level

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\Z")
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\Z")


@dataclass(frozen=True, slots=True)
class Filters:
    """Every field narrows the hits; names match any known spelling of the entity."""

    date_from: str | None = None
    date_to: str | None = None
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()  # the documents' collections (the first part of their address)

    def empty(self) -> bool:
        return self == Filters()


def day_bounds(text: str, option: str = "--from") -> tuple[str, str]:
    """The first and last ISO day a typed date covers."""
    t = text.strip()
    m = _ISO.match(t)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    else:
        m2 = _DMY.match(t)
        if not m2:
            raise QueryError(f"not a date: {text!r}", location=Location(option),
                             expected="YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY")
        d, mo, y = m2.group(1), m2.group(2), int(m2.group(3))
    if mo is None:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    month = int(mo)
    if not 1 <= month <= 12:
        raise QueryError(f"no month {month} in {text!r}", location=Location(option), expected="a month 1-12")
    last = calendar.monthrange(y, month)[1] if y >= 1 else 31
    if d is None:
        return f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}"
    day = int(d)
    if not 1 <= day <= last:
        raise QueryError(f"no day {day} in {y:04d}-{month:02d}", location=Location(option),
                         expected=f"a day 1-{last}")
    return (f"{y:04d}-{month:02d}-{day:02d}",) * 2


def classification_level(text: str) -> str:
    """The level a user means ("secret", "TOP SECRET", "top-secret", "ts") as stored."""
    t = re.sub(r"[\s_-]+", " ", text.strip().casefold())
    aliases = {"ts": Level.TOP_SECRET.value, "strictly secret": Level.TOP_SECRET.value,
               "c": Level.CONFIDENTIAL.value, "s": Level.SECRET.value, "u": Level.UNCLASSIFIED.value,
               "lou": Level.LIMITED_OFFICIAL_USE.value, "ouo": Level.OFFICIAL_USE_ONLY.value}
    levels = {lv.value for lv in Level}
    if t in levels:
        return t
    if t in aliases:
        return aliases[t]
    raise QueryError(f"no classification {text!r}", location=Location("--classification"),
                     expected=", ".join(sorted(levels)))


def make_filters(
    date_from: str | None = None, date_to: str | None = None, *, persons: tuple[str, ...] = (),
    places: tuple[str, ...] = (), organizations: tuple[str, ...] = (), classifications: tuple[str, ...] = (),
    senders: tuple[str, ...] = (), recipients: tuple[str, ...] = (), collections: tuple[str, ...] = (),
) -> Filters:
    """Filters from what a user typed, checked: bad dates and levels raise :class:`QueryError`."""
    lo = day_bounds(date_from, "--from")[0] if date_from else None
    hi = day_bounds(date_to, "--to")[1] if date_to else None
    if lo and hi and lo > hi:
        raise QueryError(f"--from {date_from} is after --to {date_to}", location=Location("--from"),
                         expected="a range whose start is not after its end")

    def names(values: tuple[str, ...], option: str) -> tuple[str, ...]:
        out = tuple(v.strip() for v in values if v.strip())
        if len(out) != len(values):
            raise QueryError("an empty name", location=Location(option), expected="a name")
        return out

    return Filters(
        date_from=lo, date_to=hi, persons=names(persons, "--person"), places=names(places, "--place"),
        organizations=names(organizations, "--org"),
        classifications=tuple(classification_level(c) for c in classifications),
        senders=names(senders, "--sender"), recipients=names(recipients, "--recipient"),
        collections=names(collections, "--collection"),
    )


def date_value(text: str, option: str = "DATE") -> tuple[str, str, str]:
    """A date a historian types as a correction (YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY): the ISO
    value stored (as typed when ISO, else its first day) and the first and last day it covers."""
    lo, hi = day_bounds(text, option)
    t = text.strip()
    iso = t if len(t) in (4, 7, 10) and t[:4].isdigit() else lo
    return iso, lo, hi


__all__ = ["Filters", "classification_level", "date_value", "day_bounds", "make_filters"]

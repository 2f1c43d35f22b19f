"""Search filters: date range, people, places, organisations, sender, recipient, and the values of
the document columns a search counts and narrows by (:data:`FIELDS`: classification, language,
genre, collection), and the order of the hits (:class:`Sort`).

Dates a user types are read leniently (``1953``, ``1953-06``, ``1953-06-18``, ``18.6.1953``)
into inclusive ISO day bounds; anything else is a :class:`QueryError` naming the option.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum

from kartoteka.errors import Location, QueryError
from kartoteka.model import Level

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\Z")
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\Z")


@dataclass(frozen=True, slots=True)
class Field:
    """A stored value of a document a search narrows by and counts (a facet): ``name`` is the facet's
    and the reading room's parameter, ``column`` the ``documents`` column, ``option`` the command's
    option. Adding one is one entry of :data:`FIELDS` (and its column in the store)."""

    name: str
    column: str
    option: str
    label: str


FIELDS = (
    Field("classification", "classification_level", "--classification", "Classification"),
    Field("language", "language", "--language", "Language"),
    Field("type", "genre", "--type", "Document type"),
    Field("collection", "collection", "--collection", "Collection"),  # the first part of an address
)
FIELD_NAMES = tuple(f.name for f in FIELDS)


class Sort(StrEnum):
    """The order of a search's hits; ties go by ascending document id. An undated document comes
    after every dated one in both date orders; a document without title sorts by its file name."""

    RELEVANCE = "relevance"
    DATE = "date"
    DATE_DESC = "-date"
    TITLE = "title"

    @property
    def label(self) -> str:
        """The order as a reader names it ("date, newest first")."""
        return {"relevance": "best match", "date": "date, oldest first", "-date": "date, newest first",
                "title": "title"}[self.value]


def sort_order(text: str | None, words: bool) -> Sort:
    """The order a user asks for (``relevance``, ``date``, ``-date`` or ``title``; empty: relevance
    for a query with words, date without): relevance without words is by date, there being no score."""
    t = (text or "").strip().casefold()
    if not t:
        return Sort.RELEVANCE if words else Sort.DATE
    try:
        chosen = Sort(t)
    except ValueError:
        raise QueryError(f"no order {text!r}", location=Location("--sort"),
                         expected=", ".join(s.value for s in Sort)) from None
    return Sort.DATE if chosen is Sort.RELEVANCE and not words else chosen


@dataclass(frozen=True, slots=True)
class Filters:
    """Every field narrows the hits; names match any known spelling of the entity; ``values`` holds
    the wanted values of each :data:`FIELDS` entry by its name (a document has one of them)."""

    date_from: str | None = None
    date_to: str | None = None
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    senders: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def empty(self) -> bool:
        return self == Filters()

    def of(self, name: str) -> tuple[str, ...]:
        """The wanted values of one field (by its name)."""
        return next((v for n, v in self.values if n == name), ())

    @property
    def classifications(self) -> tuple[str, ...]:
        return self.of("classification")

    @property
    def collections(self) -> tuple[str, ...]:
        return self.of("collection")


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


def field_value(name: str, text: str) -> str:
    """A field's value as stored, from what a user typed (a level by its aliases, a language code or a
    genre in any case)."""
    if name == "classification":
        return classification_level(text)
    if name == "collection":  # a collection is named as it was given ("frus1952-54Guat")
        return text.strip()
    return re.sub(r"\s+", " ", text.strip().casefold())


def make_filters(
    date_from: str | None = None, date_to: str | None = None, *, persons: tuple[str, ...] = (),
    places: tuple[str, ...] = (), organizations: tuple[str, ...] = (), classifications: tuple[str, ...] = (),
    senders: tuple[str, ...] = (), recipients: tuple[str, ...] = (), collections: tuple[str, ...] = (),
    values: dict[str, tuple[str, ...]] | None = None,
) -> Filters:
    """Filters from what a user typed, checked: bad dates and levels raise :class:`QueryError`.
    ``values`` holds the wanted values of :data:`FIELDS` by name (``classifications`` is the same as
    ``values={"classification": …}``, ``collections`` as ``values={"collection": …}``)."""
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

    wanted = {"classification": classifications, "collection": collections, **(values or {})}
    unknown = sorted(set(wanted) - set(FIELD_NAMES))
    if unknown:
        raise QueryError(f"no field {unknown[0]!r}", location=Location("filters"), expected=", ".join(FIELD_NAMES))
    checked = tuple((f.name, tuple(dict.fromkeys(field_value(f.name, v) for v in names(wanted[f.name], f.option))))
                    for f in FIELDS if wanted.get(f.name))
    return Filters(
        date_from=lo, date_to=hi, persons=names(persons, "--person"), places=names(places, "--place"),
        organizations=names(organizations, "--org"),
        senders=names(senders, "--sender"), recipients=names(recipients, "--recipient"), values=checked,
    )


__all__ = ["FIELDS", "FIELD_NAMES", "Field", "Filters", "Sort", "classification_level", "day_bounds",
           "field_value", "make_filters", "sort_order"]

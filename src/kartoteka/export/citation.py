"""A citation of one archival document and its forms for people and for reference managers.

A :class:`Citation` holds what the record gives, as given: the title, the date (a day, month or
year, or a range of them, "ca." when the record is unsure), the senders as authors, the
recipients, the place it was written, the archival reference (the repository — "AVP RF",
"Central Intelligence Agency" — and the place in it — "f. 094, op. 37, p. 363, d. 8, ll. 45-51",
"Job 79-01025A, Box 69, Folder 1"), the collection it came in and its name there, its stable
URL, the day it was seen there and its language. Its forms: CSL-JSON (:func:`csl_json`, the
input of citeproc processors, Zotero and pandoc), a Chicago-style note for a reader to paste
(:func:`note`), and the Highwire and Dublin Core ``<meta>`` tags reference managers read from a
page (:func:`meta_tags`). BibTeX and RIS of many citations: :mod:`kartoteka.export.bibliography`.

The small readings a citation needs of a record — a date range from its bounds, an archival
reference split into repository and location, a text's language from its script — live here
too, so every shell builds the same citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from kartoteka.structure.wordlists import alternation, rows

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
LANGUAGES = {"en": "English", "ru": "Russian", "uk": "Ukrainian"}
# the kinds of references that say where a document is kept (a register number says what it is)
ARCHIVAL_KINDS = ("archive_citation", "cia_job", "decimal_file", "subject_numeric_file", "lot_file",
                  "frc_accession", "record_group", "file")
# a field's name that may open a citation without its repository (then none is named)
_FIELD = re.compile(r"(?:Fond|fond|F\.|f\.|Ф\.|ф\.|Opis|op\.|Delo|d\.|Д\.|д\.)(?![\w])")
# what bytes.translate deletes to count, in one pass, a UTF-8 text's Cyrillic characters, ASCII
# letters and characters beyond ASCII (one lead byte each)
_BUT_CYRILLIC_LEADS = bytes(b for b in range(256) if b not in range(0xD0, 0xD4))
_BUT_LATIN = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
_BUT_LEADS = bytes(range(0xC0))
_UKRAINIAN = re.compile(r"[ЄєІіЇїҐґ]")
_SOURCE = re.compile(r"^\s*(?:Source|SOURCE|Источник)\s*:\s*")


@dataclass(frozen=True, slots=True)
class CitedDate:
    """A date as the record gives it: ``start`` in ISO at its precision (``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD``), ``end`` the last of a range at the same precision (None: not a range) and
    ``circa`` when the record is unsure of it."""

    start: str
    end: str | None = None
    circa: bool = False

    @classmethod
    def of(cls, iso: str, not_after: str | None = None, certainty: str | None = None) -> CitedDate:
        """The date of ``iso`` (at its precision) whose last day is ``not_after``: a range when that
        day, cut to the precision, is not ``iso`` itself ("20-21 August 1953": 1953-08-20 to
        1953-08-21; "the 1940s": 1940 to 1949)."""
        end = (not_after or "")[: len(iso)]
        return cls(iso, end if end and end > iso else None, certainty == "low")

    def parts(self) -> list[list[int]]:
        """CSL's ``date-parts``: [year, month, day] as far as known, a second for a range's end."""
        return [_parts(self.start)] + ([_parts(self.end)] if self.end else [])


@dataclass(frozen=True, slots=True)
class Citation:
    """What a citation of one document says; ``key`` is stable (made from the document's bytes),
    ``accessed`` an ISO day."""

    key: str
    title: str
    url: str
    accessed: str
    date: CitedDate | None = None
    authors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    place: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    collection: str | None = None
    number: str | None = None
    language: str | None = None

    @property
    def reference(self) -> str:
        """The archival reference whole: repository and location."""
        return ", ".join(x for x in (self.archive, self.archive_location) if x)


def _parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-") if p]


def archival(reference: str, kind: str, before: str = "") -> tuple[str | None, str | None]:
    """(repository, location) of an archival reference as written. A fond/opis/delo citation names
    its repository first ("AVP RF, f. 094, …", "PRC FMA 109-01794-02": an acronym of the
    ``archives`` word list, or the words before the first comma); a reference of another ``kind``, only a
    location ("Job 79-01025A, Box 69, Folder 1") takes the words before it on its line, up to a comma
    before it ("Source: Central Intelligence Agency, "), when there are some."""
    ref = " ".join(reference.split())
    if kind == "archive_citation":
        known = _repositories().match(ref)
        if known and ref[known.end():].strip(" ,"):
            return known.group(0), ref[known.end():].strip(" ,")
        first, comma, rest = ref.partition(",")
        if comma and rest.strip() and not _FIELD.match(first.strip()):
            return first.strip(), rest.strip()
    line = before.rsplit("\n", 1)[-1].rstrip()
    if not line.endswith(","):  # a reference in running text names no repository before it
        return None, ref
    head = _SOURCE.sub("", line).rstrip(",").strip().rsplit(". ", 1)[-1].strip()
    if head and len(head) <= 120 and head[0].isupper():
        return head, ref
    return None, ref


@cache
def _repositories() -> re.Pattern[str]:
    names = [r["acronym"] for r in rows("archives")]
    return re.compile(rf"(?:{alternation(names)})(?![\w])")


def language_of(text: str) -> str | None:
    """The language of a text from its letters' script: Russian (Ukrainian when it has Ukrainian's
    own letters) when more are Cyrillic than Latin, English when most are Latin (the archive's
    translations), None when there are neither (counted in C: a search's bibliography reads many)."""
    sample = text[:5000]
    encoded = sample.encode("utf-8")
    cyrillic = len(encoded.translate(None, _BUT_CYRILLIC_LEADS))  # U+0400-U+04FF start with D0-D3
    latin = len(encoded.translate(None, _BUT_LATIN))
    other = len(encoded.translate(None, _BUT_LEADS)) - cyrillic  # other scripts (and typography)
    if cyrillic > latin:
        return "uk" if _UKRAINIAN.search(sample) else "ru"
    return "en" if latin and latin * 2 > latin + cyrillic + other else None


def csl_json(c: Citation) -> dict[str, Any]:
    """The citation as one CSL-JSON item (a ``manuscript``: an unpublished archival document)."""
    item: dict[str, Any] = {"id": c.key, "type": "manuscript", "title": c.title}
    if c.authors:
        item["author"] = [{"literal": a} for a in c.authors]
    if c.recipients:
        item["recipient"] = [{"literal": r} for r in c.recipients]
    if c.date is not None:
        item["issued"] = {"date-parts": c.date.parts(), **({"circa": True} if c.date.circa else {})}
    item["accessed"] = {"date-parts": [_parts(c.accessed)]}
    optional = (("publisher-place", c.place), ("archive", c.archive), ("archive_location", c.archive_location),
                ("collection-title", c.collection), ("number", c.number), ("language", c.language))
    item.update((name, value) for name, value in optional if value)
    item["URL"] = c.url
    return item


def spoken(d: CitedDate) -> str:
    """A date as a note writes it: "December 9, 1946", "August 20–21, 1953", "June 1954",
    "1940–1949", "ca. 1946"."""
    a, b = _parts(d.start), _parts(d.end) if d.end else None
    if b is None:
        text = _one(a)
    elif len(a) == 3 and a[:2] == b[:2]:
        text = f"{MONTHS[a[1] - 1]} {a[2]}–{b[2]}, {a[0]}"
    elif len(a) == 3 and a[0] == b[0]:
        text = f"{MONTHS[a[1] - 1]} {a[2]}–{MONTHS[b[1] - 1]} {b[2]}, {a[0]}"
    elif len(a) == 2 and a[0] == b[0]:
        text = f"{MONTHS[a[1] - 1]}–{MONTHS[b[1] - 1]} {a[0]}"
    else:
        text = f"{_one(a)}–{_one(b)}"
    return f"ca. {text}" if d.circa else text


def _one(p: list[int]) -> str:
    if len(p) == 3:
        return f"{MONTHS[p[1] - 1]} {p[2]}, {p[0]}"
    if len(p) == 2:
        return f"{MONTHS[p[1] - 1]} {p[0]}"
    return str(p[0])


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    if len(names) > 3:
        return f"{names[0]} et al."
    return ", ".join(names[:-1]) + ", and " + names[-1]


def note(c: Citation) -> str:
    """A Chicago-style note for an archival document: who to whom, "title," place, date, the
    archive's reference, the collection and the document's name in it, the URL and when it was seen."""
    who = _names(c.authors)
    if c.recipients:
        who = f"{who or 'Unknown'} to {_names(c.recipients)}"
    title = c.title.strip().rstrip(".,")
    head = [who] if who else []
    head.append(f"“{title},”" + (f" in {LANGUAGES.get(c.language, c.language)}" if c.language not in (None, "en")
                                  else ""))
    rest = [x for x in (c.place, spoken(c.date) if c.date else "n.d.", c.reference or None) if x]
    if c.collection:
        rest.append(c.collection + (f", {c.number}" if c.number else ""))
    out = ", ".join(head)
    out = f"{out} {', '.join(rest)}" if out.endswith(",”") else f"{out}, {', '.join(rest)}"
    return f"{out}, {c.url} (accessed {_one(_parts(c.accessed))})."


def meta_tags(c: Citation) -> tuple[tuple[str, str], ...]:
    """The ``<meta name content>`` pairs of a document's page that Zotero and other reference
    managers read: Highwire Press (``citation_*``) and Dublin Core (``DC.*``)."""
    tags: list[tuple[str, str]] = [("citation_title", c.title)]
    tags += [("citation_author", a) for a in c.authors]
    if c.date is not None:
        tags.append(("citation_date", c.date.start.replace("-", "/")))
    tags += [(name, value) for name, value in (
        ("citation_publisher", c.archive), ("citation_archive_location", c.archive_location),
        ("citation_language", c.language)) if value]
    tags += [("citation_public_url", c.url), ("DC.title", c.title), ("DC.type", "Text")]
    tags += [("DC.creator", a) for a in c.authors]
    if c.date is not None:
        tags.append(("DC.date", c.date.start + (f"/{c.date.end}" if c.date.end else "")))
    tags += [(name, value) for name, value in (
        ("DC.source", c.reference), ("DC.relation.isPartOf", c.collection), ("DC.language", c.language),
        ("DC.coverage", c.place)) if value]
    tags.append(("DC.identifier", c.url))
    return tuple(tags)


def today() -> str:
    """The access date of a citation made now (ISO day, local)."""
    return date.today().isoformat()


__all__ = ["ARCHIVAL_KINDS", "Citation", "CitedDate", "archival", "csl_json", "language_of", "meta_tags", "note",
           "spoken", "today"]

"""The historians' corrections a kartoteka TEI export carries (``<revisionDesc>``, one ``<change>``
each), read back for an import to log them again, checked as a historian's input would be.

A change without a correction note is some other edition's revision note and is not read; one
with a damaged correction (bad JSON, an unknown action, a value no historian could have typed,
an author or a time missing) refuses the file with an :class:`XmlError`.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from kartoteka.corrections import (
    Correction,
    EntityRef,
    LoggedCorrection,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
    entity_refs,
    from_payload,
    mention_refs,
)
from kartoteka.errors import KartotekaError, Location, XmlError
from kartoteka.model import Level, MentionKind
from kartoteka.readers.tei.safexml import TEI_NS, XML_ID, joined, local

PAYLOAD = "correction"  # the note type kartoteka.export.revisions writes the correction into
REASON = "reason"
MAX_TEXT = 1000  # a name, title, reason or author longer than this is no historian's input
_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_SHA = re.compile(r"[0-9a-f]{64}")
_LEVELS = frozenset(str(v) for v in Level)
_KINDS = frozenset(str(k) for k in MentionKind)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _text_ok(value: str) -> bool:
    return bool(value.strip()) and len(value) <= MAX_TEXT


def _entity_ok(e: EntityRef) -> bool:
    return e.kind in _KINDS and len(e.id) <= MAX_TEXT and len(e.name) <= MAX_TEXT


def _mention_ok(m: MentionRef) -> bool:
    return bool(_SHA.fullmatch(m.sha256)) and 0 <= m.start <= m.end


def problem(c: Correction) -> str | None:
    """What no historian's correction could hold (None: nothing): a malformed hash or date, an
    unknown level or kind, an empty or overlong name, offsets that run backwards."""
    if isinstance(c, SetDate | SetClassification | SetTitle) and not _SHA.fullmatch(c.sha256):
        return "a document hash that is not a sha256"
    if isinstance(c, SetDate):
        lo, hi = _day(c.not_before), _day(c.not_after)
        if not _ISO.fullmatch(c.iso) or lo is None or hi is None or lo > hi or not c.not_before.startswith(c.iso[:4]) \
                or c.certainty not in ("high", "low"):
            return f"a date that is not YYYY[-MM[-DD]] within its bounds: {c.iso[:40]!r}"
        return None
    if isinstance(c, SetClassification):
        if c.level is not None and c.level not in _LEVELS:
            return f"an unknown classification level {c.level[:40]!r}"
        return None if all(_text_ok(x) for x in c.caveats) else "an empty or overlong caveat"
    if isinstance(c, SetTitle):
        return None if _text_ok(c.title) else "an empty or overlong title"
    if not all(_entity_ok(e) for e in entity_refs(c)):
        return "an entity of an unknown kind, or an overlong id or name"
    if not all(_mention_ok(m) for m in mention_refs(c)):
        return "a mention that is not a sha256 and offsets"
    if isinstance(c, Split) and (not c.mentions or not _text_ok(c.name)):
        return "a split without mentions or a name"
    if isinstance(c, Rename) and not _text_ok(c.name):
        return "an empty or overlong name"
    if isinstance(c, Merge | Reattach | Rename | Split):
        return None
    return "an unknown correction"


def _authors(root: etree._Element) -> dict[str, str]:
    """The names of the header's ``respStmt``s by their xml:id."""
    out: dict[str, str] = {}
    for stmt in root.iterfind(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/"
                              f"{{{TEI_NS}}}respStmt"):
        name = stmt.find(f"{{{TEI_NS}}}name")
        if stmt.get(XML_ID) and name is not None:
            out[str(stmt.get(XML_ID))] = joined(name.itertext()).strip()
    return out


def _change(ch: etree._Element, authors: dict[str, str], path: str) -> LoggedCorrection | None:
    notes = {str(n.get("type")): joined(n.itertext()) for n in ch if local(n) == "note"}
    if PAYLOAD not in notes:
        return None
    n = ch.get("n") or ""
    line = ch.sourceline
    where = Location(path, line if isinstance(line, int) else None)

    def refuse(what: str) -> XmlError:
        return XmlError(f"damaged correction #{n[:20]} in <revisionDesc>: {what}", location=where,
                        expected="a <change> as `kartoteka export tei` writes it")

    try:
        c = from_payload(ch.get("type") or "", notes[PAYLOAD], path)
    except KartotekaError as exc:
        raise refuse(exc.message) from None
    why = problem(c)
    if why is not None:
        raise refuse(why)
    when = ch.get("when") or ""
    author = authors.get((ch.get("who") or "").removeprefix("#"), "")
    reason = notes.get(REASON, "").strip()
    if not _WHEN.fullmatch(when) or _day(when[:10]) is None:
        raise refuse("no time (when) as YYYY-MM-DDThh:mm:ssZ")
    if not _text_ok(author) or not _text_ok(reason):
        raise refuse("no author (who, pointing to a respStmt) or no reason")
    return LoggedCorrection(int(n) if n.isdigit() and len(n) < 12 else 0, c, author, when, reason)


def changes_of(root: etree._Element, path: str) -> tuple[LoggedCorrection, ...]:
    """The corrections a kartoteka TEI export carries, in the order written (oldest first)."""
    desc = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}revisionDesc")
    if desc is None:
        return ()
    authors = _authors(root)
    found = (_change(ch, authors, path) for ch in desc if local(ch) == "change")
    return tuple(x for x in found if x is not None)


__all__ = ["MAX_TEXT", "changes_of", "problem"]

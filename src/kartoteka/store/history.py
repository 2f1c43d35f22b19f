"""A correction's history as a reader sees it on a document's or an entity's page: the archive's
own log entries, with a document value's parse beside what the correction set, whether it is the
one in force, and where each entity a correction names lives now."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kartoteka.corrections import Merge, Reattach, Rename, Split, corrected_value, from_payload
from kartoteka.store.pageviews import EntityLink, HistoryEntry, caveats

if TYPE_CHECKING:
    from kartoteka.store.pages import PageReader
    from kartoteka.store.views import CorrectionEntry


def _json_object(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _sha(payload: str) -> str:
    """The document a correction's payload sets a value on ("" for an entity correction)."""
    value = _json_object(payload).get("sha256")
    return value if isinstance(value, str) else ""


def parsed_value(header: dict[str, Any], field: str) -> str:
    """A document value as its parse gave it, written as a correction of it writes its own."""
    if field == "date":
        return str(header.get("date_iso") or "none")
    if field == "title":
        return str(header.get("title") or "none")
    return "; ".join([str(header.get("classification_level") or "none"), *caveats(header.get("classification_caveats"))])


def page_history(reader: PageReader, entries: Sequence[CorrectionEntry]) -> tuple[HistoryEntry, ...]:
    """Log entries (oldest first, as the archive gives them) as a page shows them, newest first."""
    db = reader.db
    shas = sorted({_sha(e.payload) for e in entries} - {""})
    parsed = {r["sha256"]: _json_object(r["parsed"]) for r in db.rows(
        f"SELECT sha256, parsed FROM documents WHERE {db.any_of('sha256')}", (db.listed(shas),))} if shas else {}
    out: list[HistoryEntry] = []
    latest: dict[tuple[str, str], int] = {}
    for e in entries:
        c = from_payload(e.action, e.payload)
        set_to = corrected_value(e.id, c, e.author, e.created_at, e.reason)
        field = value = was = None
        if set_to is not None:
            field, value = set_to.field, set_to.value
            was = parsed_value(parsed.get(set_to.sha256, {}), field)
            if e.undone_at is None and e.applied:
                latest[(set_to.sha256, field)] = e.id
        out.append(HistoryEntry(e.id, e.created_at, e.author, e.action, e.target, e.reason, e.undone_at,
                                e.undone_by, e.undo_reason, e.applied, field, value, was,
                                entities=_links(reader, e.id, c), imported_from=e.imported_from,
                                imported_at=e.imported_at))
    in_force = set(latest.values())
    return tuple(replace(h, in_force=h.id in in_force) for h in reversed(out))


def _links(reader: PageReader, cid: int, c: object) -> tuple[EntityLink, ...]:
    named: list[tuple[str, str, str]] = []
    if isinstance(c, Merge):
        named = [("kept", c.into.id, c.into.name), ("merged", c.other.id, c.other.name)]
    elif isinstance(c, Split):
        named = [("split from", c.entity.id, c.entity.name), ("new", f"c{cid}", c.name)]
    elif isinstance(c, Reattach) and c.entity is not None:
        named = [("attached to", c.entity.id, c.entity.name)]
    elif isinstance(c, Rename):
        named = [("renamed", c.entity.id, c.entity.name)]
    out = []
    for role, eid, name in named:
        now = reader.merged_into(eid) or (eid if reader.entity_brief(eid) is not None else None)
        out.append(EntityLink(role, eid, name, now))
    return tuple(out)


__all__ = ["page_history", "parsed_value"]

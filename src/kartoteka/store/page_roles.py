"""The roles a document page shows: each title standing alone for its holder ("the Prime
Minister asked…"), with the holder the document or the archive names, and how it was decided."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kartoteka.entities.roles import roles, title_key
from kartoteka.model import Mention, MentionKind, Span
from kartoteka.names.titles import titles
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.role_holders import read_role_holders


@dataclass(frozen=True, slots=True)
class RoleShown:
    """A title standing alone over ``[start, end)`` and the person it stands for (None: nobody
    said), ``method`` ``apposition``, ``document`` or ``collection`` and its ``score``."""

    start: int
    end: int
    text: str
    entity: str | None
    entity_name: str | None
    method: str
    score: float


def document_roles(db: Dialect, doc_id: int, text: str, date_iso: str | None) -> tuple[RoleShown, ...]:
    """The roles of one stored document, attached as its record's are (``read_records``)."""
    persons = tuple(
        Mention(Span(int(m["start"]), int(m["end"]), str(m["text"])), MentionKind.PERSON, m["entity_id"],
                Span(int(m["title_start"]), int(m["title_end"]), str(m["title"]))
                if m["title"] is not None and m["title_start"] is not None else None, str(m["method"] or ""))
        for m in db.rows('SELECT text, start, "end", entity_id, title, title_start, title_end, method FROM mentions '
                         "WHERE document_id = ? AND kind = 'person' ORDER BY start, id", (doc_id,)))
    found = roles(text, persons)
    if not found:
        return ()
    attached = read_role_holders(db).attach(found, date_iso)
    ids = sorted({r.entity for r in attached if r.entity})
    names = {str(r["id"]): str(r["name"]) for r in db.rows(
        f"SELECT id, name FROM entities WHERE id IN ({marks(len(ids))})", ids)} if ids else {}
    return tuple(RoleShown(r.span.start, r.span.end, r.span.text, r.entity, names.get(r.entity or ""), r.method,
                           r.score) for r in attached)





@dataclass(frozen=True, slots=True)
class TitleHeld:
    """A title the archive's documents give a person before the name or in apposition
    ("Prime Minister Hoveyda"), as the name knowledge writes it, in one year ("" undated), and in
    how many documents."""

    title: str
    year: str
    documents: int


@cache
def _written() -> dict[str, str]:
    """A title as compared (``title_key``) to the title as the name knowledge writes it."""
    return {title_key(t): t for use in ("role", "given-name") for t in titles(use)}


def titles_held(db: Dialect, entity_id: str) -> tuple[TitleHeld, ...]:
    """The titles the archive gives one person, by title then year: the offices a reader sees held
    over time, from linking's counts (``link_counts`` ``tally.role``) and the spellings the person
    keeps now (a split or merge moves them)."""
    spellings = [str(r["variant"]) for r in db.rows(
        "SELECT variant FROM name_variants WHERE entity_id = ? AND method <> 'link'", (entity_id,))]
    if not spellings:
        return ()
    held: dict[tuple[str, str], int] = {}
    keys = db.rows("SELECT key, count FROM link_counts WHERE counter = ? ORDER BY key", ("tally.role",))
    wanted = set(spellings)
    for r in keys:
        title, name, year = str(r["key"]).split("\x1f")
        if name in wanted:
            held[(title, year)] = held.get((title, year), 0) + int(r["count"])
    written = _written()
    return tuple(TitleHeld(written.get(t, t), y, n)
                 for (t, y), n in sorted(held.items(), key=lambda x: (x[0][0], x[0][1] or "9999")))


__all__ = ["RoleShown", "TitleHeld", "document_roles", "titles_held"]

"""The archive's persons list: an authority list, once given, kept in the ``persons`` table and
linked with by every later ``link`` and ``ingest``; only an explicit set or drop changes it.

A list given again with ``--persons`` is taken when the archive keeps none, or keeps the same
one (same entries); another list is refused there, so that a typo in a path or a stale file
never silently replaces the ids a collection was published with.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kartoteka.errors import ConfigError, Location
from kartoteka.gazetteer.authority import Authority, Person

if TYPE_CHECKING:
    from kartoteka.store.dialect import Dialect

_SOURCE = "persons_source"


@dataclass(frozen=True, slots=True)
class Kept:
    """What giving a list did: ``stored`` when the archive keeps it now and did not before."""

    authority: Authority
    stored: bool


def digest(authority: Authority) -> str:
    """The entries of a list (not where it was read from): equal digests, the same list."""
    content = [(p.id, p.name, p.display, list(p.variants), p.description) for p in authority.persons]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:24]


def read(db: Dialect) -> Authority | None:
    """The list the archive keeps, or None."""
    from kartoteka.store.writer import Writer

    rows = db.rows("SELECT id, name, display, variants, description FROM persons ORDER BY position")
    if not rows:
        return None
    persons = tuple(Person(str(r["id"]), str(r["name"]), str(r["display"]), tuple(json.loads(str(r["variants"]))),
                           None if r["description"] is None else str(r["description"])) for r in rows)
    return Authority(Writer(db).meta(_SOURCE) or "", persons)


def replace(db: Dialect, authority: Authority | None) -> None:
    """Keep ``authority`` as the archive's list (None: keep none), in one transaction. The next
    link sees another list (``link_authority`` differs) and links every block again."""
    from kartoteka.store.writer import Writer

    with db.transaction():
        db.execute("DELETE FROM persons")
        db.execute("DELETE FROM meta WHERE key = ?", (_SOURCE,))
        if authority is not None:
            db.executemany("INSERT INTO persons (position, id, name, display, variants, description) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [(i, p.id, p.name, p.display, json.dumps(list(p.variants), ensure_ascii=False),
                             p.description) for i, p in enumerate(authority.persons)])
            Writer(db).set_meta(_SOURCE, authority.source)


def given(db: Dialect, authority: Authority) -> Kept:
    """A list given to ``ingest`` or ``link``: kept when the archive has none, accepted when it
    is the kept one; another list is an error naming the command that replaces it."""
    kept = read(db)
    if kept is None:
        replace(db, authority)
        return Kept(authority, True)
    if digest(kept) != digest(authority):
        raise ConfigError(
            f"the archive keeps another persons list ({kept.source or 'given earlier'}, "
            f"{len(kept.persons)} persons)", location=Location(authority.source),
            expected=f"the same list, no --persons, or `kartoteka persons set {authority.source} "
                     "--archive …` to replace it")
    return Kept(kept, False)


__all__ = ["Kept", "digest", "given", "read", "replace"]

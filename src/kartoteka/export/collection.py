"""A collection of records as exports see it: the records, the entities they point to (once each),
and what historians corrected in them — the one place every export format reads corrections from.

An archive's records already hold corrected dates, classifications and entity links; a corrected
title that is not in the text, and who made each change, come from :class:`Corrected`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from kartoteka.corrections import Corrected, CorrectedValue, EntityCorrection, LoggedCorrection
from kartoteka.model import Agent, Entity, MentionKind, Record


@dataclass(frozen=True, slots=True)
class Collection:
    """Parsed records (error records left out), the distinct entities of all of them, by id, and
    the historians' corrections (none for files parsed afresh)."""

    records: tuple[Record, ...]
    entities: tuple[Entity, ...]
    by_id: Mapping[str, Entity] = field(default_factory=dict, compare=False, repr=False)
    corrected: Corrected = field(default_factory=Corrected, compare=False, repr=False)
    names: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, records: Iterable[Record], corrected: Corrected | None = None) -> Collection:
        recs = tuple(r for r in records if r.error is None and r.document is not None)
        seen: dict[str, Entity] = {}
        for r in recs:
            for e in r.entities:
                seen.setdefault(e.id, e)
        return cls(recs, tuple(sorted(seen.values(), key=lambda e: e.id)), seen, corrected or Corrected(),
                   source_names([r.source.path for r in recs]))

    def source_name(self, r: Record) -> str:
        """The record's source as the exports name it: its path relative to the collection's root."""
        return self.names.get(r.source.path) or source_names([r.source.path])[r.source.path]

    def file_names(self) -> dict[str, str]:
        """One export file name per record (by sha256): ``<file stem>.xml``, made unique with the
        start of the content hash when two sources share a stem. TEI files and the CMIF letter
        URLs use the same names."""
        taken: set[str] = set()
        out: dict[str, str] = {}
        for r in self.records:
            base = self.source_name(r).rsplit("/", 1)[-1]
            stem = _UNSAFE.sub("_", base.rsplit(".", 1)[0] if "." in base else base) or "document"
            name = f"{stem}.xml"
            if name in taken:
                name = f"{stem}-{r.source.sha256[:12]}.xml"
            taken.add(name)
            out[r.source.sha256] = name
        return out

    def entity(self, entity_id: str | None) -> Entity | None:
        return None if entity_id is None else self.by_id.get(entity_id)

    def fixes(self, r: Record) -> dict[str, CorrectedValue]:
        """The record's values a historian set, by field ("title", "date", "classification")."""
        return self.corrected.of_document(r.source.sha256)

    def title(self, r: Record) -> str | None:
        """The record's title: the historian's when one was set (it need not be in the text)."""
        fixed = self.fixes(r).get("title")
        return fixed.value if fixed is not None else r.title.text if r.title else None

    def changes(self, r: Record) -> tuple[LoggedCorrection, ...]:
        """The active corrections about the record whole (its values, those anchored in it, those
        concerning an entity it names), for a TEI export to carry so that an import logs them again."""
        ids = {m.entity for m in r.mentions if m.entity} | {e.id for e in r.entities}
        names = {(str(e.kind), n) for e in r.entities for n in (e.name, *e.variants)}
        return self.corrected.about(r.source.sha256, ids, names)

    def entity_fixes(self, entity_id: str | None) -> tuple[EntityCorrection, ...]:
        """The historians' changes to an entity (merges into it, its split, rename, re-attachments)."""
        return self.corrected.of_entity(entity_id) if entity_id else ()

    def of_kind(self, *kinds: MentionKind) -> list[Entity]:
        return [e for e in self.entities if e.kind in kinds]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def source_names(paths: Iterable[str]) -> dict[str, str]:
    """Each path relative to the folder all of them share (POSIX separators), so that no export
    names the exporting machine's folders: ``/home/x/seed/a.txt`` and ``/home/x/docs/b.txt`` are
    ``seed/a.txt`` and ``docs/b.txt``; a lone file is its file name."""
    norm = {p: posixpath.normpath(p.replace("\\", "/")) if p else p for p in paths}
    folders = [posixpath.dirname(n) for n in norm.values() if n]
    absolute = [f for f in folders if f.startswith("/")]
    if absolute and len(absolute) < len(folders):
        # absolute and relative paths mixed share no folder: each is named by its file name
        return {p: posixpath.basename(n) or n for p, n in norm.items()}
    root = posixpath.commonpath(folders) if folders else ""
    out = {}
    for p, n in norm.items():
        rel = posixpath.relpath(n, root) if root and n else n
        out[p] = "/".join(part for part in rel.split("/") if part not in ("", ".", "..")) or rel
    return out


# The canonical URI forms of the authority files kartoteka knows, by scheme.
AUTHORITY_URI = {
    "wikidata": "http://www.wikidata.org/entity/{}",
    "viaf": "http://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://sws.geonames.org/{}/",
}


_URL = re.compile(r"^https?://\S+$")


def authority_uris(e: Entity | None, person_uri: str | None = None) -> list[str]:
    """An entity's authority ids as URIs: the schemes that have a URI form, ids that are URLs
    already, and a persons list's ids through its URL pattern (``{id}`` standing for the id)."""
    if e is None:
        return []
    out = [AUTHORITY_URI[s].format(v) for s, v in e.authority if s in AUTHORITY_URI]
    for scheme, value in e.authority:
        if _URL.match(value):
            out.append(value)
        elif scheme == "authority" and person_uri:
            out.append(person_uri.replace("{id}", quote(value, safe="")))
    return out


def doc_key(record: Record) -> str:
    """A stable identifier of a record's document: the file name and the start of its content hash."""
    base = record.source.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"{base}#{record.source.sha256[:12]}" if record.source.sha256 else base


def all_agents(record: Record) -> Iterator[tuple[str, Agent]]:
    """Every agent of a record with its role: sender, recipient, signatory, or a chain step's action."""
    for a in record.senders:
        yield "sender", a
    for a in record.recipients:
        yield "recipient", a
    for a in record.signatories:
        yield "signatory", a
    for step in record.chain:
        for a in step.agents:
            yield str(step.action), a


__all__ = ["AUTHORITY_URI", "Collection", "all_agents", "authority_uris", "doc_key", "source_names"]

"""The archive read back as Records: every stored fact with its span, entity ids as they stand
after linking and corrections, and the entities the record points to — for export and for
anything else that wants the record model rather than rows.

A corrected value that is not in the text (a date or classification a historian supplied)
keeps an empty span at offset 0: the value is the correction's, the text has no characters
for it. A corrected title found nowhere in the text is left out of the record (its view has it).
Documents are read in chunks, so memory holds one chunk however large the archive.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from kartoteka.corrections import CorrectedValue, corrected_value, from_payload
from kartoteka.entities.roles import roles
from kartoteka.linking.roles import RoleHolders
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    Certainty,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Entity,
    Level,
    LinkDecision,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
    Precision,
    Record,
    Reference,
    ReferenceKind,
    Source,
    Span,
)
from kartoteka.store.dialect import Dialect, marks
from kartoteka.store.role_holders import read_role_holders
from kartoteka.structure.derived import rederive

CHUNK = 200

# a row read by column name
Named = dict[str, Any]

_DOC_COLUMNS = (
    "id, sha256, path, format, encoding, title, title_start, title_end, date_iso, date_precision, "
    "date_not_before, date_not_after, date_certainty, date_start, date_end, place, place_start, place_end, "
    "place_entity_id, classification_level, classification_caveats, classification_start, classification_end, "
    "text"
)



def _span(text: str, start: Any, end: Any, value: str | None = None) -> Span | None:
    """The span at these offsets when they hold; else the value where it first stands; else None."""
    if start is not None and end is not None and 0 <= int(start) <= int(end) <= len(text):
        return Span(int(start), int(end), text[int(start):int(end)])
    if value:
        at = text.find(value)
        if at >= 0:
            return Span(at, at + len(value), value)
    return None


def _date(text: str, iso: Any, precision: Any, lo: Any, hi: Any, certainty: Any, start: Any, end: Any
          ) -> DateValue | None:
    if iso is None:
        return None
    span = _span(text, start, end) or Span(0, 0, "")
    return DateValue(span, str(iso), Precision(precision or "day"), str(lo or iso), str(hi or iso),
                     Certainty(certainty or "high"))


def _by_doc(db: Dialect, sql: str, ids: Sequence[int]) -> dict[int, list[Named]]:
    out: dict[int, list[Named]] = defaultdict(list)
    for r in db.rows(sql.format(ids=marks(len(ids))), list(ids)):
        out[int(r["document_id"])].append(r)
    return out


def read_records(db: Dialect, chunk: int = CHUNK, *, withdrawn: bool = True) -> Iterator[Record]:
    """Every stored document as a Record, in id order (without the withdrawn ones unless ``withdrawn``)."""
    gone = set() if withdrawn else {int(r["id"]) for r in db.rows(
        "SELECT id FROM documents WHERE withdrawn_at IS NOT NULL")}
    holders = read_role_holders(db)
    last = 0
    while True:
        docs = db.rows(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, chunk))
        if not docs:
            return
        last = int(docs[-1]["id"])
        kept = [d for d in docs if int(d["id"]) not in gone]
        if kept:
            yield from _with_roles(db, _chunk(db, kept), holders)


def _with_roles(db: Dialect, records: Iterable[Record], holders: RoleHolders) -> Iterator[Record]:
    """Each record with its roles: attached where its document says who, else where the archive's
    documents of those years give one person the title; the holders' entities with the record's."""
    for rec in records:
        if rec.document is None:
            yield rec
            continue
        found = holders.attach(roles(rec.document.text, rec.mentions), rec.date.iso if rec.date else None)
        have = {e.id for e in rec.entities}
        more = _entities(db, sorted({r.entity for r in found if r.entity and r.entity not in have}))
        yield replace(rec, roles=found, entities=(*rec.entities, *more.values()))


def _chunk(db: Dialect, docs: list[Named]) -> Iterator[Record]:
    ids = [int(d["id"]) for d in docs]
    spans = _by_doc(db, 'SELECT document_id, role, kind, text, start, "end" FROM spans '
                        "WHERE document_id IN ({ids}) ORDER BY document_id, start, id", ids)
    marks = _by_doc(db, 'SELECT document_id, kind, value, lang, start, "end" FROM marks '
                        "WHERE document_id IN ({ids}) ORDER BY document_id, start, id", ids)
    dates = _by_doc(db, 'SELECT document_id, iso, precision, not_before, not_after, certainty, start, "end" '
                        "FROM dates WHERE document_id IN ({ids}) ORDER BY document_id, start, id", ids)
    agents = _by_doc(db, 'SELECT document_id, role, step, kind, name, start, "end", entity_id, office, '
                         "office_start, office_end, rank, rank_start, rank_end FROM agents "
                         "WHERE document_id IN ({ids}) ORDER BY document_id, id", ids)
    steps = _by_doc(db, "SELECT document_id, position, action, date_iso, date_precision, date_not_before, "
                        "date_not_after, date_certainty, date_start, date_end, place, place_start, place_end "
                        "FROM chain_steps WHERE document_id IN ({ids}) ORDER BY document_id, position", ids)
    mentions = _by_doc(db, 'SELECT document_id, kind, start, "end", entity_id, title, title_start, title_end, '
                           "method FROM mentions WHERE document_id IN ({ids}) ORDER BY document_id, start, id", ids)
    wanted: set[str] = set()
    for rows in mentions.values():
        wanted.update(str(r["entity_id"]) for r in rows if r["entity_id"])
    for rows in agents.values():
        wanted.update(str(r["entity_id"]) for r in rows if r["entity_id"])
    places = _merged(db, sorted({str(d["place_entity_id"]) for d in docs if d["place_entity_id"]}))
    wanted.update(places.values())
    entities = _entities(db, sorted(wanted))
    for d in docs:
        i = int(d["id"])
        yield _record(d, spans.get(i, []), marks.get(i, []), dates.get(i, []), agents.get(i, []), steps.get(i, []),
                      mentions.get(i, []), entities, places)


def _merged(db: Dialect, ids: Sequence[str]) -> dict[str, str]:
    """Each id as the entity it now is: the one a historian merged it into, else itself.

    A merge moves mentions and agents; a document's place keeps the id linking gave it, so it is
    read through the merge (``merged_into`` always names the surviving entity)."""
    out = {i: i for i in ids}
    for i in range(0, len(ids), 500):
        part = list(ids[i:i + 500])
        for r in db.rows(f"SELECT id, merged_into FROM entities WHERE id IN ({marks(len(part))}) "
                         "AND merged_into IS NOT NULL", part):
            out[str(r["id"])] = str(r["merged_into"])
    return out


def _entities(db: Dialect, ids: Sequence[str]) -> dict[str, Entity]:
    """The entities by id, their spellings in the linker's order: most mentioned first, then by text.

    ``name_variants`` rows with method ``link`` are the archive's own search keys (the entity's name
    kept findable), not link decisions, so they are not read back as such.
    """
    out: dict[str, Entity] = {}
    variants: dict[str, list[Named]] = defaultdict(list)
    used: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        part = list(ids[i:i + 500])
        for r in db.rows(f"SELECT entity_id, variant, score, method FROM name_variants "
                         f"WHERE entity_id IN ({marks(len(part))}) ORDER BY entity_id, variant", part):
            variants[str(r["entity_id"])].append(r)
        counts: dict[tuple[str, str], int] = defaultdict(int)
        # a spelling counts once per place in the text, named by a mention, an agent or both
        for r in db.rows(f'SELECT entity_id, form, COUNT(*) AS n FROM ('
                         f'SELECT entity_id, document_id, start, "end", text AS form FROM mentions '
                         f'WHERE entity_id IN ({marks(len(part))}) UNION '
                         f'SELECT entity_id, document_id, start, "end", name FROM agents '
                         f'WHERE entity_id IN ({marks(len(part))})) AS spellings GROUP BY entity_id, form',
                         part + part):
            counts[(str(r["entity_id"]), str(r["form"]))] += int(r["n"])
        for (eid, form), n in counts.items():
            used[eid].append((-n, form))
        for r in db.rows(f"SELECT id, kind, name, description, authority, latitude, longitude FROM entities "
                         f"WHERE id IN ({marks(len(part))})", part):
            eid = str(r["id"])
            vs = variants.get(eid, [])
            auth = (tuple(sorted((str(k), str(v)) for k, v in json.loads(r["authority"]).items()))
                    if r["authority"] else ())
            spelled = tuple(t for _, t in sorted(used.get(eid, ())))
            if not spelled:
                spelled = tuple(dict.fromkeys([str(r["name"]), *(str(v["variant"]) for v in vs)]))
            out[eid] = Entity(
                eid, MentionKind(r["kind"]), str(r["name"]), spelled, r["description"], auth, r["latitude"],
                r["longitude"],
                tuple(LinkDecision(str(v["variant"]), float(v["score"]), str(v["method"]))
                      for v in vs if v["method"] != "link"))
    return out


def _agent(text: str, r: Named) -> Agent | None:
    span = _span(text, r["start"], r["end"])
    if span is None:
        return None
    return Agent(span, AgentKind(r["kind"]), r["entity_id"], _span(text, r["office_start"], r["office_end"]),
                 _span(text, r["rank_start"], r["rank_end"]))


def _date_of(text: str, r: Named, prefix: str = "") -> DateValue | None:
    """The date a row holds in its ``iso``, ``precision`` … columns (``date_iso`` … with a prefix)."""
    return _date(text, r[prefix + "iso"], r[prefix + "precision"], r[prefix + "not_before"],
                 r[prefix + "not_after"], r[prefix + "certainty"], r[prefix + "start"], r[prefix + "end"])


def _record(d: Named, spans: list[Named], marks: list[Named], dates: list[Named], agents: list[Named],
            steps: list[Named], mentions: list[Named], entities: dict[str, Entity], places: dict[str, str]
            ) -> Record:
    text = str(d["text"])
    place_entity = places.get(str(d["place_entity_id"])) if d["place_entity_id"] else None
    source = Source(str(d["path"]), str(d["sha256"]), str(d["format"]))
    doc = Document.from_text(text, path=source.path, sha256=source.sha256, fmt=source.format,
                             encoding=str(d["encoding"] or "utf-8"))
    place_span = _span(text, d["place_start"], d["place_end"], d["place"])
    level = d["classification_level"]
    caveats = d["classification_caveats"]
    classification = None
    if level is not None or caveats is not None or d["classification_start"] is not None:
        classification = Classification(_span(text, d["classification_start"], d["classification_end"])
                                        or Span(0, 0, ""),
                                        Level(level) if level else None,
                                        tuple(x for x in str(caveats or "").split("; ") if x))
    by_role: dict[tuple[str, int | None], list[Agent]] = defaultdict(list)
    for r in agents:
        a = _agent(text, r)
        if a is not None:
            by_role[(str(r["role"]), r["step"])].append(a)
    chain = tuple(
        ChainStep(Action(s["action"]), tuple(by_role.get(("chain", int(s["position"])), ())),
                  _date_of(text, s, "date_"), _span(text, s["place_start"], s["place_end"], s["place"]))
        for s in steps)
    refs = tuple(Reference(sp, ReferenceKind(r["kind"] or "other")) for r in spans if r["role"] == "reference"
                 if (sp := _span(text, r["start"], r["end"])) is not None)
    summary = next((_span(text, r["start"], r["end"]) for r in spans if r["role"] == "summary"), None)
    ms = tuple(Mention(sp, MentionKind(r["kind"]), r["entity_id"], _span(text, r["title_start"], r["title_end"]),
                       str(r["method"] or ""))
               for r in mentions if (sp := _span(text, r["start"], r["end"])) is not None)
    used = dict.fromkeys([*(m.entity for m in ms if m.entity),
                          *(a.entity for group in by_role.values() for a in group if a.entity),
                          *([place_entity] if place_entity else [])])
    # repository and parts of citations, lemmas, roles and clock times are read again from the text
    return rederive(Record(
        source=source, document=doc,
        title=_span(text, d["title_start"], d["title_end"], d["title"]),
        date=_date_of(text, d, "date_"),
        place=Place(place_span, place_entity) if place_span is not None else None,
        senders=tuple(by_role.get(("sender", None), ())), recipients=tuple(by_role.get(("recipient", None), ())),
        signatories=tuple(by_role.get(("signatory", None), ())), chain=chain, classification=classification,
        references=refs, summary=summary,
        marks=tuple(Mark(sp, MarkKind(r["kind"]), str(r["value"]), r["lang"]) for r in marks
                    if (sp := _span(text, r["start"], r["end"])) is not None),
        dates=tuple(v for r in dates if (v := _date_of(text, r)) is not None),
        mentions=ms, entities=tuple(entities[e] for e in used if e and e in entities),
    ))


def read_corrected_values(db: Dialect) -> dict[str, tuple[CorrectedValue, ...]]:
    """By document sha256, the values active historians' corrections set, the latest per field
    (they are replayed in order, so the latest is the one the archive holds)."""
    from kartoteka.store.users import public_names

    latest: dict[tuple[str, str], CorrectedValue] = {}
    public = public_names(db)
    for r in db.rows("SELECT id, created_at, author, action, payload, reason FROM corrections "
                     "WHERE undone_at IS NULL AND action IN ('set_title', 'set_date', 'set_classification') "
                     "ORDER BY id"):
        v = corrected_value(int(r["id"]), from_payload(str(r["action"]), str(r["payload"])),
                            public(str(r["author"])), str(r["created_at"]), str(r["reason"] or ""))
        if v is not None:
            latest[(v.sha256, v.field)] = v
    out: dict[str, list[CorrectedValue]] = defaultdict(list)
    for (sha, _), v in sorted(latest.items()):
        out[sha].append(v)
    return {k: tuple(v) for k, v in out.items()}


__all__ = ["read_corrected_values", "read_records"]

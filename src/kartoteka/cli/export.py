"""``kartoteka export FORMAT``: an archive, or parsed files, as TEI, CMIF, CSV, JSON Lines, graphs,
GeoJSON or JSON-LD, written into a folder."""

from __future__ import annotations

import calendar
import datetime as _dt
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from kartoteka.errors import ConfigError, ExportError, Location
from kartoteka.model import (
    Agent,
    Certainty,
    Classification,
    DateValue,
    Entity,
    Level,
    Mark,
    MarkKind,
    Mention,
    Place,
    Precision,
    Record,
    Reference,
    ReferenceKind,
    Span,
)

if TYPE_CHECKING:
    from kartoteka.store.reading import DocumentPage, Evidence

FORMATS = ("tei", "cmif", "csv", "jsonl", "graphml", "gexf", "geojson", "jsonld")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _archive_records(target: str) -> Iterator[Record]:
    """The archive's documents as records, with the entity ids and entities of its current linking.

    Read through the archive's public reading API: stored records (text, header agents, chain,
    mentions), each document's view (entity ids of its mentions and agents), and the entities.
    """
    from kartoteka.model import MentionKind as MK
    from kartoteka.store import is_server_url, open_archive

    coords: dict[str, tuple[float, float]] = {}
    reading = None
    with open_archive(target, create=False) as arc:
        if not is_server_url(target):
            # an SQLite archive also has the reading room's pages: coordinates, marks, values' offsets
            from kartoteka.store.reading import Reading

            reading = Reading(target)
            coords = {p.id: (p.latitude, p.longitude) for p in reading.places(None)
                      if p.latitude is not None and p.longitude is not None}
        entity_cache: dict[str, Entity | None] = {}

        def entity(eid: str) -> Entity | None:
            if eid not in entity_cache:
                try:
                    v = arc.entity(eid)
                except Exception:  # an id the archive no longer holds: the pointer stays, the entry does not
                    entity_cache[eid] = None
                else:
                    variants = tuple(dict.fromkeys([v.name, *(x.variant for x in v.variants)]))
                    lat, lon = coords.get(v.id, (None, None))
                    entity_cache[eid] = Entity(v.id, MK(v.kind), v.name, variants, v.description, v.authority,
                                               lat, lon)
            return entity_cache[eid]

        for rec in arc.stored_records():
            view = arc.document(rec.source.sha256)
            by_span = {(m.start, m.end, m.kind): m.entity_id for m in view.mentions}
            mentions = tuple(
                Mention(m.span, m.kind, by_span.get((m.span.start, m.span.end, str(m.kind))), m.title, m.method)
                for m in rec.mentions)
            agent_ids = {(a.start, a.end): a.entity_id for a in view.agents}

            def agents(group: tuple[Agent, ...], ids: dict[tuple[int, int], str | None] = agent_ids
                       ) -> tuple[Agent, ...]:
                return tuple(Agent(a.span, a.kind, ids.get((a.span.start, a.span.end)), a.office, a.rank)
                             for a in group)

            ids = {m.entity for m in mentions if m.entity} | {i for i in agent_ids.values() if i}
            ents = tuple(e for i in sorted(ids) if (e := entity(i)) is not None)
            title = _find(rec, view.title)
            summary = _find(rec, view.summary)
            place = Place(rec.place.span, None) if rec.place else None
            out = Record(
                source=rec.source, document=rec.document, title=title, place=place,
                date=_date(rec, view.date_iso, view.date_text),
                classification=_classification(rec, view.classification_level, view.classification_caveats),
                references=tuple(Reference(sp, ReferenceKind.OTHER) for t in view.references
                                 if (sp := _find(rec, t)) is not None),
                senders=agents(rec.senders), recipients=agents(rec.recipients),
                signatories=agents(rec.signatories),
                chain=tuple(type(st)(st.action, agents(st.agents), st.date, st.place) for st in rec.chain),
                summary=summary, mentions=mentions, entities=ents,
            )
            page = reading.document(rec.source.sha256) if reading is not None else None
            yield _with_page(out, page) if page is not None else out


def _with_page(rec: Record, page: DocumentPage) -> Record:
    """A record completed from its reading-room page: the marks, and the values with their own offsets."""
    assert rec.document is not None
    text = rec.document.text

    def span(ev: Evidence) -> Span | None:
        if ev.start is None or ev.end is None or not 0 <= ev.start <= ev.end <= len(text):
            return None
        return Span(ev.start, ev.end, text[ev.start:ev.end])

    marks = []
    for m in page.marks:
        try:
            marks.append(Mark(Span(m.start, m.end, text[m.start:m.end]), MarkKind(m.kind), m.value, m.lang))
        except ValueError:
            continue
    fields: dict[str, object] = {"marks": tuple(marks)}
    by_label: dict[str, list[Evidence]] = {}
    for ev in page.record:
        by_label.setdefault(ev.label, []).append(ev)
    for ev in by_label.get("title", [])[:1]:
        fields["title"] = span(ev) or rec.title
    for ev in by_label.get("summary", [])[:1]:
        fields["summary"] = span(ev) or rec.summary
    for ev in by_label.get("date", [])[:1]:
        sp = span(ev)
        if sp is not None and rec.date is not None:
            precision, _, certainty = ev.extra.partition(", ")
            fields["date"] = replace(rec.date, span=sp,
                                     precision=Precision(precision) if precision in Precision._value2member_map_
                                     else rec.date.precision,
                                     certainty=Certainty.LOW if certainty.startswith("low") else Certainty.HIGH)
    for ev in by_label.get("classification", [])[:1]:
        sp = span(ev)
        if sp is not None and rec.classification is not None:
            fields["classification"] = replace(rec.classification, span=sp)
    refs = []
    for ev in by_label.get("reference", []):
        sp = span(ev)
        if sp is not None:
            kind = ev.extra.replace(" ", "_")
            refs.append(Reference(sp, ReferenceKind(kind) if kind in ReferenceKind._value2member_map_
                                  else ReferenceKind.OTHER))
    if refs:
        fields["references"] = tuple(refs)
    return replace(rec, **fields)  # type: ignore[arg-type]


def _find(rec: Record, text: str | None, fold: bool = False) -> Span | None:
    """The first place ``text`` stands in the record's text (the archive keeps the value, not its offsets)."""
    if not text or rec.document is None:
        return None
    if fold:
        at = rec.document.text.casefold().find(text.casefold())
        if at >= 0 and len(rec.document.text.casefold()) == len(rec.document.text):
            return Span(at, at + len(text), rec.document.text[at:at + len(text)])
        return None
    at = rec.document.text.find(text)
    return Span(at, at + len(text), text) if at >= 0 else None


def _date(rec: Record, iso: str | None, text: str | None) -> DateValue | None:
    """The document's date as the archive holds it (the ISO value, and the words it was read from)."""
    if not iso or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso):
        return None
    span = _find(rec, text) or Span(0, 0, "")
    precision = {4: Precision.YEAR, 7: Precision.MONTH}.get(len(iso), Precision.DAY)
    year, month = int(iso[:4]), int(iso[5:7]) if len(iso) >= 7 else 12
    last = calendar.monthrange(year, month)[1]
    start = iso if len(iso) == 10 else f"{iso}-01" if len(iso) == 7 else f"{iso}-01-01"
    end = iso if len(iso) == 10 else f"{iso[:7] if len(iso) == 7 else f'{iso}-12'}-{last:02d}"
    return DateValue(span, iso, precision, start, end)


def _classification(rec: Record, level: str | None, caveats: tuple[str, ...]) -> Classification | None:
    if not level and not caveats:
        return None
    try:
        lv = Level(level.casefold()) if level else None
    except ValueError:
        lv = None
    words = [w for w in (level, *caveats) if w]
    span = next((s for w in words if (s := _find(rec, w, fold=True)) is not None), None) or Span(0, 0, "")
    return Classification(span, lv, caveats)


def parse_paths(paths: tuple[str, ...], persons: str | None, jobs: int, progress: bool | None) -> list[Record]:
    """Files and folders parsed and linked as one collection, as ``kartoteka parse`` does."""
    from kartoteka.cli.archive import load_persons
    from kartoteka.cli.progress import progress_bar
    from kartoteka.pipeline import Job, parse_collection
    from kartoteka.readers import walk

    files = list(walk(paths))
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    with progress_bar(len(files), "parse", progress) as advance:
        return parse_collection(files, job, advance, load_persons(persons))


def _records(paths: tuple[str, ...], archive: str | None, persons: str | None, jobs: int,
             progress: bool | None) -> list[Record]:
    if bool(paths) == bool(archive):
        raise ConfigError("give either --archive FILE or PATHS to parse", location=Location("export"),
                          expected="--archive FILE.db, or files and folders")
    if archive:
        return list(_archive_records(archive))
    records = parse_paths(paths, persons, jobs, progress)
    for r in records:
        if r.error is not None:
            click.echo(f"kartoteka: {r.error.message}", err=True)
    return records


def _write(out: str, name: str, content: str) -> str:
    path = os.path.join(out, name)
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror}", location=Location(path),
                          expected="a writable folder") from None
    return path


def tei_file_name(rec: Record, taken: set[str]) -> str:
    """``<file stem>.xml``, made unique with the content hash when two sources share a name."""
    base = rec.source.path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = _SAFE.sub("_", base.rsplit(".", 1)[0] if "." in base else base) or "document"
    name = f"{stem}.xml"
    if name in taken:
        name = f"{stem}-{rec.source.sha256[:12]}.xml"
    taken.add(name)
    return name


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("paths", nargs=-1)
@click.option("--archive", "archive", envvar="KARTOTEKA_ARCHIVE", default=None, metavar="FILE.db|URL",
              help="Export this archive (env KARTOTEKA_ARCHIVE) instead of parsing PATHS.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="The folder to write into (created if missing).")
@click.option("--title", default="kartoteka collection", show_default=True, help="Title of a CMIF file.")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons used when parsing PATHS.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def export(fmt: str, paths: tuple[str, ...], archive: str | None, out: str, title: str, persons: str | None,
           jobs: int, progress: bool | None) -> None:
    """Export an archive (--archive FILE) or parsed files (PATHS) as FORMAT into the folder --out.

    \b
    tei      one TEI P5 file per document (<name>.xml)
    cmif     cmif.xml: correspondence metadata (TEI correspDesc) for correspSearch
    csv      documents.csv, mentions.csv, entities.csv
    jsonl    documents.jsonl, mentions.jsonl, entities.jsonl
    graphml  persons.graphml: the person network (co-mentions, correspondence)
    gexf     persons.gexf: the same for Gephi
    geojson  places.geojson: places with coordinates
    jsonld   collection.jsonld: schema.org documents and people
    """
    from kartoteka.export.collection import Collection

    records = _records(paths, archive, persons, jobs, progress)
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder: {exc.strerror}", location=Location(out)) from None
    coll = Collection.of(records)
    written: list[str] = []
    if fmt == "tei":
        from kartoteka.export.tei import to_tei

        taken: set[str] = set()
        for rec in coll.records:
            written.append(_write(out, tei_file_name(rec, taken), to_tei(rec)))
    elif fmt == "cmif":
        from kartoteka.export.cmif import to_cmif

        written.append(_write(out, "cmif.xml", to_cmif(coll, title=title,
                                                       published=_dt.date.today().isoformat())))
    elif fmt in ("csv", "jsonl"):
        from kartoteka.export.csv import csv_files, jsonl_files

        files = csv_files(coll) if fmt == "csv" else jsonl_files(coll)
        written.extend(_write(out, name, content) for name, content in files.items())
    elif fmt in ("graphml", "gexf"):
        from kartoteka.export.graph import person_network, to_gexf, to_graphml

        net = person_network(coll)
        written.append(_write(out, f"persons.{fmt}", to_graphml(net) if fmt == "graphml" else to_gexf(net)))
    elif fmt == "geojson":
        from kartoteka.export.geojson import to_geojson

        written.append(_write(out, "places.geojson", to_geojson(coll)))
    else:
        from kartoteka.export.jsonld import to_jsonld

        written.append(_write(out, "collection.jsonld", to_jsonld(coll)))
    failed = len(records) - len(coll.records)
    click.echo(f"{len(coll.records)} document(s) exported as {fmt}: {len(written)} file(s) in {out}"
               + (f"; {failed} could not be parsed" if failed else ""), err=True)
    if failed:
        sys.exit(1)

"""``kartoteka export FORMAT``: an archive, or parsed files, as TEI, CMIF, CSV, JSON Lines, graphs,
GeoJSON or JSON-LD, written into a folder."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import TYPE_CHECKING

import click

from kartoteka.corrections import Corrected
from kartoteka.errors import ConfigError, ExportError, Location
from kartoteka.model import Record

if TYPE_CHECKING:
    from kartoteka.export.cmif import CmifHeader
    from kartoteka.export.collection import Collection

FORMATS = ("tei", "cmif", "csv", "jsonl", "graphml", "gexf", "geojson", "jsonld")


def _archive(target: str) -> tuple[list[Record], Corrected]:
    """The archive's documents as complete records, read back exactly as stored (every value at its
    own offsets, entity ids after linking and corrections, the entities they point to), and what
    historians corrected, for every format to show with who did it. A withdrawn document is not
    exported (its page and ``kartoteka show`` still have it)."""
    from kartoteka.store import open_archive

    with open_archive(target, create=False) as arc:
        return list(arc.records(withdrawn=False)), arc.corrected()


def parse_paths(paths: tuple[str, ...], persons: str | None, jobs: int, progress: bool | None) -> list[Record]:
    """Files and folders parsed and linked as one collection, as ``kartoteka parse`` does."""
    from kartoteka.cli.archive import load_persons
    from kartoteka.cli.progress import progress_bar
    from kartoteka.ingest import Job, parse_collection
    from kartoteka.readers import walk

    files = list(walk(paths))
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    with progress_bar(len(files), "parse", progress) as advance:
        return parse_collection(files, job, advance, load_persons(persons))


def _records(paths: tuple[str, ...], archive: str | None, persons: str | None, jobs: int,
             progress: bool | None) -> tuple[list[Record], Corrected]:
    if bool(paths) == bool(archive):
        raise ConfigError("give either --archive FILE or PATHS to parse", location=Location("export"),
                          expected="--archive FILE.db, or files and folders")
    if archive:
        return _archive(archive)
    records = parse_paths(paths, persons, jobs, progress)
    for r in records:
        if r.error is not None:
            click.echo(f"kartoteka: {r.error.message}", err=True)
    return records, Corrected()


def _write(out: str, name: str, content: str) -> str:
    path = os.path.join(out, name)
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror}", location=Location(path),
                          expected="a writable folder") from None
    return path


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("paths", nargs=-1)
@click.option("--archive", "archive", envvar="KARTOTEKA_ARCHIVE", default=None, metavar="FILE.db|URL",
              help="Export this archive (env KARTOTEKA_ARCHIVE) instead of parsing PATHS.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="The folder to write into (created if missing).")
@click.option("--title", default="kartoteka collection", show_default=True, help="Title of a CMIF file.")
@click.option("--base-url", "base_url", default=None, metavar="URL",
              help="Where the export is published (ending in /): the CMIF file's and letters' URLs, "
                   "JSON-LD ids. Without it, JSON-LD ids are urn:sha256:/urn:kartoteka: URNs.")
@click.option("--editor", default="kartoteka", show_default=True, help="CMIF: who answers for the file.")
@click.option("--editor-email", "editor_email", default=None, help="CMIF: the editor's e-mail address.")
@click.option("--publisher", default="kartoteka", show_default=True, help="CMIF: who publishes the file.")
@click.option("--person-uri", "person_uri", default=None, metavar="PATTERN",
              help="URL pattern of the persons list's ids, {id} standing for an id "
                   "(e.g. https://example.org/persons#{id}): persons' authority URIs in CMIF and JSON-LD.")
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons used when parsing PATHS.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def export(fmt: str, paths: tuple[str, ...], archive: str | None, out: str, title: str, base_url: str | None,
           editor: str, editor_email: str | None, publisher: str, person_uri: str | None, persons: str | None,
           jobs: int, progress: bool | None) -> None:
    """Export an archive (--archive FILE) or parsed files (PATHS) as FORMAT into the folder --out.

    An archive is exported as historians corrected it (`kartoteka correct`), each format saying
    which values were corrected, by whom and when.

    \b
    tei      one TEI P5 file per document (<name>.xml)
    cmif     cmif.xml: correspondence metadata (TEI correspDesc) for correspSearch
    csv      documents.csv, mentions.csv, entities.csv
    jsonl    documents.jsonl, mentions.jsonl, entities.jsonl
    graphml  persons.graphml: the person network (co-mentions, correspondence, dated)
    gexf     persons.gexf: the same for Gephi
    geojson  places.geojson: places with coordinates, when they are named
    jsonld   collection.jsonld: schema.org documents and people
    """
    from kartoteka.export.cmif import CmifHeader
    from kartoteka.export.collection import Collection

    records, corrected = _records(paths, archive, persons, jobs, progress)
    try:
        os.makedirs(out, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder: {exc.strerror}", location=Location(out)) from None
    if base_url is not None and not base_url.endswith(("/", "#", ":")):
        base_url += "/"
    coll = Collection.of(records, corrected)
    header = CmifHeader(title, _dt.date.today().isoformat(), editor, editor_email, publisher, base_url, person_uri)
    written = _write_format(fmt, coll, out, header)
    failed = len(records) - len(coll.records)
    click.echo(f"{len(coll.records)} document(s) exported as {fmt}: {len(written)} file(s) in {out}"
               + (f"; {failed} could not be parsed" if failed else ""), err=True)
    if failed:
        sys.exit(1)


def _write_format(fmt: str, coll: Collection, out: str, header: CmifHeader) -> list[str]:
    """Write the collection into the folder ``out`` as one format; the paths written (``header``: the
    CMIF file's, whose base URL and person URI pattern JSON-LD uses too)."""
    written: list[str] = []
    if fmt == "tei":
        from kartoteka.export.tei import to_tei

        names = coll.file_names()
        for rec in coll.records:
            written.append(_write(out, names[rec.source.sha256],
                                  to_tei(rec, tuple(coll.fixes(rec).values()), coll.corrected.entities,
                                         coll.source_name(rec), coll.changes(rec))))
    elif fmt == "cmif":
        from kartoteka.export.cmif import to_cmif

        written.append(_write(out, "cmif.xml", to_cmif(coll, header)))
        if header.base_url is None:
            click.echo("kartoteka: without --base-url the CMIF file has no URL for correspSearch to harvest",
                       err=True)
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

        written.append(_write(out, "collection.jsonld", to_jsonld(coll, header.base_url, header.person_uri)))
    return written

"""``kartoteka parse``: files or folders in, records out (JSON Lines contract, or readable text)."""

from __future__ import annotations

import sys

import click

from kartoteka.cli.loading import Announced
from kartoteka.cli.progress import progress_bar
from kartoteka.errors import ConfigError
from kartoteka.export.record_json import dumps
from kartoteka.export.record_text import render
from kartoteka.ingest import Job, parse_collection
from kartoteka.readers import walk


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text", "tei"]), default="text", show_default=True,
              help="jsonl: the record contract; text: a readable summary; tei: TEI P5 XML.")
@click.option("--persons", "persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV id,name,variants,description).")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar on stderr (default: on a terminal).")
@click.option("--outside/--inside-only", default=True,
              help="Read links in the folders whose targets lie outside them (the default: parse only reads "
                   "and prints, and a folder of links to a sample is common), or refuse them as ingest does.")
def parse(paths: tuple[str, ...], fmt: str, persons: str | None, jobs: int, progress: bool | None,
          outside: bool) -> None:
    """Parse transcriptions (files, or folders walked for *.txt) into structured records.

    All inputs of one call form one collection: the same person in two files gets the same id.
    A file that cannot be read yields an error record and a message on stderr; the run goes on,
    and the exit status is 1.
    """
    files = list(walk(paths, outside=outside))
    if fmt == "tei" and len(files) != 1:
        # One TEI document per file: xml:ids of entity lists would collide inside one stream.
        raise ConfigError(
            f"--format tei prints one document, and {len(files)} files were given",
            expected="one file, or `kartoteka export tei PATH... --out DIR` for many",
        )
    authority = None
    if persons:
        from kartoteka.gazetteer.authority import load_authority

        authority = load_authority(persons)
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    with progress_bar(len(files), "parse", progress) as advance:
        records = parse_collection(files, job, advance, authority, Announced(job.executor(warm=True), job.workers))
    failed = 0
    out = sys.stdout
    from kartoteka.export.collection import source_names

    names = source_names(r.source.path for r in records)  # relative to the inputs' shared folder
    for rec in records:
        if rec.error is not None:
            failed += 1
            click.echo(f"kartoteka: {rec.error.message}", err=True)
        if fmt == "jsonl":
            out.write(dumps(rec) + "\n")
        elif fmt == "tei":
            from kartoteka.export.tei import to_tei

            if rec.error is None:
                out.write(to_tei(rec, source_name=names[rec.source.path]))
        else:
            out.write(render(rec) + "\n\n")
    out.flush()
    if failed:
        click.echo(f"kartoteka: {failed} of {len(records)} file(s) failed", err=True)
        sys.exit(1)

"""``kartoteka ingest``: files or folders into an archive (created on first use), then re-linking."""

from __future__ import annotations

import sys

import click

from kartoteka.cli.archive import archive_option, load_persons
from kartoteka.cli.progress import progress_bar
from kartoteka.pipeline import Job
from kartoteka.readers import walk
from kartoteka.store import open_archive
from kartoteka.store.ingest import ingest_files


@click.command()
@click.argument("paths", nargs=-1, required=True)
@archive_option
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV) used when linking.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--batch", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--reparse", is_flag=True, help="Parse documents already in the archive again and replace them "
              "(corrections are kept and replayed).")
@click.option("--link/--no-link", "do_link", default=True, show_default=True,
              help="Re-link the whole archive after ingesting (else run `kartoteka link`).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
def ingest(paths: tuple[str, ...], archive: str, persons: str | None, jobs: int, batch: int, reparse: bool,
           do_link: bool, progress: bool | None) -> None:
    """Ingest transcriptions (files, or folders walked for *.txt) into an archive.

    A document is identified by the sha256 of its bytes: ingesting it twice adds nothing. Each
    batch is one transaction, so an interrupted ingest leaves a consistent archive and a re-run
    completes it. A file that cannot be read is reported and skipped; the exit status is then 1.
    """
    files = list(walk(paths))
    authority = load_persons(persons) if do_link else None
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    with open_archive(archive, create=True) as arc:
        with progress_bar(len(files), "ingest", progress) as advance:
            report = ingest_files(arc, files, job=job, batch=batch, replace=reparse, progress=advance)
        for msg in report.failures:
            click.echo(f"kartoteka: {msg}", err=True)
        linked = ""
        if do_link and arc.links_stale():
            lr = arc.relink(authority)
            linked = f"; linked {lr.mentions} mention(s) into {lr.entities} entities in {lr.seconds:.1f}s"
            if lr.corrections_applied or lr.corrections_dormant:
                linked += f"; {lr.corrections_applied} correction(s) replayed"
                if lr.corrections_dormant:
                    linked += f", {lr.corrections_dormant} without target"
        elif not do_link and arc.links_stale():
            linked = "; run `kartoteka link` to link the new mentions"
    verb = "re-parsed" if reparse else "added"
    click.echo(f"{report.files} file(s): {report.added + report.replaced} {verb}, {report.skipped} already there, "
               f"{report.failed} failed{linked}", err=True)
    if report.failed:
        sys.exit(1)

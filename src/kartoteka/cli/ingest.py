"""``kartoteka ingest``: files or folders into an archive (created on first use), then re-linking."""

from __future__ import annotations

import sys

import click

from kartoteka.cli.archive import archive_option, keep_persons
from kartoteka.cli.loading import Announced
from kartoteka.cli.progress import progress_bar
from kartoteka.ingest import Item, Job
from kartoteka.ingest import ingest as ingest_inputs
from kartoteka.readers import walk
from kartoteka.store import open_archive


@click.command()
@click.argument("paths", nargs=-1, required=False)
@click.option("--cluster", default=None, metavar="local:N|tcp://HOST:PORT",
              help="Parse on a Dask cluster: N local worker processes, or a running scheduler.")
@click.option("--from-list", "from_list", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also ingest the paths listed in FILE, one a line (runs on a cluster).")
@click.option("--jsonl", type=click.Path(exists=True, dir_okay=False), default=None,
              help='Also ingest the texts of a JSON Lines FILE, {"path": …, "text": …} a line (runs on a cluster).')
@archive_option
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV), kept in the archive for every later "
                   "linking (`kartoteka persons set|drop` replaces or drops it).")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
@click.option("--batch", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--reparse", is_flag=True, help="Parse documents already in the archive again and replace them "
              "(corrections are kept and replayed).")
@click.option("--link/--no-link", "do_link", default=True, show_default=True,
              help="Re-link the whole archive after ingesting (else run `kartoteka link`).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal).")
@click.option("--outside", is_flag=True,
              help="Also read links in the folders whose targets lie outside them (refused by default).")
def ingest(paths: tuple[str, ...], cluster: str | None, from_list: str | None, jsonl: str | None, archive: str,
           persons: str | None, jobs: int, batch: int, reparse: bool, do_link: bool, progress: bool | None,
           outside: bool) -> None:
    """Ingest transcriptions (files, or folders walked for *.txt) into an archive.

    A document is identified by the sha256 of its bytes: ingesting it twice adds nothing. Each
    batch is one transaction, so an interrupted ingest leaves a consistent archive and a re-run
    completes it. A file that cannot be read is reported and skipped; the exit status is then 1.
    """
    if not paths and not from_list and not jsonl:
        raise click.UsageError("nothing to ingest: give PATHS, --from-list FILE or --jsonl FILE")
    distributed = bool(cluster or from_list or jsonl)
    files = [] if distributed else list(walk(paths, outside=outside))
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    with open_archive(archive, create=True) as arc:
        keep_persons(arc, persons)
        with progress_bar(None if distributed else len(files), "ingest", progress) as advance:
            if distributed:
                from kartoteka.cluster.command import ingest_distributed

                report = ingest_distributed(arc, paths, cluster=cluster, from_list=from_list, jsonl=jsonl,
                                            jobs=jobs, batch=batch, replace=reparse, progress=advance)
            else:
                report = ingest_inputs(arc, (Item(f) for f in files), Announced(job.executor(warm=True), job.workers),
                                       batch=batch,
                                       replace=reparse, progress=advance)
        for msg in report.failures:
            click.echo(f"kartoteka: {msg}", err=True)
        linked = ""
        if do_link and arc.links_stale():
            lr = arc.relink()
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

"""``kartoteka ingest``: files or folders into an archive (created on first use), then re-linking."""

from __future__ import annotations

import sys

import click

from kartoteka.cli.archive import archive_option, default_author, keep_persons
from kartoteka.cli.loading import Announced
from kartoteka.cli.progress import progress_bar
from kartoteka.ingest import Item, Job
from kartoteka.ingest import ingest as ingest_inputs
from kartoteka.readers import walk
from kartoteka.readers.shelfmark import checked_collection
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
@click.option("--collection", default=None, metavar="NAME",
              help="The collection the documents belong to (their address is NAME/FILE-STEM); default: the "
                   "nearest folder above each file that is not generic (text, docs, ...).")
@click.option("--author", default=default_author, show_default="$KARTOTEKA_AUTHOR or the login name",
              help="Who ingests (kept with a new version of a changed file at its address).")
@click.option("--outside", is_flag=True,
              help="Also read links in the folders whose targets lie outside them (refused by default).")
def ingest(paths: tuple[str, ...], cluster: str | None, from_list: str | None, jsonl: str | None, archive: str,
           persons: str | None, jobs: int, batch: int, reparse: bool, do_link: bool, progress: bool | None,
           collection: str | None, author: str, outside: bool) -> None:
    """Ingest transcriptions (files, or folders walked for *.txt) into an archive.

    A document is identified by the sha256 of its bytes: ingesting it twice adds nothing. It is
    addressed as COLLECTION/NAME, NAME its file's stem (unique in the collection: another file of
    that stem is refused; the same file name with changed bytes is stored as the document's new
    version, its corrections carried over, as `kartoteka replace` does). Each
    batch is one transaction, so an interrupted ingest leaves a consistent archive and a re-run
    completes it. A file that cannot be read is reported and skipped; the exit status is then 1.
    """
    if not paths and not from_list and not jsonl:
        raise click.UsageError("nothing to ingest: give PATHS, --from-list FILE or --jsonl FILE")
    distributed = bool(cluster or from_list or jsonl)
    files = [] if distributed else list(walk(paths, outside=outside))
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    if collection is not None:
        if distributed:
            raise click.UsageError("--collection is given to a local ingest only (the cluster paths derive "
                                   "each document's collection from its path)")
        collection = checked_collection(collection)
    with open_archive(archive, create=True) as arc:
        keep_persons(arc, persons)
        with progress_bar(None if distributed else len(files), "ingest", progress) as advance:
            if distributed:
                from kartoteka.cluster.command import ingest_distributed

                report = ingest_distributed(arc, paths, cluster=cluster, from_list=from_list, jsonl=jsonl,
                                            jobs=jobs, batch=batch, replace=reparse, progress=advance)
            else:
                report = ingest_inputs(arc, (Item(f) for f in files), Announced(job.executor(warm=True), job.workers),
                                       batch=batch, replace=reparse, progress=advance, collection=collection,
                                       author=author.strip() or default_author())
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
    versions = f", {report.versions} new version(s)" if report.versions else ""
    click.echo(f"{report.files} file(s): {report.added + report.replaced} {verb}{versions}, {report.skipped} already "
               f"there, {report.failed} failed{linked}", err=True)
    if report.failed:
        sys.exit(1)

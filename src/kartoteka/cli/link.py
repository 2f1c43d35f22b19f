"""``kartoteka link``: re-make the archive's entities from all stored mentions, corrections replayed."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, load_persons, open_existing


@click.command()
@archive_option
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV).")
@click.option("--cluster", default=None, metavar="local:N|tcp://HOST:PORT",
              help="Cluster the names on a Dask cluster, the work split by transliteration key.")
def link(archive: str, persons: str | None, cluster: str | None) -> None:
    """Re-link the whole collection: its own step, fast enough to run after every ingest."""
    authority = load_persons(persons)
    with open_existing(archive) as arc:
        if cluster:
            from kartoteka.cluster.command import relink_distributed

            r = relink_distributed(arc, authority, cluster)
        else:
            r = arc.relink(authority)
    tail = f"; {r.corrections_applied} correction(s) replayed" if r.corrections_applied else ""
    if r.corrections_dormant:
        tail += f", {r.corrections_dormant} without target"
    click.echo(f"linked {r.mentions} mention(s) into {r.entities} entities in {r.seconds:.2f}s{tail}", err=True)

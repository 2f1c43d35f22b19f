"""``kartoteka link``: bring the archive's entities up to date with its documents, corrections replayed."""

from __future__ import annotations

import sys

import click

from kartoteka.cli.archive import archive_option, keep_persons, open_existing


class _Phases:
    """Progress on stderr, one bar per pass over the documents."""

    def __init__(self, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar: object | None = None
        self.phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total or None, desc=f"link: {phase}", unit="doc", file=sys.stderr,
                            dynamic_ncols=True)
        bar = self.bar
        assert isinstance(bar, tqdm)
        bar.update(done - bar.n)

    def close(self) -> None:
        from tqdm import tqdm

        if isinstance(self.bar, tqdm):
            self.bar.close()
        self.bar = None


@click.command()
@archive_option
@click.option("--persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV), kept in the archive when it keeps "
                   "none (else it must be the kept one; `kartoteka persons set` replaces it).")
@click.option("--cluster", default=None, metavar="local:N|tcp://HOST:PORT",
              help="Cluster the names on a Dask cluster, the work split by transliteration key.")
@click.option("--full", is_flag=True, help="Cluster every block of names again, even those unchanged.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when a terminal).")
def link(archive: str, persons: str | None, cluster: str | None, full: bool, progress: bool | None) -> None:
    """Re-link the collection after new documents: its own step, fast enough to run after every
    ingest. Only the blocks of names whose names or counts changed are clustered again and only
    the rows whose outcome changed are written; ``--full`` clusters every block again."""
    from kartoteka.store.relinker import Relinker

    phases = _Phases(progress)
    with open_existing(archive) as arc:
        keep_persons(arc, persons)  # linking reads the kept list: given now or at an earlier run
        try:
            if cluster:
                from kartoteka.cluster.command import relink_distributed

                r = relink_distributed(arc, None, cluster, full=full, progress=phases)
            else:
                r = Relinker(arc.db, progress=phases).run(full=full)
        finally:
            phases.close()
    if r.skipped:
        click.echo(f"links up to date: nothing to re-link ({r.seconds:.2f}s; --full to re-link anyway)", err=True)
        return
    tail = f"; {r.corrections_applied} correction(s) replayed" if r.corrections_applied else ""
    if r.corrections_dormant:
        tail += f", {r.corrections_dormant} without target"
    click.echo(f"linked {r.mentions} mention(s) into {r.entities} entities in {r.seconds:.2f}s: "
               f"{r.counted} of {r.documents} document(s) counted anew, {r.decided} re-decided, "
               f"{r.rewritten} rewritten; "
               f"{r.clustered} of {r.blocks} name block(s) re-clustered; "
               f"{r.entities_changed} entit{'y' if r.entities_changed == 1 else 'ies'} changed{tail}", err=True)

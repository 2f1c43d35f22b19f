"""``kartoteka verify``: fixity of an archive (every stored text re-hashed, source files too)."""

from __future__ import annotations

import sys

import click

from kartoteka.store import open_archive
from kartoteka.store.fixity import verify as check


@click.command()
@click.option("--archive", "archive", required=True, help="The archive (file or postgresql:// URL).")
@click.option("--sources/--no-sources", default=True, show_default=True,
              help="Also re-hash each source file still at the path it was ingested from.")
def verify(archive: str, sources: bool) -> None:
    """Check every stored text against the sha256 of the bytes it was read from; exit 1 on a mismatch."""
    with open_archive(archive) as arc:
        result = check(arc, sources=sources)
    for f in result.findings:
        click.echo(f"kartoteka: {f.path}: {f.message} [{f.sha256[:12]}]", err=True)
    click.echo(f"{result.documents} text(s) re-hashed, {result.sources_checked} source file(s) checked "
               f"({result.sources_missing} no longer at their path): {len(result.findings)} mismatch(es)", err=True)
    if result.findings:
        sys.exit(1)

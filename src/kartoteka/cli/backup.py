"""``kartoteka backup`` / ``kartoteka restore``: a consistent copy of an archive, even while served."""

from __future__ import annotations

import click

from kartoteka.store.backup import backup as make_backup
from kartoteka.store.backup import restore as put_back


@click.command()
@click.option("--archive", "archive", required=True, help="The archive (file or postgresql:// URL).")
@click.argument("target", type=click.Path(dir_okay=False))
def backup(archive: str, target: str) -> None:
    """Write a consistent copy of the archive to TARGET (SQLite's online backup; pg_dump for PostgreSQL)."""
    make_backup(archive, target)
    click.echo(f"kartoteka: backed up {archive} to {target}", err=True)


@click.command()
@click.argument("backup_file", type=click.Path(dir_okay=False))
@click.option("--archive", "archive", required=True, help="Where to restore (a new file, or a postgresql:// URL).")
@click.option("--replace", is_flag=True, help="Overwrite an existing archive file.")
def restore(backup_file: str, archive: str, replace: bool) -> None:
    """Restore BACKUP_FILE (made by `kartoteka backup`) into an archive."""
    put_back(backup_file, archive, replace=replace)
    click.echo(f"kartoteka: restored {backup_file} to {archive}", err=True)

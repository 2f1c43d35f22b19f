"""``kartoteka persons``: show, replace or drop the persons list an archive keeps and links with."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, open_existing
from kartoteka.store import Archive

_LINK = click.option("--link/--no-link", "do_link", default=True, show_default=True,
                     help="Re-link the archive with the new list now (else at the next `kartoteka link`).")


@click.group()
def persons() -> None:
    """The archive's persons list (authority): kept once given, used by every later link and ingest."""


@persons.command()
@archive_option
def show(archive: str) -> None:
    """The kept list: where it came from and its persons (id, name, description)."""
    from kartoteka.store.persons import read

    with open_existing(archive) as arc:
        kept = read(arc.db)
    if kept is None:
        click.echo("no persons list kept (give one with `kartoteka persons set FILE`)", err=True)
        return
    click.echo(f"# {kept.source or 'persons list'}: {len(kept.persons)} persons", err=True)
    for p in kept.persons:
        click.echo("\t".join((p.id, p.display, p.description or "")))


@persons.command(name="set")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@archive_option
@_LINK
def set_(path: str, archive: str, do_link: bool) -> None:
    """Keep PATH (FRUS persons.json or CSV id,name,variants,description) as the archive's list,
    replacing the one kept."""
    from kartoteka.gazetteer.authority import load_authority
    from kartoteka.store.persons import replace

    authority = load_authority(path)
    with open_existing(archive) as arc:
        replace(arc.db, authority)
        click.echo(f"persons list {path} ({len(authority.persons)} persons) kept in the archive", err=True)
        _relink(arc, do_link)


@persons.command()
@archive_option
@_LINK
def drop(archive: str, do_link: bool) -> None:
    """Keep no persons list: linking goes by the documents alone."""
    from kartoteka.store.persons import replace

    with open_existing(archive) as arc:
        replace(arc.db, None)
        click.echo("persons list dropped", err=True)
        _relink(arc, do_link)


def _relink(arc: Archive, do_link: bool) -> None:
    if not do_link:
        click.echo("run `kartoteka link` to link with it", err=True)
        return
    r = arc.relink()
    click.echo(f"linked {r.mentions} mention(s) into {r.entities} entities in {r.seconds:.2f}s", err=True)


__all__ = ["persons"]

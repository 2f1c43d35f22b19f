"""``kartoteka entity``: an entity of an archive by id or any spelling, with its variants and documents."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, colour, open_existing
from kartoteka.errors import Location, StoreError
from kartoteka.store.pageviews import EntityPage

SHOWN_DOCUMENTS = 20  # an entity's documents listed, oldest first


@click.command()
@click.argument("name", nargs=-1, required=True)
@archive_option
@click.option("--kind", type=click.Choice(["person", "place", "organization", "group"]), default=None)
def entity(name: tuple[str, ...], archive: str, kind: str | None) -> None:
    """Show the entity called NAME (any known spelling or script, or its id)."""
    text = " ".join(name).strip()
    with open_existing(archive) as arc:
        found = arc.find_entities(text, kind)
        pages = [arc.reading.entity(e.id, page=SHOWN_DOCUMENTS) for e in found[:3]] if len(found) <= 3 else []
    if not found:
        raise StoreError(f"no entity called {text!r}", location=Location(arc.url),
                         expected="a name or spelling seen in the archive (see `kartoteka search`)")
    if len(found) > 1:
        click.echo(f"{len(found)} entities are called {text!r}:")
        for e in found[:50]:
            click.echo(f"  {e.id:<24} {e.kind:<12} {e.name}  ({e.mention_count} mention(s) in {e.document_count} "
                       "document(s))")
        click.echo("Show one with `kartoteka entity ID`.")
        if len(found) > 3:
            return
        click.echo("")
    for page in pages:
        if page is not None:
            render(page, ansi=colour())
            click.echo("")


def render(e: EntityPage, *, ansi: bool) -> None:
    """An entity as its page in the reading room reads it (``Archive.reading``)."""
    out = click.echo
    head = f"{e.name}  [{e.id}]"
    out(click.style(head, bold=True) if ansi else head)
    out(f"  kind         {e.kind}" + ("  (made by a correction)" if e.origin == "correction" else ""))
    if e.description:
        out(f"  description  {e.description}")
    for scheme, value in e.authority:
        out(f"  {scheme:<12} {value}")
    out(f"  mentions     {e.mention_count} in {e.document_count} document(s)")
    seen = {s.form: s.count for s in e.spellings}
    joined = {v.variant: v for v in e.links}
    if seen:
        out("  spellings:   (seen: mentions so spelled; they sum to the mentions above)")
        for form, n in seen.items():
            why = joined.get(form)
            out(f"    {form}  seen {n}" + (f"  ({why.method}, {why.score:.2f})" if why else ""))
    if e.documents:
        shown = f"{e.documents_from + 1}-{e.documents_from + len(e.documents)} of {e.document_count}"
        out(f"  documents:   (oldest first; {shown})")
        for d in e.documents:
            out(f"    {d.date_iso or 'undated':<10}  {d.sha256[:12]}  {d.path}  {' '.join((d.title or '').split())[:70]}")

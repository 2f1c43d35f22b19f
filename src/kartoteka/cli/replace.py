"""``kartoteka replace``: a new transcription of a document, keeping its address and corrections."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, default_author, open_existing
from kartoteka.errors import Location, ReadError
from kartoteka.ingest import Item
from kartoteka.ingest.tasks import parse_item


@click.command()
@click.argument("doc")
@click.argument("newfile", type=click.Path(dir_okay=False))
@archive_option
@click.option("--author", default=default_author, show_default="$KARTOTEKA_AUTHOR or the login name",
              help="Who replaces it (kept in the document's history).")
@click.option("--reason", default=None, help="Why (kept in the document's history).")
@click.option("--link/--no-link", "do_link", default=True, show_default=True,
              help="Re-link afterwards, which replays the carried corrections on the new text.")
def replace(doc: str, newfile: str, archive: str, author: str, reason: str | None, do_link: bool) -> None:
    """Replace the transcription of DOC (collection/name, sha256, path or file name) by NEWFILE.

    The document keeps its address and its id; the old text stays readable as an earlier version
    (its sha256 still finds it). The document's corrections are carried over where their words still
    stand, unchanged, in the new text; those whose words are gone no longer apply (they are marked
    undone, by AUTHOR) and are listed here and on the document's page.
    """
    rec = parse_item(Item(newfile))
    if rec.document is None:
        raise ReadError(rec.error.message if rec.error else "could not be read", location=Location(newfile),
                        expected="a readable transcription")
    with open_existing(archive) as arc:
        done = arc.replace_document(doc, rec, author=author.strip() or default_author(), reason=reason)
        click.echo(f"{done.address}: version {done.old_version} replaced by version {done.new_version} ({newfile})")
        for c in done.corrections:
            if c.status == "carried":
                click.echo(f"  carried      #{c.id} {c.target}")
            elif c.status == "partly":
                click.echo(f"  carried      #{c.id} {c.target} ({c.lost_anchors} of its words gone)")
        for c in done.lost():
            click.echo(f"  no longer applies  #{c.id} {c.target} (its words are not in the new text; undone)")
        if do_link:
            lr = arc.relink()
            click.echo(f"linked {lr.mentions} mention(s); {lr.corrections_applied} correction(s) replayed", err=True)
        else:
            click.echo("run `kartoteka link` to link the new text and replay its corrections", err=True)

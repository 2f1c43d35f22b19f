"""``kartoteka withdraw``: take a document out of search and browsing (or put it back)."""

from __future__ import annotations

import click

from kartoteka.cli.archive import archive_option, default_author, open_existing


@click.command()
@click.argument("doc")
@archive_option
@click.option("--reason", required=True, help="Why (shown on the document's page and kept in its history).")
@click.option("--author", default=default_author, show_default="$KARTOTEKA_AUTHOR or the login name",
              help="Who withdraws it (kept in the document's history).")
@click.option("--reinstate", is_flag=True, help="Put a withdrawn document back in search and browsing.")
def withdraw(doc: str, archive: str, reason: str, author: str, reinstate: bool) -> None:
    """Withdraw DOC (collection/name, sha256, path or file name) from search, facets and browsing.

    Its page stays at its address and says it was withdrawn, when, by whom and why; nothing is
    deleted, and --reinstate puts it back. Both are kept in the document's history.
    """
    if not reason.strip():
        raise click.UsageError("--reason must say why")
    with open_existing(archive) as arc:
        doc_id = arc.withdraw(doc, author=author.strip() or default_author(), reason=reason.strip(),
                              reinstate=reinstate)
        page = arc.reading.document_page(doc_id)
    where = page.address if page is not None else doc
    click.echo(f"{where}: {'reinstated' if reinstate else 'withdrawn'} ({reason.strip()})")

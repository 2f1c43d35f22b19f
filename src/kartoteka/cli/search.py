"""``kartoteka search``: ranked documents for a query, with snippets and facet counts."""

from __future__ import annotations

import json
import sys

import click

from kartoteka.cli.archive import archive_option, colour, highlighted, one_line, open_existing
from kartoteka.search.filters import make_filters
from kartoteka.search.result import SearchResult, hit_json


@click.command()
@click.argument("query", nargs=-1, required=True)
@archive_option
@click.option("--from", "date_from", metavar="DATE", help="Documents dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Documents dated on or before.")
@click.option("--person", "persons", multiple=True, metavar="NAME", help="Mentioning this person (any spelling).")
@click.option("--place", "places", multiple=True, metavar="NAME", help="Mentioning this place.")
@click.option("--org", "organizations", multiple=True, metavar="NAME", help="Mentioning this organisation.")
@click.option("--classification", "classifications", multiple=True, metavar="LEVEL",
              help="Classified at this level (secret, top secret, confidential…).")
@click.option("--sender", "senders", multiple=True, metavar="NAME", help="Sent by this person or body.")
@click.option("--recipient", "recipients", multiple=True, metavar="NAME", help="Addressed to this person or body.")
@click.option("--collection", "collections", multiple=True, metavar="NAME",
              help="In this collection (the first part of a document's address).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: readable; jsonl: one hit per line.")
@click.option("--limit", type=click.IntRange(0, 10_000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--facets/--no-facets", default=True, show_default=True, help="Counts by year, classification, names.")
@click.option("--variants/--no-variants", default=True, show_default=True,
              help="Match every known spelling and script of the names in the query.")
@click.option("--exact", is_flag=True, help="Only the spellings typed (the same as --no-variants).")
def search(query: tuple[str, ...], archive: str, date_from: str | None, date_to: str | None,
           persons: tuple[str, ...], places: tuple[str, ...], organizations: tuple[str, ...],
           classifications: tuple[str, ...], senders: tuple[str, ...], recipients: tuple[str, ...],
           collections: tuple[str, ...], fmt: str,
           limit: int, offset: int, facets: bool, variants: bool, exact: bool) -> None:
    """Search an archive: words, "phrases", AND / OR / NOT (or -word), prefix*, (groups).

    A name matches all its known spellings: "Javid" finds "Dzhavid" and "Джавид"; the other
    spellings searched are listed (on stderr with --format jsonl). --exact searches as typed.
    """
    filters = make_filters(date_from, date_to, persons=persons, places=places, organizations=organizations,
                           classifications=classifications, senders=senders, recipients=recipients,
                           collections=collections)
    with open_existing(archive) as arc:
        widen = variants and not exact
        result = arc.search(" ".join(query), filters, limit=limit, offset=offset,
                            facets=facets and fmt == "text", expand_names=widen)
        if widen and arc.keys_stale():
            click.echo("note: the archive's spelling keys were made by other rules or documents are not linked "
                       "yet; run `kartoteka link` to widen names by the current ones", err=True)
    if fmt == "jsonl":
        for note in expansion_lines(result):
            click.echo(note, err=True)
        for rank, h in enumerate(result.hits, start=offset + 1):
            sys.stdout.write(json.dumps(hit_json(h, rank), ensure_ascii=False) + "\n")
        return
    render(result)


def expansion_lines(result: SearchResult) -> list[str]:
    """One line per name of the query that was also searched in other spellings."""
    return [f"  also searched for {original!r} as: {', '.join(alts[:12])}" + (" …" if len(alts) > 12 else "")
            for original, alts in result.expanded if alts]


def render(result: SearchResult) -> None:
    ansi = colour()
    out = click.echo
    shown = f"{result.offset + 1}-{result.offset + len(result.hits)}" if result.hits else "none"
    out(f"{result.total} document(s) for {result.query!r} (showing {shown})")
    for line in expansion_lines(result):
        out(line)
    for i, h in enumerate(result.hits, start=result.offset + 1):
        head = one_line(h.title, 70) or h.path
        meta = " · ".join(x for x in (h.date, h.classification) if x)
        out("")
        out(f"{i:>3}. {click.style(head, bold=True) if ansi else head}" + (f"  [{meta}]" if meta else ""))
        out(f"     {h.path}  {h.sha256[:12]}  score {h.score:.2f}")
        out(f"     {highlighted(one_line(h.snippet), ansi=ansi)}")
    if result.facets:
        out("")
        for f in result.facets:
            out(f"{f.name}: " + ", ".join(f"{v.value} ({v.count})" for v in f.values))
    if not result.hits and result.total == 0:
        out("No documents match. Try fewer words, OR between alternatives, or a prefix*.")

"""``kartoteka search``: ranked documents for a query, with snippets and facet counts."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click
from click.core import ParameterSource

from kartoteka.cli.archive import archive_option, colour, highlighted, one_line, open_existing
from kartoteka.cli.cite import cited, place_options
from kartoteka.errors import Location, QueryError
from kartoteka.export.bibliography import FORMATS
from kartoteka.search.filters import FIELDS, Sort, make_filters, sort_order
from kartoteka.search.result import SearchResult, hit_json
from kartoteka.store.citations import MAX_CITED

FIELD_HELP = {"collection": "In this collection (the first part of a document's address: frus1952-54Guat).",
              "classification": "Classified at this level (secret, top secret, confidential…).",
              "language": "Written in this language (ISO 639-1: en, ru, de, fr).",
              "type": "Of this type (telegram, memorandum, letter, report…)."}


def field_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """One repeatable option per stored field a search narrows by (:data:`FIELDS`)."""
    for f in reversed(FIELDS):
        fn = click.option(f.option, f"field_{f.name}", multiple=True, metavar=f.name.upper(),
                          help=FIELD_HELP.get(f.name, f"Whose {f.label.lower()} is this."))(fn)
    return fn


@click.command()
@click.argument("query", nargs=-1, required=False)
@archive_option
@click.option("--from", "date_from", metavar="DATE", help="Documents dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Documents dated on or before.")
@click.option("--person", "persons", multiple=True, metavar="NAME", help="Mentioning this person (any spelling).")
@click.option("--place", "places", multiple=True, metavar="NAME", help="Mentioning this place.")
@click.option("--org", "organizations", multiple=True, metavar="NAME", help="Mentioning this organisation.")
@field_options
@click.option("--sender", "senders", multiple=True, metavar="NAME", help="Sent by this person or body.")
@click.option("--recipient", "recipients", multiple=True, metavar="NAME", help="Addressed to this person or body.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: readable; jsonl: one hit per line.")
@click.option("--limit", type=click.IntRange(0, 10_000), default=20, show_default=True,
              help=f"Hits shown (with --cite: cited, default and at most {MAX_CITED}).")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--facets/--no-facets", default=True, show_default=True, help="Counts by year, classification, names.")
@click.option("--variants/--no-variants", default=True, show_default=True,
              help="Match every known spelling and script of the names in the query.")
@click.option("--exact", is_flag=True, help="Only the spellings typed (the same as --no-variants).")
@click.option("--sort", "sort", type=click.Choice([s.value for s in Sort]), default=None,
              help="Order of the hits: relevance (the default with words), date (oldest first: the default "
                   "without words), -date (newest first) or title. Undated documents come last; ties by document.")
@click.option("--cite", "cite_fmt", type=click.Choice(["text", *FORMATS]), default=None,
              help=f"Print the hits as a bibliography instead (in the search's order; up to {MAX_CITED}, or --limit).")
@place_options
def search(query: tuple[str, ...], archive: str, date_from: str | None, date_to: str | None,
           persons: tuple[str, ...], places: tuple[str, ...], organizations: tuple[str, ...],
           senders: tuple[str, ...], recipients: tuple[str, ...], fmt: str,
           limit: int, offset: int, facets: bool, variants: bool, exact: bool, sort: str | None,
           cite_fmt: str | None, base_url: str, accessed: str, **fields: tuple[str, ...]) -> None:
    """Search an archive: words, "phrases", AND / OR / NOT (or -word), prefix*, (groups); or, with
    no words, list the documents the filters keep (--from 1945 --to 1947), oldest first.

    A name matches all its known spellings: "Javid" finds "Dzhavid" and "Джавид"; the other
    spellings searched are listed (on stderr with --format jsonl). --exact searches as typed.
    """
    filters = make_filters(date_from, date_to, persons=persons, places=places, organizations=organizations,
                           senders=senders, recipients=recipients,
                           values={f.name: fields[f"field_{f.name}"] for f in FIELDS})
    text = " ".join(query)
    if not text.strip() and filters.empty():
        raise QueryError("no query and no filter", location=Location("search"),
                         expected="words to search for, or a filter such as --from 1945 --to 1947 or --person NAME")
    order = sort_order(sort, bool(text.strip()))
    if cite_fmt is not None:
        given = click.get_current_context().get_parameter_source("limit") is not ParameterSource.DEFAULT
        limit = min(limit, MAX_CITED) if given else MAX_CITED
    with open_existing(archive) as arc:
        widen = variants and not exact
        result = arc.search(text, filters, limit=limit, offset=offset,
                            facets=facets and fmt == "text" and cite_fmt is None, expand_names=widen, sort=order)
        if cite_fmt is not None:
            sys.stdout.write(cited(arc, [h.document_id for h in result.hits], cite_fmt, base_url, accessed))
            if result.total > offset + len(result.hits):
                click.echo(f"kartoteka: cited {len(result.hits)} of {result.total} documents "
                           f"(from {offset + 1}; --limit, at most {MAX_CITED}, and --offset for more)", err=True)
            return
        if widen and arc.keys_stale():
            click.echo("note: the archive's spelling keys were made by other rules or documents are not linked "
                       "yet; run `kartoteka link` to widen names by the current ones", err=True)
    if fmt == "jsonl":
        for note in expansion_lines(result, exact=text.strip() != "" and not widen):
            click.echo(note, err=True)
        for rank, h in enumerate(result.hits, start=offset + 1):
            sys.stdout.write(json.dumps(hit_json(h, rank), ensure_ascii=False) + "\n")
        return
    render(result, order, exact=not widen)


def expansion_lines(result: SearchResult, *, exact: bool = False) -> list[str]:
    """One line per name of the query that was also searched in other spellings (or, searching
    as typed, one line saying so)."""
    if exact:
        return ["  exact spelling only: the other spellings of the names were not searched (drop --exact)"]
    return [f"  also searched for {original!r} as: {', '.join(alts[:12])}" + (" …" if len(alts) > 12 else "")
            for original, alts in result.expanded if alts]


def render(result: SearchResult, order: Sort = Sort.RELEVANCE, *, exact: bool = False) -> None:
    ansi = colour()
    out = click.echo
    shown = f"{result.offset + 1}-{result.offset + len(result.hits)}" if result.hits else "none"
    what = f"for {result.query!r}" if result.query.strip() else "kept by the filters"
    out(f"{result.total} document(s) {what}, by {order.label} (showing {shown})")
    for line in expansion_lines(result, exact=exact and bool(result.query.strip())):
        out(line)
    for i, h in enumerate(result.hits, start=result.offset + 1):
        head = one_line(h.title, 70) or h.path
        meta = " · ".join(x for x in (h.date, h.classification) if x)
        out("")
        out(f"{i:>3}. {click.style(head, bold=True) if ansi else head}" + (f"  [{meta}]" if meta else ""))
        out(f"     {h.address or h.path}  {h.sha256[:12]}" + (f"  score {h.score:.2f}" if result.query.strip() else ""))
        if h.snippet:
            out(f"     {highlighted(one_line(h.snippet), ansi=ansi)}")
    if result.facets:
        out("")
        for f in result.facets:
            out(f"{f.name}: " + ", ".join(f"{v.value} ({v.count})" for v in f.values))
    if not result.hits and result.total == 0:
        out("No documents match. Try fewer words, OR between alternatives, or a prefix*.")

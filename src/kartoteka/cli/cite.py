"""``kartoteka cite``: a document's citation — a note to paste, CSL-JSON, BibTeX or RIS — as its
page in the reading room gives it (``store.citations``), and the options ``kartoteka search
--cite`` shares with it."""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from kartoteka.cli.archive import archive_option, open_existing
from kartoteka.errors import Location, StoreError
from kartoteka.export.address import document_url
from kartoteka.export.bibliography import FORMATS, render
from kartoteka.export.citation import note, today
from kartoteka.store import Archive
from kartoteka.store.citations import citations

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_BASE = "http://127.0.0.1:8765/"  # where `kartoteka serve` answers by default


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if value is None:
        return today()
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day (YYYY-MM-DD)") from None


def place_options(fn: F) -> F:
    """``--base-url`` (the reading room's address the citation's URL is under) and ``--accessed``."""
    fn = click.option("--accessed", callback=_day, metavar="YYYY-MM-DD",
                      help="The access date the citation gives (default: today).")(fn)
    return click.option("--base-url", "base_url", envvar="KARTOTEKA_BASE_URL", default=DEFAULT_BASE,
                        show_default=True, metavar="URL",
                        help="The reading room's public address, under which each document's page is "
                             "(env KARTOTEKA_BASE_URL).")(fn)


def cited(arc: Archive, doc_ids: Sequence[int], fmt: str, base_url: str, accessed: str) -> str:
    """The documents' citations in ``fmt`` (``text``: one note a line, or one of the bibliography formats)."""
    found = citations(arc, doc_ids, accessed=accessed, url=lambda collection, name: document_url(base_url, collection, name))
    if fmt == "text":
        return "".join(note(c) + "\n" for c in found)
    return render(found, fmt)


@click.command()
@click.argument("doc")
@archive_option
@click.option("--format", "fmt", type=click.Choice(["text", *FORMATS]), default="text", show_default=True,
              help="text: a Chicago-style note; csl-json, bibtex or ris: for a reference manager.")
@place_options
def cite(doc: str, archive: str, fmt: str, base_url: str, accessed: str) -> None:
    """Cite DOC: a sha256 (or its first 6+ characters), a path, or a file name such as d12.txt."""
    with open_existing(archive) as arc:
        text = cited(arc, [arc.resolve_document(doc)], fmt, base_url, accessed)
    if not text:
        raise StoreError("no such document in the archive", location=Location(doc),
                         expected="a sha256 (or its first 6+ characters), a path or a file name")
    sys.stdout.write(text)


__all__ = ["cite", "cited", "place_options"]

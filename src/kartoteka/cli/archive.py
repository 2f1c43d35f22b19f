"""The ``--archive`` option shared by the archive commands, and how they render for a terminal."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from kartoteka.gazetteer.authority import Authority, load_authority
from kartoteka.search.result import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from kartoteka.store import Archive, open_archive

F = TypeVar("F", bound=Callable[..., Any])


def archive_option(fn: F) -> F:
    """``--archive FILE.db`` (or postgresql://…); also read from KARTOTEKA_ARCHIVE."""
    return click.option("--archive", "archive", envvar="KARTOTEKA_ARCHIVE", required=True, metavar="FILE.db|URL",
                        help="The archive: an SQLite file, or postgresql://… (env KARTOTEKA_ARCHIVE).")(fn)


def open_existing(target: str) -> Archive:
    return open_archive(target, create=False)


def load_persons(path: str | None) -> Authority | None:
    """The persons authority list for linking, when one is given."""
    return load_authority(path) if path else None


def keep_persons(arc: Archive, path: str | None) -> None:
    """A persons list given to ``ingest`` or ``link``: kept in the archive the first time (said on
    stderr), accepted when it is the kept one, refused when it is another (`kartoteka persons set`)."""
    if not path:
        return
    from kartoteka.store.persons import given

    kept = given(arc.db, load_authority(path))
    if kept.stored:
        click.echo(f"kartoteka: persons list {path} ({len(kept.authority.persons)} persons) kept in the archive; "
                   "later `link` and `ingest` use it", err=True)


def default_author() -> str:
    env = os.environ.get("KARTOTEKA_AUTHOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def highlighted(snippet: str, *, ansi: bool | None = None) -> str:
    """A snippet's match markers as bold on a terminal, as ``**…**`` elsewhere."""
    if ansi if ansi is not None else colour():
        return snippet.replace(HIGHLIGHT_OPEN, "\x1b[1m").replace(HIGHLIGHT_CLOSE, "\x1b[0m")
    return snippet.replace(HIGHLIGHT_OPEN, "**").replace(HIGHLIGHT_CLOSE, "**")


def one_line(text: str | None, width: int = 0) -> str:
    out = " ".join((text or "").split())
    if width and len(out) > width:
        out = out[: width - 1] + "…"
    return out


__all__ = ["archive_option", "colour", "default_author", "highlighted", "keep_persons", "load_persons", "one_line", "open_existing"]

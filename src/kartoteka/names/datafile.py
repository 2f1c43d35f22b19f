"""The data files of name knowledge (``data/*.csv``): read by column name, each checked to have the
columns its reader expects and a reason on every entry, so a list without its why never loads."""

from __future__ import annotations

import csv
from importlib import resources

from kartoteka.errors import ConfigError, Location


def rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The entries of ``data/<name>`` by column name (see :func:`entries`)."""
    text = resources.files("kartoteka.names").joinpath("data", name).read_text(encoding="utf-8")
    return entries(text, name, columns)


def entries(text: str, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The entries of the CSV ``text`` of file ``name`` by column name; a ConfigError names the
    file and line of a header other than ``columns`` or of an entry without a reason."""
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != columns:
        raise ConfigError(f"header is {reader.fieldnames}", location=Location(name, 1), expected=",".join(columns))
    found = list(reader)
    for n, row in enumerate(found, start=2):
        if not (row.get("reason") or "").strip():
            raise ConfigError("entry has no reason", location=Location(name, n), expected="a reason for the entry")
    return found


__all__ = ["entries", "rows"]

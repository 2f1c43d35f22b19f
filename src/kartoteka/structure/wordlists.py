"""Word lists of the structure stage, read from the CSV files under ``structure/data``.

Each file has a ``reason`` column saying why an entry holds beyond any one collection; the
lists are read once per process. Nothing is fetched at run time.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>.csv`` as dicts by column name."""
    with resources.files("kartoteka.structure").joinpath(f"data/{name}.csv").open(encoding="utf-8") as f:
        return tuple(dict(r) for r in csv.DictReader(f))


def alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``phrases``, longest first, any run of white space between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


__all__ = ["alternation", "rows"]

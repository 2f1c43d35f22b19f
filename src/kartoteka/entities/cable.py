"""Cable style: the abbreviations and code words of telegrams and memoranda (Amembassy, Deptel,
Dept, Tab, Vol, Niact, USSR), read from ``data/cable_words.csv`` where each entry says why it
is there. None of them is ever a person, place or body of its own; letters ("USSR") stay
capitals when a telegram in capitals is read in mixed case."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from kartoteka.linking.keys import fold


@cache
def _words() -> dict[str, str]:
    with resources.files("kartoteka.entities").joinpath("data/cable_words.csv").open(encoding="utf-8") as f:
        return {fold(row["word"]): row["kind"] for row in csv.DictReader(f)}


def kind(word: str) -> str | None:
    """The kind of a cable word (``office``, ``paper``, ``part``, ``caveat``, ``word``,
    ``letters``), or None for any other word."""
    return _words().get(fold(word.strip(".,;:()")))


def never_a_name(word: str) -> bool:
    """A cable word that names nothing by itself (letters such as "USSR" do name a country)."""
    k = kind(word)
    return k is not None and k != "letters"


def is_part(name: str) -> bool:
    """A document part and its label: "Tab B", "Vol. III", "Annex 2"."""
    words = name.split()
    return bool(words) and kind(words[0]) == "part" and len(words) <= 2


__all__ = ["is_part", "kind", "never_a_name"]

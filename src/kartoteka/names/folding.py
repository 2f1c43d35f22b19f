"""The name knowledge that keys are made from, read from the data files beside this module.

``data/transliteration.csv`` holds the rules that bring the spellings of one name in different
transliteration conventions to one strict key (pattern, replacement, and why the convention
exists), the key search widens a name by; ``data/spelling.csv`` the looser letter groups of the
spelling key linking compares names by (checked there against the names' similarity);
``data/apostrophes.csv`` the characters that write a soft sign, ʿayn or hamza and are dropped;
``data/particles.csv`` the particles of names that do not identify a person (the Arabic
article, "de", "von"...). Each entry carries the reason it is there, so a rule is judged by
whether that reason holds beyond any one collection. Linking, search and the gazetteer read
them from here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kartoteka.names.datafile import rows

_FILES = ("transliteration.csv", "spelling.csv", "apostrophes.csv", "particles.csv")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rewrite of a folded (lower-case ASCII) spelling, applied in the file's order."""

    pattern: re.Pattern[str]
    replacement: str
    reason: str


@cache
def transliteration_rules() -> tuple[Rule, ...]:
    """The strict-key rules of ``data/transliteration.csv``, in order."""
    return tuple(Rule(re.compile(r["pattern"]), r["replacement"], r["reason"])
                 for r in rows("transliteration.csv", ("pattern", "replacement", "reason")))


@cache
def spelling_groups() -> tuple[tuple[str, str], ...]:
    """The letter groups of ``data/spelling.csv`` and what each becomes, longest-first as listed."""
    return tuple((r["letters"], r["becomes"]) for r in rows("spelling.csv", ("letters", "becomes", "reason")))


@cache
def apostrophes() -> str:
    """The characters of ``data/apostrophes.csv`` (soft sign, ʿayn, hamza), as one string."""
    return "".join(chr(int(r["codepoint"].removeprefix("U+"), 16))
                   for r in rows("apostrophes.csv", ("codepoint", "reason")))


@cache
def particles() -> frozenset[str]:
    """Name particles that do not identify a person ("al", "os", "de", "von")."""
    return frozenset(r["particle"].strip() for r in rows("particles.csv", ("particle", "reason")))


@cache
def fingerprint() -> str:
    """A digest of the data files: keys stored with other rules are rebuilt."""
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(resources.files("kartoteka.names").joinpath("data", name).read_bytes())
    return digest.hexdigest()[:16]


__all__ = ["Rule", "apostrophes", "fingerprint", "particles", "spelling_groups", "transliteration_rules"]

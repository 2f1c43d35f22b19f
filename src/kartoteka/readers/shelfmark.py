"""A document's readable address: the collection it belongs to and its name within it.

The address is what a historian cites and types (``frus1952-54Guat/d2``); the sha256 of the bytes
stays a second address. The rule, applied to the path a file was read from:

- the **name** is the file's stem (``d2.txt`` → ``d2``; ``x.tei.xml`` → ``x.tei``);
- the **collection** is given at ingest (``--collection NAME``), or else the name of the nearest
  folder above the file that is not generic (``text``, ``docs``… — ``data/generic_folders.csv``,
  each with its reason): ``frus-dev/frus1952-54Guat/text/d2.txt`` → ``frus1952-54Guat``,
  ``genre-dev/docs/g04.txt`` → ``genre-dev``. A path naming no such folder (``d2.txt``,
  ``text/d2.txt``) is read from the absolute path (the working folder's name).

A collection name or a document name never holds ``/`` and is not empty; spaces at either end
are dropped.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

from kartoteka.errors import Location, StoreError

FALLBACK = "archive"  # the collection of a file whose every folder is generic (``/text/d2.txt``)


@cache
def generic_folders() -> frozenset[str]:
    """Folder names that say what a folder holds, not which collection (lower case)."""
    with resources.files("kartoteka.readers").joinpath("data/generic_folders.csv").open(encoding="utf-8") as f:
        return frozenset(row["folder"].strip().casefold() for row in csv.DictReader(f))


@dataclass(frozen=True, slots=True, order=True)
class Shelfmark:
    """Where a document stands in the archive: ``collection/name``."""

    collection: str
    name: str

    def __str__(self) -> str:
        return f"{self.collection}/{self.name}"


def _folders(path: str) -> list[str]:
    parts = PurePosixPath(path.replace("\\", "/")).parent.parts
    return [p for p in reversed(parts) if p not in ("", ".", "..", "/") and ":" not in p]


def collection_of(path: str) -> str:
    """The collection a file's path names by default (see the module's rule)."""
    generic = generic_folders()
    for folders in (_folders(path), _folders(os.path.abspath(path))):
        for folder in folders:
            if folder.casefold() not in generic:
                return folder
    return FALLBACK


def name_of(path: str) -> str:
    """A document's name in its collection: the stem of its file name."""
    base = path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return stem.strip() or base.strip() or "document"


def checked_collection(name: str, option: str = "--collection") -> str:
    """A collection name a user gave, checked: not empty, no ``/``."""
    value = name.strip()
    if not value or "/" in value or "\\" in value:
        raise StoreError(f"not a collection name: {name!r}", location=Location(option),
                         expected="a name without '/' (e.g. frus1952-54Guat)")
    return value


def shelfmark_of(path: str, collection: str | None = None) -> Shelfmark:
    """The address a file read from ``path`` is given (``collection`` when one was given at ingest)."""
    return Shelfmark(checked_collection(collection) if collection else collection_of(path), name_of(path))


def parse_shelfmark(ref: str) -> Shelfmark | None:
    """``collection/name`` as typed or in a URL; None when ``ref`` is not of that shape."""
    text = ref.strip().strip("/")
    if text.count("/") != 1:
        return None
    collection, name = (p.strip() for p in text.split("/"))
    return Shelfmark(collection, name) if collection and name else None


def address(collection: str, name: str) -> str:
    """The readable address of a document (``frus1952-54Guat/d2``): the page is ``/documents/`` + it."""
    return f"{collection}/{name}"


__all__ = ["FALLBACK", "Shelfmark", "address", "checked_collection", "collection_of", "generic_folders",
           "name_of", "parse_shelfmark", "shelfmark_of"]

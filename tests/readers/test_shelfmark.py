"""The naming rule of a document's readable address: collection from the path (or as given), name
from the file's stem; and what counts as an address when typed."""

from __future__ import annotations

import os

import pytest

from kartoteka.errors import StoreError
from kartoteka.readers.shelfmark import (
    FALLBACK,
    Shelfmark,
    address,
    checked_collection,
    generic_folders,
    parse_shelfmark,
    shelfmark_of,
)

HERE = os.path.basename(os.getcwd())


@pytest.mark.parametrize(("path", "given", "expected"), [
    # the brief's two examples: a generic folder is skipped to the volume or set above it
    ("../shared/corpus/frus-dev/frus1952-54Guat/text/d2.txt", None, ("frus1952-54Guat", "d2")),
    ("../shared/corpus/genre-dev/docs/g04.txt", None, ("genre-dev", "g04")),
    # the folder holding the file
    ("../shared/seed/000_e3d0ee8980a77a04.txt", None, ("seed", "000_e3d0ee8980a77a04")),
    ("frus1952-54Guat/d2.txt", None, ("frus1952-54Guat", "d2")),
    # generic folders nested, in any case
    ("archive-x/Texts/TEI/d9.xml", None, ("archive-x", "d9")),
    # the stem: the last suffix goes, inner dots stay; no suffix keeps the name
    ("vol/a.b.txt", None, ("vol", "a.b")),
    ("vol/README", None, ("vol", "README")),
    ("vol/.hidden", None, ("vol", ".hidden")),
    # Windows separators read as folders
    ("C:\\vols\\frus1955-57v24\\text\\d7.txt", None, ("frus1955-57v24", "d7")),
    # a path naming no collection folder: the working folder's name (absolute path), else the fallback
    ("d2.txt", None, (HERE, "d2")),
    ("text/d2.txt", None, (HERE if HERE.casefold() not in generic_folders() else FALLBACK, "d2")),
    ("/text/d2.txt", None, (FALLBACK, "d2")),
    # a collection given at ingest wins (trimmed)
    ("../shared/corpus/genre-dev/docs/g04.txt", " genre ", ("genre", "g04")),
])
def test_naming_rule(path: str, given: str | None, expected: tuple[str, str]) -> None:
    assert shelfmark_of(path, given) == Shelfmark(*expected)


@pytest.mark.parametrize("bad", ["", "   ", "a/b", "a\\b"])
def test_a_given_collection_needs_a_name_without_slashes(bad: str) -> None:
    with pytest.raises(StoreError, match="not a collection name"):
        checked_collection(bad)


@pytest.mark.parametrize(("typed", "expected"), [
    ("frus1952-54Guat/d2", Shelfmark("frus1952-54Guat", "d2")),
    ("/genre-dev/g04/", Shelfmark("genre-dev", "g04")),
    (" seed / 000_x ", Shelfmark("seed", "000_x")),
    ("d2.txt", None),  # a file name, not an address
    ("0c281b7b67385f24", None),  # a sha256 prefix
    ("a/b/c.txt", None),  # a path
    ("/d2", None),
])
def test_what_is_typed_as_an_address(typed: str, expected: Shelfmark | None) -> None:
    assert parse_shelfmark(typed) == expected


def test_address_is_collection_slash_name() -> None:
    assert address("frus1952-54Guat", "d2") == str(Shelfmark("frus1952-54Guat", "d2")) == "frus1952-54Guat/d2"

"""Input files: walking folders in a stable order and reading bytes (the file-system edge)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from kartoteka.errors import Location, ReadError
from kartoteka.model import Document
from kartoteka.readers.text import read_bytes

TEXT_SUFFIXES = (".txt", ".text")


def walk(paths: Iterable[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[str]:
    """Each file named, and every matching file under each folder named, in sorted path order.

    A path that does not exist is yielded as it is, so that reading it gives a clear error.
    """
    for path in paths:
        if os.path.isdir(path):
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files if f.lower().endswith(suffixes))
            yield from sorted(found)
        else:
            yield path


def read_raw(
    path: str, *, what: str = "file", max_bytes: int | None = None, error: type[ReadError] = ReadError
) -> bytes:
    """A file's bytes; ``error`` (a ReadError) names the file and what was wrong, and a file
    larger than ``max_bytes`` is refused before it is read."""
    try:
        if max_bytes is not None:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise error(f"{what} too large ({size} bytes)", location=Location(path),
                            expected=f"at most {max_bytes} bytes")
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise error("no such file", location=Location(path), expected=f"an existing {what}") from None
    except IsADirectoryError:
        raise error("is a folder", location=Location(path), expected=f"a {what}") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", location=Location(path)) from None


def read_file(path: str) -> Document:
    """Read and decode one file; :class:`ReadError` names the file and what was wrong."""
    return read_bytes(read_raw(path, what="file or folder"), path)

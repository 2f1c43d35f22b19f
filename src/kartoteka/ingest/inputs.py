"""What an ingest reads: files and folders, a list of paths, or JSON Lines of texts.

Inputs are yielded lazily as :class:`Item` values, so a listing of millions of documents never
sits in memory at once. A JSON Lines item carries its text with it (``{"path": …, "text": …}``),
which lets an object store feed workers that share no file system with the client.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kartoteka.errors import Location, ReadError
from kartoteka.readers import walk


@dataclass(frozen=True, slots=True)
class Item:
    """One document to parse: a path read by the worker, or a path with its text.

    ``problem`` is set for an input line that could not be understood; parsing it yields an
    error record naming the line, and the run goes on.
    """

    path: str
    text: str | None = None
    problem: str | None = None


def from_paths(paths: Iterable[str]) -> Iterator[Item]:
    """Files named, and every ``*.txt`` under folders named, in sorted path order."""
    for path in walk(paths):
        yield Item(path)


def _open_lines(path: str) -> Iterator[tuple[int, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            yield from enumerate(fh, 1)
    except FileNotFoundError:
        raise ReadError("no such file", location=Location(path), expected="an existing list file") from None
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 ({exc.reason})", location=Location(path), expected="a UTF-8 file") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror}", location=Location(path)) from None


def from_list(list_file: str) -> Iterator[Item]:
    """One path per line (blank lines and ``#`` comments skipped); folders are walked."""
    for _, line in _open_lines(list_file):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield from from_paths([entry])


def from_jsonl(jsonl_file: str) -> Iterator[Item]:
    """One ``{"path": …, "text": …}`` object per line; a bad line becomes an Item with a problem."""
    for number, line in _open_lines(jsonl_file):
        if not line.strip():
            continue
        where = f"{jsonl_file}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(where, problem=f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Item(where, problem="not a JSON object")
            continue
        path, text = obj.get("path"), obj.get("text")
        if not isinstance(text, str):
            yield Item(where, problem='no "text" string')
            continue
        yield Item(path if isinstance(path, str) and path else where, text)


def items(paths: Iterable[str] = (), *, from_list_file: str | None = None, jsonl: str | None = None) -> Iterator[Item]:
    """Every input named, in order: paths first, then the list file, then the JSON Lines file."""
    yield from from_paths(paths)
    if from_list_file is not None:
        yield from from_list(from_list_file)
    if jsonl is not None:
        yield from from_jsonl(jsonl)


def file_sha256(path: str) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read (parsing will say why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def item_sha256(item: Item) -> str | None:
    """The identity a document will have, known before parsing: its bytes' sha256 (None when
    this machine cannot read the file; a worker may still be able to)."""
    if item.problem is not None:
        return None
    if item.text is not None:
        return hashlib.sha256(item.text.encode("utf-8")).hexdigest()
    return file_sha256(item.path)


__all__ = ["Item", "file_sha256", "from_jsonl", "from_list", "from_paths", "item_sha256", "items"]

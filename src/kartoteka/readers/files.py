"""Input files: walking folders in a stable order and reading bytes (the file-system edge).

The walk keeps to the folders it is given: a link (to a file or a folder) whose target lies
outside them is refused unless ``outside`` is asked for, a linked folder inside them is walked
once, and a folder that cannot be read is reported, not skipped. Whatever is refused is still
yielded, as a :class:`Refused` path: reading it raises a :class:`ReadError` saying why, so every
caller reports it and exits non-zero like any other unreadable file. Reading opens without
blocking and reads only regular files (a FIFO or a device named ``*.txt`` is refused, never
waited on), at most ``MAX_TEXT_BYTES`` bytes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

from kartoteka.errors import Location, ReadError
from kartoteka.model import Document
from kartoteka.readers.text import read_bytes

TEXT_SUFFIXES = (".txt", ".text")
MAX_TEXT_BYTES = 16 << 20  # a transcription is kilobytes; 16 MiB is a mistake, refused unread


class Refused(str):
    """A path the walk found but will not read, and why (``reason``, ``expected``)."""

    reason: str
    expected: str

    def __new__(cls, path: str, reason: str, expected: str) -> Refused:
        self = super().__new__(cls, path)
        self.reason = reason
        self.expected = expected
        return self

    def __reduce__(self) -> tuple[type[Refused], tuple[str, str, str]]:
        return (Refused, (str(self), self.reason, self.expected))


def walk(paths: Iterable[str], suffixes: tuple[str, ...] = TEXT_SUFFIXES, *, outside: bool = False) -> Iterator[str]:
    """Each file named, and every matching file under each folder named, in sorted path order.

    A path that does not exist is yielded as it is, so that reading it gives a clear error; what
    the walk refuses is yielded as a :class:`Refused` path.
    """
    for path in paths:
        if os.path.isdir(path):
            yield from sorted(_walk_folder(path, suffixes, outside), key=str)
        else:
            yield path


def _walk_folder(top: str, suffixes: tuple[str, ...], outside: bool) -> Iterator[str]:
    root = os.path.realpath(top)
    seen: set[str] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue  # a link back into the tree: walked once
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Refused(folder, f"cannot read this folder: {exc.strerror}", "a readable folder")
            continue
        for e in entries:
            if e.name.startswith(".") and _is_dir(e):
                continue  # a hidden folder (.git, .cache) holds no transcriptions
            target = os.path.realpath(e.path)
            escapes = e.is_symlink() and not outside and not _within(target, root)
            if _is_dir(e):
                if escapes:
                    yield Refused(e.path, f"a link to a folder outside {top} ({target})",
                                  "folders inside the given ones (or --outside)")
                else:
                    pending.append(e.path)
            elif e.name.lower().endswith(suffixes):
                if escapes:
                    yield Refused(e.path, f"a link to a file outside {top} ({target})",
                                  "files inside the given folders (or --outside)")
                else:
                    yield e.path


def _is_dir(e: os.DirEntry[str]) -> bool:
    try:
        return e.is_dir()
    except OSError:
        return False


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_raw(
    path: str, *, what: str = "file", max_bytes: int | None = None, error: type[ReadError] = ReadError
) -> bytes:
    """A file's bytes; ``error`` (a ReadError) names the file and what was wrong. Only a regular
    file is read (opened without blocking, so a FIFO cannot hang the reader), and one larger than
    ``max_bytes`` is refused before it is read."""
    if isinstance(path, Refused):
        raise error(path.reason, location=Location(path), expected=path.expected)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error("no such file", location=Location(path), expected=f"an existing {what}") from None
    except IsADirectoryError:
        raise error("is a folder", location=Location(path), expected=f"a {what}") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", location=Location(path)) from None
    with os.fdopen(fd, "rb") as fh:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise error("is a folder", location=Location(path), expected=f"a {what}")
            if not stat.S_ISREG(info.st_mode):
                raise error(f"not a regular file ({_kind(info.st_mode)})", location=Location(path),
                            expected=f"a {what} on disk")
            if max_bytes is not None and info.st_size > max_bytes:
                raise error(f"{what} too large ({info.st_size} bytes)", location=Location(path),
                            expected=f"at most {max_bytes} bytes")
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"cannot read: {exc.strerror}", location=Location(path)) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise error(f"{what} too large (over {max_bytes} bytes)", location=Location(path),
                    expected=f"at most {max_bytes} bytes")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def read_file(path: str) -> Document:
    """Read and decode one file; :class:`ReadError` names the file and what was wrong (an empty
    file too: it holds no document)."""
    data = read_raw(path, what="text file", max_bytes=MAX_TEXT_BYTES)
    if not data.strip():
        raise ReadError("empty file" if not data else "only blanks", location=Location(path),
                        expected="a transcription with text")
    return read_bytes(data, path)

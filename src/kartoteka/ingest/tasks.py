"""The work a worker does: an input item, or a chunk of them, to Records (pure, picklable).

Functions here are module-level so a worker process can unpickle them by name; they never
raise for a bad document (it becomes a Record with ``error``), so a task fails only when its
worker does, and a retried task gives the same Records again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from kartoteka.errors import KartotekaError, Location, ReadError
from kartoteka.ingest.inputs import Item
from kartoteka.model import Record, Source
from kartoteka.pipeline import failed, parse_path, parse_source
from kartoteka.readers import read_bytes

T = TypeVar("T")
R = TypeVar("R")


def parse_item(item: Item) -> Record:
    """One item's Record; a text item is hashed as its UTF-8 bytes, like the same file on disk."""
    if item.problem is not None:
        return failed(Source(item.path, ""), ReadError(item.problem, location=Location(item.path),
                                                       expected='a JSON object {"path": …, "text": …}'))
    if item.text is None:
        return parse_path(item.path)
    try:
        doc = read_bytes(item.text.encode("utf-8"), item.path)
    except KartotekaError as exc:
        return failed(Source(item.path, ""), exc)
    return parse_source(doc)


def run_chunk(fn: Callable[[T], R], chunk: tuple[T, ...]) -> tuple[R, ...]:
    """A few items in one task, so scheduling costs little beside parsing."""
    return tuple(fn(item) for item in chunk)


def item_failure(item: Item, exc: BaseException) -> Record:
    """The Record of an item no worker could parse (its task failed every time)."""
    from kartoteka.errors import ParseError

    return failed(Source(item.path, ""), ParseError(f"no worker could parse it: {type(exc).__name__}: {exc}",
                                                    location=Location(item.path)))


__all__ = ["item_failure", "parse_item", "run_chunk"]

"""The name model's loading, said on stderr: spaCy's English pipeline takes seconds to load, and
a command that parses says so before the first document it parses (and not at all when there is
nothing to parse: an ingest of documents the archive holds loads nothing)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TypeVar

import click
from tqdm import tqdm

from kartoteka.ingest import Executor

T = TypeVar("T")
R = TypeVar("R")

MODEL = "the English name model (spaCy en_core_web_sm)"


class Announced:
    """``inner`` (an executor of ``workers`` processes), saying before its first item that the
    model loads: in this process it is loaded then, and how long it took is said; worker
    processes load their own copy as they start."""

    def __init__(self, inner: Executor, workers: int) -> None:
        self.inner = inner
        self.workers = workers

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        it = iter(items)
        for first in it:  # the first item, if there is one
            _load(self.workers)
            yield from self.inner.map(fn, chain([first], it))
            return


def _say(line: str) -> None:
    with tqdm.external_write_mode(file=sys.stderr):  # above a progress bar, not through it
        click.echo(line, err=True)


def _load(workers: int) -> None:
    if workers > 1:
        _say(f"kartoteka: loading {MODEL} in {workers} worker processes…")
        return
    _say(f"kartoteka: loading {MODEL}…")
    began = time.perf_counter()
    from kartoteka import entities

    entities.warm()
    _say(f"kartoteka: loaded in {time.perf_counter() - began:.1f} s")


__all__ = ["MODEL", "Announced"]

"""Where per-document work runs: an executor maps a picklable function over items and yields the
results as they complete, with a bounded window of work in flight (memory holds the window,
never the collection). ``InProcess`` runs here; ``ProcessPool`` on this machine's cores, its
workers tied to this process (``lifeline``); ``kartoteka.cluster.executor.DaskExecutor`` on a
Dask cluster. Ingest, ``parse`` and the cluster commands all take one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Protocol, TypeVar

from kartoteka.errors import Location, ParseError
from kartoteka.ingest.lifeline import bind_to_parent

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps ``fn`` over ``items``; results in completion order, each exactly once."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class InProcess:
    """Everything in this process, in input order."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)


def _start_worker(parent: int, warm: bool) -> None:
    bind_to_parent(parent)
    if warm:  # the pipeline's models load once per worker before work arrives
        from kartoteka import entities

        entities.warm()


@dataclass(frozen=True, slots=True)
class ProcessPool:
    """``workers`` processes on this machine, at most ``per_worker`` tasks each in flight;
    ``warm`` loads the pipeline's models in each before work arrives."""

    workers: int
    warm: bool = False
    per_worker: int = 4

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        try:
            yield from self._pooled(fn, iter(items))
        except BrokenProcessPool:
            raise ParseError("a worker process died (out of memory?); what was stored is kept",
                             location=Location("ingest"), expected="a re-run, perhaps with fewer --jobs") from None

    def _pooled(self, fn: Callable[[T], R], it: Iterator[T]) -> Iterator[R]:
        window = max(2, self.workers * self.per_worker)
        with ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker,
                                 initargs=(os.getpid(), self.warm)) as pool:
            pending: set[Future[R]] = {pool.submit(fn, item) for item in islice(it, window)}
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
                    nxt = next(it, None)
                    if nxt is not None:
                        pending.add(pool.submit(fn, nxt))


@dataclass(frozen=True, slots=True)
class Job:
    """How per-document work is spread on this machine: over ``workers`` processes (1 = in this
    process)."""

    workers: int = 1

    @classmethod
    def auto(cls, n_items: int | None = None) -> Job:
        cores = os.cpu_count() or 1
        if n_items is not None and n_items < 16:
            return cls(1)
        return cls(max(1, cores))

    def executor(self, *, warm: bool = False) -> Executor:
        if self.workers <= 1:
            return InProcess()
        return ProcessPool(self.workers, warm=warm)


@dataclass(frozen=True, slots=True)
class _Numbered:
    """``fn`` of an item with the item's position (so results can be put back in order)."""

    fn: Callable[[object], object]

    def __call__(self, numbered: tuple[int, object]) -> tuple[int, object]:
        return numbered[0], self.fn(numbered[1])


def in_order(executor: Executor, fn: Callable[[T], R], items: Iterable[T],
             progress: Callable[[int], None] | None = None) -> list[R]:
    """``fn`` over ``items`` on ``executor``, the results in input order (all held: for callers
    that need the whole collection anyway); ``progress`` told of each as it arrives."""
    got: dict[int, R] = {}
    for i, result in executor.map(_Numbered(fn), enumerate(items)):  # type: ignore[arg-type]
        got[i] = result  # type: ignore[assignment]
        if progress:
            progress(1)
    return [got[i] for i in range(len(got))]


__all__ = ["Executor", "InProcess", "Job", "ProcessPool", "in_order"]

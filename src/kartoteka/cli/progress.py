"""Progress on stderr for long work: a bar when stderr is a terminal, nothing in pipes unless asked."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(total: int | None, what: str, enabled: bool | None = None) -> Iterator[Callable[[int], None]]:
    """A callable that advances a bar on stderr by n; the bar closes when the block ends."""
    show = sys.stderr.isatty() if enabled is None else enabled
    bar = tqdm(total=total, desc=what, unit="doc", file=sys.stderr, disable=not show, dynamic_ncols=True)
    def advance(n: int) -> None:
        bar.update(n)

    try:
        yield advance
    finally:
        bar.close()

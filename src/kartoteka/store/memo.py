"""Values computed from an archive's content, kept for the content version they were computed in.

A reading room answers the same overviews again and again: the facets of the page with no search,
of a name many readers look up, a timeline of the whole archive. Each is a pure function of the
archive's content, which the ``content_version`` counter names (moved inside every writing
transaction: :func:`kartoteka.store.facets.bump_content`). A :class:`ContentMemo` keeps such values
by key for the newest version it has seen, the least recently used going first past ``size``,
shared by the connections of one process (each worker thread of a reading room has its own); a
new version empties it. Values must be immutable (frozen records, tuples): they are handed to
every thread that asks.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import numpy as np

V = TypeVar("V")


def ids_key(ids: Sequence[int] | None) -> str:
    """A short key for a set of document ids in a given order (None: the whole archive)."""
    if ids is None:
        return "*"
    return hashlib.blake2b(np.asarray(ids, dtype=np.int64).tobytes(), digest_size=16).hexdigest()


class ContentMemo(Generic[V]):
    """Values by archive and key, for each archive's newest content version (see the module)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[str, Hashable], V] = OrderedDict()
        self._versions: dict[str, object] = {}  # archive address -> the version its values are of
        self._lock = threading.Lock()
        self.computed = 0  # values computed (a test's and a benchmark's view of the hits)

    def get(self, archive: str, key: Hashable, version: object, compute: Callable[[], V]) -> V:
        """The value kept for ``key`` of ``archive`` (its address) at ``version``, else ``compute()``
        (kept when ``version`` is known: an archive without the counter keeps nothing)."""
        if version is not None:
            with self._lock:
                if self._versions.get(archive) == version and (archive, key) in self._kept:
                    self._kept.move_to_end((archive, key))
                    return self._kept[(archive, key)]
        value = compute()
        with self._lock:
            self.computed += 1
            if version is None:
                return value
            if self._versions.get(archive) != version:
                for stale in [k for k in self._kept if k[0] == archive]:
                    del self._kept[stale]
                self._versions[archive] = version
            self._kept[(archive, key)] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value


__all__ = ["ContentMemo", "ids_key"]

"""Collection-level linking on a Dask cluster, the work split by transliteration key.

Person clustering only ever compares names that share the skeleton key of a word
(``linking.keys.skeleton``: the candidate index of ``linking.cluster`` is keyed so), so names
fall into blocks — connected by shared keys — that cannot influence one another. Each block
is clustered on a worker by the same ``linking.cluster.cluster``; the blocks' clusterings are
joined into one and the rest of ``linking.link`` (per-document decisions, places,
organisations, entity ids) runs as always. The result is the one-machine result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from kartoteka.linking import link
from kartoteka.linking.candidates import Name, name_of
from kartoteka.linking.cluster import AuthorityEntry, Clustering, cluster
from kartoteka.linking.keys import skeleton
from kartoteka.model import Record

if TYPE_CHECKING:
    from distributed import Client

Block = tuple[Counter[str], list[AuthorityEntry]]


def _keys(name: Name) -> set[str]:
    return {skeleton(t) for t in name.tokens if len(t) > 1} - {""}


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, keys: Iterable[str]) -> str | None:
        first = None
        for k in keys:
            if first is None:
                first = self.find(k)
            else:
                self.parent[self.find(k)] = first
                first = self.find(first)
        return first


def blocks(surfaces: Counter[str], entries: Sequence[AuthorityEntry] = ()) -> list[Block]:
    """The names (with counts) and authority entries in groups that share no key with another
    group, in a stable order (by each group's first name)."""
    union = _Union()
    entry_keys = []
    for e in entries:
        ks = _keys(e.name)
        for v in e.variants:
            ks |= _keys(name_of(v))
        entry_keys.append(ks)
        union.join(sorted(ks))
    surface_keys = {s: _keys(name_of(s)) for s in surfaces}
    for ks in surface_keys.values():
        union.join(sorted(ks))
    groups: dict[str, Block] = {}
    loose = 0
    for e, ks in zip(entries, entry_keys, strict=True):
        root = union.find(min(ks)) if ks else f"\x00entry{(loose := loose + 1)}"
        groups.setdefault(root, (Counter(), []))[1].append(e)
    for s in sorted(surfaces):
        ks = surface_keys[s]
        root = union.find(min(ks)) if ks else f"\x00name:{s}"
        groups.setdefault(root, (Counter(), []))[0][s] = surfaces[s]
    return sorted(groups.values(), key=lambda b: (min(b[0]) if b[0] else "", [e.id for e in b[1]]))


def join(parts: Sequence[Clustering]) -> Clustering:
    """One clustering of several blocks' clusterings (cluster numbers shifted to be unique)."""
    out = Clustering([], {}, {}, {})
    for part in parts:
        base = len(out.clusters)
        out.clusters.extend(part.clusters)
        out.by_surface.update({s: i + base for s, i in part.by_surface.items()})
        out.ambiguous.update({s: tuple(i + base for i in ix) for s, ix in part.ambiguous.items()})
        out.own.update({s: i + base for s, i in part.own.items()})
    return out


def cluster_blocks(task: Sequence[Block]) -> list[Clustering]:
    """A worker's share: each block clustered on its own."""
    return [cluster(surfaces, entries) for surfaces, entries in task]


def _tasks(found: list[Block], n_tasks: int) -> list[list[tuple[int, Block]]]:
    """Blocks dealt to ``n_tasks`` tasks, largest first to the lightest task (balanced work)."""
    loads = [0] * max(1, n_tasks)
    tasks: list[list[tuple[int, Block]]] = [[] for _ in loads]
    for i, b in sorted(enumerate(found), key=lambda ib: -(sum(ib[1][0].values()) + len(ib[1][1]))):
        k = loads.index(min(loads))
        tasks[k].append((i, b))
        loads[k] += len(b[0]) + len(b[1]) + 1
    return [t for t in tasks if t]


Clusterer = Callable[[Counter[str], list[AuthorityEntry]], Clustering]


def clusterer(client: Client, tasks_per_worker: int = 4) -> Clusterer:
    """A drop-in for ``linking.cluster.cluster`` that clusters the blocks on the cluster's workers."""

    def distributed(surfaces: Counter[str], entries: list[AuthorityEntry]) -> Clustering:
        found = blocks(surfaces, entries)
        if not found:
            return Clustering([], {}, {}, {})
        workers = max(1, sum(client.nthreads().values()))
        tasks = _tasks(found, workers * tasks_per_worker)
        futures = [client.submit(cluster_blocks, [b for _, b in t], retries=3, pure=False) for t in tasks]
        results: list[Clustering | None] = [None] * len(found)
        for t, fut in zip(tasks, futures, strict=True):
            for (i, _), part in zip(t, fut.result(), strict=True):
                results[i] = part
            fut.release()
        return join([r for r in results if r is not None])

    return distributed


def link_on_cluster(client: Client, records: Sequence[Record], authority: object | None = None) -> list[Record]:
    """``linking.link`` with its person clustering spread over the cluster's workers."""
    return link(records, authority, clusterer=clusterer(client))


__all__ = ["blocks", "cluster_blocks", "clusterer", "join", "link_on_cluster"]

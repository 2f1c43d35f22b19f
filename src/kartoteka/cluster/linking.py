"""Collection-level linking on a Dask cluster, the work split by transliteration key.

Names fall into blocks connected by shared skeleton keys that cannot influence one another
(``linking.blocks``). Each block is clustered on a worker by the same
``linking.cluster.cluster``; only blocks travel to the workers, never records. The blocks'
clusterings are joined into one and the rest of linking (per-document decisions, places,
organisations, entity ids) runs as always, so the result is the one-machine result.
``kartoteka link --cluster`` gives ``block_clusterer`` to the archive's relinker, which sends
only the blocks whose names or counts changed since the last linking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kartoteka.linking import link
from kartoteka.linking.blocks import Block, blocks, join
from kartoteka.linking.cluster import AuthorityEntry, Clustering, cluster
from kartoteka.model import Record

if TYPE_CHECKING:
    from distributed import Client

    from kartoteka.gazetteer.authority import Authority


def cluster_blocks(task: Sequence[Block]) -> list[Clustering]:
    """A worker's share: each block clustered on its own."""
    return [cluster(surfaces, entries) for surfaces, entries in task]


def _tasks(found: Sequence[Block], n_tasks: int) -> list[list[tuple[int, Block]]]:
    """Blocks dealt to ``n_tasks`` tasks, largest first to the lightest task (balanced work)."""
    loads = [0] * max(1, n_tasks)
    tasks: list[list[tuple[int, Block]]] = [[] for _ in loads]
    for i, b in sorted(enumerate(found), key=lambda ib: -(sum(ib[1][0].values()) + len(ib[1][1]))):
        k = loads.index(min(loads))
        tasks[k].append((i, b))
        loads[k] += len(b[0]) + len(b[1]) + 1
    return [t for t in tasks if t]


Clusterer = Callable[[Counter[str], list[AuthorityEntry]], Clustering]


def block_clusterer(client: Client, tasks_per_worker: int = 4) -> Callable[[Sequence[Block]], list[Clustering]]:
    """Clusters the blocks given on the cluster's workers; their clusterings in the blocks' order."""

    def distributed(found: Sequence[Block]) -> list[Clustering]:
        if not found:
            return []
        workers = max(1, sum(client.nthreads().values()))
        tasks = _tasks(found, workers * tasks_per_worker)
        futures = [client.submit(cluster_blocks, [b for _, b in t], retries=3, pure=False) for t in tasks]
        results: list[Clustering | None] = [None] * len(found)
        for t, fut in zip(tasks, futures, strict=True):
            for (i, _), part in zip(t, fut.result(), strict=True):
                results[i] = part
            fut.release()
        return [r for r in results if r is not None]

    return distributed


def clusterer(client: Client, tasks_per_worker: int = 4) -> Clusterer:
    """A drop-in for ``linking.cluster.cluster`` that clusters the blocks on the cluster's workers."""
    on_cluster = block_clusterer(client, tasks_per_worker)

    def distributed(surfaces: Counter[str], entries: list[AuthorityEntry]) -> Clustering:
        return join(on_cluster(blocks(surfaces, entries)))

    return distributed


def link_on_cluster(client: Client, records: Sequence[Record], authority: Authority | None = None,
                    ) -> list[Record]:
    """``linking.link`` with its person clustering spread over the cluster's workers."""
    return link(records, authority, clusterer=clusterer(client))


__all__ = ["block_clusterer", "blocks", "cluster_blocks", "clusterer", "join", "link_on_cluster"]

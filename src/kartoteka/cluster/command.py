"""The cluster side of ``kartoteka ingest`` (``--cluster``, ``--from-list``, ``--jsonl``) and of
``kartoteka link --cluster``.

Kept apart from the command module so that it stays one small branch there, and Dask loads
only when a cluster is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kartoteka.cluster.connect import ClusterSpec, connect
from kartoteka.cluster.executor import DaskExecutor
from kartoteka.cluster.linking import block_clusterer
from kartoteka.gazetteer.authority import Authority
from kartoteka.ingest import IngestReport, ingest, items
from kartoteka.store import Archive
from kartoteka.store.relinker import Progress, Relinker, RelinkReport


def ingest_distributed(
    archive: Archive, paths: tuple[str, ...], *, cluster: str | None, from_list: str | None, jsonl: str | None,
    jobs: int, batch: int, replace: bool, progress: Callable[[int], None] | None,
) -> IngestReport:
    """Every input parsed on the cluster named (``local:N`` when none is: N = ``jobs`` or the
    cores) and stored in batches of ``batch``."""
    spec = ClusterSpec.parse(cluster or f"local:{jobs if jobs > 0 else os.cpu_count() or 1}")
    inputs = items(paths, from_list_file=from_list, jsonl=jsonl)
    with connect(spec) as client:
        return ingest(archive, inputs, DaskExecutor(client), batch=batch, replace=replace, progress=progress)


def relink_distributed(archive: Archive, authority: Authority | None, cluster: str, *, full: bool = False,
                       progress: Progress | None = None) -> RelinkReport:
    """The archive re-linked with the blocks of person names that need clustering clustered on
    the cluster named (only blocks travel to the workers)."""
    with connect(ClusterSpec.parse(cluster)) as client:
        return Relinker(archive.db, authority, block_clusterer=block_clusterer(client), progress=progress).run(full=full)


__all__ = ["ingest_distributed", "relink_distributed"]

"""The cluster side of ``kartoteka ingest``: ``--cluster``, ``--from-list`` and ``--jsonl``.

Kept apart from the command module so that it stays one small branch there, and Dask loads
only when a cluster is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kartoteka.cluster.connect import ClusterSpec, connect
from kartoteka.cluster.ingest import Plan, ingest_items
from kartoteka.cluster.inputs import items
from kartoteka.store import Archive
from kartoteka.store.ingest import IngestReport


def ingest_distributed(
    archive: Archive, paths: tuple[str, ...], *, cluster: str | None, from_list: str | None, jsonl: str | None,
    jobs: int, batch: int, replace: bool, progress: Callable[[int], None] | None,
) -> IngestReport:
    """Every input parsed on the cluster named (``local:N`` when none is: N = ``jobs`` or the
    cores) and stored in batches of ``batch``."""
    spec = ClusterSpec.parse(cluster or f"local:{jobs if jobs > 0 else os.cpu_count() or 1}")
    inputs = items(paths, from_list_file=from_list, jsonl=jsonl)
    with connect(spec) as client:
        return ingest_items(archive, inputs, client, plan=Plan(batch=batch), replace=replace, progress=progress)


__all__ = ["ingest_distributed"]

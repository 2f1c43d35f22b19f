"""The cluster side of ``kartoteka ingest`` (``--cluster``, ``--from-list``, ``--jsonl``) and of
``kartoteka link --cluster``.

Kept apart from the command module so that it stays one small branch there, and Dask loads
only when a cluster is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kartoteka.cluster.connect import ClusterSpec, connect
from kartoteka.cluster.ingest import Plan, ingest_items
from kartoteka.cluster.inputs import items
from kartoteka.cluster.linking import link_on_cluster
from kartoteka.store import Archive
from kartoteka.store.ingest import IngestReport
from kartoteka.store.views import LinkReport


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


def relink_distributed(archive: Archive, authority: object | None, cluster: str) -> LinkReport:
    """The archive re-linked with its person names clustered on the cluster named."""
    with connect(ClusterSpec.parse(cluster)) as client:
        return archive.relink(authority, linker=lambda records, auth: link_on_cluster(client, records, auth))


__all__ = ["ingest_distributed", "relink_distributed"]

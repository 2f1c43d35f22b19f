"""Ingest beyond one machine: the per-document pipeline mapped over Dask workers.

What to read is ``kartoteka.ingest.inputs``'s (re-exported here); ``connect`` starts or reaches
a cluster, ``executor`` maps the pipeline over it with bounded in-flight work (the executor
``kartoteka.ingest`` takes), and ``linking`` runs collection-level linking split by
transliteration key.
"""

from kartoteka.cluster.connect import ClusterError, ClusterSpec, connect
from kartoteka.cluster.executor import DaskExecutor, Plan, batches, map_items
from kartoteka.ingest.inputs import Item, from_jsonl, from_list, from_paths, items

__all__ = [
    "ClusterError",
    "ClusterSpec",
    "DaskExecutor",
    "Item",
    "Plan",
    "batches",
    "connect",
    "from_jsonl",
    "from_list",
    "from_paths",
    "items",
    "map_items",
]

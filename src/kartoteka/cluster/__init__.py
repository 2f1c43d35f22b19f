"""Ingest beyond one machine: the per-document pipeline mapped over Dask workers.

``inputs`` lists what to read (paths, a list file, JSON Lines of texts), ``connect`` starts or
reaches a cluster, ``ingest`` maps the pipeline with bounded in-flight work, and ``linking``
runs collection-level linking split by transliteration key.
"""

from kartoteka.cluster.connect import ClusterError, ClusterSpec, connect
from kartoteka.cluster.ingest import Plan, batches, map_items
from kartoteka.cluster.inputs import Item, from_jsonl, from_list, from_paths, items

__all__ = [
    "ClusterError",
    "ClusterSpec",
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

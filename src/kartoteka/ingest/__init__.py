"""Ingest, above the store: inputs (files, lists, JSON Lines of texts) parsed on an executor (this
process, a process pool, a Dask cluster) and written to an archive in batches; and the
in-memory form, a collection parsed and linked."""

from kartoteka.ingest.collection import parse_collection
from kartoteka.ingest.executor import Executor, InProcess, Job, ProcessPool, in_order
from kartoteka.ingest.ingester import IngestReport, ingest, ingest_records
from kartoteka.ingest.inputs import Item, file_sha256, from_jsonl, from_list, from_paths, item_sha256, items
from kartoteka.ingest.tasks import parse_item

__all__ = [
    "Executor",
    "InProcess",
    "IngestReport",
    "Item",
    "Job",
    "ProcessPool",
    "file_sha256",
    "from_jsonl",
    "from_list",
    "from_paths",
    "in_order",
    "ingest",
    "ingest_records",
    "item_sha256",
    "items",
    "parse_collection",
    "parse_item",
]

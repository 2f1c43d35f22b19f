"""A collection parsed and linked in memory: every file through the pipeline on an executor,
then linking over all the records (``kartoteka parse``, exports of files, the library's
``parse_collection``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kartoteka.gazetteer.authority import Authority
from kartoteka.ingest.executor import Executor, Job, in_order
from kartoteka.linking import link
from kartoteka.model import Record
from kartoteka.pipeline import parse_path


def parse_collection(
    paths: Iterable[str], job: Job | None = None, progress: Callable[[int], None] | None = None,
    authority: Authority | None = None, executor: Executor | None = None,
) -> list[Record]:
    """Parse every file and link the collection: entity ids consistent across all records
    (on ``executor`` if given, else on ``job``'s)."""
    paths = list(paths)
    job = job or Job.auto(len(paths))
    records = in_order(executor or job.executor(warm=True), parse_path, paths, progress)
    return link(records, authority)


__all__ = ["parse_collection"]

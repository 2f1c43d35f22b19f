"""The pipeline: the ordered per-document stages, and the collection step after them.

Per-document work (read, marks, dates, structure, entities) is pure and picklable, so it maps
over processes or cluster workers unchanged; linking needs the whole collection and runs after.
A stage's failure becomes a Record with an error naming the document and the stage.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from kartoteka import dates, entities, marks, structure
from kartoteka.errors import KartotekaError, Location, ParseError
from kartoteka.gazetteer.authority import Authority
from kartoteka.linking import link
from kartoteka.model import Document, Failure, Place, Record, Source
from kartoteka.readers import read_file

STAGES = ("marks", "dates", "structure", "entities")


def parse_document(doc: Document) -> Record:
    """All per-document stages on one document (no entity ids yet: that is linking's job)."""
    stage = STAGES[0]
    try:
        found_marks = marks.find_marks(doc.text)
        stage = "dates"
        found_dates = dates.find_dates(doc.text)
        stage = "structure"
        st = structure.analyse(doc, found_dates)
        stage = "entities"
        mentions = entities.recognize(doc, st, found_marks)
    except KartotekaError:
        raise
    except Exception as exc:  # a bug in a stage must not stop a batch: report it with its place
        raise ParseError(
            f"stage {stage!r} failed: {type(exc).__name__}: {exc}", location=Location(doc.source.path)
        ) from exc
    return Record(
        source=doc.source,
        document=doc,
        title=st.title,
        date=st.date,
        place=Place(st.place) if st.place else None,
        senders=st.senders,
        recipients=st.recipients,
        signatories=st.signatories,
        chain=st.chain,
        classification=st.classification,
        references=st.references,
        summary=st.summary,
        marks=found_marks,
        dates=found_dates,
        mentions=mentions,
    )


def failed(source: Source, error: KartotekaError) -> Record:
    return Record(source=source, error=Failure(error.code, str(error)))


def parse_path(path: str) -> Record:
    """Read and parse one file; never raises for a bad file, returns a Record with ``error``."""
    try:
        doc = read_file(path)
    except KartotekaError as exc:
        return failed(Source(path, ""), exc)
    return parse_source(doc)


def parse_text(text: str, path: str = "<text>") -> Record:
    """One text, parsed and linked on its own: the quickest way in from a library user's side."""
    record = parse_source(Document.from_text(text, path=path))
    return link([record])[0]


def parse_source(doc: Document) -> Record:
    try:
        return parse_document(doc)
    except KartotekaError as exc:
        return failed(doc.source, exc)


@dataclass(frozen=True, slots=True)
class Job:
    """How per-document work is spread: over ``workers`` processes (1 = in this process)."""

    workers: int = 1
    chunksize: int = 4

    @classmethod
    def auto(cls, n_items: int | None = None) -> Job:
        cores = os.cpu_count() or 1
        if n_items is not None and n_items < 16:
            return cls(1)
        return cls(max(1, cores))


def _warm() -> None:
    entities.warm()


def map_documents(
    fn: Callable[[str], Record], paths: Sequence[str], job: Job, progress: Callable[[int], None] | None = None
) -> Iterator[Record]:
    """``fn`` over ``paths`` in input order, in this process or a process pool."""
    if job.workers <= 1:
        for p in paths:
            rec = fn(p)
            if progress:
                progress(1)
            yield rec
        return
    with ProcessPoolExecutor(max_workers=job.workers, initializer=_warm) as pool:
        for rec in pool.map(fn, paths, chunksize=job.chunksize):
            if progress:
                progress(1)
            yield rec


def parse_collection(
    paths: Iterable[str], job: Job | None = None, progress: Callable[[int], None] | None = None,
    authority: Authority | None = None,
) -> list[Record]:
    """Parse every file and link the collection: entity ids consistent across all records."""
    paths = list(paths)
    job = job or Job.auto(len(paths))
    records = list(map_documents(parse_path, paths, job, progress))
    return link(records, authority)


__all__ = ["STAGES", "Job", "map_documents", "parse_collection", "parse_document", "parse_path", "parse_source",
           "parse_text"]

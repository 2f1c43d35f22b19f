"""``kartoteka entities``: a collection's entities with their variants and document counts."""

from __future__ import annotations

import json
import sys
from collections import Counter

import click

from kartoteka.export.record_json import entity_json
from kartoteka.ingest import Job, parse_collection
from kartoteka.model import Entity
from kartoteka.readers import walk


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--persons", "persons", type=click.Path(exists=True, dir_okay=False), default=None,
              help="An authority list of persons (FRUS persons.json or CSV id,name,variants,description).")
@click.option("--kind", type=click.Choice(["person", "place", "organization", "group"]), default=None,
              help="Only entities of this kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0 = one per core).")
def entities(paths: tuple[str, ...], persons: str | None, kind: str | None, fmt: str, jobs: int) -> None:
    """List the entities of a collection (files or folders, as for ``parse``), most documents first."""
    files = list(walk(paths))
    authority = None
    if persons:
        from kartoteka.gazetteer.authority import load_authority

        authority = load_authority(persons)
    job = Job(jobs) if jobs > 0 else Job.auto(len(files))
    records = parse_collection(files, job, None, authority)
    docs: Counter[str] = Counter()
    found: dict[str, Entity] = {}
    for rec in records:
        for e in rec.entities:
            docs[e.id] += 1
            found[e.id] = e
    chosen = sorted((e for e in found.values() if kind is None or str(e.kind) == kind),
                    key=lambda e: (-docs[e.id], e.id))
    out = sys.stdout
    for e in chosen:
        if fmt == "jsonl":
            out.write(json.dumps({**entity_json(e), "documents": docs[e.id]}, ensure_ascii=False) + "\n")
        else:
            variants = ", ".join(v for v in e.variants if v != e.name)
            line = f"{e.id}\t{e.kind}\t{e.name}\t{docs[e.id]} doc(s)"
            out.write(line + (f"\t[{variants}]" if variants else "") + "\n")
    out.flush()

"""Benchmark: PostgreSQL and SQLite archives of many generated documents (1 million by default)
through the bulk path, for search latency p50/p95/p99 over the fixed query mix and size per
document.

Records are those of ``bench/archive.py`` (the dev-set documents parsed and linked once, then
copies with a paragraph of another document and a numbered line appended, reproducible from
``--seed``) and the query mix is its mix (words, phrases, boolean, prefix, names with variants,
filters, facets). Both stores get the same records in the same order through
``kartoteka.ingest.ingest_records`` (one transaction per batch), then the same queries.
One query at a time on one connection: latency, not concurrency.

This is long at 1M (hours, and about 25 GB per store): ``--docs`` runs it smaller; every size
reached is written to the results file as it completes, so an interrupted run keeps its numbers.

    .venv/bin/python bench/scale.py [--docs 1000000] [--checkpoints 10000,100000]
        [--stores sqlite,postgresql] [--pg postgresql://…] [--repeat 3] [--out bench/results/scale.json]
        [--measure]   # measure the archives a previous run left, with the code as it is now
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import archive as archive_bench  # noqa: E402  (bench/archive.py: the generator and query mix)


def search_latency(target: str, repeat: int) -> dict[str, Any]:
    from kartoteka.search.filters import make_filters
    from kartoteka.store import open_archive

    by_kind: dict[str, list[float]] = {}
    per_query = []
    every: list[float] = []
    first: list[float] = []
    with open_archive(target) as arc:
        for _kind, q, f in archive_bench.QUERIES:  # warm the disk pages and the facet index once
            arc.search(q, make_filters(**f))  # type: ignore[arg-type]
        for _kind, q, f in archive_bench.QUERIES:  # as if no query before had named its words
            flt = make_filters(**f)  # type: ignore[arg-type]
            arc._searcher.cache.clear()
            t0 = time.perf_counter()
            arc.search(q, flt)
            first.append((time.perf_counter() - t0) * 1000)
        for kind, q, f in archive_bench.QUERIES:
            flt = make_filters(**f)  # type: ignore[arg-type]
            res = arc.search(q, flt)
            ms = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                res = arc.search(q, flt)
                ms.append((time.perf_counter() - t0) * 1000)
            by_kind.setdefault(kind, []).extend(ms)
            every.extend(ms)
            per_query.append({"kind": kind, "query": q, "total": res.total, "median_ms": round(statistics.median(ms), 2)})
        size = arc.db.size_bytes()
        docs = arc.stats().documents
    return {"all": archive_bench.summary(every), "first": archive_bench.summary(first), "by_kind": {k: archive_bench.summary(v) for k, v in by_kind.items()},
            "queries": per_query, "documents": docs, "bytes": size, "bytes_per_document": round(size / max(1, docs))}


def _fresh(store: str, work: Path, pg: str | None) -> str:
    if store == "sqlite":
        db = work / "scale.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return str(db)
    if not pg:
        raise SystemExit("--pg postgresql://… (or KARTOTEKA_TEST_PG) is needed for the PostgreSQL store")
    import psycopg

    from kartoteka.store.postgres import redact

    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS kartoteka_scale WITH (FORCE)")
        conn.execute("CREATE DATABASE kartoteka_scale")
    url = pg.rsplit("/", 1)[0] + "/kartoteka_scale"
    print(f"  postgresql: {redact(url)}", file=sys.stderr, flush=True)
    return url


def _existing_pg(pg: str | None) -> str:
    if not pg:
        raise SystemExit("--pg postgresql://… (or KARTOTEKA_TEST_PG) is needed for the PostgreSQL store")
    return pg.rsplit("/", 1)[0] + "/kartoteka_scale"


def _settle(store: str, target: str) -> None:
    """What a maintainer runs after a bulk load: statistics for the planner, the WAL folded in."""
    from kartoteka.store import open_archive

    with open_archive(target) as arc:
        if store == "sqlite":
            arc.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            arc.db.execute("PRAGMA optimize")
        else:
            arc.db.execute("VACUUM ANALYZE")


def run_store(store: str, n: int, checkpoints: list[int], seed: int, repeat: int, work: Path, pg: str | None,
              bases: list[object], record: dict[str, Any], save: Any) -> None:
    from kartoteka.ingest import ingest_records
    from kartoteka.store import open_archive

    target = _fresh(store, work, pg)
    marks = sorted({c for c in checkpoints if c < n} | {n})
    out: dict[str, Any] = {"checkpoints": []}
    record[store] = out
    stream: Iterator[object] = archive_bench.generate(bases, n, seed)
    done = 0
    loading = 0.0
    loaded = [0]
    last = [time.perf_counter()]

    def progress(k: int) -> None:
        loaded[0] += k
        if time.perf_counter() - last[0] > 60:
            last[0] = time.perf_counter()
            print(f"  {store}: {loaded[0]} …", file=sys.stderr, flush=True)

    for mark in marks:
        def part(k: int = mark - done) -> Iterator[object]:
            for _ in range(k):
                yield next(stream)

        t0 = time.perf_counter()
        with open_archive(target, create=True) as arc:
            rep = ingest_records(arc, part(), batch=500, progress=progress)  # type: ignore[arg-type]
        loading += time.perf_counter() - t0
        done = mark
        _settle(store, target)
        point = {"documents": done, "added": rep.added, "load_seconds_total": round(loading, 1),
                 "load_docs_per_s": round(done / loading, 1), **search_latency(target, repeat)}
        out["checkpoints"].append(point)
        print(f"  {store} @ {done}: {point['load_docs_per_s']} docs/s, p50 {point['all']['p50_ms']} ms, "
              f"p95 {point['all']['p95_ms']} ms, p99 {point['all']['p99_ms']} ms, "
              f"{point['bytes_per_document']} B/doc", file=sys.stderr, flush=True)
        save()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--checkpoints", default="10000,100000", help="sizes at which to measure on the way")
    ap.add_argument("--stores", default="sqlite,postgresql")
    ap.add_argument("--pg", default=os.environ.get("KARTOTEKA_TEST_PG"), help="a server URL (its database is "
                    "left alone; a kartoteka_scale database is made beside it)")
    ap.add_argument("--seed", type=int, default=1946)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=ROOT / "test-artifacts" / "bench-scale")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "scale.json")
    ap.add_argument("--measure", action="store_true", help="build nothing: measure the archives a "
                    "previous run left (in --work, and the kartoteka_scale database beside --pg)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    checkpoints = [int(c) for c in args.checkpoints.split(",") if c.strip()]
    result: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                    "platform": platform.platform(), "load_average_at_start": os.getloadavg()},
        "seed": args.seed, "target_documents": args.docs, "repeat": args.repeat,
        "queries": len(archive_bench.QUERIES), "stores": {},
    }

    def save() -> None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    if args.measure:
        for store in args.stores.split(","):
            store = store.strip()
            target = str(args.work / "scale.db") if store == "sqlite" else _existing_pg(args.pg)
            print(f"{store}: measuring {target} …", file=sys.stderr, flush=True)
            _settle(store, target)
            result["stores"][store] = {"checkpoints": [search_latency(target, args.repeat)]}
            save()
        print(json.dumps(result, indent=2))
        return
    t0 = time.perf_counter()
    bases = archive_bench.base_records(args.work)
    result["parse_and_link_bases_s"] = round(time.perf_counter() - t0, 1)
    result["base_records"] = len(bases)
    for store in args.stores.split(","):
        print(f"{store}: {args.docs} generated records through the bulk path …", file=sys.stderr, flush=True)
        run_store(store.strip(), args.docs, checkpoints, args.seed, args.repeat, args.work, args.pg, bases,
                  result["stores"], save)
    save()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

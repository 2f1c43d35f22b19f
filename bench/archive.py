"""Benchmark: the archive — ingest end to end, size per document and search latency at 100k
documents, beside a plain SQLite FTS5 table holding the same texts.

1. **ingest**: a few thousand documents generated from the dev-set texts (each a dev text, a
   paragraph of another and a numbered line, so every file has its own bytes) go through
   ``kartoteka ingest`` as a user runs it (all cores, linking included); then again, to time the
   idempotent pass that finds them all present.
2. **bulk**: the dev-set texts are parsed and linked once; 100k records are generated from them
   (reproducible from ``--seed``: the same base record, text appended after its last span so
   every offset stays exact) and written through the store's bulk path (``ingest_records``).
   The same texts go into a plain FTS5 table, the tool a user would pick instead.
3. **search**: a fixed query mix (words, phrases, boolean, prefix, names with variants,
   filters, facets) on one core; p50/p95/p99 per kind, and plain word queries beside the plain
   FTS5 table's top-20 with snippets (ratio). Measured twice: ``first``, each query as if no
   query before it had named its words since the archive last changed (their match lists read
   and ranked from the full-text index), and ``all``, with the lists of frequent words kept
   from earlier queries, as a running reading room has them.

    .venv/bin/python bench/archive.py [--ingest-docs 2000] [--bulk-docs 100000] [--seed 1946]
        [--work DIR] [--skip-ingest] [--skip-bulk] [--out bench/results/archive.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
DEV_DIRS = [SHARED / "corpus" / "frus-dev", SHARED / "corpus" / "genre-dev" / "docs", SHARED / "seed"]

WORDS = ["Guatemala", "communist", "oil", "Ambassador", "agrarian", "Embassy", "Soviet", "army", "Honduras",
         "telegram"]
QUERIES: list[tuple[str, str, dict[str, object]]] = [
    *[("word", w, {}) for w in WORDS],
    ("words", "agrarian reform", {}),
    ("words", "military aid Honduras", {}),
    ("phrase", '"United Fruit"', {}),
    ("phrase", '"Department of State"', {}),
    ("boolean", "Arbenz OR Castillo", {}),
    ("boolean", "communist NOT Guatemala", {}),
    ("prefix", "commun*", {}),
    ("name", "Mossadegh", {}),
    ("name", "Javid", {}),
    ("name", "Jamal Emami", {}),
    ("name", "Kavam", {}),
    ("name", "Arbenz", {}),
    ("filter", "Guatemala", {"date_from": "1953", "date_to": "1954"}),
    ("filter", "communist", {"classifications": ("secret",)}),
    ("filter", "oil", {"persons": ("Arbenz",)}),
    ("filter", "army", {"places": ("Honduras",)}),
    ("filter", "telegram", {"senders": ("Dulles",)}),
]


def dev_paths() -> list[Path]:
    out: list[Path] = []
    for d in DEV_DIRS:
        out.extend(sorted(p for p in d.rglob("*.txt") if "gold" not in p.parts))
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    if not s:
        return 0.0
    k = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[k]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 2), "p95_ms": round(pct(ms, 95), 2),
            "p99_ms": round(pct(ms, 99), 2), "mean_ms": round(statistics.fmean(ms), 2) if ms else 0.0}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]


def synthetic_text(i: int, base: str, other: str, rng: random.Random) -> str:
    """A dev text with a paragraph of another and a numbered line appended after its end."""
    paras = paragraphs(other) or [other.strip()]
    extra = rng.choice(paras)
    return f"{base.rstrip()}\n\n{extra}\n\n[Synthetic copy {i} of the benchmark collection.]\n"


# --- 1. ingest end to end ---------------------------------------------------------------------
def bench_ingest(work: Path, n_docs: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in dev_paths()]
    src = work / "ingest-src"
    src.mkdir(parents=True, exist_ok=True)
    for f in src.glob("*.txt"):
        f.unlink()
    for i in range(n_docs):
        base, other = rng.choice(texts), rng.choice(texts)
        (src / f"s{i:06d}.txt").write_text(synthetic_text(i, base, other, rng), encoding="utf-8")
    db = work / "ingest.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [str(ROOT / ".venv" / "bin" / "kartoteka"), "ingest", str(src), "--archive", str(db), "--no-progress"]
    t0 = time.perf_counter()
    first = subprocess.run(cmd, capture_output=True, text=True)
    t1 = time.perf_counter()
    again = subprocess.run(cmd, capture_output=True, text=True)
    t2 = time.perf_counter()
    link = subprocess.run([str(ROOT / ".venv" / "bin" / "kartoteka"), "link", "--archive", str(db)],
                          capture_output=True, text=True)
    t3 = time.perf_counter()
    return {
        "documents": n_docs, "workers": os.cpu_count(),
        "seconds": round(t1 - t0, 1), "docs_per_s": round(n_docs / (t1 - t0), 2),
        "report": first.stderr.strip().splitlines()[-1:] if first.stderr else [],
        "exit": first.returncode,
        "reingest_seconds": round(t2 - t1, 2), "reingest_docs_per_s": round(n_docs / (t2 - t1), 1),
        "reingest_report": again.stderr.strip().splitlines()[-1:] if again.stderr else [],
        "relink_seconds_with_startup": round(t3 - t2, 2),
        "relink_report": link.stderr.strip().splitlines()[-1:] if link.stderr else [],
        "bytes_per_document": round(os.path.getsize(db) / n_docs),
    }


# --- 2. bulk 100k -----------------------------------------------------------------------------
def base_records(work: Path) -> list[object]:
    """The dev-set documents parsed and linked (cached in ``work`` beside a hash of the source)."""
    import pickle

    from kartoteka.linking import link
    from kartoteka.pipeline import parse_path

    src = hashlib.sha256()
    for d in ("pipeline.py", "linking", "entities", "structure", "dates.py", "marks.py"):
        for f in sorted((ROOT / "src" / "kartoteka").glob(d if d.endswith(".py") else f"{d}/*.py")):
            src.update(f.read_bytes())
    cache = work / f"bases-{src.hexdigest()[:16]}.pickle"
    if cache.exists():
        cached: list[object] = pickle.loads(cache.read_bytes())
        return cached
    recs = [parse_path(str(p)) for p in dev_paths()]
    out: list[object] = list(link([r for r in recs if r.document is not None]))
    cache.write_bytes(pickle.dumps(out))
    return out


def generate(bases: list[object], n: int, seed: int) -> Iterator[object]:
    from kartoteka.model import Document, Record, Source

    rng = random.Random(seed)
    for i in range(n):
        base = rng.choice(bases)
        other = rng.choice(bases)
        assert isinstance(base, Record) and isinstance(other, Record)
        assert base.document is not None and other.document is not None
        text = synthetic_text(i, base.document.text, other.document.text, rng)
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        path = f"synthetic/{i:06d}.txt"
        doc = Document(Source(path, sha), text)  # the line index is not needed for storing
        yield replace(base, source=Source(path, sha), document=doc)


def bench_bulk(work: Path, n_docs: int, seed: int) -> dict[str, object]:
    from kartoteka.ingest import ingest_records
    from kartoteka.store import open_archive

    db, plain = work / "bulk.db", work / "plain.db"
    for p in (db, plain):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    bases = base_records(work)
    t_parse = time.perf_counter() - t0

    pc = sqlite3.connect(plain, isolation_level=None)
    pc.execute("PRAGMA journal_mode = WAL")
    pc.execute("CREATE VIRTUAL TABLE plain USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")

    def tee() -> Iterator[object]:
        batch: list[tuple[str]] = []
        for rec in generate(bases, n_docs, seed):
            batch.append((rec.document.text,))  # type: ignore[attr-defined]
            if len(batch) >= 1000:
                pc.execute("BEGIN")
                pc.executemany("INSERT INTO plain (text) VALUES (?)", batch)
                pc.execute("COMMIT")
                batch.clear()
            yield rec
        if batch:
            pc.execute("BEGIN")
            pc.executemany("INSERT INTO plain (text) VALUES (?)", batch)
            pc.execute("COMMIT")

    done = [0]
    last = [time.perf_counter()]

    def progress(k: int) -> None:
        done[0] += k
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  bulk: {done[0]} / {n_docs}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    with open_archive(str(db), create=True) as arc:
        rep = ingest_records(arc, tee(), batch=500, progress=progress)  # type: ignore[arg-type]
        t_bulk = time.perf_counter() - t0
        arc.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        arc.db.execute("PRAGMA optimize")
        size = os.path.getsize(db)
    pc.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pc.close()
    plain_size = os.path.getsize(plain)
    return {
        "documents": rep.added, "base_records": len(bases), "parse_and_link_bases_s": round(t_parse, 1),
        "bulk_seconds": round(t_bulk, 1), "bulk_docs_per_s": round(rep.added / t_bulk, 1),
        "archive_bytes": size, "bytes_per_document": round(size / max(1, rep.added)),
        "plain_fts5_bytes": plain_size, "plain_fts5_bytes_per_document": round(plain_size / max(1, rep.added)),
    }


def bench_relink(work: Path) -> dict[str, object]:
    """One whole re-link of the bulk archive: every stored mention through the collection linker."""
    import resource

    from kartoteka.store import open_archive

    with open_archive(str(work / "bulk.db")) as arc:
        t0 = time.perf_counter()
        rep = arc.relink()
        seconds = time.perf_counter() - t0
        docs = arc.stats().documents
    return {"documents": docs, "mentions": rep.mentions, "entities": rep.entities, "seconds": round(seconds, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


# --- 3. search ----------------------------------------------------------------------------------
def bench_search(work: Path, repeat: int) -> dict[str, object]:
    from kartoteka.search.filters import make_filters
    from kartoteka.store import open_archive

    db, plain = work / "bulk.db", work / "plain.db"
    by_kind: dict[str, list[float]] = {}
    per_query: list[dict[str, object]] = []
    all_ms: list[float] = []
    all_cpu: list[float] = []  # this process's CPU time: what the machine's other load does not inflate
    first_ms: list[float] = []
    first_cpu: list[float] = []
    with open_archive(str(db)) as arc:
        for _kind, q, f in QUERIES:  # warm: the first runs read pages from disk, build the facet index
            arc.search(q, make_filters(**f))  # type: ignore[arg-type]
        # A query none before it named since the archive last changed: its words' match lists are
        # read from the full-text index (and ranked there), not found kept.
        for _kind, q, f in QUERIES:
            flt = make_filters(**f)  # type: ignore[arg-type]
            for _ in range(repeat):
                arc._searcher.cache.clear()
                t0, c0 = time.perf_counter(), time.process_time()
                arc.search(q, flt)
                first_ms.append((time.perf_counter() - t0) * 1000)
                first_cpu.append((time.process_time() - c0) * 1000)
        for kind, q, f in QUERIES:
            flt = make_filters(**f)  # type: ignore[arg-type]
            r = arc.search(q, flt)
            ms, cpu = [], []
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                r = arc.search(q, flt)
                ms.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            by_kind.setdefault(kind, []).extend(ms)
            all_ms.extend(ms)
            all_cpu.extend(cpu)
            per_query.append({"kind": kind, "query": q, "filters": {k: v for k, v in f.items()},
                              "total": r.total, "facets_over": r.facets_over,
                              "median_ms": round(statistics.median(ms), 2),
                              "median_cpu_ms": round(statistics.median(cpu), 2)})
        # plain word queries: the archive without facets, beside the plain FTS5 table
        pc = sqlite3.connect(plain)
        pc.execute("PRAGMA cache_size = -65536")
        pc.execute("PRAGMA mmap_size = 268435456")
        words_arc: list[float] = []
        words_first: list[float] = []  # the word's list read from the index, not kept
        words_arc_facets: list[float] = []
        words_plain: list[float] = []
        ratios = []
        for w in WORDS:
            arc.search(w, facets=False)
            pc.execute("SELECT rowid, bm25(plain), snippet(plain, 0, '[', ']', '…', 24) FROM plain "
                       "WHERE plain MATCH ? ORDER BY rank LIMIT 20", (f'"{w}"',)).fetchall()
            a, b, c, d = [], [], [], []
            for _ in range(repeat):
                arc._searcher.cache.clear()
                t0 = time.perf_counter()
                arc.search(w, facets=False)
                d.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                arc.search(w, facets=False)
                a.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                arc.search(w)
                c.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                pc.execute("SELECT rowid, bm25(plain), snippet(plain, 0, '[', ']', '…', 24) FROM plain "
                           "WHERE plain MATCH ? ORDER BY rank LIMIT 20", (f'"{w}"',)).fetchall()
                b.append((time.perf_counter() - t0) * 1000)
            words_arc += a
            words_first += d
            words_arc_facets += c
            words_plain += b
            ratios.append(statistics.median(a) / max(1e-6, statistics.median(b)))
        pc.close()
    return {
        "repeat": repeat,
        "all": summary(all_ms),
        "all_cpu": summary(all_cpu),
        "first": summary(first_ms),
        "first_cpu": summary(first_cpu),
        "by_kind": {k: summary(v) for k, v in by_kind.items()},
        "queries": per_query,
        "plain_words": {
            "archive": summary(words_arc), "archive_first": summary(words_first),
            "archive_with_facets": summary(words_arc_facets),
            "plain_fts5": summary(words_plain),
            "ratio_p50": round(pct(words_arc, 50) / max(1e-6, pct(words_plain, 50)), 2),
            "ratio_p95": round(pct(words_arc, 95) / max(1e-6, pct(words_plain, 95)), 2),
            "ratio_first_p50": round(pct(words_first, 50) / max(1e-6, pct(words_plain, 50)), 2),
            "ratio_first_p95": round(pct(words_first, 95) / max(1e-6, pct(words_plain, 95)), 2),
            "ratio_median_per_word": round(statistics.median(ratios), 2),
            "ratio_p95_with_facets": round(pct(words_arc_facets, 95) / max(1e-6, pct(words_plain, 95)), 2),
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ingest-docs", type=int, default=2000)
    ap.add_argument("--bulk-docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1946)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", type=Path, default=ROOT / "test-artifacts" / "bench-archive")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-bulk", action="store_true", help="reuse the bulk archive in --work for search")
    ap.add_argument("--skip-search", action="store_true")
    ap.add_argument("--relink", action="store_true", help="time a whole re-link of the bulk archive")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "archive.json")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "src"))

    result: dict[str, object] = {}
    if args.out.exists():  # parts not run this time keep their last numbers
        result = json.loads(args.out.read_text(encoding="utf-8"))
    result["machine"] = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                         "cores": os.cpu_count(), "platform": platform.platform(),
                         # the machine is shared: latencies are only comparable within one run
                         "load_average_at_start": [round(x, 1) for x in os.getloadavg()]}
    result["seed"] = args.seed
    if not args.skip_ingest:
        print(f"ingest: {args.ingest_docs} generated documents end to end …", file=sys.stderr, flush=True)
        result["ingest"] = bench_ingest(args.work, args.ingest_docs, args.seed)
        print(json.dumps(result["ingest"]), file=sys.stderr, flush=True)
    if not args.skip_bulk:
        print(f"bulk: {args.bulk_docs} generated records …", file=sys.stderr, flush=True)
        result["bulk"] = bench_bulk(args.work, args.bulk_docs, args.seed)
        print(json.dumps(result["bulk"]), file=sys.stderr, flush=True)
    if args.relink:
        print("relink of the bulk archive …", file=sys.stderr, flush=True)
        result["bulk_relink"] = bench_relink(args.work)
        print(json.dumps(result["bulk_relink"]), file=sys.stderr, flush=True)
    if not args.skip_search:
        print("search …", file=sys.stderr, flush=True)
        result["search"] = bench_search(args.work, args.repeat)
    result["targets"] = {"p95_ms_at_100k": 50, "plain_word_ratio": 2.0}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    s = result.get("search")
    if isinstance(s, dict):
        print(json.dumps({k: s[k] for k in ("all", "all_cpu", "first", "first_cpu", "plain_words")}, indent=2),
              file=sys.stderr)


if __name__ == "__main__":
    main()

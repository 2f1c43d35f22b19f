"""Benchmark: re-linking a 100k-document archive — a whole re-link, then an incremental one after
1,000 new documents arrive — seconds and peak resident memory of each.

The archive is a copy of the one ``bench/archive.py`` builds (``--source``, default
``/tmp/b100k/bulk.db``; the original is only read). Each re-link runs in a process of its own, so
its peak RSS is its own. The new documents are generated as ``bench/archive.py`` generates its
100k (``generate``/``base_records``), from another seed, so their texts are new.

    .venv/bin/python bench/relink.py [--source /tmp/b100k/bulk.db] [--work DIR] [--new-docs 1000]
        [--out bench/results/relink.json] [--more-only]

``--more-only`` adds another batch to the archive the last run left and re-links it again: the
second incremental re-link, after one that recorded the collection's spreading verdicts, spreads
only the new documents.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _child(db: str, full: bool) -> None:
    """One re-link in this process; its numbers as one JSON line on stdout."""
    from kartoteka.store import open_archive
    from kartoteka.store.relinker import Relinker

    phases: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(phase: str, done: int, total: int) -> None:
        if phase != last[1]:
            now = time.perf_counter()
            if last[1]:
                phases[str(last[1])] = round(now - float(last[0]), 1)
            last[0], last[1] = now, phase
            print(f"  {phase} ({total} documents)", file=sys.stderr, flush=True)

    with open_archive(db) as arc:
        t0 = time.perf_counter()
        r = Relinker(arc.db, progress=progress).run(full=full)
        seconds = time.perf_counter() - t0
        phases[str(last[1])] = round(time.perf_counter() - float(last[0]), 1)
    print(json.dumps({
        "seconds": round(seconds, 1),
        "cpu_seconds": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime
                             + resource.getrusage(resource.RUSAGE_SELF).ru_stime, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "documents": r.documents, "counted": getattr(r, "counted", None), "moved": getattr(r, "moved", None),
        "decided": r.decided, "respread": r.respread, "rewritten": r.rewritten, "mentions": r.mentions,
        "entities": r.entities, "entities_changed": r.entities_changed, "blocks": r.blocks,
        "blocks_clustered": r.clustered, "phase_seconds": phases,
    }))


def _relink(db: Path, full: bool) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", str(db)] + (["--full"] if full else [])
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def _add(db: Path, work: Path, n: int, seed: int) -> dict[str, object]:
    from archive import base_records, generate

    from kartoteka.ingest import ingest_records
    from kartoteka.store import open_archive

    bases = base_records(work)
    t0 = time.perf_counter()
    with open_archive(str(db)) as arc:
        rep = ingest_records(arc, generate(bases, n, seed), batch=500)  # type: ignore[arg-type]
    return {"added": rep.added, "seconds": round(time.perf_counter() - t0, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="/tmp/b100k/bulk.db")
    ap.add_argument("--work", default="/tmp/relink-bench")
    ap.add_argument("--new-docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1953)
    ap.add_argument("--out", default=str(HERE / "results" / "relink.json"))
    ap.add_argument("--more-only", action="store_true",
                    help="only add another batch to the archive a previous run left and re-link it again")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.full)
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db = work / "relink.db"
    if args.more_only:
        done = json.loads(Path(args.out).read_text(encoding="utf-8"))
        print(f"adding {args.new_docs} more documents …", file=sys.stderr)
        done["added_again"] = _add(db, work, args.new_docs, args.seed + 1)
        print("incremental re-link again …", file=sys.stderr)
        done["incremental_again"] = _relink(db, full=False)
        Path(args.out).write_text(json.dumps(done, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(done["incremental_again"], indent=2))
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    t0 = time.perf_counter()
    src = sqlite3.connect(f"file:{args.source}?mode=ro", uri=True)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    print(f"copied {args.source} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    results: dict[str, object] = {"machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
                                  "source": args.source}
    print("whole re-link …", file=sys.stderr)
    results["whole"] = _relink(db, full=True)
    print(json.dumps(results["whole"]), file=sys.stderr)
    print("again, nothing changed …", file=sys.stderr)
    results["unchanged"] = _relink(db, full=False)
    print(f"adding {args.new_docs} documents …", file=sys.stderr)
    results["added"] = _add(db, work, args.new_docs, args.seed)
    print("incremental re-link …", file=sys.stderr)
    results["incremental"] = _relink(db, full=False)
    print(json.dumps(results["incremental"]), file=sys.stderr)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

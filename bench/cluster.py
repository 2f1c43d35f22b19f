"""Benchmark: distributed ingest on a local Dask cluster against one process, and flat memory.

Documents are generated reproducibly from the FRUS dev-set texts (a seeded choice of source
document, its paragraphs in a seeded order, and a line naming the copy, so every document has
its own sha256). Each measurement runs in a fresh child process, so peak RSS belongs to it:

- throughput: N documents (default 10k) parsed and written to an archive by one process, then
  by a LocalCluster of W worker processes (default 2) through ``kartoteka.cluster``; the ratio
  is cluster docs/s over single-process docs/s;
- memory: the ingesting process's peak RSS (and the workers') at 1k, 10k, 100k documents,
  which must stay flat: inputs are generated lazily and in-flight work is bounded.

    .venv/bin/python bench/cluster.py [--docs 10000] [--memory 1000,10000,100000] [--workers 2]
        [--archive sqlite|none|postgresql://…] [--out bench/results/cluster.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "frus-dev"
SEED = 1946


def dev_texts(corpus: Path = DEV) -> list[tuple[str, str]]:
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        sys.exit(f"no dev texts under {corpus}")
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def generated(n: int, seed: int = SEED, short: str = "full") -> Iterator[tuple[str, str]]:
    """``n`` distinct (path, text) documents, the same for the same seed, made one at a time
    (``short``: each the first two paragraphs of its dev text; ``tiny``: its first line)."""
    base = dev_texts()
    rng = random.Random(seed)
    for i in range(n):
        stem, text = base[rng.randrange(len(base))]
        if short == "short":
            text = "\n\n".join(text.split("\n\n")[:2])
        elif short == "tiny":
            text = text.split("\n", 1)[0]
        head, _, body = text.partition("\n\n")
        paras = body.split("\n\n")
        if len(paras) > 2:  # the heading stays first: the structure reader expects it there
            tail = paras[1:]
            rng.shuffle(tail)
            paras = [paras[0], *tail]
        yield f"gen/{i:07d}-{stem}.txt", f"{head}\n\n" + "\n\n".join(paras) + f"\n\n[Generated copy {seed}-{i}]\n"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _sink(target: str, workdir: str) -> tuple[Callable[[Sequence[object]], None], Callable[[], None]]:
    """A batch writer into the archive named (or a counter when ``none``) and its closer."""
    if target == "none":
        return (lambda batch: None), (lambda: None)
    from kartoteka.store import open_archive

    url = os.path.join(workdir, "bench.db") if target == "sqlite" else target
    archive = open_archive(url, create=True)
    return (lambda batch: archive.add_records(batch)), archive.close  # type: ignore[arg-type]


def child(mode: str, n: int, target: str, workdir: str, short: str) -> dict[str, object]:
    from kartoteka.cluster import Item, Plan, batches
    from kartoteka.ingest import parse_item

    write, close = _sink(target, workdir)
    items = (Item(path, text) for path, text in generated(n, short=short))
    t0 = time.perf_counter()
    c0 = cpu_seconds()
    worker_rss: list[float] = []
    worker_cpu = 0.0
    count = 0
    if mode == "single":
        for batch in batches(map(parse_item, items), 256):
            write(batch)
            count += len(batch)
    else:
        from kartoteka.cluster import ClusterSpec, connect, map_items

        with connect(ClusterSpec.parse(mode)) as client:
            spec = ClusterSpec.parse(mode)
            client.wait_for_workers(spec.local_workers, timeout=120)
            t0 = time.perf_counter()  # start-up of the cluster is not ingest
            c0 = cpu_seconds()
            w0 = client.run(cpu_seconds)
            for batch in batches(map_items(client, items, Plan()), 256):
                write(batch)
                count += len(batch)
            worker_rss = sorted(client.run(peak_rss_mb).values())
            w1 = client.run(cpu_seconds)
            worker_cpu = sum(w1[k] - w0.get(k, 0.0) for k in w1)
    seconds = time.perf_counter() - t0
    client_cpu = cpu_seconds() - c0
    close()
    return {"mode": mode, "docs": count, "texts": short, "archive": target.split("@")[-1],
            "load_average_1min_at_end": round(os.getloadavg()[0], 2), "seconds": round(seconds, 2), "docs_per_s": round(count / seconds, 1),
            "cpu_s_per_doc_ingesting_process": round(client_cpu / max(1, count), 4),
            "cpu_s_per_doc_workers": round(worker_cpu / max(1, count), 4),
            "peak_rss_mb": round(peak_rss_mb(), 1), "worker_peak_rss_mb": [round(w, 1) for w in worker_rss]}


def run_child(mode: str, n: int, target: str, short: str = "full") -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="kartoteka-bench-") as workdir:
        cmd = [sys.executable, __file__, "--child", mode, "--docs", str(n), "--archive", target, "--workdir", workdir]
        out = subprocess.run([*cmd, "--texts", short], check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result), file=sys.stderr)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000, help="documents for the throughput comparison")
    ap.add_argument("--memory", default="1000,10000,100000", help="document counts for peak memory ('' = skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--archive", default="sqlite", help="sqlite (a fresh file), none, or a postgresql:// URL")
    ap.add_argument("--out", default=str(HERE / "results" / "cluster.json"))
    ap.add_argument("--memory-texts", choices=["full", "short", "tiny"], default="full",
                    help="short: each text's first two paragraphs; tiny: its first line (100k in minutes)")
    ap.add_argument("--memory-archive", default=None, help="the archive of the memory runs (default: --archive)")
    ap.add_argument("--texts", default="full", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.docs, args.archive, args.workdir, args.texts)))
        return
    cluster = f"local:{args.workers}"
    results: dict[str, object] = {}
    if Path(args.out).exists():  # parts not run this time keep their last numbers
        results = json.loads(Path(args.out).read_text(encoding="utf-8"))
    results |= {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "seed": SEED, "archive": args.archive.split("@")[-1], "load_average_at_start": os.getloadavg(),
    }
    if args.docs:
        # cluster first, then one process, then the cluster again: a change in the machine's
        # other load during the runs shows as a difference between the two cluster runs
        first = run_child(cluster, args.docs, args.archive)
        single = run_child("single", args.docs, args.archive)
        again = run_child(cluster, args.docs, args.archive)
        rate = (float(first["docs_per_s"]) + float(again["docs_per_s"])) / 2  # type: ignore[arg-type]
        results["throughput"] = {"single": single, "cluster_runs": [first, again], "cluster_docs_per_s": rate,
                                 "ratio": round(rate / float(single["docs_per_s"]), 2)}  # type: ignore[arg-type]
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    sizes = [int(s) for s in args.memory.split(",") if s.strip()]
    if sizes:
        results["memory"] = []
        for n in sizes:  # written as each size completes: a long run keeps what it measured
            results["memory"].append(run_child(cluster, n, args.memory_archive or args.archive,  # type: ignore[attr-defined]
                                               args.memory_texts))
            Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

"""Run every benchmark in turn (``make bench``); each writes its numbers to bench/results/.

By default the sizes are small enough for a laptop coffee break; ``--full`` uses the sizes the
project reports (100k-document archive, 10k-document cluster ingest, 1M-document scale run —
the last takes hours and tens of GB, so it is only run with ``--full --scale``).

    .venv/bin/python bench/run.py [--full] [--scale] [--only parse,linking,archive,cluster,web]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUICK: dict[str, list[str]] = {
    "parse": ["parse.py", "--repeat", "1"],
    "linking": ["linking.py", "--mentions", "20000", "--entities", "4000"],
    "archive": ["archive.py", "--ingest-docs", "300", "--bulk-docs", "5000"],
    "cluster": ["cluster.py", "--docs", "400", "--memory", "200,1000"],
    "web": ["web_load.py", "--seconds", "8"],
}
FULL: dict[str, list[str]] = {
    "parse": ["parse.py"],
    "linking": ["linking.py"],
    "archive": ["archive.py"],
    "cluster": ["cluster.py"],
    "web": ["web_load.py"],
    "scale": ["scale.py"],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--full", action="store_true", help="the sizes the project reports")
    ap.add_argument("--scale", action="store_true", help="with --full: also the 1M-document scale run")
    ap.add_argument("--only", default="", help="comma-separated subset of: " + ",".join(FULL))
    a = ap.parse_args(argv)
    plan = dict(FULL if a.full else QUICK)
    if not (a.full and a.scale):
        plan.pop("scale", None)
    if a.only:
        wanted = {w.strip() for w in a.only.split(",") if w.strip()}
        unknown = wanted - set(FULL)
        if unknown:
            print(f"bench/run: unknown benchmark(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        plan = {k: v for k, v in plan.items() if k in wanted}
    failed = []
    for name, args in plan.items():
        print(f"\n=== {name}: {' '.join(args)}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / args[0]), *args[1:]])
        print(f"=== {name}: exit {rc} in {time.perf_counter() - t0:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"bench/run: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

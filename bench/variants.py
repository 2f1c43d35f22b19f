"""Name variant search: what widening a name costs, alone and in a whole search.

    .venv/bin/python bench/variants.py --archive A.db [--inflate 2000000] [--repeat 5]

Times, per name of ``NAMES`` (the issue's names and the search bench's), CPU milliseconds of
the widening alone (the key lookups), of a whole search the first time its words are asked
(lists not kept), the same kept, and the exact search the first time; and lists what each name
was widened to. ``--inflate N`` first adds N made-up spellings under made-up keys to a copy of
the archive's ``name_keys`` (of the kind the archive keeps), so the lookups meet a table the
size of a large archive's: a name's widening reads its keys through the index, never every word.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import string
import sys
import time
from pathlib import Path

NAMES = ["Mossadegh", "Javid", "Jamal Emami", "Kavam", "Arbenz", "Pishevari", "Beria", "Dulles", "Peurifoy",
         "fedai", "Emelyanov", "Yemelyanov", "Pishehvari", "Lavrentev", "Castillo Armas", "Qavam os-Saltaneh"]


def inflate(db: Path, n: int, seed: int = 7) -> int:
    """Add ``n`` random spellings to ``name_keys`` under keys of the archive's own prefixes."""
    con = sqlite3.connect(db)
    prefixes = sorted({str(k).split(":", 1)[0] + ":" for (k,) in con.execute("SELECT key FROM name_keys LIMIT 1000")})
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        w = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 10)))
        rows.append((rng.choice(prefixes) + w, w.capitalize()))
    con.execute("BEGIN")
    con.executemany("INSERT OR IGNORE INTO name_keys (key, form) VALUES (?, ?)", rows)
    con.execute("COMMIT")
    total = int(con.execute("SELECT count(*) FROM name_keys").fetchone()[0])
    con.close()
    return total


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(q * (len(v) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", type=Path, required=True)
    ap.add_argument("--inflate", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from kartoteka.search.query import parse_query
    from kartoteka.search.variants import expand
    from kartoteka.store import open_archive

    db = args.archive
    rows = None
    if args.inflate:
        db = args.archive.with_name(args.archive.stem + "-inflated.db")
        shutil.copyfile(args.archive, db)
        rows = inflate(db, args.inflate)
    times: dict[str, list[float]] = {"widening": [], "first": [], "kept": [], "exact_first": []}
    widened: dict[str, object] = {}
    with open_archive(str(db)) as arc:
        for q in NAMES:  # warm: pages from disk, the vocabulary, the facet index
            arc.search(q)
        for q in NAMES:
            node = parse_query(q)
            for _ in range(args.repeat):
                c0 = time.process_time()
                _, added = expand(node, arc.lookup())
                times["widening"].append((time.process_time() - c0) * 1e3)
                arc._searcher.cache.clear()
                c0 = time.process_time()
                r = arc.search(q)
                times["first"].append((time.process_time() - c0) * 1e3)
                c0 = time.process_time()
                arc.search(q)
                times["kept"].append((time.process_time() - c0) * 1e3)
                arc._searcher.cache.clear()
                c0 = time.process_time()
                arc.search(q, expand_names=False)
                times["exact_first"].append((time.process_time() - c0) * 1e3)
            widened[q] = {"total": r.total, "widened": {k: list(v) for k, v in added}}
    print(json.dumps({"name_keys_rows": rows, "cpu_ms": {k: {"p50": round(statistics.median(v), 2),
                                                            "p95": round(pct(v, 0.95), 2)} for k, v in times.items()},
                      "names": widened}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

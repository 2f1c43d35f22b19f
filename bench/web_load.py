"""Load test of the reading room: a bounded number of concurrent clients on loopback.

Starts `kartoteka serve` on the demo archive (built with `kartoteka ingest` when absent), then
runs CLIENTS concurrent httpx clients, each requesting search pages (queries made from the
archive's own entity names), document pages, entity pages and facet pages (documents naming an
entity picked by its id, no query words) in turn, each client pausing ``--think-ms`` (0.5-1.5
times, as a reader reads) between pages. The first ``--warmup`` seconds of that load are not
counted (a reading room starts once and serves for days: its worker threads open their archive
connections and its caches fill then); the next ``--seconds`` are. Reports requests per second and
latency percentiles per kind, and the server's own time (Server-Timing); any non-200 answer is an
error and fails the run, and so does a p99 above ``--p99-ms``, of all pages or of one kind. With ``--costly``, one more client sends the costliest query
the limits allow (every prefix allowed and the archive's most frequent words) again and again,
and the others' p99 must stay within ``--p99-ms`` (one request cannot stall the rest).

    .venv/bin/python bench/web_load.py [--archive demo/demo.db] [--clients 8] [--seconds 15]
    .venv/bin/python bench/web_load.py --clients 32 --think-ms 1000 --costly --p99-ms 200
    .venv/bin/python bench/web_load.py --clients 16 --think-ms 1000 --p99-ms 200
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent


def build(archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "kartoteka"), "ingest", str(ROOT / "demo" / "frus1952-54Guat"),
                    str(ROOT.parent / "shared" / "seed"), "--archive", str(archive), "--no-progress"], check=True)


PARAM = {"person": "person", "place": "place", "organization": "org"}


def targets(archive: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """Names to search for, documents to open, facet links (an entity picked by its id) and entity pages."""
    with sqlite3.connect(archive) as c:
        rows = c.execute(
            "SELECT name, kind, id FROM entities WHERE kind IN ('person', 'place', 'organization') AND documents > 1 "
            "ORDER BY documents DESC LIMIT 40").fetchall()
        shas = [r[0] for r in c.execute("SELECT sha256 FROM documents ORDER BY id")]
    c.close()
    facets = [str(httpx.QueryParams({PARAM[kind]: eid})) for _, kind, eid in rows]
    return [r[0] for r in rows], shas, facets, [f"/entities/{quote(str(eid), safe=':')}" for _, _, eid in rows]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def costliest(archive: Path) -> str:
    """The costliest query the limits allow: MAX_PREFIXES one-letter prefixes and the most frequent words."""
    from kartoteka.search.query import MAX_PREFIXES, MAX_TERMS

    with sqlite3.connect(archive) as c:
        c.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, documents_fts, row)")
        words = [str(r[0]) for r in c.execute("SELECT term FROM vocabulary WHERE length(term) > 1 "
                                               "ORDER BY doc DESC, cnt DESC LIMIT ?", (MAX_TERMS - MAX_PREFIXES,))]
    c.close()
    return " OR ".join([f"{ch}*" for ch in "tsacpmdr"[:MAX_PREFIXES]] + words)


async def hog(base: str, query: str, until: float, out: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            r = await http.get("/", params={"q": query})
            out.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors.append(f"{r.status_code} costly query")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


KINDS = ("search", "document", "entity", "search", "document", "facet")


async def client(base: str, pages: tuple[list[str], list[str], list[str], list[str]], until: tuple[float, float],
                 seed: int, out: dict[str, list[tuple[float, float]]], errors: list[str], think_s: float = 0.0) -> None:
    """One reader, clicking through ``KINDS`` in turn; what it asks before ``until[0]`` (the warm-up)
    is not counted, nor what it asks after ``until[1]``."""
    names, shas, facets, entities = pages
    rnd = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        i = rnd.randrange(len(KINDS))
        while time.perf_counter() < until[1]:
            kind = KINDS[i % len(KINDS)]
            url = {"search": lambda: f"/?q={rnd.choice(names)}", "document": lambda: f"/documents/{rnd.choice(shas)}",
                   "facet": lambda: f"/?{rnd.choice(facets)}", "entity": lambda: rnd.choice(entities)}[kind]()
            t0 = time.perf_counter()
            r = await http.get(url)
            took = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                errors.append(f"{r.status_code} {url}")
            m = re.search(r"dur=([\d.]+)", r.headers.get("server-timing", ""))
            if t0 >= until[0]:
                out[kind].append((took, float(m.group(1)) if m else float("nan")))
            i += 1
            if think_s:  # a reader reads the page before the next click
                await asyncio.sleep(think_s * (0.5 + rnd.random()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=ROOT / "demo" / "demo.db")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--warmup", type=float, default=5.0,
                    help="seconds of the same load before counting (each worker thread opens its archive connection)")
    ap.add_argument("--out", type=Path, default=HERE / "results" / "web_load.json")
    ap.add_argument("--think-ms", type=float, default=0.0, help="each client's pause between requests (0: none)")
    ap.add_argument("--costly", action="store_true", help="one more client sending the costliest allowed query")
    ap.add_argument("--p99-ms", type=float, default=0.0, help="fail when the others' p99 is above this (0: report only)")
    args = ap.parse_args()
    if not args.archive.exists():
        build(args.archive)
    pages = targets(args.archive)
    names, shas = pages[0], pages[1]
    port = free_port()
    server = subprocess.Popen([str(BIN / "kartoteka"), "serve", "--archive", str(args.archive), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/openapi.json", timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the reading room did not start")
            time.sleep(0.1)
        for name in names[:5]:  # warm the caches as a first reader would
            httpx.get(f"{base}/?q={name}", timeout=30)
        out: dict[str, list[tuple[float, float]]] = {"search": [], "document": [], "entity": [], "facet": []}
        errors: list[str] = []
        costly: list[float] = []
        slow = costliest(args.archive) if args.costly else ""
        t0 = time.perf_counter() + args.warmup
        until = t0 + args.seconds

        async def run() -> None:
            hogs = [hog(base, slow, until, costly, errors)] if args.costly else []
            await asyncio.gather(*hogs, *(client(base, pages, (t0, until), i, out, errors,
                                                 args.think_ms / 1000) for i in range(args.clients)))

        asyncio.run(run())
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    result: dict[str, object] = {
        "archive": str(args.archive), "documents": len(shas), "clients": args.clients, "seconds": round(wall, 2),
        "errors": len(errors), "error_samples": errors[:5], "python": platform.python_version(),
        "cpus": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2),
        "server": "kartoteka serve (uvicorn, one process); clients in the same machine",
        "think_ms": args.think_ms, "warmup_s": args.warmup,
    }
    for kind, rows in out.items():
        lat = [r[0] for r in rows]
        srv = [r[1] for r in rows if r[1] == r[1]]
        result[kind] = {
            "requests": len(rows), "requests_per_s": round(len(rows) / wall, 1),
            "latency_ms": {"p50": round(pct(lat, 50), 1), "p90": round(pct(lat, 90), 1),
                           "p99": round(pct(lat, 99), 1), "max": round(max(lat, default=0), 1),
                           "mean": round(statistics.fmean(lat), 1) if lat else 0},
            "server_ms": {"p50": round(pct(srv, 50), 1), "p99": round(pct(srv, 99), 1),
                          "max": round(max(srv, default=0), 1)},
        }
    result["requests_per_s"] = round(sum(len(v) for v in out.values()) / wall, 1)
    others = [r[0] for rows in out.values() for r in rows]
    result["others_p99_ms"] = round(pct(others, 99), 1)
    if args.costly:
        result["costly"] = {"query_chars": len(slow), "requests": len(costly),
                            "latency_ms": {"p50": round(pct(costly, 50), 1), "max": round(max(costly, default=0), 1)}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    if errors:
        raise SystemExit(f"{len(errors)} request(s) failed, e.g. {errors[0]}")
    if args.p99_ms and pct(others, 99) > args.p99_ms:
        raise SystemExit(f"p99 of the other clients {result['others_p99_ms']} ms > {args.p99_ms} ms")
    for kind, rows in out.items():
        if args.p99_ms and pct([r[0] for r in rows], 99) > args.p99_ms:
            raise SystemExit(f"p99 of the {kind} pages {pct([r[0] for r in rows], 99):.1f} ms > {args.p99_ms} ms")


if __name__ == "__main__":
    main()

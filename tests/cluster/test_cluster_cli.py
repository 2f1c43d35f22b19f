"""``kartoteka ingest --cluster``, ``--from-list`` and ``--jsonl`` through the real command line,
against a real LocalCluster (two worker processes) and real archives; one worker is killed
while the command runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from distributed import Client

from kartoteka.cli import cli
from kartoteka.store import open_archive


def _run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


def _stats(url: str) -> dict[str, int]:
    code, out = _run("stats", "--archive", url, "--format", "json")
    assert code == 0, out
    got: dict[str, int] = json.loads(out)
    return {k: got[k] for k in ("documents", "mentions", "entities")}


def test_cluster_ingest_is_the_plain_ingest(client: Client, dev_files: list[Path], archive_url: str,
                                            tmp_path: Path) -> None:
    files = [str(p) for p in dev_files[:6]]
    plain = str(tmp_path / "plain.db")
    code, out = _run("ingest", *files, "--archive", plain, "-j", "1")
    assert code == 0, out
    address = client.scheduler.address
    code, out = _run("ingest", *files, "--archive", archive_url, "--cluster", address)
    assert code == 0, out
    assert "6 added" in out
    assert _stats(archive_url) == _stats(plain)
    code, out = _run("ingest", *files, "--archive", archive_url, "--cluster", address)
    assert code == 0 and "0 added, 6 already there" in out
    for query in ("Guatemala", "Arbenz OR Armas"):
        with open_archive(plain) as a, open_archive(archive_url) as b:
            ra, rb = a.search(query, limit=100), b.search(query, limit=100)
            assert ra.total == rb.total
            assert sorted(h.sha256 for h in ra.hits) == sorted(h.sha256 for h in rb.hits)


def test_list_and_jsonl_inputs(client: Client, dev_files: list[Path], make_texts: Callable[[Path, int], dict[str, str]],
                               tmp_path: Path) -> None:
    lst = tmp_path / "list.txt"
    lst.write_text("\n".join(str(p) for p in dev_files[:3]) + "\n", encoding="utf-8")
    expected = make_texts(tmp_path / "t.jsonl", 5)
    with open(tmp_path / "t.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    db = str(tmp_path / "a.db")
    code, out = _run("ingest", "--from-list", str(lst), "--jsonl", str(tmp_path / "t.jsonl"), "--archive", db,
                     "--cluster", client.scheduler.address, "--no-link")
    assert code == 1, out  # the broken line is reported, the rest stored
    assert "t.jsonl:6" in out and "8 added" in out and "1 failed" in out
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT path, sha256 FROM documents").fetchall())
    assert {k: stored[k] for k in expected} == expected
    assert len(stored) == 8


def test_no_input_is_a_usage_error(tmp_path: Path) -> None:
    code, out = _run("ingest", "--archive", str(tmp_path / "a.db"))
    assert code == 2 and "nothing to ingest" in out


def test_bad_cluster_address_is_one_line(tmp_path: Path, dev_files: list[Path]) -> None:
    code, out = _run("ingest", str(dev_files[0]), "--archive", str(tmp_path / "a.db"), "--cluster", "nowhere")
    assert code == 2 and "--cluster" in out and "Traceback" not in out


def test_worker_killed_during_ingest_command(client: Client, make_texts: Callable[[Path, int], dict[str, str]],
                                             tmp_path: Path) -> None:
    expected = make_texts(tmp_path / "t.jsonl", 24)
    db = tmp_path / "a.db"
    cmd = [sys.executable, "-m", "kartoteka", "ingest", "--jsonl", str(tmp_path / "t.jsonl"), "--archive", str(db),
           "--cluster", client.scheduler.address, "--batch", "4", "--no-link", "--no-progress"]
    pids = client.run(os.getpid)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        if not db.exists():
            continue
        try:
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            continue
        busy = sorted(a for a, tasks in client.processing().items() if tasks)
        if stored >= 4 and busy:
            killed = pids[busy[0]]
            os.kill(killed, signal.SIGKILL)
    _, err = proc.communicate(timeout=180)
    assert killed is not None, f"the ingest ended before a worker could be killed: {err}"
    assert proc.returncode == 0, err
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT path, sha256 FROM documents").fetchall()
    assert len(rows) == len(expected) and dict(rows) == expected
    client.wait_for_workers(2, timeout=60)
    assert killed not in client.run(os.getpid).values()


def test_link_on_the_cluster_is_the_local_link(client: Client, dev_files: list[Path], tmp_path: Path) -> None:
    seed = sorted((dev_files[0].parents[3] / "seed").glob("*.txt"))
    files = [*map(str, seed), *(str(p) for p in dev_files[:4])]
    dbs = [str(tmp_path / "local.db"), str(tmp_path / "cluster.db")]
    for db in dbs:
        code, out = _run("ingest", *files, "--archive", db, "-j", "1", "--no-link")
        assert code == 0, out
    code, out = _run("link", "--archive", dbs[0])
    assert code == 0, out
    code, out = _run("link", "--archive", dbs[1], "--cluster", client.scheduler.address)
    assert code == 0 and "linked" in out, out
    assert _stats(dbs[0]) == _stats(dbs[1])
    assert _stats(dbs[0])["entities"] > 0
    with sqlite3.connect(dbs[0]) as a, sqlite3.connect(dbs[1]) as b:
        q = "SELECT m.text, m.entity_id FROM mentions m ORDER BY m.document_id, m.start"
        assert a.execute(q).fetchall() == b.execute(q).fetchall()

"""The pipeline over a real LocalCluster of two worker processes, including a worker killed mid-run."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from distributed import Client

from kartoteka.cluster import Plan, from_jsonl, items, map_items
from kartoteka.pipeline import parse_path


def test_cluster_gives_the_same_records_as_one_process(client: Client, dev_files: list[Path]) -> None:
    files = [str(p) for p in dev_files[:10]]
    seen: list[int] = []
    got = {r.source.path: r for r in map_items(client, items(files), Plan(chunk=3), seen.append)}
    assert sum(seen) == len(files) == len(got)
    for path in files:
        assert got[path] == parse_path(path)


def test_worker_killed_mid_run_loses_and_duplicates_nothing(
    client: Client, make_texts: Callable[[Path, int], dict[str, str]], tmp_path: Path
) -> None:
    expected = make_texts(tmp_path / "texts.jsonl", 40)
    pids_before = client.run(os.getpid)
    killed: list[tuple[str, int, int]] = []

    def kill_a_busy_worker(_: int) -> None:
        if killed:
            return
        busy = {addr: tasks for addr, tasks in client.processing().items() if tasks}
        if not busy:
            return
        addr = sorted(busy)[0]
        os.kill(pids_before[addr], signal.SIGKILL)
        killed.append((addr, pids_before[addr], len(busy[addr])))

    plan = Plan(chunk=1, in_flight=4, retries=2)
    records = list(map_items(client, from_jsonl(str(tmp_path / "texts.jsonl")), plan, kill_a_busy_worker))

    assert killed, "no worker was busy when the first results came back"
    assert killed[0][2] >= 1
    counts = Counter(r.source.path for r in records)
    assert counts == Counter(dict.fromkeys(expected, 1))
    assert all(r.error is None for r in records)
    assert {r.source.path: r.source.sha256 for r in records} == expected
    client.wait_for_workers(2, timeout=60)
    assert killed[0][1] not in client.run(os.getpid).values()

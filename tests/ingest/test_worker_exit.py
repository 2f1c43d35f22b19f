"""kill -9 of a running ``kartoteka ingest -j 2``: its worker processes end with it (none is left
holding its models in memory), and a worker of a pool ends when the process that made it does."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FRUS = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat" / "text"


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: fields follow the last ')'
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            out.add(int(entry.name))
    return out


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
@pytest.mark.timeout(240)
def test_kill_9_of_ingest_leaves_no_worker(tmp_path: Path) -> None:
    files = sorted(FRUS.glob("d*.txt"))[:60]
    if len(files) < 20:
        pytest.fail("the FRUS dev texts are not in ../shared")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files:
        shutil.copy(f, corpus / f.name)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kartoteka", "ingest", str(corpus), "--archive", str(tmp_path / "a.db"),
         "-j", "2", "--batch", "2", "--no-progress", "--no-link"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 180
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.2)
    assert proc.poll() is None and len(workers) >= 2, "the ingest ended before its workers were seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = sorted(w for w in workers if _running(w))
    for w in left:  # do not leave them to the next test
        os.kill(w, signal.SIGKILL)
    assert left == [], f"worker processes {left} outlived the killed ingest"


def test_worker_watch_ends_an_orphan(tmp_path: Path) -> None:
    """Without the kernel's signal (another platform), the watching thread ends the worker."""
    script = tmp_path / "orphan.py"
    script.write_text(
        "import os, sys, time\n"
        "from kartoteka.ingest import lifeline\n"
        "parent = os.getpid()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    lifeline._death_signal = lambda: None  # the portable path alone\n"
        "    lifeline.bind_to_parent(parent)\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print(child, flush=True)\n"
        "time.sleep(60)\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    time.sleep(0.5)
    assert _running(child)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = _running(child)
    if alive:
        os.kill(child, signal.SIGKILL)
    assert not alive

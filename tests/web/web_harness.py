"""What the reading-room tests share: the real command, archive copies, and uvicorn servers in a thread."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from kartoteka.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "frus1952-54Guat"
SEED = ROOT.parent / "shared" / "seed"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"
USER = "historian"
DISPLAY = "A. Historian (test)"  # what others see: never the login name

HOSTILE = """Telegram From the Embassy in <script>window.__xss = 1</script> to the Department of State
Guatemala City, June 1, 1953.

1. <img src=x onerror="window.__xss = 2"> Ambassador Schoenfeld met "><svg onload=window.__xss=3> Arbenz today.
2. [<script>alert('xss')</script>] and <a href="javascript:window.__xss=4">click</a> {{ 7*7 }} ${7*7}
3. </textarea></title><iframe srcdoc="<script>parent.__xss=5</script>"></iframe> Guatemala.

Schoenfeld

Source: Department of State, Central Files, 714.00/6–153. Secret.
"""


def kartoteka(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it."""
    exe = Path(sys.executable).with_name("kartoteka")
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if check and proc.returncode != 0:
        raise AssertionError(f"kartoteka {' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc


def copy_archive(src: Path, dst: Path) -> Path:
    """A consistent copy (SQLite's backup: the WAL is folded in)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    archive: Path | str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(archive: Path | str) -> Server:
    """The reading room over ``archive`` (a file or a PostgreSQL URL) on a free loopback port."""
    port = free_port()
    app = create_app(archive, secret="test-secret")
    config = uvicorn.Config(app, host="127.0.0.1", port=port,
                            log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("the reading room did not start")
        time.sleep(0.05)
    app.state.warming.join(timeout=60)  # timings in the tests are of pages, not of the start-up
    return Server(f"http://127.0.0.1:{port}", archive, server, thread)


@contextmanager
def served(archive: Path | str, *extra: str) -> Iterator[str]:
    """``kartoteka serve`` in its own process (its own interpreter: timings are the server's, not
    shared with the test's client), on a free loopback port; yields its base URL."""
    port = free_port()
    exe = Path(sys.executable).with_name("kartoteka")
    proc = subprocess.Popen([str(exe), "serve", "--archive", str(archive), "--host", "127.0.0.1",
                             "--port", str(port), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/api/openapi.json", timeout=60)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)

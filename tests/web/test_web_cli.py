"""The reading room's commands: `kartoteka serve` and `kartoteka user`, as a user runs them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner
from web_harness import copy_archive, free_port

from kartoteka.cli import cli
from kartoteka.store.users import Users


def test_user_commands(built_archive: Path, tmp_path: Path) -> None:
    db = str(copy_archive(built_archive, tmp_path / "users.db"))
    run = CliRunner().invoke
    assert run(cli, ["user", "add", "ada", "--archive", db, "--password", "a long passphrase"]).exit_code == 0
    listed = run(cli, ["user", "list", "--archive", db])
    assert "ada" in listed.output.split()
    short = run(cli, ["user", "add", "bob", "--archive", db, "--password", "short"])
    assert short.exit_code == 2 and "8 or more characters" in short.output
    assert "Traceback" not in short.output
    token = run(cli, ["user", "token", "ada", "--archive", db]).output.strip()
    assert len(token) > 30
    users = Users(db)
    assert users.by_token(token) is not None and users.by_token(token + "x") is None
    assert users.sign_in("ada", "a long passphrase") is not None
    assert users.sign_in("ada", "a wrong passphrase") is None
    assert run(cli, ["user", "token", "nobody", "--archive", db]).exit_code == 2
    assert run(cli, ["user", "remove", "ada", "--archive", db]).exit_code == 0
    assert users.sign_in("ada", "a long passphrase") is None


def test_serve_refuses_what_is_not_an_archive(tmp_path: Path) -> None:
    missing = CliRunner().invoke(cli, ["serve", "--archive", str(tmp_path / "none.db")])
    assert missing.exit_code == 2
    assert missing.output.startswith("kartoteka: error:") and "none.db" in missing.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    bad = CliRunner().invoke(cli, ["serve", "--archive", str(junk)])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_serve_says_so_when_the_port_is_taken(built_archive: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        res = CliRunner().invoke(cli, ["serve", "--archive", str(built_archive), "--port", str(port)])
    assert res.exit_code == 2
    assert res.output.startswith("kartoteka: error:") and "a free port" in res.output


def test_serve_answers_on_loopback(built_archive: Path) -> None:
    port = free_port()
    exe = Path(sys.executable).with_name("kartoteka")
    proc = subprocess.Popen([str(exe), "serve", "--archive", str(built_archive), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "Guatemala"}, timeout=60)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["total"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()

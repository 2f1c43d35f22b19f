"""``kartoteka search`` through the real entry point on a real archive: filters without words
(oldest first), the orders, the language and type filters and facets, the spellings a query was
widened to and ``--exact``, and the one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_DIR = SHARED / "seed"
GENRE = SHARED / "corpus" / "genre-dev" / "docs"


def kartoteka(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("kartoteka")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEED_DIR.is_dir() or not GENRE.is_dir():
        pytest.skip("the seed and genre-dev documents are not in ../shared")
    path = str(tmp_path_factory.mktemp("search") / "a.db")
    r = kartoteka("ingest", str(SEED_DIR), str(GENRE), "--archive", path, "--no-progress")
    assert r.returncode == 0, r.stderr
    return path


def hits(db: str, *args: str) -> list[dict[str, object]]:
    r = kartoteka("search", *args, "--archive", db, "--format", "jsonl", "--limit", "1000")
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def _dates(found: list[dict[str, object]]) -> list[str]:
    return [str(h["date"])[:10] for h in found if h["date"]]


def test_filters_alone_list_documents_oldest_first(db: str) -> None:
    r = kartoteka("search", "--from", "1945", "--to", "1947", "--archive", db, "--limit", "50")
    assert r.returncode == 0, r.stderr
    assert "kept by the filters, by date" in r.stdout and "year: " in r.stdout
    found = hits(db, "--from", "1945", "--to", "1947")
    assert len(found) > 2 and all(h["score"] == 0 for h in found)
    assert _dates(found) == sorted(_dates(found))
    assert all("1945" <= str(h["date"])[:4] <= "1947" for h in found)
    newest = hits(db, "--from", "1945", "--to", "1947", "--sort", "-date")
    assert [h["source"] for h in newest] != [h["source"] for h in found]
    assert _dates(newest) == sorted(_dates(newest), reverse=True)


@pytest.mark.parametrize("order", ["date", "-date", "title", "relevance"])
def test_every_order_of_a_query(db: str, order: str) -> None:
    found = hits(db, "the", "--sort", order)
    assert len(found) > 5
    if order == "relevance":
        scores = [float(str(h["score"])) for h in found]
        assert scores == sorted(scores, reverse=True)
    elif order == "title":
        keys = [" ".join(str(h["title"] or Path(str(h["source"]["path"])).name).split()).casefold()  # type: ignore[index]
                for h in found]
        assert keys == sorted(keys)
    else:
        dates = [str(h["date"])[:10] for h in found if h["date"]]
        assert dates == sorted(dates, reverse=order == "-date")
        undated = [i for i, h in enumerate(found) if not h["date"]]
        assert undated == list(range(len(found) - len(undated), len(found)))  # undated last, both ways
    assert [h["rank"] for h in found] == list(range(1, len(found) + 1))


def test_language_and_type_narrow_and_are_counted(db: str) -> None:
    r = kartoteka("search", "--from", "1900", "--to", "2000", "--archive", db, "--limit", "1")
    lines = {line.partition(": ")[0]: line.partition(": ")[2] for line in r.stdout.splitlines() if ": " in line}
    assert "en (" in lines["language"] and "ru (" in lines["language"], r.stdout
    assert "telegram (" in lines["type"]
    russian = hits(db, "--language", "RU")
    assert russian and len(russian) < len(hits(db, "--language", "en"))
    ru_count = int(lines["language"].split("ru (")[1].split(")")[0])
    assert len(hits(db, "--language", "ru", "--from", "1900", "--to", "2000")) == ru_count
    telegrams = hits(db, "--type", "telegram")
    assert telegrams and all(h not in telegrams for h in hits(db, "--type", "letter"))


def test_the_spellings_searched_are_shown_and_exact_turns_them_off(db: str) -> None:
    widened = kartoteka("search", "Javid", "--archive", db)
    assert widened.returncode == 0 and "also searched for 'Javid' as:" in widened.stdout
    assert "Dzhavid" in widened.stdout
    exact = kartoteka("search", "Javid", "--exact", "--archive", db)
    assert exact.returncode == 0 and "also searched" not in exact.stdout
    assert "exact spelling only" in exact.stdout
    quiet = kartoteka("search", "Javid", "--exact", "--archive", db, "--format", "jsonl")
    assert "exact spelling only" in quiet.stderr and quiet.stdout.strip() == ""  # no "Javid" as typed


@pytest.mark.parametrize(("args", "message"), [
    ([], "no query and no filter (expected words to search for, or a filter"),
    (["--sort", "newest", "oil"], "Invalid value for '--sort'"),
    (["--language", " ", "oil"], "--language: an empty name"),
])
def test_errors_are_one_clear_line(db: str, args: list[str], message: str) -> None:
    r = kartoteka("search", *args, "--archive", db)
    assert r.returncode == 2 and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_hits_name_their_readable_address(db: str) -> None:
    found = hits(db, "Tabriz", "--collection", "genre-dev")
    assert found and all(str(h["address"]).startswith("genre-dev/g") for h in found)
    r = kartoteka("search", "Tabriz", "--collection", "genre-dev", "--archive", db, "--limit", "3")
    assert r.returncode == 0, r.stderr
    assert "     genre-dev/g" in r.stdout

"""A document's citation and a search's bibliography read from a PostgreSQL archive are those of an
SQLite file built from the same documents (``kartoteka cite``, ``kartoteka search --cite``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from store_backends import fresh_pg_database

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed"
GENRE = ROOT.parent / "shared" / "corpus" / "genre-dev" / "docs"
DEMO = ROOT / "demo" / "frus1952-54Guat"


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args), env={"KARTOTEKA_BASE_URL": "https://archive.example.org/"})
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    if not SEED.is_dir() or not GENRE.is_dir() or not DEMO.is_dir():
        pytest.skip("the seed, genre-dev or demo documents are missing")
    pg = fresh_pg_database()
    url = next(pg)
    lite = str(tmp_path_factory.mktemp("cite") / "a.db")
    docs = [str(GENRE / "g06.txt"), str(GENRE / "g13.txt"), str(DEMO / "d12.txt"), str(DEMO / "d34.txt")]
    for target in (lite, url):
        _run("ingest", str(SEED), *docs, "--archive", target, "-j", "1", "--no-progress")
    yield lite, url
    next(pg, None)


@pytest.mark.parametrize("doc", ["g06.txt", "g13.txt", "d12.txt", "000_e3d0ee8980a77a04.txt"])
def test_a_citation_is_the_same(archives: tuple[str, str], doc: str) -> None:
    got = [json.loads(_run("cite", doc, "--format", "csl-json", "--accessed", "2026-01-02", "--archive", a))
           for a in archives]
    assert got[0][0]["title"] and (got[0][0].get("archive") or doc.startswith("000_"))  # the seed has none
    assert got[1] == got[0]


def test_a_bibliography_is_the_same(archives: tuple[str, str]) -> None:
    got = [sorted(json.loads(_run("search", "Tabriz OR Guatemala", "--cite", "csl-json", "--archive", a)),
                  key=lambda item: item["id"]) for a in archives]
    assert len(got[0]) >= 2
    assert got[1] == got[0]

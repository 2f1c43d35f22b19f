"""Parsed records of the seed and the genre set, parsed once per session (the pipeline is slow to load)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.model import Record
from kartoteka.pipeline import parse_path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="session")
def soviet_paths() -> list[str]:
    paths = sorted(str(p) for p in (SHARED / "seed").glob("*.txt"))
    paths += sorted(str(p) for p in (SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))
    if len(paths) < 2:
        pytest.skip("the seed and genre-dev documents are not in ../shared")
    return paths


@pytest.fixture(scope="session")
def soviet_records(soviet_paths: list[str]) -> list[Record]:
    return [parse_path(p) for p in soviet_paths]

"""Shared fixtures: where the shared corpora are (tests read the seed from ../shared, never a copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

# archive_url / pg_url: every store test can run against SQLite and PostgreSQL alike;
# backend_guard: which backends ran, printed after every run (and required in CI)
pytest_plugins = ["store_backends", "backend_guard"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"
FRUS_DEV = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat"
GENRE_DEV = SHARED / "corpus" / "genre-dev"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip("the seed document is not in ../shared/seed")
    return files[0]


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    with open(seed_path, encoding="utf-8", newline="") as fh:
        return fh.read()

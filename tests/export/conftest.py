"""Fixtures of the export tests: the TEI schema compiled once, the seed and dev set parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from kartoteka.ingest import parse_collection
from kartoteka.model import Record
from kartoteka.schema import schema_path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV_TEXTS = sorted((SHARED / "corpus" / "frus-dev").glob("*/text/*.txt"))
SEEDS = sorted((SHARED / "seed").glob("*.txt"))


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """tei_all.rng is big (about ten seconds to compile): compiled once for the whole test run."""
    return etree.RelaxNG(etree.parse(schema_path()))


@pytest.fixture(scope="session")
def corpus_records() -> list[Record]:
    """The seed and every dev-set document, parsed and linked as one collection."""
    if not DEV_TEXTS or not SEEDS:
        pytest.skip("the shared corpus is not in ../shared")
    return parse_collection([str(p) for p in [*SEEDS, *DEV_TEXTS]])


GUAT = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat"
GENRE_DOCS = sorted((SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))


@pytest.fixture(scope="session")
def guatemala_records() -> list[Record]:
    """The Guatemala dev volume parsed with its persons list (about 15 s), once per test run."""
    from kartoteka.gazetteer.authority import load_authority

    texts = sorted((GUAT / "text").glob("*.txt"))
    if not texts:
        pytest.skip("the Guatemala dev volume is not in ../shared")
    return parse_collection([str(p) for p in texts], authority=load_authority(str(GUAT / "persons.json")))


@pytest.fixture(scope="session")
def seed_genre_records() -> list[Record]:
    """The seed and the genre documents as one collection, by absolute paths (as a user may give them)."""
    if not GENRE_DOCS or not SEEDS:
        pytest.skip("the shared corpus is not in ../shared")
    return parse_collection([str(p.resolve()) for p in [*SEEDS, *GENRE_DOCS]])

"""Fixtures of the export tests: the TEI schema compiled once, the seed and dev set parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from kartoteka.model import Record
from kartoteka.pipeline import parse_collection
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

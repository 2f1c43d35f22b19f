"""The name knowledge files: every entry loads and says why it is there; the keys read them."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from kartoteka.linking.keys import PARTICLES, fold, strict
from kartoteka.names import apostrophes, fingerprint, particles, spelling_groups, transliteration_rules

FILES = ("transliteration.csv", "spelling.csv", "apostrophes.csv", "particles.csv")


@pytest.mark.parametrize("name", FILES)
def test_every_entry_has_a_reason(name: str) -> None:
    text = resources.files("kartoteka.names").joinpath("data", name).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(len(r["reason"].split()) >= 4 for r in rows), name


def test_the_keys_are_made_from_the_files() -> None:
    assert particles() == PARTICLES and {"al", "os", "von", "de"} <= PARTICLES
    assert "ʹ" in apostrophes() and "’" in apostrophes() and fold("Lavrentʹev") == fold("Lavrent’ev") == "lavrentev"
    assert spelling_groups()[0] == ("dzh", "j") and len(transliteration_rules()) >= 15
    assert len(fingerprint()) == 16


@pytest.mark.parametrize(("a", "b"), [("Pishehvari", "Pishevari"), ("Yemel’yanov", "Emelyanov"),
                                      ("Semichastnyy", "Semichastny"), ("Vasilevskij", "Vasilevskiy"),
                                      ("Weizsaecker", "Weizsäcker"), ("Tchuikov", "Чуйков")])
def test_each_convention_folds(a: str, b: str) -> None:
    assert strict(a) == strict(b)

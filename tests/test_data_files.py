"""Every word list of the package is a data file whose every entry says why it is there."""

from __future__ import annotations

import csv
from importlib import resources
from importlib.resources.abc import Traversable

import pytest


def _data_files() -> list[tuple[str, Traversable]]:
    found = []
    for package in sorted(p.name for p in resources.files("kartoteka").iterdir() if p.is_dir()):
        data = resources.files("kartoteka").joinpath(package, "data")
        if data.is_dir():
            found += [(f"{package}/data/{f.name}", f) for f in data.iterdir() if f.name.endswith(".csv")]
    return sorted(found, key=lambda pair: pair[0])


FILES = _data_files()


def test_the_lists_are_found() -> None:
    names = {name for name, _ in FILES}
    assert {"entities/data/cue_words.csv", "names/data/titles.csv", "structure/data/regions.csv",
            "names/data/particles.csv", "gazetteer/data/places.csv", "names/data/groups.csv",
            "gazetteer/data/generic_heads.csv"} <= names
    assert "structure/data/ranks.csv" not in names  # the ranks are titles now: one source


@pytest.mark.parametrize("name", [name for name, _ in FILES])
def test_every_entry_has_a_reason(name: str) -> None:
    path = dict(FILES)[name]
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert "reason" in (reader.fieldnames or ()), name
        rows = list(reader)
    assert rows, name
    missing = [n for n, row in enumerate(rows, start=2) if not (row["reason"] or "").strip()]
    assert not missing, f"{name}: no reason on lines {missing}"


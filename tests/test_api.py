"""The library's public names: importable, light at import, and working on the seed."""

from __future__ import annotations

import subprocess
import sys

import kartoteka


def test_every_public_name_resolves() -> None:
    assert kartoteka.__all__ == sorted(kartoteka.__all__)
    for name in kartoteka.__all__:
        assert getattr(kartoteka, name) is not None


def test_import_loads_no_model() -> None:
    code = "import sys, kartoteka; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_parse_text_on_the_seed(seed_text: str) -> None:
    record = kartoteka.parse_text(seed_text, path="seed.txt")
    assert record.error is None
    assert record.date is not None and record.date.iso == "1946-12-09"
    assert record.classification is not None and str(record.classification.level) == "top secret"
    assert any(e.name == "Qavam" for e in record.entities)


def test_all_names_every_export() -> None:
    assert set(kartoteka.__all__) == set(kartoteka._EXPORTS)

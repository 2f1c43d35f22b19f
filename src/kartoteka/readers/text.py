"""Plain-text reader: raw bytes to a Document, detecting the encoding and refusing binary data.

UTF-8 (with or without BOM) and UTF-16 (with BOM, or recognisably without) are decoded as they
are; anything else is tried as the legacy Cyrillic code pages a Russian-side transcription may
come in (cp1251, koi8-r), and the reader says which one it chose. Line endings are kept as they
are: offsets point into the decoded text exactly.
"""

from __future__ import annotations

import codecs
import hashlib
from collections import Counter

from kartoteka.errors import Location, ReadError
from kartoteka.model import Document

# Frequent Russian letters (lower case) in the two code pages; a legacy file decoded with the
# wrong one comes out with these in the wrong case or as box-drawing characters.
_RUSSIAN_COMMON = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")


def _russian_score(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c in _RUSSIAN_COMMON) / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: the high byte of each code unit is nearly always one of two
    values, 0 (Latin letters, digits, blanks) and the script's block (0x04 for Cyrillic, …)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = Counter(high)
        zeros = counts.pop(0, 0)
        block = counts.most_common(1)[0][1] if counts else 0
        if zeros / len(high) > 0.3 or (zeros > 0 and (zeros + block) / len(high) > 0.9 and block / len(high) > 0.2):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            controls = sum(1 for c in text[:2048] if c < " " and c not in "\t\n\r\f")
            return text if controls <= len(text[:2048]) * 0.01 else None
    return None


def decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """The text, the encoding's name and any warnings; :class:`ReadError` for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig", ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16", ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, "utf-16", ("no byte-order mark; decoded as UTF-16",)
        if _looks_binary(data):
            raise ReadError(
                "binary data, not a text transcription", location=Location(path), expected="a text file"
            ) from None
        best = max(("cp1251", "koi8_r"), key=lambda c: _russian_score(data.decode(c, errors="replace")))
        legacy = data.decode(best, errors="replace")
        if _russian_score(legacy) < 0.25:
            line = data[: exc.start].count(b"\n") + 1
            raise ReadError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte {exc.start})",
                location=Location(path, line),
                expected="UTF-8, UTF-16, cp1251 or koi8-r text",
            ) from None
        name = "koi8-r" if best == "koi8_r" else best
        return legacy, name, (f"legacy Cyrillic encoding detected: {name}",)
    utf16 = _utf16_without_bom(data) if "\x00" in text else None
    if utf16 is not None:
        return utf16, "utf-16", ("no byte-order mark; decoded as UTF-16",)
    if _looks_binary(data):
        raise ReadError("binary data, not a text transcription", location=Location(path), expected="a text file")
    return text, "utf-8", ()


def _strict(data: bytes, codec: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"invalid {codec} (byte {exc.start})", location=Location(path), expected=f"valid {codec} text"
        ) from None


def read_bytes(data: bytes, path: str) -> Document:
    """A Document from a file's raw bytes; ``path`` is kept as given."""
    text, encoding, warnings = decode(data, path)
    return Document.from_text(
        text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, warnings=warnings
    )

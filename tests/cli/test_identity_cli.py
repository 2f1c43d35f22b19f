"""Addresses, new transcriptions and withdrawal through the real ``kartoteka`` command, as a
historian runs it: ingest a volume, correct a document, replace its transcription, withdraw one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite

D1 = """No. 7

Telegram From the Embassy in Tegucigalpa to the Department of State

Tegucigalpa, March 3, 1954—4 p.m.

412. Foreign Minister Valladares told me today that the coffee growers of Olancho have asked
the government for credit. He said the request would be decided in Comayagua next week.

Whitfield
"""

D2 = """No. 8

Memorandum From the Officer in Charge of Central American Affairs to the Assistant Secretary

Washington, March 5, 1954.

SUBJECT
Coffee credit in Olancho

The Embassy reports that the growers of Olancho want credit before the harvest.
"""


def kartoteka(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it."""
    exe = Path(sys.executable).with_name("kartoteka")
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONWARNINGS": "ignore", "KARTOTEKA_AUTHOR": "A. Historian"})
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def mention_id(shown: str, word: str) -> str:
    found = re.search(rf"#(\d+)\s+\w+\s+@\d+\s+{word}\s", shown)
    assert found, shown
    return found.group(1)


def test_address_replace_new_version_clash_and_withdraw(tmp_path: Path) -> None:
    volume = tmp_path / "frus1952-54Test" / "text"
    volume.mkdir(parents=True)
    (volume / "d7.txt").write_text(D1, encoding="utf-8")
    (volume / "d8.txt").write_text(D2, encoding="utf-8")
    db = str(tmp_path / "a.db")
    arc = ("--archive", db)
    assert "2 added" in kartoteka("ingest", str(tmp_path / "frus1952-54Test"), *arc, "--no-progress").stderr

    shown = kartoteka("show", "frus1952-54Test/d7", *arc).stdout
    assert re.search(r"^address\s+frus1952-54Test/d7$", shown, re.M)
    old_sha = re.search(r"^sha256\s+(\w+)$", shown, re.M).group(1)  # type: ignore[union-attr]
    why = ("--reason", "checked against the microfilm")
    kartoteka("correct", "title", "frus1952-54Test/d7", "Coffee credit for Olancho", *arc, *why)
    kartoteka("correct", "attach", mention_id(shown, "Comayagua"), "--none", *arc, *why)
    kartoteka("correct", "attach", mention_id(shown, "Valladares"), "--none", *arc, *why)

    # a corrected transcription: the minister's name was misread
    fixed = tmp_path / "d7-corrected.txt"
    fixed.write_text(D1.replace("Valladares", "Valledares").replace("4 p.m.", "5 p.m."), encoding="utf-8")
    out = kartoteka("replace", "frus1952-54Test/d7", str(fixed), *arc, "--reason", "misread name").stdout
    assert "frus1952-54Test/d7: version 1 replaced by version 2" in out
    assert re.search(r"carried\s+#1 title of", out) and re.search(r"carried\s+#2 attach mention", out)
    assert re.search(r"no longer applies\s+#3 attach mention", out)

    shown = kartoteka("show", "frus1952-54Test/d7", *arc).stdout
    assert re.search(r"^title\s+Coffee credit for Olancho$", shown, re.M)
    assert re.search(r"^address\s+frus1952-54Test/d7  \(version 2\)$", shown, re.M)
    assert re.search(r"Comayagua\s+-> —", shown) and "misread name" in shown
    assert kartoteka("show", old_sha[:12], *arc, "--no-text").stdout.splitlines()[1] == shown.splitlines()[1]
    listed = kartoteka("correct", "list", "--document", "frus1952-54Test/d7", *arc).stdout
    assert "title of" in listed

    # the volume ingested again: d7's first transcription is known (not a new version), d8 changed is
    (volume / "d8.txt").write_text(D2 + "\nFiled with the Embassy's despatch 233.\n", encoding="utf-8")
    again = kartoteka("ingest", str(volume), *arc, "--no-progress").stderr
    assert "0 added, 1 new version(s), 1 already there" in again
    assert "(version 2)" in kartoteka("show", "frus1952-54Test/d8", *arc, "--no-text").stdout

    # two files of one ingest at one address: the first is stored, the second refused by name, exit 1
    other = tmp_path / "elsewhere"
    (other / "a").mkdir(parents=True)
    (other / "b").mkdir()
    (other / "a" / "d9.txt").write_text(D2.replace("No. 8", "No. 9"), encoding="utf-8")
    (other / "b" / "d9.txt").write_text(D2.replace("No. 8", "No. 19"), encoding="utf-8")
    refused = kartoteka("ingest", str(other), *arc, "--collection", "frus1952-54Test", "--no-progress", code=1)
    assert "b/d9.txt: frus1952-54Test/d9 is already" in refused.stderr and "1 added" in refused.stderr

    # the collection filter, then a withdrawal: out of search, its page says why; reinstated
    hits = kartoteka("search", "Olancho", "--collection", "frus1952-54Test", *arc, "--format", "jsonl").stdout
    assert len(hits.splitlines()) == 3
    assert "collection: frus1952-54Test (3)" in kartoteka("search", "Olancho", *arc).stdout
    assert not kartoteka("search", "Olancho", "--collection", "elsewhere", *arc, "--format", "jsonl").stdout
    kartoteka("withdraw", "frus1952-54Test/d8", *arc, "--reason", "a duplicate of d7's enclosure")
    assert len(kartoteka("search", "Olancho", *arc, "--format", "jsonl").stdout.splitlines()) == 2
    shown = kartoteka("show", "frus1952-54Test/d8", *arc, "--no-text").stdout
    assert re.search(r"^withdrawn\s+.* by A. Historian: a duplicate of d7's enclosure$", shown, re.M)
    again = kartoteka("withdraw", "frus1952-54Test/d8", *arc, "--reason", "twice", code=2)
    assert "already withdrawn" in again.stderr
    kartoteka("withdraw", "frus1952-54Test/d8", *arc, "--reason", "kept after all", "--reinstate")
    assert len(kartoteka("search", "Olancho", *arc, "--format", "jsonl").stdout.splitlines()) == 3
    missing = kartoteka("show", "frus1952-54Test/d99", *arc, code=2)
    assert "collection/name" in missing.stderr

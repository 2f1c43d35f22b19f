"""``kartoteka cite`` and ``kartoteka search --cite`` through the real ``kartoteka`` command, over a
real SQLite archive of three documents written for the test: a ciphered telegram in Russian with
a fond/opis/delo citation, a record of conversation dated over two days, and an undated note
whose title holds TeX's special characters."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

RUSSIAN = """Совершенно секретно

ШИФРТЕЛЕГРАММА

Из ТАВРИЗА
Отправлена 14.III.46 г. 11 ч. 20 м.

МОСКВА
Тов. Молотову

Сообщаю, что делегация партии прибыла в Тавриз утром и провела совещание в обкоме. Обсуждался вопрос о снабжении зерном северных районов.

Прошу указаний.

Кулиев

14 марта 1946 г.
№ 512/ш

ГАППОД АзР, ф. 1, оп. 89, д. 120, лл. 5–6
"""
RANGE = """RECORD OF CONVERSATION
with the Ambassador of Iran in the USSR

20-21 August 1953

Secret

The Ambassador called at the Ministry on two successive days and spoke of the grain deliveries promised in the spring. I said the question would be examined [in Moscow].

A. Petrov

AVP RF, f. 094, op. 39, p. 380, d. 4, ll. 10-12
"""
SPECIAL = """Memorandum on Costs of 50% & More for Project #2_a {draft}

The estimate of the works at the port is raised by half; the committee asks that the figures be checked before the next meeting.

[signature illegible]
"""
BASE = "https://archive.example.org/room"
DAY = "2026-03-05"


def kartoteka(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("kartoteka")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore", "KARTOTEKA_BASE_URL": ""})


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("cite") / "iran46"
    folder.mkdir()
    shas = {}
    for name, text in (("r1", RUSSIAN), ("r2", RANGE), ("r3", SPECIAL)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        shas[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    db = folder.parent / "a.db"
    proc = kartoteka("ingest", str(folder), "--archive", str(db), "--no-progress", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    return db, shas


def cite(db: Path, doc: str, fmt: str) -> str:
    proc = kartoteka("cite", doc, "--archive", str(db), "--format", fmt, "--base-url", BASE, "--accessed", DAY)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize(("doc", "expected"), [
    ("r1", {"type": "manuscript", "title": "ШИФРТЕЛЕГРАММА", "author": [{"literal": "Кулиев"}],
            "recipient": [{"literal": "Молотову"}], "issued": {"date-parts": [[1946, 3, 14]]},
            "archive": "ГАППОД АзР", "archive_location": "ф. 1, оп. 89, д. 120, лл. 5–6", "collection-title": "iran46",
            "number": "r1", "language": "ru"}),
    ("r2.txt", {"type": "manuscript", "title": "RECORD OF CONVERSATION with the Ambassador of Iran in the USSR",
                "author": [{"literal": "A. Petrov"}], "issued": {"date-parts": [[1953, 8, 20], [1953, 8, 21]]},
                "archive": "AVP RF", "archive_location": "f. 094, op. 39, p. 380, d. 4, ll. 10-12",
                "collection-title": "iran46", "number": "r2", "language": "en"}),
    ("r3", {"type": "manuscript", "title": "Memorandum on Costs of 50% & More for Project #2_a {draft}",
            "collection-title": "iran46", "number": "r3", "language": "en"}),
])
def test_cite_csl_json(archive: tuple[Path, dict[str, str]], doc: str, expected: dict[str, object]) -> None:
    db, shas = archive
    [item] = json.loads(cite(db, doc, "csl-json"))
    sha = shas[doc.removesuffix(".txt")]
    url = f"{BASE}/documents/iran46/{doc.removesuffix('.txt')}"
    assert item == {**expected, "id": f"kartoteka-{sha[:12]}", "URL": url,
                    "accessed": {"date-parts": [[2026, 3, 5]]}}


def test_cite_by_sha256_prefix_as_a_note(archive: tuple[Path, dict[str, str]]) -> None:
    db, shas = archive
    assert cite(db, shas["r2"][:10], "text") == (
        "A. Petrov, “RECORD OF CONVERSATION with the Ambassador of Iran in the USSR,” August 20–21, 1953, "
        "AVP RF, f. 094, op. 39, p. 380, d. 4, ll. 10-12, iran46, r2, "
        f"{BASE}/documents/iran46/r2 (accessed March 5, 2026).\n")


def test_cite_bibtex_escapes_and_reads_back(archive: tuple[Path, dict[str, str]]) -> None:
    db, shas = archive
    lib = bibtexparser.parse_string(cite(db, "r3", "bibtex"))
    assert not lib.failed_blocks
    [entry] = lib.entries
    assert entry.key == f"kartoteka-{shas['r3'][:12]}"
    assert entry["title"] == r"{Memorandum on Costs of 50\% \& More for Project \#2\_a \{draft\}}"
    assert "date" not in entry.fields_dict and "author" not in entry.fields_dict


def test_cite_ris(archive: tuple[Path, dict[str, str]]) -> None:
    db, _ = archive
    text = cite(db, "r1", "ris")
    lines = text.replace("\r\n", "\n").splitlines()
    assert lines[0] == "TY  - MANSCPT" and lines[-1] == "ER  - "
    assert "DA  - 1946/03/14/" in lines and "LA  - ru" in lines and "Y2  - 2026/03/05/" in lines
    assert f"UR  - {BASE}/documents/iran46/r1" in lines
    assert "AV  - ГАППОД АзР, ф. 1, оп. 89, д. 120, лл. 5–6" in lines


def test_search_cites_every_hit(archive: tuple[Path, dict[str, str]]) -> None:
    db, shas = archive
    proc = kartoteka("search", "grain OR estimate", "--archive", str(db), "--cite", "bibtex", "--base-url", BASE)
    assert proc.returncode == 0, proc.stderr
    keys = {e.key for e in bibtexparser.parse_string(proc.stdout).entries}
    assert keys == {f"kartoteka-{shas['r2'][:12]}", f"kartoteka-{shas['r3'][:12]}"}
    assert "cited" not in proc.stderr
    one = kartoteka("search", "grain OR estimate", "--archive", str(db), "--cite", "csl-json", "--limit", "1")
    assert one.returncode == 0, one.stderr
    assert len(json.loads(one.stdout)) == 1
    assert "cited 1 of 2 documents" in one.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("cite", "nothing-here"), "no such document in the archive"),
    (("cite", "r1", "--format", "mods"), "Invalid value for '--format'"),
    (("cite", "r1", "--accessed", "2026-02-30"), "is not a day (YYYY-MM-DD)"),
])
def test_cite_errors_are_one_line(archive: tuple[Path, dict[str, str]], args: tuple[str, ...], message: str) -> None:
    db, _ = archive
    proc = kartoteka(*args, "--archive", str(db))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""

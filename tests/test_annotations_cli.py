"""Marks, dates, classification, references and summary through `kartoteka parse`, against the
hand-read gold of the genre set and the seed (golden tests on real documents)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GENRE = SHARED / "corpus" / "genre-dev"


def _norm(s: str | None) -> str:
    s = (s or "").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip(" .,;:\"'()[]").casefold()


def _like(a: str | None, b: str | None) -> bool:
    x, y = sorted((_norm(a), _norm(b)), key=len)
    return len(x) >= 3 and x in y


def _parse(paths: list[Path]) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["parse", *map(str, paths), "--format", "jsonl", "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(r["source"]["path"]).stem: r for r in recs}


@pytest.fixture(scope="module")
def genre() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    if not (GENRE / "gold.json").exists():
        pytest.skip("no genre gold in ../shared")
    gold = json.loads((GENRE / "gold.json").read_text(encoding="utf-8"))
    return gold, _parse(sorted((GENRE / "docs").glob("*.txt")))


def test_genre_classification_references_summary_marks(
        genre: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]) -> None:
    gold, recs = genre
    misses: list[str] = []
    for g in gold:
        r = recs[g["doc"]]
        level = (r.get("classification") or {}).get("level")
        if _norm(level) != _norm(g.get("classification")):
            misses.append(f"{g['doc']} classification {level!r}")
        for ref in g.get("references") or []:
            if not any(_like(ref, p["text"]) for p in r["references"]):
                misses.append(f"{g['doc']} reference {ref}")
        if g.get("summary") and not _norm((r.get("summary") or {}).get("text")).startswith(_norm(g["summary"])[:40]):
            misses.append(f"{g['doc']} summary")
        if not g.get("summary") and r.get("summary"):
            misses.append(f"{g['doc']} summary where there is none")
        for mk in g.get("marks") or []:
            if not any(p["kind"] == mk["kind"] and _like(mk["value"], p["value"]) for p in r["marks"]):
                misses.append(f"{g['doc']} mark {mk['kind']} [{mk['value']}]")
    assert misses == []


def test_genre_spans_are_slices(genre: tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]) -> None:
    _, recs = genre
    for stem, r in recs.items():
        text = (GENRE / "docs" / f"{stem}.txt").read_bytes().decode("utf-8")
        spans = [m for m in r["marks"]] + r["dates"] + r["references"]
        spans += [x for x in (r.get("classification"), r.get("summary")) if x]
        for s in spans:
            assert text[s["start"]:s["end"]] == s["text"]


def test_seed_fields(seed_path: Path) -> None:
    r = _parse([seed_path])[seed_path.stem]
    text = seed_path.read_bytes().decode("utf-8")
    c = r["classification"]
    assert c["level"] == "top secret" and c["text"] == "Top Secret" and text[c["end"]:].strip() == ""
    assert [(x["text"], x["kind"]) for x in r["references"]] == [("No 3691-3692/538", "register")]
    assert r["summary"]["text"].startswith("Forwarding a message from the leaders of the Azerbaijan Democratic Party")
    marks = [(m["kind"], m["value"], m.get("lang")) for m in r["marks"]]
    for expected in [("supplied", "needs to be", None), ("foreign", "vystupleniye", "ru"), ("sic", "sic", None),
                     ("signed", "signed", None), ("gloss", "militia", None), ("foreign", "oriyentatsiya", "ru"),
                     ("foreign", "vnutrennaya", "ru"), ("supplied", "one", None), ("supplied", "and", None),
                     ("supplied", "their", None)]:
        assert expected in marks
    dates = {d["text"]: (d["iso"], d["precision"]) for d in r["dates"]}
    assert dates["December 9, 1946"] == ("1946-12-09", "day")
    assert dates["7 December 46"] == ("1946-12-07", "day")
    assert dates["9 December 1946"] == ("1946-12-09", "day")

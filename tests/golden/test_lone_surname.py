"""A lone surname two people of the collection share ("Dulles": John Foster and Allen): through
the real `kartoteka parse` command, both full names are found and kept apart, and the lone
surname's link says how it was made ("surname…") and is scored below a full name's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kartoteka.cli import cli

_FOSTER = ("Memorandum for the Record\nWashington, May {d}, 1954.\n\n"
           "Secretary of State John Foster Dulles met the Ambassador. Dulles said the talks would go on.\n")
_ALLEN = ("Memorandum for the Record\nWashington, June 3, 1954.\n\n"
          "Director of Central Intelligence Allen Dulles briefed the group. Later Dulles said the plan was ready.\n")
_NEITHER = "Memorandum for the Record\nWashington, June 4, 1954.\n\nThe meeting ended. Dulles said nothing more.\n"


def _parse(folder: Path) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(cli, ["parse", str(folder), "--format", "jsonl", "--no-progress"])
    assert result.exit_code == 0, result.output
    recs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {Path(r["source"]["path"]).stem: r for r in recs}


def _persons(rec: dict[str, Any]) -> dict[str, str]:
    return {m["text"]: m["entity"] for m in rec["mentions"] if m["kind"] == "person"}


def test_lone_shared_surname_follows_the_document(tmp_path: Path) -> None:
    for d in range(1, 6):
        (tmp_path / f"a{d}.txt").write_text(_FOSTER.format(d=d), encoding="utf-8")
    (tmp_path / "b1.txt").write_text(_ALLEN, encoding="utf-8")
    (tmp_path / "c1.txt").write_text(_NEITHER, encoding="utf-8")
    recs = _parse(tmp_path)

    foster = _persons(recs["a1"])
    allen = _persons(recs["b1"])
    assert foster["John Foster Dulles"] != allen["Allen Dulles"]  # two people, never merged
    assert foster["Dulles"] == foster["John Foster Dulles"]

    for doc in ("b1", "c1"):
        lone = _persons(recs[doc])["Dulles"]
        assert lone in (foster["John Foster Dulles"], allen["Allen Dulles"])
        entity = next(e for e in recs[doc]["entities"] if e["id"] == lone)
        link = next(x for x in entity.get("links", []) if x["variant"] == "Dulles")
        assert link["score"] < 1.0 and link["method"].startswith("surname"), link

"""Golden test on real documents: a fixed sample of frus-dev, scored against the editors' gold
person spans and ids through the real ``kartoteka parse`` command (spans must match the file)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli

FRUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "frus-dev" / "frus1952-54Guat"
# every 18th document: a spread over the volume, fixed so that a change is seen as a change
SAMPLE = 18


def _sample() -> list[Path]:
    files = sorted((FRUS / "text").glob("*.txt"))
    if not files:
        pytest.skip("frus-dev is not in ../shared")
    return files[::SAMPLE]


def _bcubed(pairs: list[tuple[str, str]]) -> float:
    gold = Counter(g for g, _ in pairs)
    pred = Counter(p for _, p in pairs)
    both = Counter(pairs)
    p = sum(both[x] / pred[x[1]] for x in pairs) / len(pairs)
    r = sum(both[x] / gold[x[0]] for x in pairs) / len(pairs)
    return 2 * p * r / (p + r)


@pytest.mark.parametrize("with_authority", [False, True])
def test_persons_against_gold(with_authority: bool) -> None:
    files = _sample()
    args = ["parse", *map(str, files), "--format", "jsonl"]
    if with_authority:
        args += ["--persons", str(FRUS / "persons.json")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    gold_n = found = 0
    pairs: list[tuple[str, str]] = []
    for path, line in zip(files, result.stdout.splitlines(), strict=True):
        rec = json.loads(line)
        text = path.read_text(encoding="utf-8")
        persons = [m for m in rec["mentions"] if m["kind"] == "person"]
        for m in rec["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
        gold = json.loads((FRUS / "gold" / (path.stem + ".json")).read_text(encoding="utf-8"))
        for g in gold["person_mentions"]:
            gold_n += 1
            hit = next((m for m in persons if m["start"] < g["end"] and g["start"] < m["end"]), None)
            if hit is not None:
                found += 1
                if g["person_id"] and hit["entity"]:
                    pairs.append((g["person_id"], hit["entity"]))
    assert gold_n > 50
    assert found / gold_n >= 0.9
    assert _bcubed(pairs) >= (0.97 if with_authority else 0.93)

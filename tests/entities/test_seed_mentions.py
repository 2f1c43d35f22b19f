"""Golden test on the seed telegram, through the real ``kartoteka parse`` command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kartoteka.cli import cli

PERSONS = {"Pishevari", "Shabustari", "Padegan", "Dzhavid", "Daneshyan", "Kuliyev", "Yemel’yanov", "Qavam",
           "Reza Shah", "Amir Nusrat Iskandari", "Dzhmal Imami", "Zul’fugari"}
PLACES = {"Tabriz", "Tehran", "Zanjan", "Ahvaz", "Iran", "Azerbaijan", "Greece", "Indonesia"}
ORGS = {"Azerbaijan Democratic Party", "Security Council", "Soviet government", "American embassy"}
GROUPS = {"Qashqai", "Bakhtiaris"}


def _record(seed_path: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rec: dict = json.loads(result.stdout.splitlines()[0])  # type: ignore[type-arg]
    return rec


def test_seed_mentions(seed_path: Path, seed_text: str) -> None:
    rec = _record(seed_path)
    by_kind: dict[str, set[str]] = {}
    for m in rec["mentions"]:
        assert seed_text[m["start"]:m["end"]] == m["text"]
        by_kind.setdefault(m["kind"], set()).add(m["text"])
    assert by_kind["person"] >= PERSONS
    assert by_kind["place"] >= PLACES
    assert by_kind["organization"] >= ORGS
    assert by_kind["group"] >= GROUPS
    assert not by_kind["person"] & {"Soviet Union", "Security Council", "Top Secret", "Tabriz", "Azerbaijani"}
    assert "Top Secret" not in {m["text"] for m in rec["mentions"]}
    dzhavid = next(m for m in rec["mentions"] if m["text"] == "Dzhavid")
    assert dzhavid["title"]["text"] == "Doctor"


def test_seed_entities(seed_path: Path) -> None:
    rec = _record(seed_path)
    qavam = {m["entity"] for m in rec["mentions"] if m["text"] == "Qavam"}
    assert len(qavam) == 1 and None not in qavam
    entities = {e["id"]: e for e in rec["entities"]}
    for m in rec["mentions"]:
        if m["kind"] == "place" and m["text"] in PLACES:
            e = entities[m["entity"]]
            assert e["coordinates"]["lat"] and e["coordinates"]["lon"]
    tabriz = next(e for e in entities.values() if e["name"] == "Tabriz")
    assert tabriz["authority"] == {"geonames": "113646"}
    assert rec["place"]["entity"] == tabriz["id"]


def test_cyrillic_names(tmp_path: Path) -> None:
    doc = tmp_path / "ru.txt"
    doc.write_text("Тегеран, 12 декабря 1946\n\nОтвет: Пишевари и Джавид находятся в Тебризе.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(doc), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout)
    kinds = {m["text"]: m["kind"] for m in rec["mentions"]}
    assert kinds["Пишевари"] == kinds["Джавид"] == "person"
    assert kinds["Тебризе"] == kinds["Тегеран"] == "place"
    tabriz = next(e for e in rec["entities"] if e["name"] == "Tabriz")
    assert tabriz["authority"] == {"geonames": "113646"}

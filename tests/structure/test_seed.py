"""Golden test on the seed (read from ../shared/seed, never copied): title, date, place, agents, chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kartoteka.cli import cli


def _record(path: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "jsonl", "--no-progress"])
    assert result.exit_code == 0, result.output
    rec: dict[str, Any] = json.loads(result.stdout.splitlines()[0])
    return rec


def _agent(a: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    return (a["text"], a["kind"], (a.get("office") or {}).get("text"), (a.get("rank") or {}).get("text"))


LEADERS = [
    ("Pishevari", "person", None, None),
    ("Shabustari", "person", None, None),
    ("Padegan", "person", None, None),
    ("Dzhavid", "person", None, "Doctor"),
    ("Daneshyan", "person", None, None),
]
FORWARDER = ("Yemel’yanov", "person", "Minister of State Security of the Azerbaijan SSR", "General-Major")


def test_seed_structure(seed_path: Path, seed_text: str) -> None:
    rec = _record(seed_path)
    assert rec["title"]["text"] == "Memo via a Telegraph Message from Tabriz"
    assert rec["date"]["iso"] == "1946-12-09" and rec["date"]["precision"] == "day"
    assert rec["place"]["text"] == "Tabriz"
    assert [_agent(a) for a in rec["senders"]] == LEADERS
    assert rec["recipients"] == []
    assert [_agent(a) for a in rec["signatories"]] == [*LEADERS, FORWARDER]
    chain = [(s["action"], [_agent(a) for a in s["agents"]], (s["date"] or {}).get("iso")) for s in rec["chain"]]
    assert chain == [
        ("authored", LEADERS, None),
        ("transmitted", [("Kuliyev", "person", None, None)], "1946-12-07"),
        ("forwarded", [FORWARDER], "1946-12-09"),
    ]
    # every span points into the seed's own text
    for field in ("title", "date", "place"):
        sp = rec[field]
        assert seed_text[sp["start"]:sp["end"]] == sp["text"]
    for a in rec["signatories"]:
        for sp in (a, a.get("office"), a.get("rank")):
            if sp:
                assert seed_text[sp["start"]:sp["end"]] == sp["text"]
    # the transmission date is the relay line's own "7 December 46", never 2046
    relay = rec["chain"][1]["date"]
    assert seed_text[relay["start"]:relay["end"]] == "7 December 46"

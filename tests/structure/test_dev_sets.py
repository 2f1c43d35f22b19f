"""The structure stage on the real dev sets, measured against the editors' gold.

FRUS (275 documents with TEI-derived gold) and the Soviet-genre set are read from ../shared;
the measures follow the shared scorers: titles and dates by value, places by text, agents by
one-to-one span overlap (FRUS) or by name/office text (genre)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Agent, Document
from kartoteka.structure import Structure, analyse

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FRUS_DEV = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat"
GENRE_DEV = SHARED / "corpus" / "genre-dev"


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip(" .,;:\"'()[]").casefold()


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    """Size of a maximum one-to-one matching between overlapping spans."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p, sp in enumerate(pred):
            if p in seen or not (max(gold[g][0], sp[0]) < min(gold[g][1], sp[1])):
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    return sum(augment(g, set()) for g in range(len(gold)))


def _structure(path: Path) -> tuple[str, Structure]:
    text = _read(path)
    return text, analyse(Document.from_text(text, path=str(path)), find_dates(text))


@pytest.fixture(scope="module")
def frus() -> list[tuple[dict[str, Any], str, Structure]]:
    golds = sorted((FRUS_DEV / "gold").glob("*.json"))
    if not golds:
        pytest.skip("frus-dev is not in ../shared")
    out = []
    for g in golds:
        gold = json.loads(_read(g))
        text, st = _structure(FRUS_DEV / gold["text_file"])
        out.append((gold, text, st))
    return out


def test_frus_title_date_place(frus: list[tuple[dict[str, Any], str, Structure]]) -> None:
    titles = dates = places = 0
    n_dates = n_places = 0
    for gold, _text, st in frus:
        titles += st.title is not None and _norm(st.title.text) == _norm(gold["title"]["text"])
        iso = (gold.get("date") or {}).get("iso_date")
        if iso:
            n_dates += 1
            dates += st.date is not None and st.date.iso.startswith(iso)
        gp = gold.get("place")
        if gp and gp.get("declassified", True) and "not declassified" not in gp["text"]:
            n_places += 1
            places += st.place is not None and _norm(st.place.text) == _norm(gp["text"])
    assert titles / len(frus) >= 0.98
    assert dates / n_dates >= 0.99
    assert places / n_places >= 0.95


@pytest.mark.parametrize(("field", "gold_key", "floor"),
                         [("senders", "sender", 0.90), ("recipients", "recipient", 0.90),
                          ("signatories", "signatories", 0.85)])
def test_frus_agents(frus: list[tuple[dict[str, Any], str, Structure]], field: str, gold_key: str,
                     floor: float) -> None:
    tp = n_gold = n_pred = 0
    for gold, text, st in frus:
        g = [(s["start"], s["end"]) for s in gold.get(gold_key) or []]
        if not g:
            continue
        agents: tuple[Agent, ...] = getattr(st, field)
        p = [(a.span.start, a.span.end) for a in agents]
        for a in agents:
            assert text[a.span.start:a.span.end] == a.span.text
        tp += _match(g, p)
        n_gold += len(g)
        n_pred += len(p)
    precision, recall = tp / n_pred, tp / n_gold
    assert 2 * precision * recall / (precision + recall) >= floor


def _names(agents: tuple[Agent, ...]) -> list[str]:
    out = []
    for a in agents:
        out.extend(_norm(s.text) for s in (a.span, a.office, a.rank) if s is not None)
    return out


def _found(name: str, names: list[str]) -> bool:
    n = _norm(name)
    return any(len(min(n, x, key=len)) >= 3 and (n in x or x in n) for x in names)


def test_genre_dev() -> None:
    gold_file = GENRE_DEV / "gold.json"
    if not gold_file.exists():
        pytest.skip("genre-dev is not in ../shared")
    ok = {"date": 0, "title": 0, "authors": 0, "recipients": 0}
    total = dict.fromkeys(ok, 0)
    for g in json.loads(_read(gold_file)):
        _text, st = _structure(GENRE_DEV / "docs" / f"{g['doc']}.txt")
        if g["date_iso"]:
            total["date"] += 1
            ok["date"] += st.date is not None and st.date.iso == g["date_iso"]
        if g["title"]:
            total["title"] += 1
            ok["title"] += st.title is not None and _norm(st.title.text) == _norm(g["title"])
        authors = _names(st.senders + st.signatories + tuple(a for step in st.chain for a in step.agents))
        for name in set(g["senders"] + g["signatories"]):
            total["authors"] += 1
            ok["authors"] += _found(name, authors)
        for name in g["recipients"]:
            total["recipients"] += 1
            ok["recipients"] += _found(name, _names(st.recipients))
    assert ok["date"] / total["date"] >= 0.95
    assert ok["title"] / total["title"] >= 0.95
    assert ok["authors"] / total["authors"] >= 0.90
    assert ok["recipients"] / total["recipients"] >= 0.85

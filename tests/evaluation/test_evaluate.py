"""``kartoteka evaluate``: the same numbers as the shared kscore tool, and a TEI volume scored in one command."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.evaluation.gold import gold_from_tei, load_volume, source_note_fields
from kartoteka.evaluation.matching import match, norm_text, span_match, text_match
from kartoteka.evaluation.predictions import assign
from kartoteka.evaluation.report import result_json
from kartoteka.evaluation.score import bcubed, score
from kartoteka.model import Span
from kartoteka.readers.tei import read_tei, read_tei_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat"
KSCORE = SHARED / "tools" / "kscore.py"
VOLUME = SHARED / "corpus" / "frus-tei" / "frus1952-54Guat.xml"

pytestmark = pytest.mark.skipif(not GOLD.exists() or not KSCORE.exists(), reason="shared corpus not present")


def kscore(pred: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(KSCORE), "--gold", str(GOLD), "--pred", str(pred), "--json",
                          "--by-volume"], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _jitter(rnd: random.Random, g: dict[str, Any]) -> dict[str, Any]:
    s, e = g["start"], g["end"]
    if rnd.random() < 0.2:
        s = max(0, s + rnd.randint(-4, 4))
        e = max(s, e + rnd.randint(-4, 4))
    return {"text": g.get("text", g.get("surface")), "start": s, "end": e}


def noisy_predictions(seed: int) -> list[str]:
    """Records made from the gold with spans moved, fields dropped, ids confused and junk lines."""
    rnd = random.Random(seed)
    lines = []
    for f in sorted((GOLD / "gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        if rnd.random() < 0.05:
            continue
        src = {"path": str(GOLD / "text" / Path(g["text_file"]).name),
               "sha256": g["text_sha256"] if rnd.random() < 0.95 else "0" * 64}
        if rnd.random() < 0.03:
            lines.append(json.dumps({"source": src, "error": {"code": "read_error", "message": "m"}}))
            continue
        cl = g["classification"] or {}
        rec = {
            "source": src,
            "title": _jitter(rnd, g["title"]) if rnd.random() < 0.9 else None,
            "date": {**_jitter(rnd, g["date"]), "iso": (g["date"]["iso_date"] or "")[:rnd.choice([4, 7, 10])]}
            if g["date"] and rnd.random() < 0.9 else None,
            "place": _jitter(rnd, g["place"]) if g["place"] and rnd.random() < 0.8 else None,
            "senders": [_jitter(rnd, x) for x in g["sender"] if rnd.random() < 0.8],
            "recipients": [_jitter(rnd, x) for x in g["recipient"] if rnd.random() < 0.8]
            + ([{"text": "x", "start": 0, "end": 1}] if rnd.random() < 0.2 else []),
            "signatories": [_jitter(rnd, x) for x in g["signatories"]],
            "classification": {"level": cl.get("level") if rnd.random() < 0.8 else "secret",
                               "caveats": [c for c in cl.get("caveats", []) if rnd.random() < 0.7]}
            if rnd.random() < 0.9 else None,
            "references": [_jitter(rnd, x) for x in g["archival_refs"]]
            + ([_jitter(rnd, g["archival_citation"])] if g["archival_citation"] and rnd.random() < 0.5 else []),
            "mentions": [{**_jitter(rnd, m), "kind": "person",
                          "entity": m["person_id"] if rnd.random() < 0.8 else rnd.choice(["a", "b", None, ""])}
                         for m in g["person_mentions"] if rnd.random() < 0.85]
            + [{"text": "zz", "start": 5, "end": 9, "kind": "person", "entity": "q"}] * (rnd.random() < 0.3)
            + [{"text": "zz", "start": "a", "end": 9, "kind": "person"}] * (rnd.random() < 0.1),
        }
        lines.append(json.dumps(rec))
    lines += ["not json", json.dumps({"source": {"path": "other/text/d5.txt"}}), lines[3]]
    return lines


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_numbers_as_kscore_on_noisy_predictions(tmp_path: Path, seed: int) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(noisy_predictions(seed)) + "\n", encoding="utf-8")
    theirs = kscore(pred)
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(GOLD), "--pred", str(pred), "--json", "--by-volume"])
    assert result.exit_code == 0, result.output
    mine = json.loads(result.stdout)
    assert mine["overall"] == theirs["overall"]
    assert mine["by_volume"] == theirs["by_volume"]
    assert mine["inputs"] == theirs["inputs"]
    assert 0 < mine["overall"]["persons"]["overlap"]["recall"] < 1  # the noise did bite


def test_same_numbers_as_kscore_on_parsed_documents(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted((GOLD / "text").glob("*.txt"))[:12]]
    runner = CliRunner()
    parsed = runner.invoke(cli, ["parse", *paths, "--format", "jsonl", "--no-progress"])
    assert parsed.exit_code == 0, parsed.output
    pred = tmp_path / "records.jsonl"
    pred.write_text(parsed.stdout, encoding="utf-8")
    theirs = kscore(pred)
    by_file = runner.invoke(cli, ["evaluate", "--gold", str(GOLD), "--pred", str(pred), "--json"])
    by_paths = runner.invoke(cli, ["evaluate", "--gold", str(GOLD), *paths, "--json", "--no-progress"])
    assert json.loads(by_file.stdout)["overall"] == theirs["overall"]
    assert json.loads(by_paths.stdout)["overall"] == theirs["overall"]
    assert theirs["overall"]["coverage"]["records"] == 12


def test_table_has_kscore_rows(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(noisy_predictions(4)) + "\n", encoding="utf-8")
    ks = subprocess.run([sys.executable, str(KSCORE), "--gold", str(GOLD), "--pred", str(pred)],
                        capture_output=True, text=True, check=True).stdout
    mine = CliRunner().invoke(cli, ["evaluate", "--gold", str(GOLD), "--pred", str(pred)]).stdout
    table = lambda s: s[s.index("cells:"):]  # noqa: E731 - the summary line names the tool
    assert table(mine) == table(ks)


@pytest.mark.parametrize(("pred", "gold", "same"), [
    ("Tehran", "Tehran, Iran", True),
    ("tehran.", "TEHRAN", True),
    ("New York", "York", True),
    ("Yorkshire", "York", False),
    ("", "", False),
])
def test_text_match(pred: str, gold: str, same: bool) -> None:
    assert text_match(pred, gold) is same


@pytest.mark.parametrize(("raw", "norm"), [("  The  Title. ", "the title"), ("A, B?!", "a, b"), ("x . .", "x")])
def test_norm_text(raw: str, norm: str) -> None:
    assert norm_text(raw) == norm


def test_matching_prefers_exact_spans_and_stays_one_to_one() -> None:
    assert span_match([(0, 10), (12, 20)], [(0, 20), (0, 10)]) == {0: 1, 1: 0}
    assert span_match([(0, 10), (2, 8)], [(0, 10)]) == {0: 0}
    assert match(["a b", "c"], ["c", "a b c"], text_match) == {0: 1, 1: 0}


def test_bcubed_sums() -> None:
    p, r = bcubed([("p1", "e1"), ("p1", "e1"), ("p2", "e1"), ("p2", "e2")])
    assert (round(p, 4), round(r, 4)) == (round(2 / 3 + 2 / 3 + 1 / 3 + 1, 4), 3.0)


@pytest.mark.parametrize(("note", "citation", "refs", "level", "caveats"), [
    ("Source: Central Intelligence Agency, Job 79-01025A, Box 10, Folder 1. Secret; Priority.",
     "Central Intelligence Agency, Job 79-01025A, Box 10, Folder 1", ["Job 79-01025A, Box 10, Folder 1"],
     "Secret", ("Priority",)),
    ("Source: Truman Library, Papers of Harry S. Truman, PSF. No classification marking. Drafted by X.",
     "Truman Library, Papers of Harry S. Truman, PSF", [], "Unmarked", ()),
    ("Source: Department of State, Central Files, 611.88/1–1659. Top Secret; Niact. Repeated to Paris.",
     "Department of State, Central Files, 611.88/1–1659", ["611.88/1–1659"], "Top Secret", ("Niact",)),
    ("Source: Department of State, Central Files, POL 15–1 IRAN. Confidential.",
     "Department of State, Central Files, POL 15–1 IRAN", ["POL 15–1 IRAN"], "Confidential", ()),
    ("Source: Eisenhower Library, Jackson Records. Prepared on October 29.",
     "Eisenhower Library, Jackson Records", [], None, None),
])
def test_source_note_fields(note: str, citation: str, refs: list[str], level: str | None,
                            caveats: tuple[str, ...] | None) -> None:
    cit, found, cl = source_note_fields(Span(100, 100 + len(note), note))
    assert cit is not None and cit.text == citation
    assert [s.text for _, s in found] == refs
    assert all(note[s.start - 100:s.end - 100] == s.text for _, s in found)
    assert (cl.level, cl.caveats) == (level, caveats) if cl else (level, caveats) == (None, None)


def test_gold_from_the_tei_volume_is_the_dev_gold() -> None:
    if not VOLUME.exists():
        pytest.skip("the FRUS TEI volume is not in ../shared")
    dev = {d.basename: d for d in load_volume(GOLD).docs}
    derived = {d.basename: d for d in gold_from_tei(read_tei_file(str(VOLUME))).docs}
    assert set(dev) == set(derived)
    same = sum(dev[k] == derived[k] for k in dev)
    exact_but_classification = sum(replace(dev[k], classification=derived[k].classification) == derived[k]
                                   for k in dev)
    assert exact_but_classification == len(dev)  # texts, offsets, people, places, dates, refs: all equal
    assert same >= len(dev) - 3  # the editors' source notes are parsed by rule: a few differ


VOLUME_XML = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Foreign Relations, Test Volume</title></titleStmt>
    <publicationStmt><idno type="frus">frus-test</idno></publicationStmt><sourceDesc><p/></sourceDesc>
  </fileDesc></teiHeader>
  <text><front><div xml:id="persons"><list>
    <item><hi rend="strong"><persName xml:id="p_HLW1">Henderson, Loy W.</persName>,</hi> Ambassador to Iran</item>
    <item><hi rend="strong"><persName xml:id="p_AD1">Acheson, Dean</persName>,</hi> Secretary of State</item>
  </list></div></front>
  <body>
    <div type="document" xml:id="d1" n="1">
      <head>1. Telegram From the Embassy in Iran to the Department of State<note n="1" type="source">Source:
        Department of State, Central Files, 788.00/1–552. Secret; Priority.</note></head>
      <dateline><placeName>Tehran</placeName>, <date when="1952-01-05">January 5, 1952</date>.</dateline>
      <p>1. I saw <persName corresp="#p_AD1">Acheson</persName> today about the oil question.</p>
      <closer><signed><persName corresp="#p_HLW1">Henderson</persName></signed></closer>
    </div>
    <div type="document" xml:id="d2" n="2">
      <head>2. Editorial Note</head>
      <p>Nothing to score here.</p>
    </div>
    <div type="document" xml:id="d3" n="3">
      <head>3. Memorandum From <persName corresp="#p_HLW1" type="from">Henderson</persName> to the
        Secretary of State (<persName corresp="#p_AD1" type="to">Acheson</persName>)<note n="1"
        type="source">Source: Department of State, Central Files, 788.00/2–152. Top Secret.</note></head>
      <dateline><placeName>Washington</placeName>, <date when="1952-02-01">February 1, 1952</date>.</dateline>
      <p>Secretary <persName corresp="#p_AD1">Acheson</persName> asked for a summary.</p>
    </div>
  </body></text>
</TEI>
"""


def test_a_tei_volume_is_imported_and_evaluated_in_one_command(tmp_path: Path) -> None:
    vol = tmp_path / "frus-test.xml"
    vol.write_text(VOLUME_XML, encoding="utf-8")
    imp = read_tei(VOLUME_XML.encode("utf-8"), str(vol))
    assert imp.documents[0].document.text.startswith(
        "Telegram From the Embassy in Iran to the Department of State\nTehran, January 5, 1952.\n\n1. I saw")
    result = CliRunner().invoke(cli, ["evaluate", "--tei", str(vol), "--json", "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    overall = out["overall"]
    assert overall["coverage"]["gold_docs"] == 2  # the editorial note has no dateline: not scored
    assert overall["coverage"]["rate"] == 1.0
    assert overall["coverage"]["sha256_mismatch"] == 0 and overall["coverage"]["spans_text_mismatch"] == 0
    assert out["inputs"]["unmatched_records"] == 0
    assert overall["persons"]["gold"] == 5
    assert overall["classification"]["level"]["total"] == 2
    assert overall["references"]["gold"] == 2
    assert overall["date"]["total"] == 2
    table = CliRunner().invoke(cli, ["evaluate", "--tei", str(vol), "--no-progress", "-j", "1"])
    assert "linking B-cubed F1" in table.stdout and "2 gold docs in 1 volume(s)" in table.stdout


def test_scores_of_a_derived_volume_use_its_documents() -> None:
    imp = read_tei(VOLUME_XML.encode("utf-8"), "frus-test.xml")
    vol = gold_from_tei(imp)
    perfect: list[dict[str, Any] | None] = []
    for d in vol.docs:
        perfect.append({
            "source": {"path": f"frus-test/{d.basename}", "sha256": d.sha256},
            "title": {"text": d.title.text, "start": d.title.start, "end": d.title.end} if d.title else None,
            "mentions": [{"text": p.span.text, "start": p.span.start, "end": p.span.end, "kind": "person",
                          "entity": p.person_id} for p in d.persons],
        })
    out = result_json(score([vol], assign(perfect, [vol])), "perfect")["overall"]
    assert out["title"]["accuracy"] == 1.0
    assert out["persons"]["exact"]["recall"] == 1.0 and out["persons"]["exact"]["precision"] == 1.0
    assert out["linking"]["bcubed"]["f1"] == 1.0


@pytest.mark.parametrize("args", [[], ["--gold", str(GOLD)], ["--gold", str(GOLD), "--pred", "x", "y"]])
def test_bad_invocations_give_one_line(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["evaluate", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_import_writes_the_volume_as_a_gold_set_kscore_reads(tmp_path: Path) -> None:
    vol = tmp_path / "frus-test.xml"
    vol.write_text(VOLUME_XML, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(vol), "--archive", str(tmp_path / "a.db"), "--gold-out",
                                 str(tmp_path / "gold"), "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 document(s): 3 added" in result.stderr
    gold_dir = tmp_path / "gold" / "frus-test"
    assert sorted(p.name for p in (gold_dir / "gold").iterdir()) == ["d1.json", "d3.json"]
    persons = json.loads((gold_dir / "persons.json").read_text(encoding="utf-8"))["persons"]
    assert [(p["id"], p["identification"]) for p in persons] == [("p_HLW1", "Ambassador to Iran"),
                                                                 ("p_AD1", "Secretary of State")]
    parsed = runner.invoke(cli, ["parse", str(gold_dir / "text"), "--format", "jsonl", "--no-progress"])
    pred = tmp_path / "records.jsonl"
    pred.write_text(parsed.stdout, encoding="utf-8")
    theirs = json.loads(subprocess.run([sys.executable, str(KSCORE), "--gold", str(gold_dir), "--pred", str(pred),
                                        "--json"], capture_output=True, text=True, check=True).stdout)
    mine = json.loads(runner.invoke(cli, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--json"]).stdout)
    assert mine["overall"] == theirs["overall"]
    assert theirs["overall"]["coverage"]["sha256_mismatch"] == 0
    assert theirs["overall"]["persons"]["gold"] == 5

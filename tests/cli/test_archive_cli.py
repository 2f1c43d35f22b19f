"""The archive commands through the real ``kartoteka`` entry point on real SQLite files:
ingest (idempotent), link, search (text and jsonl), show, entity, stats, correct — and their
one-line errors (missing archive, locked database, bad query, bad date)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kartoteka.cli import cli

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED_DIR = SHARED / "seed"
GENRE = SHARED / "corpus" / "genre-dev" / "docs"


def _count() -> int:
    """Documents in the seed and genre-dev folders (genre-dev grows: 8 documents once, 24 now)."""
    return len(list(SEED_DIR.glob("*.txt"))) + len(list(GENRE.glob("*.txt")))


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED_DIR.is_dir() or not GENRE.is_dir():
        pytest.skip("the seed and genre-dev documents are not in ../shared")
    db = tmp_path_factory.mktemp("archive") / "a.db"
    r = run("ingest", str(SEED_DIR), str(GENRE), "--archive", str(db), "--no-progress")
    assert r.exit_code == 0, r.output
    assert f"{_count()} added" in r.stderr
    return db


def stats(db: Path) -> dict[str, object]:
    r = run("stats", "--archive", str(db), "--format", "json")
    assert r.exit_code == 0, r.output
    out: dict[str, object] = json.loads(r.stdout)
    return out


def test_ingest_twice_adds_nothing(built: Path, tmp_path: Path) -> None:
    before = stats(built)
    assert before["documents"] == _count() and int(before["mentions"]) > 0 and int(before["entities"]) > 0  # type: ignore[call-overload]
    assert before["links_stale"] is False
    r = run("ingest", str(SEED_DIR), str(GENRE), "--archive", str(built), "--no-progress")
    assert r.exit_code == 0 and f"0 added, {_count()} already there" in r.stderr
    after = stats(built)
    assert {k: after[k] for k in ("documents", "mentions", "entities")} == {
        k: before[k] for k in ("documents", "mentions", "entities")}
    # the same bytes under another name are the same document
    copy = tmp_path / "copy.txt"
    copy.write_bytes(next(SEED_DIR.glob("*.txt")).read_bytes())
    r = run("ingest", str(copy), "--archive", str(built), "--no-progress")
    assert "0 added, 1 already there" in r.stderr and stats(built)["documents"] == _count()


def test_search_jsonl_has_the_contract_fields(built: Path) -> None:
    r = run("search", "Javid", "--archive", str(built), "--format", "jsonl")
    assert r.exit_code == 0, r.output
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert hits, "the seed's Dzhavid"
    for h in hits:
        assert {"source", "title", "score", "snippet"} <= h.keys()
        assert len(h["source"]["sha256"]) == 64 and Path(h["source"]["path"]).exists()
    assert any("**Dzhavid**" in h["snippet"] for h in hits)


def test_search_text_shows_snippets_spellings_and_facets(built: Path) -> None:
    r = run("search", "Emelyanov", "--archive", str(built))  # the seed writes "Yemel’yanov"
    assert r.exit_code == 0, r.output
    assert "seed/000_e3d0ee8980a77a04" in r.stdout and "also searched for 'Emelyanov' as:" in r.stdout
    assert "Yemel’yanov" in r.stdout and "Емельянов" in r.stdout
    assert "year: 1946" in r.stdout
    # the filters leave the December 1946 top-secret telegrams: the seed and its Russian twin (Кавам)
    r = run("search", "Qavam", "--archive", str(built), "--from", "1946-12", "--to", "1946-12",
            "--classification", "top secret", "--limit", "5")
    assert r.exit_code == 0 and "seed/000_e3d0ee8980a77a04" in r.stdout
    assert "2 document(s) for 'Qavam'" in r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["search", '"', "--archive", "{db}"], "nothing to search for"),
    (["search", "oil", "--archive", "{db}", "--from", "June 1953"], "--from: not a date"),
    (["search", "oil", "--archive", "{db}", "--to", "1953-02-30"], "no day 30"),
    (["search", "oil", "--archive", "{db}", "--classification", "very secret"], "no classification"),
    (["search", "oil", "--archive", "{missing}"], "no archive here"),
    (["stats", "--archive", "{missing}"], "no archive here"),
    (["show", "nothing.txt", "--archive", "{db}"], "no such document"),
    (["entity", "Nobody Atall", "--archive", "{db}"], "no entity called"),
    (["correct", "undo", "77", "--archive", "{db}", "--reason", "x"], "no correction #77"),
    (["correct", "date", "000_e3d0ee8980a77a04.txt", "1946-13", "--archive", "{db}", "--reason", "x"], "no month 13"),
    (["search", "oil", "--archive", "http://example.org/x"], "unknown archive address"),
])
def test_errors_are_one_clear_line(built: Path, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.format(db=built, missing=tmp_path / "missing.db") for a in args]
    r = run(*args)
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kartoteka: error:") and message in lines[0], r.stderr
    assert "Traceback" not in r.output


def test_locked_archive_is_a_clear_error(built: Path) -> None:
    holder = sqlite3.connect(built, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = run("correct", "title", "000_e3d0ee8980a77a04.txt", "A title", "--archive", str(built),
                "--reason", "typo", env={"KARTOTEKA_BUSY_TIMEOUT": "0.2"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.exit_code == 2 and "locked by another process" in r.stderr
    # reading goes on while another process writes (WAL)
    assert run("search", "Qavam", "--archive", str(built)).exit_code == 0


def test_odd_queries_never_crash(built: Path) -> None:
    for q in ['"', "(", ")", "NOT", "AND OR", "*", "-", "NEAR(a b", "a:b", "'; DROP TABLE documents; --",
              "\\", "ё*", "Qavam^", "{x}", "[signed]", "x" * 2000]:
        r = run("search", q, "--archive", str(built))
        assert r.exit_code in (0, 2), (q, r.output)
        if r.exit_code == 2:
            assert r.stderr.startswith("kartoteka: error:") and len(r.stderr.strip().splitlines()) == 1


def test_show_entity_and_corrections_through_the_cli(built: Path) -> None:
    r = run("show", "000_e3d0ee8980a77a04.txt", "--archive", str(built), "--no-text")
    assert r.exit_code == 0 and "Tabriz" in r.stdout
    r = run("entity", "Qavam", "--archive", str(built))
    assert r.exit_code == 0 and "Qavam" in r.stdout and "mentions" in r.stdout
    r = run("correct", "title", "000_e3d0ee8980a77a04.txt", "Telegram of the ADP leaders", "--archive", str(built),
            "--reason", "the heading names the wrong form", "--author", "an archivist")
    assert r.exit_code == 0, r.output
    cid = r.stdout.split()[0].lstrip("#")
    r = run("correct", "list", "--archive", str(built), "--format", "jsonl")
    entry = json.loads(r.stdout.splitlines()[-1])
    assert entry["author"] == "an archivist" and entry["action"] == "set_title" and entry["undone_at"] is None
    # a full re-ingest (every document parsed again) keeps the correction
    r = run("ingest", str(SEED_DIR), str(GENRE), "--archive", str(built), "--reparse", "--no-progress")
    assert r.exit_code == 0 and f"{_count()} re-parsed" in r.stderr, r.output
    assert "Telegram of the ADP leaders" in run("show", "000_e3d0ee8980a77a04", "--archive", str(built), "--no-text").stdout
    r = run("correct", "undo", cid, "--archive", str(built), "--reason", "wrong after all")
    assert r.exit_code == 0
    shown = run("show", "000_e3d0ee8980a77a04", "--archive", str(built), "--no-text").stdout
    assert "Telegram of the ADP leaders" not in shown and "Memo via a Telegraph Message from Tabriz" in shown


def test_python_m_entry_point_prints_stats(built: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kartoteka", "stats", "--archive", str(built), "--format", "json"],
                         capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(out.stdout)["documents"] == _count()


def test_entity_corrections_through_the_cli(built: Path) -> None:
    db = str(built)
    show = run("show", "000_e3d0ee8980a77a04", "--archive", db, "--no-text").stdout
    qavam_ids = [line.split()[0].lstrip("#") for line in show.splitlines()
                 if line.strip().startswith("#") and " Qavam " in f" {line} " and "person" in line]
    assert len(qavam_ids) >= 2, show
    steps = [
        ("merge", "Qavam", "Pishevari"),
        ("split", "Qavam", "--mention", qavam_ids[0], "--name", "Qavam (another)"),
        ("attach", qavam_ids[1], "--none"),
        ("rename", "Pishevari", "Ahmad Qavam"),  # merged: Pishevari is a spelling of it now
    ]
    for step in steps:
        r = run("correct", *step, "--archive", db, "--reason", "reading of the file", "--author", "t")
        assert r.exit_code == 0, (step, r.output)
    r = run("entity", "Ahmad Qavam", "--archive", db)
    assert r.exit_code == 0 and "Pishevari" in r.stdout and "(correction #" in r.stdout
    r = run("entity", "Qavam (another)", "--archive", db)
    assert r.exit_code == 0 and "made by a correction" in r.stdout
    listed = run("correct", "list", "--archive", db).stdout
    assert listed.count("active") >= 4
    r = run("correct", "attach", qavam_ids[1], "Qavam", "--none", "--archive", db, "--reason", "x")
    assert r.exit_code == 2 and "exactly one of ENTITY and --none" in r.stderr
    # a split by spelling takes every mention so spelled, without one id per occurrence
    r = run("correct", "split", "Ahmad Qavam", "--spelling", "Pishevari", "--name", "Pishevari", "--archive", db,
            "--reason", "not the same man", "--author", "t")
    assert r.exit_code == 0 and "into 'Pishevari'" in r.stdout, r.output
    r = run("correct", "split", "Ahmad Qavam", "--spelling", "Nobody", "--name", "X", "--archive", db, "--reason", "x")
    assert r.exit_code == 2 and "no mention to split off" in r.stderr
    for line in run("correct", "list", "--active", "--format", "jsonl", "--archive", db).stdout.splitlines():
        cid = str(json.loads(line)["id"])
        assert run("correct", "undo", cid, "--archive", db, "--reason", "test over").exit_code == 0
    assert "Ahmad Qavam" not in run("entity", "Qavam", "--archive", db).stdout


def test_archive_tei_export_of_the_seed_equals_its_parse(tmp_path: Path) -> None:
    if not SEED_DIR.is_dir():
        pytest.skip("the seed is not in ../shared")
    seed = next(SEED_DIR.glob("*.txt"))
    db = tmp_path / "seed.db"
    assert run("ingest", str(seed), "--archive", str(db), "--no-progress").exit_code == 0
    r = run("export", "tei", "--archive", str(db), "--out", str(tmp_path / "tei"))
    assert r.exit_code == 0, r.output
    parsed = run("parse", str(seed), "--format", "tei")
    assert parsed.exit_code == 0, parsed.output
    exported = (tmp_path / "tei" / f"{seed.stem}.xml").read_text(encoding="utf-8")
    assert "<persName" in exported and "<standOff>" in exported
    assert exported.strip() == parsed.stdout.strip()


def test_archive_tei_export_carries_historians_values(tmp_path: Path) -> None:
    from lxml import etree

    from kartoteka.schema import schema_path

    if not SEED_DIR.is_dir():
        pytest.skip("the seed is not in ../shared")
    seed = next(SEED_DIR.glob("*.txt"))
    db = str(tmp_path / "seed.db")
    assert run("ingest", str(seed), "--archive", db, "--no-progress").exit_code == 0
    fixes = [("title", "A plea for arms, as the file cover has it", "A. Historian"),
             ("date", "1946-12-08", "A. Historian"), ("classification", "secret", "B. Reader")]
    for what, value, who in fixes:
        r = run("correct", what, seed.name, value, "--archive", db, "--reason", f"why {what}", "--author", who)
        assert r.exit_code == 0, r.output
    assert run("export", "tei", "--archive", db, "--out", str(tmp_path / "tei")).exit_code == 0
    tree = etree.parse(str(tmp_path / "tei" / f"{seed.stem}.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    title = tree.find(".//t:titleStmt/t:title", ns)
    assert title is not None and title.text == fixes[0][1] and title.get("n") is None  # not in the text
    date = tree.find(".//t:creation/t:date", ns)
    assert date is not None and date.get("when") == "1946-12-08" and date.get("cert") == "high"
    level = tree.find(".//t:keywords/t:term[@type='level']", ns)
    assert level is not None and level.text == "secret"
    for el in (title, date, level):
        resp = str(el.get("resp"))[1:]
        who = tree.find(f".//t:respStmt[@xml:id='{resp}']/t:name", {**ns, "xml": "http://www.w3.org/XML/1998/namespace"})
        assert who is not None and who.text in {f[2] for f in fixes}
    notes = {n.get("subtype"): n.text or "" for n in tree.findall(".//t:notesStmt/t:note[@type='correction']", ns)}
    assert set(notes) == {"title", "date", "classification"}
    assert all(f"why {k}" in v and "correction" in v for k, v in notes.items())
    rng = etree.RelaxNG(etree.parse(schema_path()))
    assert rng.validate(tree), rng.error_log.last_error
    # the tables carry the corrected title and say who set each value
    assert run("export", "jsonl", "--archive", db, "--out", str(tmp_path / "jsonl")).exit_code == 0
    row = json.loads((tmp_path / "jsonl" / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row["title"] == fixes[0][1] and row["date"] == "1946-12-08" and row["classification"] == "secret"
    assert set(row["corrected_by"].split(" | ")) == {f"{w}: {who}" for w, _, who in fixes}


def test_show_prints_the_chain_and_the_marks_as_parse_does(built: Path) -> None:
    parsed = run("parse", str(SEED_DIR / "000_e3d0ee8980a77a04.txt"), "--no-progress").stdout
    shown = run("show", "000_e3d0ee8980a77a04", "--archive", str(built), "--no-text").stdout

    def lines(out: str, label: str) -> list[str]:
        got, on = [], False
        for line in out.splitlines():
            head = line.strip().split(" ", 1)[0] if line.strip() else ""
            if head == label:
                on = True
            elif head and not head[0].isdigit() and on:
                on = False
            if on and line.strip():
                got.append(line.strip().removeprefix(label).strip())
        return got

    chain = lines(parsed, "chain")
    assert len(chain) == 3 and chain[1] == "2. transmitted: Kuliyev on 1946-12-07"
    assert [s.split(" at ")[0] for s in lines(shown, "chain")] == chain  # show adds a step's place
    assert lines(shown, "marks") == lines(parsed, "marks") and "foreign:[vystupleniye]" in lines(shown, "marks")[0]


@pytest.mark.parametrize(("typed", "iso", "bounds", "certainty"), [
    ("1946-12", "1946-12", ("1946-12-01", "1946-12-31"), "high"),
    ("1946-12-07/1946-12-09", "1946-12-07", ("1946-12-07", "1946-12-09"), "high"),
    ("circa 1946", "1946", ("1946-01-01", "1946-12-31"), "low"),
    ("1946-12?", "1946-12", ("1946-12-01", "1946-12-31"), "low"),
])
def test_a_date_correction_takes_ranges_and_uncertain_dates(built: Path, typed: str, iso: str,
                                                            bounds: tuple[str, str], certainty: str) -> None:
    r = run("correct", "date", "000_e3d0ee8980a77a04.txt", typed, "--archive", str(built), "--reason", "the register")
    assert r.exit_code == 0, r.output
    cid = r.stdout.split()[0].lstrip("#")
    with sqlite3.connect(built) as c:
        row = c.execute("SELECT date_iso, date_not_before, date_not_after, date_certainty FROM documents "
                        "WHERE path LIKE '%000_e3d0ee8980a77a04.txt'").fetchone()
    c.close()
    assert row == (iso, *bounds, certainty)
    # the same correction again is refused in words, and nothing is logged
    again = run("correct", "date", "000_e3d0ee8980a77a04.txt", typed, "--archive", str(built), "--reason", "twice")
    assert again.exit_code == 2 and f"already in force: #{cid}" in again.stderr
    assert run("correct", "undo", cid, "--archive", str(built), "--reason", "test done").exit_code == 0


def test_entity_lists_its_documents_with_dates_oldest_first(built: Path) -> None:
    out = run("entity", "Tehran", "--kind", "place", "--archive", str(built)).stdout
    rows = out.split("  documents:", 1)[1].splitlines()[1:]
    dates = [r.split()[0] for r in rows if r.startswith("    ")]
    assert dates and all(d == "undated" or d[:4].isdigit() for d in dates)
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated ones last
    seen = sum(int(line.split(" seen ")[1].split()[0]) for line in out.splitlines() if " seen " in line)
    assert f"mentions     {seen} in" in out  # the spellings' counts sum to the mentions

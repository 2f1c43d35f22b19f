"""`kartoteka parse` through its real entry point: the contract's shape, bad files, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kartoteka.cli import cli

CONTRACT_FIELDS = {
    "source", "title", "date", "place", "senders", "recipients", "signatories", "chain",
    "classification", "references", "summary", "marks", "dates", "mentions", "entities",
}


def _spans(obj: object) -> list[dict[str, object]]:
    """Every span-like object (text/start/end) anywhere in a record."""
    out: list[dict[str, object]] = []
    if isinstance(obj, dict):
        if {"text", "start", "end"} <= obj.keys():
            out.append(obj)
        for v in obj.values():
            out.extend(_spans(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(_spans(v))
    return out


def test_seed_record_has_every_contract_field_and_exact_spans(seed_path: Path, seed_text: str) -> None:
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "jsonl", "--no-progress"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec.keys() >= CONTRACT_FIELDS
    assert rec["source"]["path"] == str(seed_path)
    for span in _spans(rec):
        assert seed_text[span["start"]:span["end"]] == span["text"]  # type: ignore[index,misc]


def test_bad_file_does_not_stop_the_batch(tmp_path: Path, seed_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_bytes(seed_path.read_bytes())
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 50)
    also_good = tmp_path / "c.txt"
    also_good.write_text("SECRET\n\nTehran, 9 December 1946.\n\nA short note.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kartoteka", "parse", str(tmp_path), "--format", "jsonl", "--no-progress"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(r["source"]["path"]).name for r in recs] == ["a.txt", "b.txt", "c.txt"]
    assert "error" in recs[1] and recs[1]["error"]["code"] == "read_error"
    assert "b.txt" in recs[1]["error"]["message"]
    assert "error" not in recs[0] and "error" not in recs[2]
    assert "b.txt" in proc.stderr and "binary" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_legacy_cyrillic_file_is_read_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Совершенно секретно\n\nТебриз, 7 декабря 1946 г.\n\nДжавид\n".encode("cp1251"))
    result = CliRunner().invoke(cli, ["parse", str(path), "--format", "jsonl", "--no-progress"])
    assert result.exit_code == 0
    rec = json.loads(result.stdout)
    assert rec["source"]["encoding"] == "cp1251"
    assert any("cp1251" in w for w in rec["warnings"])


def test_missing_path_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["parse", "/no/such/file.txt", "--format", "jsonl", "--no-progress"])
    assert result.exit_code == 1
    assert "no such file" in result.stderr
    assert json.loads(result.stdout)["error"]["code"] == "read_error"


def test_text_view_is_readable(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--no-progress"])
    assert result.exit_code == 0
    assert result.stdout.startswith("== ")
    assert "title" in result.stdout


def test_tei_format_takes_one_file(tmp_path: Path, seed_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(seed_path.read_bytes())
    result = CliRunner().invoke(cli, ["parse", str(tmp_path), "--format", "tei", "--no-progress"])
    assert result.exit_code == 2
    assert "export tei" in result.stderr
    one = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "tei", "--no-progress"])
    assert one.exit_code == 0
    assert one.stdout.count("<TEI ") == 1

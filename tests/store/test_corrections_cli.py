"""What a historian sees of corrections through ``kartoteka correct``: the help, the log for one
document or entity, what an undo leaves, and one-line refusals."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from kartoteka.cli import cli

SEED = "000_e3d0ee8980a77a04.txt"


def _run(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def db(soviet_paths: list[str], tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "a.db")
    _run("ingest", *soviet_paths, "--archive", path, "--no-progress")
    who = ("--archive", path, "--author", "Dr. Amanat", "--reason", "checked")
    _run("correct", "date", SEED, "1946-12-11", *who)
    _run("correct", "date", SEED, "1946-12-12", *who)
    _run("correct", "merge", "Pishevari", "Padegan", *who)
    _run("correct", "title", "g01.txt", "Ciphered telegram from Tabriz", *who)
    return path


def test_help_names_every_command_in_full() -> None:
    out = _run("correct", "--help").stdout
    for command in ("attach", "classification", "date", "list", "merge", "rename", "split", "title", "undo"):
        line = next(x for x in out.splitlines() if x.strip().startswith(command + " "))
        assert not line.rstrip().endswith("..."), line
    assert "--reason" in out and "export" in out


@pytest.mark.parametrize(("args", "expected", "absent"), [
    (("--document", SEED), ["date of 000_e3d0ee8980a77a04.txt", "merge Padegan"], ["g01.txt"]),
    (("--document", "g01.txt"), ["title of g01.txt"], ["date of"]),
    (("--entity", "Pishevari"), ["merge Padegan"], ["date of", "title of"]),
    ((), ["date of", "merge Padegan", "title of g01.txt"], []),
])
def test_list_for_one_document_or_entity(db: str, args: tuple[str, ...], expected: list[str],
                                         absent: list[str]) -> None:
    out = _run("correct", "list", "--archive", db, *args).stdout
    for text in expected:
        assert text in out
    for text in absent:
        assert text not in out


def test_undo_says_what_holds_now_and_refuses_twice(db: str) -> None:
    listed = _run("correct", "list", "--archive", db, "--document", SEED, "--format", "jsonl").stdout.splitlines()
    dates = [json.loads(x)["id"] for x in listed if json.loads(x)["action"] == "set_date"]
    out = _run("correct", "undo", str(dates[1]), "--archive", db, "--reason", "one day off").stdout
    assert out.strip().endswith("its date is 1946-12-11")  # the earlier correction holds again
    out = _run("correct", "undo", str(dates[0]), "--archive", db, "--reason", "the parse was right").stdout
    assert out.strip().endswith("its date is 1946-12-09")  # the parse's date
    again = _run("correct", "undo", str(dates[0]), "--archive", db, "--reason", "x", code=2)
    assert "already undone" in again.stderr and len(again.stderr.strip().splitlines()) == 1
    active = _run("correct", "list", "--archive", db, "--document", SEED, "--active").stdout
    assert "date of" not in active and "merge Padegan" in active


def test_list_needs_one_filter(db: str) -> None:
    result = _run("correct", "list", "--archive", db, "--document", SEED, "--entity", "Pishevari", code=2)
    assert "not both" in result.stderr

"""The persons list an archive keeps, and the people it must not swallow, through the real CLI on
SQLite and PostgreSQL: Beria (a Soviet telegram), Biriya (a telegram from Tabriz) and Berry (a
CIA memo, listed in the Guatemala volume's persons) stay three people; the list given at ingest
survives `link --full`; a split survives `link --full` and a re-ingest, its spelling with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kartoteka.cli import cli
from kartoteka.store import open_archive

LIST = Path(__file__).resolve().parents[2].parent / "shared/corpus/frus-dev/frus1952-54Guat/persons.json"
BERRY = "p_BLJ1"  # "Berry, Lampton J." in that list

# Written for these tests in the conventions of a Soviet ciphered telegram, a consular telegram
# from Tabriz and a CIA memorandum for the record; no published text.
DOCS = {
    "soviet.txt": """CIPHERED TELEGRAM

From BAKU
Sent 21:10 3.XII.1946

To Comrade L. P. Beria

Top Secret

Reporting that the courier from Tabriz arrived this evening with the letter of the Central Committee of the \
Democratic Party. As Comrade Beria instructed, the letter was not shown to the Iranian consulate. The arms \
promised in October have not yet been sent across the border at Julfa.

Bagirov

No 2214
""",
    "tabriz.txt": """TELEGRAM

From TABRIZ
Sent 14:35 5.XII.1946

Top Secret

Today at a meeting of the Democratic Party in the Tabriz theatre the head of the propaganda section, Mohammad \
Biriya, spoke against the entry of government troops into Zanjan. Biriya said that the fedai [militia] would \
defend every village.

Consul General Krasnykh

No 1311-1312
""",
    "memo.txt": """MEMORANDUM FOR THE RECORD

SUBJECT: Meeting with Mr. Lampton J. Berry, Department of State, 12 March 1954

1. On 11 March Mr. Berry received the undersigned in his office at the Department. Mr. Berry said that the \
Department would raise no objection to the proposed briefing of the Ambassador.

2. Berry asked that the Department be told in advance of any public statement.

J. C. King
Chief, WH Division
""",
}
# a later note that spells a Lebanese politician as the listed Berry's surname is spelled
LATER = {"note.txt": """NOTE FOR THE FILE

Beirut, 4 May 1954

The consulate reports that Berri spoke at the rally in Tyre. Berri is not known to the Embassy.
"""}


def _run(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def _write(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _entities(url: str, doc: str, surface: str) -> set[str | None]:
    with open_archive(url) as arc:
        return {m.entity for m in arc.document(doc).mentions if m.text == surface and m.kind == "person"}


def _mentions(url: str, doc: str, surface: str) -> list[str]:
    with open_archive(url) as arc:
        return [str(m.id) for m in arc.document(doc).mentions if m.text == surface]


def _variants(url: str, entity: str) -> set[str]:
    with open_archive(url) as arc:
        return {v.variant for v in arc.entity(entity).variants}


@pytest.fixture
def listed(archive_url: str, tmp_path: Path) -> str:
    if not LIST.exists():
        pytest.skip("frus-dev is not in ../shared")
    folder = _write(tmp_path / "docs", DOCS)
    out = _run("ingest", str(folder), "--archive", archive_url, "--persons", str(LIST), "--no-progress")
    assert "kept in the archive" in out.stderr
    return archive_url


def test_beria_biriya_and_berry_stay_three_people(listed: str) -> None:
    beria = _entities(listed, "soviet.txt", "Beria") | _entities(listed, "soviet.txt", "L. P. Beria")
    biriya = _entities(listed, "tabriz.txt", "Biriya") | _entities(listed, "tabriz.txt", "Mohammad Biriya")
    berry = _entities(listed, "memo.txt", "Berry") | _entities(listed, "memo.txt", "Lampton J. Berry")
    assert berry == {BERRY}
    assert len(beria) == 1 and len(biriya) == 1
    assert len(beria | biriya | berry) == 3
    assert not {"Beria", "Biriya"} & _variants(listed, BERRY)


def test_link_full_without_persons_keeps_the_list(listed: str) -> None:
    _run("link", "--archive", listed, "--full", "--no-progress")
    assert _entities(listed, "memo.txt", "Berry") == {BERRY}
    out = _run("entity", BERRY, "--archive", listed).stdout
    assert "Deputy Operations Coordinator" in out
    assert "p_BLJ1" in _run("persons", "show", "--archive", listed).stdout


def test_another_list_is_refused_and_set_or_drop_is_explicit(listed: str, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text('id,name,variants,description\nx1,"Beria, Lavrenti P.",,People\'s Commissar\n', encoding="utf-8")
    refused = _run("link", "--archive", listed, "--persons", str(other), code=2)
    assert "kartoteka persons set" in refused.stderr
    assert _entities(listed, "memo.txt", "Berry") == {BERRY}
    _run("persons", "drop", "--archive", listed)
    assert _entities(listed, "memo.txt", "Berry") != {BERRY}
    assert "no persons list" in _run("persons", "show", "--archive", listed).stderr
    _run("persons", "set", str(other), "--archive", listed)
    assert _entities(listed, "soviet.txt", "L. P. Beria") == {"x1"}
    assert _entities(listed, "tabriz.txt", "Mohammad Biriya") != {"x1"}
    _run("link", "--archive", listed, "--persons", str(other), "--no-progress")  # the kept list: accepted


def test_a_split_and_its_spelling_survive_link_full_and_reingest(listed: str, tmp_path: Path) -> None:
    later = _write(tmp_path / "later", LATER)
    _run("ingest", str(later), "--archive", listed, "--no-progress")
    assert _entities(listed, "note.txt", "Berri") == {BERRY}  # the listed surname's spelling key
    first, second = _mentions(listed, "note.txt", "Berri")
    _run("correct", "split", BERRY, "--mention", first, "--mention", second, "--name", "Nabih Berri", "--archive", listed,
         "--author", "historian", "--reason", "a Lebanese politician, not the State Department's Berry")
    split = _entities(listed, "note.txt", "Berri")
    assert len(split) == 1 and BERRY not in split
    assert "Berri" not in _variants(listed, BERRY)  # every mention so spelled: the spelling went with them
    _run("link", "--archive", listed, "--full", "--no-progress")
    assert _entities(listed, "note.txt", "Berri") == split
    _run("ingest", str(tmp_path / "docs"), str(later), "--reparse", "--archive", listed, "--no-progress")
    assert _entities(listed, "note.txt", "Berri") == split
    assert _entities(listed, "memo.txt", "Berry") == {BERRY}
    assert "Berri" not in _variants(listed, BERRY)
    # a new document's mention so spelled goes with the split too
    again = _write(tmp_path / "again", {"note2.txt": LATER["note.txt"].replace("4 May", "9 May")})
    _run("ingest", str(again), "--archive", listed, "--no-progress")
    assert _entities(listed, "note2.txt", "Berri") == split

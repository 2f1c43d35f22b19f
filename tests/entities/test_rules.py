"""Table-driven tests of the recognition rules (pure functions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.entities import closings, groups, rules, shapes


@pytest.mark.parametrize(("word", "expected"), [
    ("Kuliyev", True), ("Yemel’yanov", True), ("Daneshyan", True), ("Khrushchev", True), ("Mikoyan", True),
    ("Iranian", False), ("Azerbaijani", False), ("Tabriz", False), ("Government", False),
])
def test_surname_shape(word: str, expected: bool) -> None:
    assert shapes.surname_shaped(word) is expected


@pytest.mark.parametrize(("word", "expected"), [
    ("Azerbaijani", True), ("Iranian", True), ("Soviet", True), ("Guatemalan", True), ("Qavam", False),
    ("Pishevari", False),
])
def test_demonyms(word: str, expected: bool) -> None:
    assert shapes.is_demonym(word) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Qavam", True), ("Amir Nusrat Iskandari", True), ("Top Secret", False), ("Security Council", False),
    ("Soviet Union", False), ("PBSUCCESS", False), ("Ambassador", False), ("S", False),
])
def test_person_words(name: str, expected: bool) -> None:
    assert shapes.person_words_ok(name) is expected


def test_closing_list_and_signature() -> None:
    text = "Body text here.\n\nWith deep respect: Pishevari, Shabustari, Doctor Dzhavid\n\n7 December 46   Kuliyev\n"
    closing = [(text[f.start:f.end], f.title) for f in closings.closing_names(text)]
    assert [n for n, _ in closing] == ["Pishevari", "Shabustari", "Dzhavid"]
    title = closing[2][1]
    assert title is not None and text[title[0]:title[1]] == "Doctor"
    assert [text[f.start:f.end] for f in closings.signature_lines(text)] == ["Kuliyev"]


def test_office_with_name_in_brackets() -> None:
    text = "The Ambassador in Iran (Allen) to the Secretary of State"
    (found,) = [f for f in rules.titled_names(text) if f.method == "rule:office"]
    assert text[found.start:found.end] == "Allen"
    assert found.title is not None and text[found.title[0]:found.title[1]] == "Ambassador in Iran"


@pytest.mark.parametrize(("text", "expected"), [
    ("The Qashqai, the Bakhtiaris, and other regions", ["Qashqai", "Bakhtiaris"]),
    ("to arm our fedai [militia]", ["fedai"]),
    ("The leaders of the Mukri and Shikak tribes", ["Mukri", "Shikak"]),
])
def test_groups(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in groups.find_groups(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SUBJECT\nVisit\n\nPARTICIPANTS\nHis Imperial Majesty Mohammad Reza Pahlavi, Shah of Iran\n"
     "Ambassador Hossein Ghods\nThe Secretary\nPhillips Talbot, Assistant Secretary\n\nThe Shah said.",
     [("Mohammad Reza Pahlavi", "His Imperial Majesty"), ("Hossein Ghods", "Ambassador"), ("Phillips Talbot", None)]),
    ("Persons Present: RUFUS, [name not declassified], Mylkes and Mr. John Smith\n\nText.",
     [("Mylkes", None), ("John Smith", "Mr.")]),
    ("Participants: none recorded\n", []),
    ("The present situation in Iran\nis calm.\n", []),
])
def test_name_lists(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = [(text[f.start:f.end], text[f.title[0]:f.title[1]] if f.title else None) for f in closings.name_lists(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Top Secret; Eyes Only. Drafted by Rockwell and approved by Talbot.", ["Rockwell", "Talbot"]),
    ("Drafted by J.D. Esterline, Smith and cleared by Wisner.", ["J.D. Esterline", "Smith", "Wisner"]),
    ("618. For Ambassador from Talbot. Prime Minister's death", ["Talbot"]),
    ("Approved by the Department on June 3.", []),
    ("For Ambassador from Tehran.", []),
])
def test_by_lines(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in closings.by_lines(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Пишевари заявил, что партия готова.", ["Пишевари"]),
    ("Сообщаю, что Пишевари заявил.", ["Пишевари"]),
    ("Сталин И. В. принял решение.", ["Сталин"]),
    ("Делегация прибыла в Тебриз.", []),
    ("Однако они ушли.", []),
    ("Правительство заявило протест.", []),
    ("Совет принял решение. Совет и народ.", []),  # written in lower case too? no: a function-free noun
])
def test_cyrillic_names_at_sentence_start(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e, k in rules.cyrillic_names(text) if k == "person"] == expected



@pytest.mark.parametrize(("text", "surface", "kind"), [
    ("Posts in Mexico City, Havana, Montevideo, Buenos Aires, Santiago and Panama.", "Buenos Aires", "place"),
    ("He said Sec. Anderson just told him that the plan stood.", "Anderson", "person"),
])
def test_recognised_kind(tmp_path: Path, text: str, surface: str, kind: str) -> None:
    (tmp_path / "d.txt").write_text(f"Memorandum\n\n{text}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(tmp_path / "d.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    found = {m["text"]: m["kind"] for m in json.loads(result.stdout)["mentions"]}
    assert found.get(surface) == kind

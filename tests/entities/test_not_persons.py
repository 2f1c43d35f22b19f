"""Words that are never a person's name by themselves, and names the collection keeps as persons."""

from __future__ import annotations

import pytest

from kartoteka import parse_text
from kartoteka.entities import cable
from kartoteka.entities.shapes import is_demonym, person_words_ok
from kartoteka.linking import link
from kartoteka.model import MentionKind


@pytest.mark.parametrize(("word", "ok"), [
    ("Greek", False), ("Greeks", False), ("Cypriots", False), ("Turk", False), ("Soviet", False),
    ("Ba'thist", False), ("Nasserite", False), ("Pan-Arab", False), ("Anti-Soviet", False), ("Greek-Turkish", False),
    ("Amembassy", False), ("Deptel", False), ("Govt", False), ("Tab", False), ("Vol", False),
    ("Kissinger", True), ("Lindqvist", True), ("Hoveyda", True), ("Gromyko", True), ("Pishevari", True),
])
def test_person_words(word: str, ok: bool) -> None:
    assert person_words_ok(word) is ok


@pytest.mark.parametrize(("word", "demonym"), [
    ("Guatemalan", True), ("Iranians", True), ("Yemenite", True), ("Shiite", True), ("Kurds", True),
    ("Qavam", False), ("Berry", False), ("Sadat", False),
])
def test_demonyms(word: str, demonym: bool) -> None:
    assert is_demonym(word) is demonym


@pytest.mark.parametrize(("name", "part"), [("Tab B", True), ("Vol. III", True), ("Annex 2", True),
                                            ("Tabriz", False), ("Volkov", False)])
def test_document_parts(name: str, part: bool) -> None:
    assert cable.is_part(name) is part


_MEMO = ("Memorandum for the Record\nWashington, May 5, 1971.\n\n"
         "The Secretary met Dr. Kissinger at the White House. {sentence}\n")


def test_a_titled_person_stays_a_person_after_at() -> None:
    # one document puts the name after "at"; the collection knows him as a titled person
    records = link([
        parse_text(_MEMO.format(sentence="Later Dr. Kissinger flew to Paris."), path="a.txt"),
        parse_text(_MEMO.format(sentence="A note for the meeting at Kissinger's office was ready."), path="b.txt"),
        parse_text(_MEMO.format(sentence="Then Kissinger left for the airport."), path="c.txt"),
    ])
    kinds = {(r.source.path, m.span.start): m.kind for r in records for m in r.mentions if m.span.text == "Kissinger"}
    assert set(kinds.values()) == {MentionKind.PERSON}


def test_a_rulers_title_alone_is_no_person() -> None:
    text = ("Telegram From the Embassy in Iran to the Department of State\nTehran, June 2, 1971.\n\n"
            "The Shah received Ambassador MacArthur today. The Shah said the Ruler of the island was expected.\n")
    persons = {m.span.text for m in parse_text(text, path="t.txt").mentions if m.kind is MentionKind.PERSON}
    assert "Shah" not in persons and "Ruler" not in persons and "MacArthur" in persons

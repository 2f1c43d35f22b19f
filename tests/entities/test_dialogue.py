"""Speaker initials of a transcript stand for the person of the document they begin."""

from __future__ import annotations

import pytest

from kartoteka import parse_text
from kartoteka.entities import dialogue
from kartoteka.linking import link

_CALL = ("Transcript of Telephone Conversation Between the Secretary of State (Vance) and the Soviet "
         "Ambassador (Zamyatin)\nWashington, March 4, 1978, 6:10 p.m.\n\n"
         "Z: I have an answer from Moscow on the question you raised.\n\n"
         "V: Good. Is it the answer we hoped for?\n\n"
         "Z: In part. They accept the date but not the place.\n\n"
         "V: Then let us talk tomorrow at ten.\n")


@pytest.mark.parametrize(("initial", "names", "expected"), [
    ("K", ["Kissinger", "Henry A. Kissinger", "Dobrynin"], "Henry A. Kissinger"),
    ("D", ["Kissinger", "Dobrynin"], "Dobrynin"),
    ("P", ["Kissinger", "Dobrynin"], None),  # the President: the document does not say who
    ("K", ["Kissinger", "Kosygin"], None),  # two surnames begin so
    ("HK", ["Henry Kissinger", "Dobrynin"], "Henry Kissinger"),
])
def test_referent(initial: str, names: list[str], expected: str | None) -> None:
    assert dialogue.referent(initial, names) == expected


def test_labels_need_a_conversation() -> None:
    assert len(dialogue.labels(_CALL)) == 4
    # two labelled lines are a list, not turns of speech
    assert dialogue.labels("Note\n\nA: first point.\nB: second point.\n") == []


def test_initials_take_the_entity_of_their_person() -> None:
    (record,) = link([parse_text(_CALL, path="call.txt")])
    initials = [m for m in record.mentions if m.method == dialogue.INITIAL_METHOD]
    assert [m.span.text for m in initials] == ["Z", "V", "Z", "V"]
    by_text = {m.span.text: m.entity for m in record.mentions if m.entity}
    assert by_text["Z"] == by_text["Zamyatin"] and by_text["V"] == by_text["Vance"]
    # an initial is no spelling of the person: searching "Vance" never expands to "V"
    (vance,) = [e for e in record.entities if e.id == by_text["Vance"]]
    assert "V" not in vance.variants

"""Names the model misreads, put right by what the sentence or the list around them says: a
surname that is also a town ("Togliatti", "Lincoln", "Delgado") where only a person fits, a
compass point ("the West") that names no place. Each row is a telegram's sentence and what the
name in it must (or must not) be."""

from __future__ import annotations

import pytest

from kartoteka import parse_text
from kartoteka.entities import context
from kartoteka.model import MentionKind

_P, _PL = MentionKind.PERSON, MentionKind.PLACE
_CABLE = "SECRET\n\nGuatemala City, March 3, 1954, 6 p.m.\n\n1. {sentence}\n\nPeurifoy\n"


def _kinds(sentence: str, name: str) -> set[MentionKind]:
    record = parse_text(_CABLE.format(sentence=sentence))
    return {m.kind for m in record.mentions if m.span.text == name}


@pytest.mark.parametrize(("sentence", "name", "kind"), [
    # the maker of speeches and statements is a person; a capital speaks for its government
    ("Embassy notes sharp denunciations by Togliatti at yesterday's party session.", "Togliatti", _P),
    ("Party cadres puzzled by Togliatti’s interview with the weekly press.", "Togliatti", _P),
    ("Local press quotes the distrust of Togliatti, who told cadres the line had erred.", "Togliatti", _P),
    # a name listed with persons is a person's, though a town bears it
    ("Dinner attended by Nixon, Rogers, Lincoln, Packard and Wheeler.", "Lincoln", _P),
    ("Route of shipment known only to Delgado, Col Ramos and Capt Fuentes.", "Delgado", _P),
])
def test_a_person_where_only_a_person_fits(sentence: str, name: str, kind: MentionKind) -> None:
    assert _kinds(sentence, name) == {kind}


@pytest.mark.parametrize(("sentence", "name"), [
    ("Soviet progress in rockets worries the West more than trade.", "Moscow"),
    ("Official statements by Moscow deny any troop movement.", "Moscow"),
    ("Consul visited Lincoln, Omaha and Denver last week.", "Lincoln"),
])
def test_no_person_where_a_place_or_a_bloc_is_meant(sentence: str, name: str) -> None:
    assert _P not in _kinds(sentence, name)


@pytest.mark.parametrize("sentence", [
    "Soviet progress in rockets worries the West more than trade.",
    "Talks between East and West resume Monday.",
])
def test_a_compass_point_alone_is_no_place(sentence: str) -> None:
    record = parse_text(_CABLE.format(sentence=sentence))
    assert not [m for m in record.mentions if m.span.text in ("West", "East")]


@pytest.mark.parametrize(("text", "word", "clipped"), [
    ("Guatemala protests. Guat Govt denies the charge.", "Guat", True),
    ("Guatemalan exiles meet. The Guats in Honduras wait.", "Guats", True),
    ("Nicaragua sends patrols. Nica patrols seen at border.", "Nica", True),
    ("China protests. Chin said nothing.", "Chin", True),  # a surname so clipped is lost: a known cost
    ("Guat Govt denies the charge.", "Guat", False),  # the country is never written in full
    ("Guatemala protests. Arbenz denies the charge.", "Arbenz", False),
    ("Guatemala protests.", "Guatemala", False),  # the country's own name
    ("Iran protests. Ira said nothing.", "Ira", False),  # three letters clip nothing
])
def test_a_country_clipped_in_cable_style(text: str, word: str, clipped: bool) -> None:
    assert context.clipped_country(text, word) is clipped


@pytest.mark.parametrize(("sentence", "name"), [
    # the document puts the town in a place's slot ("garrison", "road"): a place wherever it attacks
    ("Rebels hold the Zacapa area. On the 27th Morales attacked Zacapa and withdrew.", "Zacapa"),
    ("Rebels hold the Zacapa garrison. Calligeris will attack Zacapa tomorrow.", "Zacapa"),
    # a country's name clipped in cable style, the full name written elsewhere in the telegram
    ("Guatemala refuses the note. Action left to Guat's discretion.", "Guat"),
    ("Guatemala refuses the note. Cite recent Soviet support Guat.", "Guat"),
])
def test_the_document_says_it_is_no_person(sentence: str, name: str) -> None:
    assert _P not in _kinds(sentence, name)

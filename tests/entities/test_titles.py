"""Titles, ranks and offices are kept apart from the name."""

from __future__ import annotations

import pytest

from kartoteka.entities.titles import split_title, strip_title, title_before


@pytest.mark.parametrize(("text", "name", "title"), [
    ("With deep respect: Doctor Dzhavid", "Dzhavid", "Doctor"),
    ("General-Major Yemel’yanov [signed]", "Yemel’yanov", "General-Major"),
    ("talks with Prime Minister Ghavam today", "Ghavam", "Prime Minister"),
    ("sent to Cde. Bagirov", "Bagirov", "Cde."),
    ("the Consul General Wiley said", "Wiley", "Consul General"),
    ("Col. J.C. King", "J.C. King", "Col."),
    ("an audience with Shah Mohammad Reza Pahlavi", "Mohammad Reza Pahlavi", "Shah"),
    ("help you may give Chancellor Kiesinger", "Kiesinger", "Chancellor"),
    ("a note to Secretary General Hammarskjold", "Hammarskjold", "Secretary General"),
])
def test_title_before_name(text: str, name: str, title: str) -> None:
    found = title_before(text, text.index(name))
    assert found is not None
    assert found.text == title
    assert text[found.start:found.end] == title


@pytest.mark.parametrize(("text", "name_start"), [
    ("Colonel Castillo Armas", 8), ("Doctor Dzhavid", 7), ("Qavam", 0), ("General", 0),
    ("Shah Mohammad Reza Pahlavi", 5), ("Reza Shah", 0),
])
def test_split_title(text: str, name_start: int) -> None:
    assert split_title(text, 0, len(text))[1] == name_start


def test_strip_title() -> None:
    assert strip_title("Colonel Carlos Castillo Armas") == "Carlos Castillo Armas"
    assert strip_title("Qavam") == "Qavam"


@pytest.mark.parametrize(("text", "name", "title"), [
    ("Asked to see the President. Dobrynin said it was urgent.", "Dobrynin", None),  # a sentence ends
    ("Talked with Col. Ruiz today.", "Ruiz", "Col."),
    ("Received by H.E. Dobrynin at noon.", "Dobrynin", "H.E."),
    ("Note from Lt. Gen. Smith follows.", "Smith", "Lt. Gen."),
    ("Saw Lic. Toriello at the Ministry.", "Toriello", "Lic."),
])
def test_a_full_stop_after_a_title_is_an_abbreviation_or_ends_a_sentence(text: str, name: str,
                                                                           title: str | None) -> None:
    found = title_before(text, text.index(name))
    assert (found.text if found else None) == title

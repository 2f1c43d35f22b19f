"""Places known by the list they stand in."""

from __future__ import annotations

import pytest

from kartoteka.entities.grounds import listed_grounds, paired
from kartoteka.pipeline import parse_text


@pytest.mark.parametrize(("text", "want"), [
    ("active in the provinces of Paktia, Kunar and Badakhshan. In Kabul", ["Paktia", "Kunar", "Badakhshan"]),
    ("landed on the islands of Wolmi-do and Yonghung-do [Yeongheung-do].", ["Wolmi-do", "Yonghung-do"]),
    ("the states of Texas", []),  # one name is no list
    ("the Government of Iran and the Embassy", []),  # no word for a kind of ground
])
def test_listed_grounds(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e in listed_grounds(text)] == want


def test_paired() -> None:
    text = "near Inchon [Incheon] and Kunsan"
    inchon, gloss, kunsan = (5, 11), (13, 20), (26, 32)
    assert text[slice(*inchon)] == "Inchon" and text[slice(*kunsan)] == "Kunsan"
    assert text[slice(*gloss)] == "Incheon"
    assert paired(text, inchon, kunsan) and paired(text, gloss, kunsan)
    assert not paired("Inchon, then Kunsan", (0, 6), (13, 19))


def _kinds(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in parse_text(text).mentions:
        out.setdefault(m.span.text, set()).add(m.kind.value)
    return out


def test_a_town_paired_with_a_place_of_its_country_is_a_place() -> None:
    kinds = _kinds("Tehran has sent two brigades to Saqqez and Baneh.\n")
    assert kinds.get("Baneh") == {"place"}
    kinds = _kinds("The talks between Moscow and Kennedy went on.\n")
    assert kinds.get("Kennedy") != {"place"}  # no Russian town of that name


def test_a_word_the_model_takes_for_a_body_after_at_is_a_place() -> None:
    kinds = _kinds("The bridge over the river at Karadonly was blown up by the enemy.\n")
    assert kinds.get("Karadonly") == {"place"}

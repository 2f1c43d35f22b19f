"""The clustering's rules one at a time: what a persons-list entry, a name in another script, a
given name and a declined Cyrillic name may join, and what they must leave alone."""

from __future__ import annotations

from collections import Counter

import pytest

from kartoteka.linking.candidates import authority_name, multi_match, name_of, surname_match
from kartoteka.linking.cluster import AuthorityEntry, cluster
from kartoteka.linking.inflection import case_stems

BERRY = AuthorityEntry("p_B", authority_name("Berry, Lampton J.", "Lampton J. Berry"), "Lampton J. Berry")


def _owner(names: dict[str, int], surface: str, entries: tuple[AuthorityEntry, ...] = ()) -> str:
    """The display name of the cluster a surface went to (its own where it stands alone)."""
    c = cluster(Counter(names), entries)
    i = c.by_surface.get(surface, c.own.get(surface))
    assert i is not None
    return c.clusters[i].key or c.clusters[i].display


@pytest.mark.parametrize(("short", "long", "joins"), [
    ("Anatoliy Dobrynin", "H.E. Anatoliy F. Dobrynin", True),
    ("Alexis Johnson", "U. Alexis Johnson", True),
    ("Fatin Rustu Zorlu", "Fatin Rustun Zorlu", True),
    ("Nels Johnson", "U. Alexis Johnson", False),
    ("Fatin Zorlu", "Nuri Zorlu", False),
])
def test_full_names(short: str, long: str, joins: bool) -> None:
    assert (multi_match(name_of(short), name_of(long)) > 0) is joins


@pytest.mark.parametrize(("word", "name", "joins"), [
    ("Perkins", "E. Perkins McGuire", False), ("Burke", "C. Burke Elbrick", False),
    ("McGuire", "E. Perkins McGuire", True), ("Cabot", "Henry Cabot Lodge", True),
])
def test_the_given_name_after_initials_is_no_surname(word: str, name: str, joins: bool) -> None:
    assert (surname_match(word, name_of(name))[0] > 0) is joins


def test_a_listed_person_takes_only_his_own_spelling_key() -> None:
    assert _owner({"Beria": 3}, "Beria", (BERRY,)) == "Beria"
    assert _owner({"Biriya": 2}, "Biriya", (BERRY,)) == "Biriya"
    assert _owner({"Берия": 1}, "Берия", (BERRY,)) == "Берия"
    assert _owner({"L. P. Beria": 1}, "L. P. Beria", (BERRY,)) == "L. P. Beria"
    assert _owner({"Berri": 1}, "Berri", (BERRY,)) == "p_B"  # the same key: a historian may split it
    assert _owner({"Berry": 4}, "Berry", (BERRY,)) == "p_B"


def test_the_same_spelling_before_a_transliteration() -> None:
    names = {"L. P. Beria": 1, "Mohammad Biriya": 1, "Beria": 3, "Biriya": 2}
    assert _owner(names, "Beria") != _owner(names, "Biriya")
    assert _owner(names, "Biriya") == "Mohammad Biriya"
    assert _owner(names, "L. P. Beria") == _owner(names, "Beria")


def test_a_name_in_another_script_joins_on_the_spelling_key_only() -> None:
    assert _owner({"Khrushchev": 5, "Хрущёв": 1}, "Хрущёв") == "Khrushchev"
    assert _owner({"Berry": 5, "Берия": 1}, "Берия") == "Берия"


def test_a_declined_cyrillic_name_is_its_nominative() -> None:
    assert "Багиров" in case_stems("Багирову") and "Берия" in case_stems("Берии")
    assert case_stems("Bagirovu") == ()
    assert _owner({"Mir Jafar Bagirov": 2, "Bagirov": 6, "Багирову": 1}, "Багирову") == "Mir Jafar Bagirov"


def test_a_given_name_alone_joins_the_one_person_so_named_and_not_after_a_title() -> None:
    names = {"Ivone Kirkpatrick": 2, "Kirkpatrick": 20, "Ivone": 9, "Paul Henri Spaak": 1, "Spaak": 30,
             "King Paul": 2, "Paul": 10}
    assert _owner(names, "Ivone") == "Ivone Kirkpatrick"
    assert _owner(names, "Paul") == _owner(names, "King Paul") != "Paul Henri Spaak"
    # two people of about one standing so named: nobody's
    assert _owner({"Henry Byroade": 3, "Henry Holland": 3, "Henry": 5}, "Henry") == "Henry"


@pytest.mark.parametrize(("surface", "display"), [
    ("Molotov V. M.", "V. M. Molotov"),
    ("Pastenaci, E.", "E. Pastenaci"),  # the surname-first order's comma goes with the order
    ("Ivanov, I. I.", "I. I. Ivanov"),
])
def test_a_surname_first_name_is_shown_in_direct_order_without_its_comma(surface: str, display: str) -> None:
    c = cluster(Counter({surface: 1}))
    assert c.clusters[c.by_surface[surface]].display == display


@pytest.mark.parametrize(("names", "word", "owner"), [
    # a middle name the collection never uses as much as the bearer's last name alone is nobody's
    # surname in use: "Foster" of John Foster Dulles (who is "Dulles" hundreds of times)
    ({"John Foster Dulles": 3, "Dulles": 300, "Foster": 16}, "Foster", "Foster"),
    # a Spanish father's name in the middle is the surname in use: "Arbenz", never "Guzman"
    ({"Jacobo Arbenz Guzman": 3, "Arbenz": 250}, "Arbenz", "Jacobo Arbenz Guzman"),
    ({"Carlos Castillo Armas": 5, "Castillo": 40, "Armas": 7}, "Castillo", "Carlos Castillo Armas"),
])
def test_a_middle_name_is_a_surname_only_where_the_collection_uses_it_so(names: dict[str, int], word: str,
                                                                        owner: str) -> None:
    assert _owner(names, word) == owner

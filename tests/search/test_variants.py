"""Name keys: every spelling and script of a name shares a key; expansion widens names only."""

from __future__ import annotations

import pytest

from kartoteka.search.query import And, Or, Phrase, Term, parse_query
from kartoteka.search.variants import Lookup, expand, fallback_key, name_forms, name_keys

SAME = [
    ("Javid", "Dzhavid"), ("Javid", "Джавид"), ("Jamal Emami", "Dzhmal Imami"), ("Mossadegh", "Mosaddeq"),
    ("Mossadegh", "Мосаддык"), ("Mosaddeq", "Musaddiq"), ("Qavam", "Kavam"), ("Pishevari", "Pishavari"),
    ("Khrushchev", "Хрущёв"), ("Bagirov", "Багиров"),
]
DIFFERENT = [("Javid", "Jamal"), ("Emami", "Imam"), ("Tabriz", "Tehran"), ("Qavam", "Kuliyev")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert fallback_key(a) == fallback_key(b)
    assert set(name_keys(a)) & set(name_keys(b))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_differ(a: str, b: str) -> None:
    assert fallback_key(a) != fallback_key(b)


def test_short_and_common_words_get_no_key() -> None:
    assert name_keys("oil") == ()
    assert name_keys("Ali") == ()


def test_name_forms_are_capitalised_runs(seed_text: str) -> None:
    forms = name_forms(seed_text)
    assert {"Dzhmal Imami", "Dzhavid", "Amir Nusrat Iskandari", "Nusrat Iskandari", "Qavam"} <= forms
    assert "oil" not in forms and "the" not in forms
    for f in forms:
        assert f in seed_text


def _lookup(forms: list[str], entities: list[list[str]]) -> Lookup:
    by_key: dict[str, set[str]] = {}
    for f in forms + [v for e in entities for v in e]:
        for k in name_keys(f):
            by_key.setdefault(k, set()).add(f)

    def found(keys: object) -> set[str]:
        return {f for k in keys for f in by_key.get(k, ())}  # type: ignore[attr-defined]

    def entity_forms(keys: object) -> set[str]:
        hit = found(keys)
        return {v for e in entities if hit & set(e) for v in e}

    return Lookup(forms=found, entity_forms=entity_forms)


def test_expand_words_and_whole_names() -> None:
    lookup = _lookup(["Dzhavid", "Dzhmal", "Imami", "Mosaddyk"], [["Mosaddeq", "Mosaddyk", "Musaddiq"]])
    node, added = expand(parse_query("Javid"), lookup)
    assert node == Or((Term("Javid"), Term("Dzhavid")))
    node, added = expand(parse_query("Jamal Emami"), lookup)
    assert node == And((Or((Term("Jamal"), Term("Dzhmal"))), Or((Term("Emami"), Term("Imami")))))
    node, added = expand(parse_query("Mossadegh"), lookup)
    assert isinstance(node, Or) and {Term("Mosaddeq"), Term("Musaddiq"), Term("Mosaddyk")} <= set(node.items)
    assert dict(added)["Mossadegh"]
    node, _ = expand(parse_query('"Dr Mossadegh" oil*'), lookup)
    assert isinstance(node, And) and node.items[1] == Term("oil", prefix=True)
    assert expand(parse_query("oil"), lookup)[0] == Term("oil")


def test_whole_name_of_an_entity_becomes_a_phrase() -> None:
    lookup = _lookup([], [["Jamal Emami", "Dzhmal Imami"]])
    node, _ = expand(parse_query("Jamal Emami"), lookup)
    assert isinstance(node, Or) and Phrase(("Dzhmal", "Imami")) in node.items


def test_longer_spellings_that_contain_the_name_add_nothing() -> None:
    lookup = _lookup(["Arbenz"], [["Arbenz", "Jacobo Arbenz", "Jacobo Arbenz Guzman", "Arbens"]])
    node, added = expand(parse_query("Arbenz"), lookup)
    assert node == Or((Term("Arbenz"), Term("Arbens"))) and dict(added) == {"Arbenz": ("Arbens",)}
    node, _ = expand(parse_query("Arbens"), lookup)
    assert node == Or((Term("Arbens"), Term("Arbenz")))

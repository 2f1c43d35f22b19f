"""Name keys: every spelling and script of a name shares a key; expansion widens names only."""

from __future__ import annotations

import pytest

from kartoteka.search.query import And, Or, Phrase, Term, parse_query
from kartoteka.search.variants import Lookup, expand, name_forms, name_keys

SAME = [
    ("Javid", "Dzhavid"), ("Javid", "Джавид"), ("Mossadegh", "Mosaddeq"), ("Qavam", "Kavam"), ("Qavam", "Ghavam"),
    ("Pishevari", "Pishehvari"), ("Khrushchev", "Хрущёв"), ("Bagirov", "Багиров"), ("Yemelyanov", "Yemel’yanov"),
    ("Yemelyanov", "Emelyanov"), ("Emelyanov", "Емельянов"), ("Lavrentev", "Lavrent'ev"), ("Lavrentev", "Лаврентьев"),
    ("Kim Il Sung", "Kim Il-sung"), ("Kim Ilsung", "Kim Il-sung"), ("Nuri al-Said", "Nouri as-Said"),
]
# names that merely sound alike, and the English words the looser keys once joined to names
DIFFERENT = [("Javid", "Jamal"), ("Emami", "Imam"), ("Tabriz", "Tehran"), ("Qavam", "Kuliyev"),
             ("Beria", "Biriya"), ("Beria", "Berry"), ("Beria", "Bureau"), ("Pishevari", "Psywar"),
             ("fedai", "Food"), ("Dulles", "Delays"), ("Peurifoy", "Proof"), ("Mossadegh", "Musaddiq")]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert name_keys(a) == name_keys(b) != ()


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_differ(a: str, b: str) -> None:
    assert not set(name_keys(a)) & set(name_keys(b))


def test_short_and_common_words_get_no_key() -> None:
    assert name_keys("oil") == ()
    assert name_keys("Ali") == ()


def test_name_forms_are_capitalised_runs(seed_text: str) -> None:
    forms = name_forms(seed_text)
    assert {"Dzhmal Imami", "Dzhavid", "Amir Nusrat Iskandari", "Nusrat Iskandari", "Qavam"} <= forms
    assert "oil" not in forms and "the" not in forms
    for f in forms:
        assert f in seed_text


def _lookup(forms: list[str], entities: list[list[str]], names_known: tuple[str, ...] = (),
            weak: tuple[str, ...] = ()) -> Lookup:
    by_key: dict[str, set[str]] = {}
    for f in forms + [v for e in entities for v in e]:
        for k in name_keys(f):
            by_key.setdefault(k, set()).add(f)

    def found(keys: object) -> set[str]:
        return {f for k in keys for f in by_key.get(k, ())}  # type: ignore[attr-defined]

    def entity_forms(keys: object) -> dict[str, bool]:
        hit = found(keys)
        # as the archive scores a pair: the weaker of the spelling found and the one it leads to
        return {v: v not in weak and not hit & set(e) & set(weak) for e in entities if hit & set(e) for v in e}

    def names(forms: object) -> set[str]:
        return {f for f in forms if f in set(names_known)}  # type: ignore[attr-defined]

    return Lookup(forms=found, entity_forms=entity_forms, names=names)


def test_expand_words_and_whole_names() -> None:
    lookup = _lookup(["Dzhavid", "Dzhmal", "Imami", "Mosaddeq"], [["Mosaddeq", "Mosaddyk", "Musaddiq"]])
    node, added = expand(parse_query("Javid"), lookup)
    assert node == Or((Term("Javid"), Term("Dzhavid")))
    node, added = expand(parse_query("Jamal Emami"), lookup)
    # Emami/Imami is a convention (Persian e, Arabic i); Jamal/Dzhmal lost a vowel: only a link joins it
    assert node == And((Term("Jamal"), Or((Term("Emami"), Term("Imami")))))
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


def test_soft_signs_and_joined_words_widen_to_phrases() -> None:
    lookup = _lookup(["Yemel’yanov", "Lavrent'ev", "Kim Il-sung", "Nouri as-Said"], [])
    node, added = expand(parse_query("Emelyanov"), lookup)
    assert node == Or((Term("Emelyanov"), Phrase(("Yemel", "yanov")))) and dict(added) == {"Emelyanov": ("Yemel’yanov",)}
    node, _ = expand(parse_query("Лаврентьев"), lookup)
    assert node == Or((Term("Лаврентьев"), Phrase(("Lavrent", "ev"))))
    node, _ = expand(parse_query("Kim Ilsung"), lookup)
    assert isinstance(node, Or) and Phrase(("Kim", "Il", "sung")) in node.items
    node, _ = expand(parse_query("Nuri al-Said"), lookup)
    assert isinstance(node, Or) and Phrase(("Nouri", "as", "Said")) in node.items


def test_common_words_with_the_key_are_not_spellings_unless_the_archive_has_them_as_names() -> None:
    assert expand(parse_query("Moore"), _lookup(["More"], []))[0] == Term("Moore")
    node, _ = expand(parse_query("Moore"), _lookup(["More"], [], names_known=("More",)))
    assert node == Or((Term("Moore"), Term("More")))


def test_a_spelling_linked_on_similarity_widens_only_with_a_word_of_the_name() -> None:
    lookup = _lookup([], [["Lampton Berry", "Beria", "Biriya"], ["Alfonso Martinez", "Alfonso Mart'nez Estevez"]],
                     weak=("Beria", "Biriya", "Alfonso Martinez"))
    assert expand(parse_query("Beria"), lookup)[0] == Term("Beria")
    node, _ = expand(parse_query("Alfonso Martinez"), lookup)
    assert isinstance(node, Or) and Phrase(("Alfonso", "Mart", "nez", "Estevez")) in node.items

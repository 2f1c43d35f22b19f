"""Query parsing: what a user types becomes a small tree; nothing typed is passed on as FTS syntax."""

from __future__ import annotations

import random

import pytest

from kartoteka.errors import QueryError
from kartoteka.search.query import And, Not, Or, Phrase, Term, parse_query, words_of

CASES = [
    ("oil", Term("oil")),
    ("oil question", And((Term("oil"), Term("question")))),
    ('"oil question"', Phrase(("oil", "question"))),
    ("oil OR gas", Or((Term("oil"), Term("gas")))),
    ("oil AND gas", And((Term("oil"), Term("gas")))),
    ("oil NOT gas", Not(Term("oil"), Term("gas"))),
    ("oil -gas", Not(Term("oil"), Term("gas"))),
    ("Azer*", Term("Azer", prefix=True)),
    ("(oil OR gas) Iran", And((Or((Term("oil"), Term("gas"))), Term("Iran")))),
    ("Джавид", Term("Джавид")),
    ("Qavam’s", Phrase(("Qavam", "s"))),
    ("U.S.S.R.", Phrase(("U", "S", "S", "R"))),
    ("oil and gas", And((Term("oil"), Term("and"), Term("gas")))),  # lower-case words are words
    ('"oil', Term("oil")),  # an unclosed quote closes at the end
    ("oil)", Term("oil")),
    ("((oil", Term("oil")),
    ("NEAR(oil gas)", And((Term("NEAR"), Term("oil"), Term("gas")))),
    ("text:oil", And((Term("text"), Term("oil")))),
    ("Jean-Paul", Phrase(("Jean", "Paul"))),
    ("oil OR", Term("oil")),
    ("AND oil", Term("oil")),
    ("'; DROP TABLE documents; --", And((Term("DROP"), Term("TABLE"), Term("documents")))),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse(text: str, expected: object) -> None:
    assert parse_query(text) == expected


@pytest.mark.parametrize("text", ["", "   ", '""', "*", "-", "AND", "OR NOT", "()", "-oil", "NOT oil", "!!!", "—"])
def test_nothing_to_search_is_a_clear_error(text: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(text)
    assert "query" in str(info.value)


def test_too_long_and_too_many_words() -> None:
    with pytest.raises(QueryError, match="at most"):
        parse_query("x" * 5000)
    with pytest.raises(QueryError, match="too many words"):
        parse_query(" ".join(f"w{i}" for i in range(200)))


def test_any_text_parses_or_raises_query_error() -> None:
    rng = random.Random(4)
    alphabet = 'abcXYZ "()*-:^+~\'’AND OR NOT NEAR{}[]/\\\x00é Ж\t\n'
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        try:
            node = parse_query(text)
        except QueryError:
            continue
        assert node is not None


@pytest.mark.parametrize(("text", "words"), [
    ("Qavam’s sending", ("Qavam", "s", "sending")),
    ("Amir Nusrat Iskandari, Dzhmal Imami", ("Amir", "Nusrat", "Iskandari", "Dzhmal", "Imami")),
    ("No 3691-3692/538", ("No", "3691", "3692", "538")),
])
def test_words_of(text: str, words: tuple[str, ...]) -> None:
    assert words_of(text) == words

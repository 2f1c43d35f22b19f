"""The order of a search's hits: what a user types becomes a Sort; the default follows the words."""

from __future__ import annotations

import pytest

from kartoteka.errors import QueryError
from kartoteka.search.filters import FIELDS, Sort, make_filters, sort_order


@pytest.mark.parametrize(("text", "words", "order"), [
    (None, True, Sort.RELEVANCE),
    ("", True, Sort.RELEVANCE),
    (None, False, Sort.DATE),          # no words: no score, oldest first
    ("relevance", False, Sort.DATE),
    ("relevance", True, Sort.RELEVANCE),
    ("date", True, Sort.DATE),
    (" -date ", True, Sort.DATE_DESC),
    ("-date", False, Sort.DATE_DESC),
    ("TITLE", True, Sort.TITLE),
])
def test_sort_order(text: str | None, words: bool, order: Sort) -> None:
    assert sort_order(text, words) is order


@pytest.mark.parametrize("text", ["newest", "date-", "+date", "score"])
def test_an_unknown_order_is_refused_by_name(text: str) -> None:
    with pytest.raises(QueryError, match="--sort") as err:
        sort_order(text, True)
    assert "relevance, date, -date, title" in str(err.value)


@pytest.mark.parametrize(("values", "kept"), [
    ({"language": ("EN",)}, (("language", ("en",)),)),
    ({"type": ("Telegram", " telegram ")}, (("type", ("telegram",)),)),
    ({"classification": ("ts",), "type": ("Memorandum  of conversation",)},
     (("classification", ("top secret",)), ("type", ("memorandum of conversation",)))),
    ({"language": ()}, ()),
])
def test_field_values_are_kept_as_stored(values: dict[str, tuple[str, ...]],
                                         kept: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    f = make_filters(values=values)
    assert f.values == kept
    assert f.empty() is (not kept)


def test_classifications_and_field_values_are_one_filter() -> None:
    assert make_filters(classifications=("secret",)) == make_filters(values={"classification": ("secret",)})
    assert make_filters(classifications=("secret",)).classifications == ("secret",)


def test_a_field_filter_refuses_what_it_cannot_be() -> None:
    with pytest.raises(QueryError, match="--language"):
        make_filters(values={"language": (" ",)})
    with pytest.raises(QueryError, match="no field"):
        make_filters(values={"colour": ("red",)})
    assert [f.name for f in FIELDS][:3] == ["classification", "language", "type"]


@pytest.mark.parametrize(("order", "label"), [
    (Sort.RELEVANCE, "best match"), (Sort.DATE, "date, oldest first"), (Sort.DATE_DESC, "date, newest first"),
    (Sort.TITLE, "title"),
])
def test_an_order_has_a_readers_name(order: Sort, label: str) -> None:
    assert order.label == label

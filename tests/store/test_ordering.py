"""The order index's arithmetic, table-driven: the first k of a set of documents in an order,
a partial pick equal to the head of the whole order, and documents beyond the index last."""

from __future__ import annotations

import numpy as np
import pytest

from kartoteka.search.filters import Sort
from kartoteka.store.ordering import OrderIndex, title_key

# documents 0..5 in the date order 3, 1, 4, 0, 5, 2 (position by id)
RANK = np.array([3, 1, 5, 0, 2, 4], dtype=np.int64)
INDEX = OrderIndex("v1", {Sort.DATE: RANK})


@pytest.mark.parametrize(("ids", "k", "first"), [
    ([0, 1, 2, 3, 4, 5], 6, [3, 1, 4, 0, 5, 2]),
    ([0, 1, 2, 3, 4, 5], 2, [3, 1]),
    ([0, 1, 2, 3, 4, 5], 100, [3, 1, 4, 0, 5, 2]),
    ([0, 2, 5], 2, [0, 5]),
    ([2], 1, [2]),
    ([1, 7, 3, 9], 4, [3, 1, 7, 9]),  # beyond the index: after every document in it, by id
    ([1, 3], 0, []),
    ([], 5, []),
])
def test_first_k_in_order(ids: list[int], k: int, first: list[int]) -> None:
    got = INDEX.first(np.array(ids, dtype=np.int64), Sort.DATE, k)
    assert got.tolist() == first


def test_a_partial_pick_is_the_head_of_the_whole_order() -> None:
    rng = np.random.default_rng(7)
    rank = rng.permutation(1000).astype(np.int64)
    index = OrderIndex("v", {Sort.TITLE: rank})
    ids = np.sort(rng.choice(1000, 300, replace=False)).astype(np.int64)
    whole = index.first(ids, Sort.TITLE, 300).tolist()
    for k in (1, 7, 20, 299):
        assert index.first(ids, Sort.TITLE, k).tolist() == whole[:k]


@pytest.mark.parametrize(("title", "path", "key"), [
    ("Telegram  From\nthe Embassy", "a/d1.txt", "telegram from the embassy"),
    (None, "corpus/text/d12.txt", "d12.txt"),
    ("", "x/Memo.TXT", "memo.txt"),
    ("ШИФРТЕЛЕГРАММА", "d.txt", "шифртелеграмма"),
])
def test_title_key(title: str | None, path: str, key: str) -> None:
    assert title_key(title, path) == key

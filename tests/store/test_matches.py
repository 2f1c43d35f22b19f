"""Match lists combined by a query's tree: the pure arithmetic, table-driven, and the cache of
frequent lists following the content version."""

from __future__ import annotations

import numpy as np
import pytest

from kartoteka.search.query import And, Node, Not, Or, Phrase, Term
from kartoteka.store.matches import KEEP_FROM, Ids, MatchCache, Matches, evaluate

LISTS = {
    "a": {1: 1.0, 2: 2.0, 5: 0.5},
    "b": {2: 1.5, 3: 3.0, 5: 0.25},
    "c": {5: 4.0, 9: 1.0},
    "none": {},
}


def m(d: dict[int, float]) -> Matches:
    ids = sorted(d)
    return Matches.of(np.array(ids, dtype=np.int64), np.array([d[i] for i in ids], dtype=np.float64))


def leaf(node: Node) -> Matches:
    assert isinstance(node, Term | Phrase)
    word = node.word if isinstance(node, Term) else " ".join(node.words)
    return m(LISTS[word])


def every(node: Node) -> bool:
    return True


def t(w: str) -> Term:
    return Term(w)


@pytest.mark.parametrize(("node", "expected"), [
    (t("a"), {1: 1.0, 2: 2.0, 5: 0.5}),
    (And((t("a"), t("b"))), {2: 3.5, 5: 0.75}),
    (Or((t("a"), t("b"))), {1: 1.0, 2: 3.5, 3: 3.0, 5: 0.75}),
    (Not(t("a"), t("b")), {1: 1.0}),
    (And((Or((t("a"), t("b"))), t("c"))), {5: 4.75}),
    (Or((And((t("a"), t("b"))), t("c"))), {2: 3.5, 5: 4.75, 9: 1.0}),
    (And((t("a"), t("none"))), {}),
    (Not(t("none"), t("a")), {}),
    (Or((t("none"), t("c"))), {5: 4.0, 9: 1.0}),
])
def test_evaluate(node: Node, expected: dict[int, float]) -> None:
    got = evaluate(node, leaf, every)
    assert dict(zip(got.ids.tolist(), got.scores.tolist(), strict=True)) == pytest.approx(expected)
    assert list(got.ids) == sorted(got.ids)


@pytest.mark.parametrize(("node", "kept", "reads"), [
    (And((t("a"), t("b"))), {"a", "b"}, ["a", "b"]),
    (And((t("a"), t("b"))), {"a"}, ["(a AND b)"]),                  # read whole: one pass of the engine
    (Or((And((t("a"), t("b"))), t("c"))), {"a", "b"}, ["((a AND b) OR c)"]),
    (Or((And((t("a"), t("b"))), t("c"))), {"a", "b", "c"}, ["a", "b", "c"]),
    (t("a"), set(), ["a"]),
])
def test_parts_not_kept_are_read_whole(node: Node, kept: set[str], reads: list[str]) -> None:
    seen: list[str] = []

    def show(n: Node) -> str:
        if isinstance(n, Term):
            return n.word
        assert isinstance(n, And | Or)
        return "(" + f" {type(n).__name__.upper()} ".join(show(i) for i in n.items) + ")"

    def read(n: Node) -> Matches:
        seen.append(show(n))
        return m({1: 1.0})

    evaluate(node, read, lambda n: show(n) in kept)
    assert seen == reads


@pytest.mark.parametrize(("scores", "k", "expected"), [
    ({1: 1.0, 2: 3.0, 3: 2.0}, 2, [2, 3]),
    ({1: 1.0, 2: 3.0, 3: 2.0}, 5, [2, 3, 1]),
    ({4: 2.0, 2: 2.0, 9: 2.0, 1: 1.0}, 2, [2, 4]),      # ties by ascending id, across the cut
    ({7: 1.0, 3: 1.0, 5: 1.0}, 1, [3]),
    ({1: 1.0}, 0, []),
    ({}, 3, []),
])
def test_best(scores: dict[int, float], k: int, expected: list[int]) -> None:
    assert [i for i, _ in m(scores).best(k)] == expected


def test_unsorted_input_is_put_in_id_order() -> None:
    got = Matches.of(np.array([5, 1, 3], dtype=np.int64), np.array([0.5, 1.0, 3.0]))
    assert got.ids.tolist() == [1, 3, 5] and got.scores.tolist() == [1.0, 3.0, 0.5]


def test_within_keeps_only_the_given_ids() -> None:
    got = m(LISTS["a"]).within(np.array([5, 5, 7, 1], dtype=np.int64))
    assert got.ids.tolist() == [1, 5] and got.scores.tolist() == [1.0, 0.5]


def test_cache_keeps_frequent_lists_per_version_and_within_budget() -> None:
    reads: list[str] = []
    big = Matches(np.arange(KEEP_FROM, dtype=np.int64), np.ones(KEEP_FROM))

    def read(expression: str) -> Matches:
        reads.append(expression)
        return big if expression.startswith("big") else m(LISTS["a"])

    cache = MatchCache(read, budget=2 * big.nbytes)
    cache.get("big1", "v1")
    cache.get("big1", "v1")
    cache.get("small", "v1")
    cache.get("small", "v1")
    assert reads == ["big1", "small", "small"]  # a short list is read again; a long one kept
    cache.get("big1", "v2")  # the archive changed: nothing kept is trusted
    assert reads[-1] == "big1" and cache.reads == 4
    cache.get("big2", "v2")
    cache.get("big3", "v2")  # over budget: the least recently used goes
    assert list(cache.kept) == ["big2", "big3"] and cache.bytes <= cache.budget
    cache.get("big1", None)  # a backend without a version: never kept
    cache.get("big1", None)
    assert reads.count("big1") == 4


def test_cache_keeps_filter_documents_apart_from_lists() -> None:
    cache = MatchCache(lambda e: m(LISTS["a"]))
    calls: list[int] = []

    def read() -> Ids:
        calls.append(1)
        return np.arange(KEEP_FROM, dtype=np.int64)

    first = cache.ids("SELECT id FROM documents WHERE x = ?\x1f'1'", "v1", read)
    again = cache.ids("SELECT id FROM documents WHERE x = ?\x1f'1'", "v1", read)
    assert again is first and len(calls) == 1 and cache.reads == 0  # reads counts lists only
    assert not cache.has("SELECT id FROM documents WHERE x = ?\x1f'1'", "v1")  # never taken for a list
    cache.ids("SELECT id FROM documents WHERE x = ?\x1f'1'", "v2", read)
    assert len(calls) == 2

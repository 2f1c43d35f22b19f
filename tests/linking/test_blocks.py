"""Blocks of names: the digest that names a block's content and the clustering kept between linkings."""

from __future__ import annotations

from collections import Counter

import pytest

from kartoteka.linking.blocks import block_digest, blocks, clustering_from_json, clustering_to_json, join
from kartoteka.linking.candidates import name_of
from kartoteka.linking.cluster import AuthorityEntry, cluster

NAMES = Counter({"Ahmad Qavam": 4, "Qavam": 9, "Ghavam": 2, "Ebrahim Qavam": 1, "Dzhavid": 3, "Javid": 2,
                 "Джавид": 1, "Frank G. Wisner": 2, "Frank C. Wisner": 2, "Wisner": 5, "Frank Wisner": 1,
                 "Aliyev": 2, "Kuliyev": 1, "D. Calligeris": 1, "Calligeris": 6})
ENTRY = AuthorityEntry("q1", name_of("Ahmad Qavam"), "Ahmad Qavam", "Prime Minister", ("Ghavam",))


@pytest.mark.parametrize(("a", "b", "same"), [
    ((Counter({"Javid": 2}), []), (Counter({"Javid": 2}), []), True),
    ((Counter({"Javid": 2}), []), (Counter({"Javid": 3}), []), False),  # counts change a clustering
    ((Counter({"Javid": 2}), []), (Counter({"Javid": 2, "Dzhavid": 1}), []), False),
    ((Counter({"Qavam": 2}), []), (Counter({"Qavam": 2}), [ENTRY]), False),
])
def test_digest_names_what_a_clustering_depends_on(a: tuple[Counter[str], list[AuthorityEntry]],
                                                   b: tuple[Counter[str], list[AuthorityEntry]], same: bool) -> None:
    assert (block_digest(a) == block_digest(b)) is same


@pytest.mark.parametrize("entries", [[], [ENTRY]])
def test_kept_clusterings_are_the_clusterings(entries: list[AuthorityEntry]) -> None:
    found = blocks(NAMES, entries)
    assert len(found) > 3
    for b in found:
        made = cluster(*b)
        back = clustering_from_json(clustering_to_json(made))
        assert back == made
    joined = join([clustering_from_json(clustering_to_json(cluster(*b))) for b in found])
    whole = cluster(NAMES, entries)
    assert {s: joined.clusters[i].display for s, i in joined.by_surface.items()} == {
        s: whole.clusters[i].display for s, i in whole.by_surface.items()}

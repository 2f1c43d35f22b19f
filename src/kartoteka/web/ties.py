"""Which ties a network of people shows: a floor on co-mentions (documents two people share) that
keeps the drawing readable, chosen by a stated rule unless the reader chose one.

Pure: a :class:`PersonNetwork` in, a thinner one out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kartoteka.store.pageviews import PersonNetwork

FLOORS = (1, 2, 3, 5, 10, 20)  # the co-mention floors a reader can pick
TIES_PER_PERSON = 2.5  # the default floor is the least that leaves at most this many co-mention ties a person


def default_floor(weights: Sequence[int], people: int, per_person: float = TIES_PER_PERSON) -> int:
    """The least of :data:`FLOORS` at which at most ``per_person`` co-mention ties per person remain
    (the largest floor when none does): a small search shows every tie, the whole archive only its
    stronger ones instead of a hairball."""
    for floor in FLOORS:
        if sum(1 for w in weights if w >= floor) <= per_person * max(people, 1):
            return floor
    return FLOORS[-1]


def thinned(net: PersonNetwork, least: int, ego: str | None = None) -> PersonNetwork:
    """The network with co-mention ties in fewer than ``least`` documents left out (transmission
    ties always stay); around ``ego``, the people no longer tied to ``ego`` left out too, with their ties."""
    edges = tuple(e for e in net.edges if e.kind != "co-mention" or e.weight >= least)
    if ego is None:
        return replace(net, edges=edges)
    near = {ego} | {e.source for e in edges if e.target == ego} | {e.target for e in edges if e.source == ego}
    nodes = tuple(n for n in net.nodes if n.id in near)
    return replace(net, nodes=nodes, edges=tuple(e for e in edges if e.source in near and e.target in near))


__all__ = ["FLOORS", "TIES_PER_PERSON", "default_floor", "thinned"]

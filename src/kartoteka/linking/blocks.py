"""Blocks of person names: groups connected by shared transliteration keys, clustered apart.

Person clustering only ever compares names that share the skeleton key of a word
(``linking.keys.skeleton``: the candidate index of ``linking.cluster`` is keyed so), so names
fall into blocks — connected by shared keys — that cannot influence one another. A block's
clustering depends on nothing but the block: its names with their counts and its authority
entries (``block_digest`` names that content), so blocks can be clustered apart, on other
machines, or kept from an earlier linking; ``join`` makes one clustering of them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from kartoteka.linking.candidates import Name, name_of
from kartoteka.linking.cluster import AuthorityEntry, Cluster, Clustering
from kartoteka.linking.keys import skeleton

Block = tuple[Counter[str], list[AuthorityEntry]]


def _keys(name: Name) -> set[str]:
    return {skeleton(t) for t in name.tokens if len(t) > 1} - {""}


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, keys: Iterable[str]) -> str | None:
        first = None
        for k in keys:
            if first is None:
                first = self.find(k)
            else:
                self.parent[self.find(k)] = first
                first = self.find(first)
        return first


def blocks(surfaces: Counter[str], entries: Sequence[AuthorityEntry] = ()) -> list[Block]:
    """The names (with counts) and authority entries in groups that share no key with another
    group, in a stable order (by each group's first name)."""
    union = _Union()
    entry_keys = []
    for e in entries:
        ks = _keys(e.name)
        for v in e.variants:
            ks |= _keys(name_of(v))
        entry_keys.append(ks)
        union.join(sorted(ks))
    surface_keys = {s: _keys(name_of(s)) for s in surfaces}
    for ks in surface_keys.values():
        union.join(sorted(ks))
    groups: dict[str, Block] = {}
    loose = 0
    for e, ks in zip(entries, entry_keys, strict=True):
        root = union.find(min(ks)) if ks else f"\x00entry{(loose := loose + 1)}"
        groups.setdefault(root, (Counter(), []))[1].append(e)
    for s in sorted(surfaces):
        ks = surface_keys[s]
        root = union.find(min(ks)) if ks else f"\x00name:{s}"
        groups.setdefault(root, (Counter(), []))[0][s] = surfaces[s]
    return sorted(groups.values(), key=lambda b: (min(b[0]) if b[0] else "", [e.id for e in b[1]]))


def join(parts: Sequence[Clustering]) -> Clustering:
    """One clustering of several blocks' clusterings (cluster numbers shifted to be unique)."""
    out = Clustering([], {}, {}, {})
    for part in parts:
        base = len(out.clusters)
        out.clusters.extend(part.clusters)
        out.by_surface.update({s: i + base for s, i in part.by_surface.items()})
        out.ambiguous.update({s: tuple(i + base for i in ix) for s, ix in part.ambiguous.items()})
        out.own.update({s: i + base for s, i in part.own.items()})
    return out


def block_digest(block: Block) -> str:
    """A digest of everything a block's clustering depends on: equal digests, equal clusterings
    (the clustering code too: a kept clustering of another version is not reused)."""
    surfaces, entries = block
    content = [sorted(surfaces.items()),
               [(e.id, e.name.tokens, sorted(e.name.surname), e.display, e.description, e.variants) for e in entries],
               _code()]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


@cache
def _code() -> str:
    """A fingerprint of the modules a block's clustering runs."""
    from importlib import resources

    h = hashlib.sha256()
    here = resources.files("kartoteka.linking")
    for name in ("cluster.py", "candidates.py", "keys.py", "inflection.py"):
        h.update(here.joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def clustering_to_json(c: Clustering) -> str:
    """A block's clustering as JSON text (kept between linkings)."""
    return json.dumps({
        "clusters": [[x.key, x.name.tokens, sorted(x.name.surname), x.display, x.from_authority, x.description,
                      x.variants, x.count] for x in c.clusters],
        "by_surface": c.by_surface, "ambiguous": c.ambiguous, "own": c.own,
    }, ensure_ascii=False)


def clustering_from_json(text: str) -> Clustering:
    """The clustering :func:`clustering_to_json` wrote (a fresh copy: deciding documents adds to it)."""
    d: dict[str, Any] = json.loads(text)
    clusters = [Cluster(k, Name(tuple(toks), frozenset(sur)), display, bool(auth), desc,
                        {s: (float(v[0]), str(v[1])) for s, v in variants.items()}, int(count))
                for k, toks, sur, display, auth, desc, variants, count in d["clusters"]]
    return Clustering(clusters, {s: int(i) for s, i in d["by_surface"].items()},
                      {s: tuple(int(i) for i in ix) for s, ix in d["ambiguous"].items()},
                      {s: int(i) for s, i in d["own"].items()})


__all__ = ["Block", "block_digest", "blocks", "clustering_from_json", "clustering_to_json", "join"]

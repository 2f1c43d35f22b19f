"""Clustering person names into entities, collection-wide.

Names of several words are placed first, longest first, each joining the best compatible
cluster (an authority entry, or a name seen before) or starting its own. Lone words follow:
a lone word joins the one cluster whose surname it spells; where several could own it, the
document decides (the one of them named in the same document), else it stays a cluster of its
own. Every join is recorded with its score and method.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kartoteka.entities.titles import strip_title
from kartoteka.linking.candidates import (
    Name,
    given_name,
    is_initial,
    multi_match,
    name_of,
    surname_match,
    token_match,
)
from kartoteka.linking.inflection import case_stems
from kartoteka.linking.keys import same_token, skeleton, spelling, tokens


@dataclass(slots=True)
class Cluster:
    """A person entity in the making. ``key`` is its id when it comes from an authority."""

    key: str
    name: Name
    display: str
    from_authority: bool = False
    description: str | None = None
    variants: dict[str, tuple[float, str]] = field(default_factory=dict)  # surface -> (score, method)
    count: int = 0


@dataclass(frozen=True, slots=True)
class AuthorityEntry:
    id: str
    name: Name
    display: str
    description: str | None = None
    variants: tuple[str, ...] = ()


@dataclass(slots=True)
class Clustering:
    clusters: list[Cluster]
    by_surface: dict[str, int]  # surface -> cluster index, where one cluster holds it collection-wide
    ambiguous: dict[str, tuple[int, ...]]  # lone word -> the clusters that could own it
    own: dict[str, int]  # ambiguous lone word -> its own cluster, for documents that cannot decide


_DOMINANCE = 3
# a given name alone says less than a surname alone
_GIVEN_SCORE = 0.6


class _Index:
    """Clusters by the skeleton of each of their words and of their last word: where to look for a match.

    Two names can match only if the last word of one is spelled like some word of the other, so a
    name is compared with the clusters that have its last word anywhere, or one of its words last.
    """

    def __init__(self) -> None:
        self.by_any: dict[str, set[int]] = defaultdict(set)
        self.by_last: dict[str, set[int]] = defaultdict(set)

    def add(self, i: int, name: Name) -> None:
        for t in name.tokens:
            if len(t) > 1:
                self.by_any[skeleton(t)].add(i)
        if name.tokens and len(name.tokens[-1]) > 1:
            self.by_last[skeleton(name.tokens[-1])].add(i)

    def near(self, name: Name) -> list[int]:
        found: set[int] = set()
        if name.tokens and len(name.tokens[-1]) > 1:
            found |= self.by_any.get(skeleton(name.tokens[-1]), set())
        for t in name.tokens:
            if len(t) > 1:
                found |= self.by_last.get(skeleton(t), set())
        return sorted(found)

    def holding(self, word: str) -> list[int]:
        """Clusters with a word spelled like ``word`` anywhere (owners of a lone surname)."""
        return sorted(self.by_any.get(skeleton(word), set()))


def cluster(surfaces: Counter[str], authority: Iterable[AuthorityEntry] = ()) -> Clustering:
    """Person clusters of the surfaces (with their mention counts)."""
    b = _Builder(surfaces)
    for entry in authority:
        i = b.add(Cluster(entry.id, entry.name, entry.display, True, entry.description))
        for v in entry.variants:
            vn = name_of(v)
            if vn.tokens and vn.tokens != entry.name.tokens:
                b.index.add(i, vn)
    names = b.names
    order = sorted((s for s in surfaces if names[s].tokens), key=lambda s: (-len(names[s].tokens), -surfaces[s], s))
    initialled = [s for s in order if _initials_and_surname(names[s])]
    exact = frozenset(names[s].tokens[-1] for s in order if not names[s].single)
    titled = frozenset(names[s].tokens[0] for s in order if names[s].single and strip_title(s) != s.strip())
    alone: Counter[str] = Counter()
    for s in order:
        if names[s].single:
            alone[names[s].tokens[0]] += surfaces[s]
    deferred = set(initialled)
    for s in order:
        if s in deferred:
            continue
        if names[s].single:
            b.lone(s, _Lone(names[s].tokens[0], latin(s), exact, names[s].tokens[0] in titled, alone))
        else:
            b.multi(s)
    lone_words = {names[s].tokens[0]: i for s, i in b.by_surface.items() if s in names and names[s].single}
    for s in initialled:
        b.initialled(s, lone_words)
    return Clustering(b.clusters, b.by_surface, b.ambiguous, b.own)


class _Builder:
    """The clusters being made, with the index to find candidates and where each surface went."""

    def __init__(self, surfaces: Counter[str]) -> None:
        self.surfaces = surfaces
        self.names = {s: name_of(s) for s in surfaces}
        self.clusters: list[Cluster] = []
        self.index = _Index()
        self.by_surface: dict[str, int] = {}
        self.ambiguous: dict[str, tuple[int, ...]] = {}
        self.own: dict[str, int] = {}

    def add(self, c: Cluster) -> int:
        self.clusters.append(c)
        self.index.add(len(self.clusters) - 1, c.name)
        return len(self.clusters) - 1

    def new(self, s: str) -> int:
        name = self.names[s]
        display = s
        if name.surname == frozenset({0}) and len(name.tokens) > 1:
            # "Molotov V. M." is shown as "V. M. Molotov", "Pastenaci, E." as "E. Pastenaci": the
            # comma of the surname-first order goes with the order
            words = strip_title(s).split()
            display = " ".join([*words[1:], words[0].rstrip(",")]) if len(words) > 1 else s
        return self.add(Cluster("", name, display, variants={s: (1.0, "name")}))

    def multi(self, s: str) -> None:
        """A name of several words: the best compatible cluster, or one of its own."""
        clusters = self.clusters
        best, score = _best_multi(self.names[s], clusters, self.index, latin(s))
        if best is None:
            best = self.new(s)
        else:
            method = "authority" if clusters[best].from_authority else "name"
            clusters[best].variants[s] = (score, method if score == 1.0 else f"{method}:transliteration")
        self.by_surface[s] = best
        clusters[best].count += self.surfaces[s]

    def lone(self, s: str, lone: _Lone) -> None:
        """A lone word: the one cluster it spells or whose surname it is; apart where several could
        own it (a document may decide)."""
        clusters = self.clusters
        singles, owners, method = _lone_candidates(lone, clusters, self.index)
        if not singles and not owners:
            singles, owners, method = _declined(s, lone, clusters, self.index)
        # an authority list's people come before names only seen in the text
        listed = [o for o in owners if clusters[o[0]].from_authority]
        if listed:
            owners = listed
            singles = [x for x in singles if clusters[x[0]].from_authority]
        if len(owners) > 1:
            # one of them named far more often than all the others together: the surname is theirs
            top = _dominant([(i, sc, True) for i, sc in owners], clusters)
            if top is not None:
                owners = [(top, round(dict(owners)[top] * 0.8, 3))]
                method = "surname:dominant"
        if singles and not owners:
            i, sc = singles[0]
            clusters[i].variants[s] = (sc, "spelling" if sc == 1.0 else "transliteration")
            self.by_surface[s] = i
        elif len(owners) == 1 and not singles:
            i, sc = owners[0]
            clusters[i].variants[s] = (sc, method)
            self.by_surface[s] = i
        else:
            # a lone word that several people could own stays apart, unless a document decides
            if owners:
                self.ambiguous[s] = tuple(i for i, _ in owners)
            if singles:
                i = singles[0][0]
                clusters[i].variants.setdefault(s, (singles[0][1], "spelling"))
            else:
                i = self.new(s)
            if owners:
                self.own[s] = i
            else:
                self.by_surface[s] = i
        clusters[self.by_surface.get(s, self.own.get(s, 0))].count += self.surfaces[s]

    def initialled(self, s: str, lone_words: dict[str, int]) -> None:
        """"D. Calligeris": the one full name it fits, else the lone surname, else apart."""
        name = self.names[s]
        best, score = _best_multi(name, self.clusters, self.index, latin(s))
        method = "initials"
        if best is None:
            singles, _, _ = _lone_candidates(_Lone(name.tokens[-1], latin(s)), self.clusters, self.index)
            found = singles[0][0] if singles else lone_words.get(name.tokens[-1])
            if found is not None:
                best, score, method = found, 0.8, "initials:surname"
        if best is None:
            best, score, method = self.new(s), 1.0, "name"
        self.clusters[best].variants.setdefault(s, (score, method))
        self.by_surface[s] = best
        self.clusters[best].count += self.surfaces[s]


def _initials_and_surname(name: Name) -> bool:
    return len(name.tokens) > 1 and all(len(t) == 1 for t in name.tokens[:-1]) and len(name.tokens[-1]) > 1


def _best_multi(name: Name, clusters: list[Cluster], index: _Index, in_latin: bool = True
                ) -> tuple[int | None, float]:
    scored: list[tuple[float, int, int]] = []
    for i in index.near(name):
        other = clusters[i].name
        if other.single:
            continue
        sc = multi_match(name, other) if len(name.tokens) <= len(other.tokens) else multi_match(other, name)
        strict = clusters[i].from_authority or in_latin != latin(clusters[i].display)
        if sc > 0 and (not strict or _same_surname_key(name, other)):
            scored.append((sc, 1 if clusters[i].from_authority else 0, i))
    if not scored:
        return None, 0.0
    scored.sort(key=lambda t: (-t[0], -t[1], -clusters[t[2]].count, t[2]))
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        # "Frank Wisner" fits "Frank G. Wisner" and "Frank C. Wisner" alike: the better-attested one,
        # at a lower score, unless neither is attested more than the other
        if clusters[scored[0][2]].count == clusters[scored[1][2]].count:
            return None, 0.0
        return scored[0][2], round(scored[0][0] * 0.8, 3)
    return scored[0][2], scored[0][0]


def _same_surname_key(name: Name, other: Name) -> bool:
    """Whether a word of ``name`` has the spelling key of ``other``'s surname: what a persons
    list's entry or a name in another script needs beyond a resemblance of the names."""
    surname = other.surname or frozenset({len(other.tokens) - 1})
    keys = {spelling(other.tokens[i]) for i in surname if not is_initial(other.tokens[i])}
    return any(spelling(t) in keys for t in name.tokens if not is_initial(t))


@dataclass(frozen=True, slots=True)
class _Lone:
    """What a lone word is matched with: its folded word, whether it is written in Latin letters,
    and the surnames the collection writes exactly so in a name of several words."""

    word: str
    latin: bool = True
    exact: frozenset[str] = frozenset()
    titled: bool = False  # written alone after a title somewhere ("King Paul"): a name of its own
    # how often the collection writes each word alone as a person's name
    alone: Mapping[str, int] = field(default_factory=dict)


def _lone_candidates(lone: _Lone, clusters: list[Cluster], index: _Index
                     ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], str]:
    """Clusters that are this lone word already, and clusters whose surname it is.

    A persons list's entry, and a name in another script, take the word only when its spelling
    key is theirs (a resemblance of consonants is not enough: "Beria" is not "Berry"). A cluster
    that spells the word exactly comes before one that spells it otherwise ("Beria" of "L. P.
    Beria" before "Biriya" of "Mohammad Biriya"); a word the collection spells exactly as
    someone's surname is not taken by another spelling."""
    word = lone.word
    singles: list[tuple[int, float, bool]] = []
    owners: list[tuple[int, float, bool]] = []
    middles: list[tuple[int, float, bool]] = []
    given: list[tuple[int, float, bool]] = []
    for i in index.holding(word):
        c = clusters[i]
        strict = c.from_authority or lone.latin != latin(c.display)
        if c.name.single:
            sc = same_token(word, c.name.tokens[0])
            if sc > 0 and (sc == 1.0 or not strict):
                singles.append((i, sc, c.name.tokens[0] == word))
            continue
        sc, strong = surname_match(word, c.name)
        if sc > 0 and (sc == 1.0 or not strict):
            (owners if strong else middles).append((i, sc, word in c.name.tokens))
        elif spelling(given_name(c.name)) == spelling(word):
            given.append((i, _GIVEN_SCORE, given_name(c.name) == word))
    # a lone word is someone's surname before it is someone else's middle name ("Cabot" is John M.
    # Cabot's, not Henry Cabot Lodge's), unless the middle-name bearer is named far more often
    # (a Spanish father's name stands in the middle: "Arbenz" of "Jacobo Arbenz Guzman")
    if owners and middles and max(clusters[i].count for i, _, _ in middles) \
            < _DOMINANCE * max(clusters[i].count for i, _, _ in owners):
        middles = []
    # a middle name is no surname in use where the collection writes the bearer's last name alone
    # more often than this word ("Foster" of John Foster Dulles, who is "Dulles" hundreds of
    # times; not "Arbenz" of Jacobo Arbenz Guzman, who is never "Guzman")
    middles = [x for x in middles if lone.alone.get(clusters[x[0]].name.tokens[-1], 0) <= lone.alone.get(word, 0)]
    method = "surname"
    # a given name alone ("Ivone", "Henry" in a memorandum of conversation) is the person of the
    # collection far more often named so than anyone else it could be, or nobody's
    top = _dominant(given + middles, clusters) if given and not owners and not singles and not lone.titled else None
    if top is not None and top in {i for i, _, _ in given}:
        middles, method = [], "given name"
        owners = [x for x in given if x[0] == top]
    owners += middles
    if any(e for *_, e in singles + owners):
        singles, owners = [x for x in singles if x[2]], [x for x in owners if x[2]]
    elif word in lone.exact:
        return [], [], method
    return ([(i, sc) for i, sc, _ in sorted(singles, key=lambda t: (-t[1], t[0]))],
            [(i, sc) for i, sc, _ in sorted(owners, key=lambda t: (-t[1], t[0]))], method)


def _declined(surface: str, lone: _Lone, clusters: list[Cluster], index: _Index
              ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], str]:
    """A Cyrillic word no name spells as it is, read as a case form ("Багирову": to Bagirov):
    the first nominative that one name of the collection spells (its spelling key, not less)."""
    for stem in case_stems(surface):
        words = tokens(stem)
        if len(words) != 1:
            continue
        found = _lone_candidates(_Lone(words[0], lone.latin, lone.exact, True), clusters, index)
        if len(found[0]) + len(found[1]) == 1:
            return ([(i, round(sc * 0.9, 3)) for i, sc in found[0]], [(i, round(sc * 0.9, 3)) for i, sc in found[1]],
                    "transliteration:case")
    return [], [], "surname"


def _dominant(found: list[tuple[int, float, bool]], clusters: list[Cluster]) -> int | None:
    """The one cluster named at least twice and far more often than all the others together."""
    counts = sorted(((clusters[i].count, i) for i, _, _ in found), reverse=True)
    if counts and counts[0][0] >= 2 and counts[0][0] >= _DOMINANCE * sum(c for c, _ in counts[1:]):
        return counts[0][1]
    return None


def latin(text: str) -> bool:
    """Whether a name is written in Latin letters (with any diacritics), not Cyrillic, Arabic..."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def decide_in_document(surface: str, clustering: Clustering, present: set[int]) -> tuple[int, str]:
    """The cluster of an ambiguous lone word in a document that names ``present`` clusters."""
    here = [i for i in clustering.ambiguous.get(surface, ()) if i in present]
    if len(here) == 1:
        clustering.clusters[here[0]].variants.setdefault(surface, (0.8, "surname:document"))
        return here[0], "surname:document"
    return clustering.own[surface], "name"


__all__ = ["AuthorityEntry", "Cluster", "Clustering", "cluster", "decide_in_document", "token_match"]

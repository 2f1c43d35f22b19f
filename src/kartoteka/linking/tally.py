"""NameTally: what linking counts over a collection's spread records before it decides any: the
person names, the countries named, and who each document says holds a title. Sums over records,
so a store keeps them as rows and adds new records to them (``linker.counting_version``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from kartoteka.entities.dialogue import INITIAL_METHOD
from kartoteka.entities.roles import held_titles
from kartoteka.entities.titles import strip_title
from kartoteka.errors import KartotekaError
from kartoteka.gazetteer import places
from kartoteka.linking.keys import tokens
from kartoteka.linking.roles import tally_key
from kartoteka.model import Agent, AgentKind, MentionKind, Record

_P = MentionKind.PERSON


class NameTally:
    """Person names with their mention counts, countries named, and who each document says
    holds a title (``linking.roles``), over the spread records."""

    __slots__ = ("countries", "roles", "surfaces")

    def __init__(self) -> None:
        self.surfaces: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()

    def add(self, r: Record) -> None:
        # a speaker's initial is no name to cluster: it takes its referent's entity
        self.surfaces.update(m.span.text for m in r.mentions if m.kind is _P and m.method != INITIAL_METHOD)
        self.surfaces.update(a.span.text for a in agents_of(r) if person_agent(a))
        self.countries.update(countries_named(r))
        if r.document is not None:
            self.roles.update(tally_key(title, name, r.date.iso if r.date else None) for title, name in held_titles(r.document.text, r.mentions))

    def take(self, other: NameTally) -> None:
        """Take out the records ``other`` counted, counted here too (names and countries no
        longer named go)."""
        for mine, theirs in ((self.surfaces, other.surfaces), (self.countries, other.countries),
                             (self.roles, other.roles)):
            mine.subtract(theirs)
            for k in [k for k in theirs if mine[k] <= 0]:
                del mine[k]

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """The tally as (counter, key, count) rows, what a store keeps between linkings."""
        yield from (("surface", s, n) for s, n in self.surfaces.items())
        yield from (("country", c, n) for c, n in self.countries.items())
        yield from (("role", k, n) for k, n in self.roles.items())

    def add_rows(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """Add a tally kept as :meth:`rows` (of other records): the sums :meth:`add` makes."""
        for name, key, n in rows:
            if name == "surface":
                self.surfaces[key] += n
            elif name == "country":
                self.countries[key] += n
            elif name == "role":
                self.roles[key] += n
            else:
                raise KartotekaError(f"unknown tally counter {name!r}", expected="surface, country or role")

    def names(self) -> Counter[str]:
        """The names the person clustering takes: those with a word left once titles are gone."""
        return Counter({s: n for s, n in self.surfaces.items() if tokens(strip_title(s))})


def countries_named(r: Record) -> Counter[str]:
    """Countries a document names without doubt: a country or region by name, or a place every
    reading of which lies in one country. The context that settles the doubtful names."""
    out: Counter[str] = Counter()
    for m in r.mentions:
        if m.kind is not MentionKind.PLACE:
            continue
        found = places.candidates(m.span.text)
        sure = found and (found[0].curated or found[0].kind is not places.PlaceKind.CITY
                          or len({p.country for p in found}) == 1)
        if sure and found[0].country:
            out[found[0].country] += 1
    return out


def agents_of(r: Record) -> Iterator[Agent]:
    """Every agent of the record: senders, recipients, signatories, then the chain's."""
    yield from r.senders
    yield from r.recipients
    yield from r.signatories
    for step in r.chain:
        yield from step.agents


def person_agent(a: Agent) -> bool:
    """A person agent whose name is not a place's (a dateline read as a sender is not a person)."""
    return (a.kind is AgentKind.PERSON and "[" not in a.span.text
            and places.resolve(a.span.text, alternates=False) is None)


__all__ = ["NameTally", "agents_of", "countries_named", "person_agent"]

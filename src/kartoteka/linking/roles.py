"""Role holders across a collection: who its documents give each title, and in which years.

A role the document leaves unattached ("the Shah asked…" with no name in the telegram) is
attached to the one person the collection's documents of those years give that title ("Shah
Mohammad Reza Pahlavi", "the Shah, Mohammad Reza Pahlavi,"), and to nobody where two hold it
(two Presidents of one year, the many Ambassadors of a year's telegrams). Pure: the holders are
counted per document (``NameTally``) and read by the names' entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from kartoteka.entities.roles import title_key
from kartoteka.model import Role

# the years either side of a document's in which a holder counts: an office changes hands
# within years, and a telegram speaks of the holder of its own days
_YEARS = 1
# documents that must give the holder the title, and the share of them the holder must have: a
# collection's "the President" is its own country's, while its documents also name foreign and
# former presidents ("President Pompidou", "President Kennedy"); "the Ambassador" of a year's
# telegrams is many people, none with such a share, and stays unattached
_SUPPORT, _SHARE = 3, 0.75
_SEP = "\x1f"
_Who = TypeVar("_Who")


# links too weak to say who held a title: a bare surname given to the person most often named in
# full ("Dulles" to Allen W. Dulles, where the Secretary of State was mostly "Secretary Dulles")
_WEAK = frozenset({"surname:dominant"})


def strong_link(method: str) -> bool:
    """Whether a name linked by ``method`` may name a title's holder for the collection."""
    return method not in _WEAK


def tally_key(title: str, name: str, iso: str | None) -> str:
    """The key a document's (title, name) is counted under, with the year of its date (ISO)."""
    return _SEP.join((title, name, _year(iso)))


def _year(iso: str | None) -> str:
    return iso[:4] if iso is not None and iso[:4].isdigit() else ""


@dataclass(frozen=True, slots=True)
class RoleHolders:
    """By title, the (entity, year, documents) the collection gives it; year "" where undated."""

    by_title: Mapping[str, tuple[tuple[str, str, int], ...]]

    @classmethod
    def of(cls, counts: Iterable[tuple[str, int]], entity_of: Callable[[str], str | None]) -> RoleHolders:
        """From tally keys (``tally_key``) and their counts; ``entity_of`` gives a name's person
        entity, or None (a name linking dropped)."""
        held: dict[str, Counter[tuple[str, str]]] = {}
        for key, n in counts:
            title, name, year = key.split(_SEP)
            entity = entity_of(name)
            if entity is not None:
                held.setdefault(title, Counter())[(entity, year)] += n
        return cls({t: tuple(sorted((e, y, n) for (e, y), n in c.items())) for t, c in held.items()})

    def attach(self, found: Sequence[Role], iso: str | None) -> tuple[Role, ...]:
        """The document's roles (its date ``iso``), each one it leaves unattached given the
        collection's holder."""
        return tuple(r if r.entity is not None or r.referent is not None else self._holder(r, _year(iso))
                     for r in found)

    def _holder(self, role: Role, year: str) -> Role:
        support: Counter[str] = Counter()
        for entity, held, n in self.by_title.get(title_key(role.span.text), ()):
            # an undated document takes a holder only where every year agrees (checked below)
            if not year or (held and abs(int(held) - int(year)) <= _YEARS):
                support[entity] += n
        if not support:
            return role
        (entity, n), total = support.most_common(1)[0], sum(support.values())
        if n < _SUPPORT or n / total < _SHARE or (not year and len(support) > 1):
            return role
        return replace(role, entity=entity, method="collection", score=round(n / total, 3))




def held_names(counts: Iterable[tuple[str, int]]) -> dict[str, frozenset[str]]:
    """By name, the titles the collection's documents give it (tally keys, ``tally_key``)."""
    out: dict[str, set[str]] = {}
    for key, _ in counts:
        title, name, _ = key.split(_SEP)
        out.setdefault(name, set()).add(title)
    return {name: frozenset(t) for name, t in out.items()}


def compatible(title: str, held: str) -> bool:
    """Whether a title written before a bare surname fits one written before a full name: the
    same, or one the shorter form of the other ("secretary" of "secretary of state")."""
    return title == held or held.startswith(title + " ") or title.startswith(held + " ")


def titled_owner(title: str, owners: Sequence[tuple[_Who, frozenset[str]]]) -> _Who | None:
    """Of the people a bare surname may mean (an id, and the titles their full names are given),
    the one whose titles fit ``title`` ("Secretary Dulles": the Dulles written "Secretary of State
    John Foster Dulles", not the one written "Director Allen Dulles"); None where not exactly one."""
    fits = {who for who, held in owners if any(compatible(title, h) for h in held)}
    return next(iter(fits)) if len(fits) == 1 else None


__all__ = ["RoleHolders", "compatible", "held_names", "strong_link", "tally_key", "titled_owner"]

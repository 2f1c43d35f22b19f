"""Neighbours: what a document's other finds say about one find. A name listed among places is a
place, a small town's name listed among people is a person's, a name that is a person somewhere
in the document is a person everywhere in it."""

from __future__ import annotations

import re

from kartoteka.entities import context, groups, shapes
from kartoteka.entities.claims import Claims
from kartoteka.entities.classification import MARKINGS
from kartoteka.entities.finds import Find
from kartoteka.entities.grounds import paired
from kartoteka.entities.titles import is_title, title_before
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold
from kartoteka.model import MentionKind

_P, _PL, _O, _G = MentionKind.PERSON, MentionKind.PLACE, MentionKind.ORGANIZATION, MentionKind.GROUP
# a name's one word as a person writes it: "Delgado", "Lincoln" (not "UFCO", "Tab")
_NAME_SHAPE = re.compile(r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?")


_PERSON_RULES = frozenset(("structure", "rule:title", "rule:office", "rule:closing", "rule:participants", "rule:by",
                           "rule:signature"))


def listed_places(text: str, kept: list[Find]) -> list[Find]:
    """In a list of names ("Canales, Palencia and Quezaltenango") whose other items are places,
    two or more, and none a person, a name read as a person is a place too."""
    at = {(f.start, f.end): f for f in kept}
    swap: dict[tuple[int, int], Find] = {}
    for items in context.enumerations(text):
        finds = [at.get(i) for i in items]
        for i, f in enumerate(finds):
            if f is None or f.kind is not _P or f.method in _PERSON_RULES or not place_like(text[f.start:f.end]):
                continue
            others = [g for j, g in enumerate(finds) if j != i]
            placed = sum(1 for g in others if g is not None and g.kind is _PL)
            if placed >= 2 and not any(g is not None and g.kind is _P for g in others):
                swap[(f.start, f.end)] = Find(f.start, f.end, _PL, "rule:place", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def paired_places(text: str, kept: list[Find]) -> list[Find]:
    """A one-word name that only the model reads as a person, paired by "and" or "or" with a
    place of a country where the gazetteer has a town of that name ("to Saqqez and Baneh",
    "near Inchon and Kunsan"): a place. ("Moscow and Kennedy" stays: no Russian Kennedy.)"""
    order = sorted(kept, key=lambda f: f.start)
    swap: dict[tuple[int, int], Find] = {}
    for i, f in enumerate(order):
        name = text[f.start:f.end]
        if f.kind is not _P or f.method != "model" or " " in name:
            continue
        countries = {p.country for p in places.candidates(name)}
        for j in (i - 1, i + 1):
            g = order[j] if 0 <= j < len(order) else None
            if g is None or g.kind is not _PL or not paired(text, *sorted([(g.start, g.end), (f.start, f.end)])):
                continue
            hit = places.resolve(text[g.start:g.end])
            if hit is not None and hit.country in countries:
                swap[(f.start, f.end)] = Find(f.start, f.end, _PL, "rule:place", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def place_like(name: str) -> bool:
    """No word of it is a title, a marking or a word for a body, and it is no people's name."""
    words = name.split()
    return (not is_title(name) and not any(fold(w) in shapes.NON_PERSON_WORDS or fold(w) in MARKINGS for w in words)
            and not any(shapes.is_demonym(w) for w in words) and not groups.is_group(name) and len(name) >= 3)


_COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|and|or)[ \t]*")


def _weak_town(text: str, f: Find) -> bool:
    """A place of one word, found by the gazetteer or the model, that only a town (not our
    data's, not a country or a great city) bears."""
    if f.method not in ("gazetteer", "model") or f.kind is not _PL or " " in text[f.start:f.end]:
        return False
    hit = places.resolve(text[f.start:f.end], alternates=False)
    return hit is not None and hit.kind is places.PlaceKind.CITY and not hit.curated \
        and not shapes.strong_place(text[f.start:f.end])


def placed(text: str, kept: list[Find]) -> list[Find]:
    """A name the document itself puts in a place's slot ("the Zacapa garrison", a route "to
    Jocotan to Chiquimula"), and that the gazetteer knows, is a place wherever only the model
    read it as a person in that document ("sending plane to Zacapa"): the mirror of
    ``propagate``. A name a rule or a title makes a person stays one."""
    slotted = {text[f.start:f.end] for f in kept if f.kind is _PL and f.method == "rule:place"}
    if not slotted:
        return kept
    ruled = {text[f.start:f.end] for f in kept if f.kind is _P and f.method not in ("model", "rule:document")}
    known = {name for name in slotted - ruled if places.resolve(name, alternates=False) is not None}
    return [Find(f.start, f.end, _PL, "rule:place", f.rank)
            if f.kind is _P and f.method == "model" and f.title is None and text[f.start:f.end] in known
            and title_before(text, f.start) is None else f for f in kept]


def among_people(text: str, kept: list[Find]) -> list[Find]:
    """A one-word name the model or the gazetteer read as a place or a body, listed with two or
    more persons and (in a long list) a place for every three persons at most ("Nixon, Kissinger, Rogers, Lincoln, Wheeler"; "known by Delgado,
    Col Somoza and Capt Sierra"), is a person's, unless it is a place the gazetteer trusts over
    any reading (our own data, a country, a great city). The mirror of ``listed_places``."""
    swap: dict[tuple[int, int], Find] = {}
    for items in context.enumerations(text):
        inside = [[f for f in kept if s <= f.start and f.end <= e] for s, e in items]
        for i, finds in enumerate(inside):
            for f in finds:
                name = text[f.start:f.end]
                if f.kind not in (_PL, _O) or f.method not in ("model", "gazetteer") or " " in name \
                        or not _NAME_SHAPE.fullmatch(name) or shapes.strong_place(name) \
                        or not shapes.person_words_ok(name) or not place_like(name):
                    continue
                others = [g for j, gs in enumerate(inside) if j != i for g in gs]
                persons = sum(1 for g in others if g.kind is _P)
                # the model's reading alone is a weak neighbour in a short list ("around Salonika,
                # Kavalla and Drama"): one person found by a rule, or a long list of persons
                sure = persons >= 4 or any(g.kind is _P and g.method != "model" for g in others)
                if persons >= 2 and sure and 3 * sum(1 for g in others if g.kind is _PL) < persons:
                    swap[(f.start, f.end)] = Find(f.start, f.end, _P, "rule:list", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def listed_people(text: str, kept: list[Find]) -> list[Find]:
    """A small town's name joined to a person's ("Delgado or Capt. Sierra", "known by Delgado,
    Col Somoza") and to no place is a person's name too."""
    order = sorted(kept, key=lambda f: f.start)
    swap: dict[tuple[int, int], Find] = {}
    for i, f in enumerate(order):
        if not _weak_town(text, f):
            continue
        kinds: list[MentionKind | None] = []
        for j in (i - 1, i + 1):
            if not 0 <= j < len(order):
                continue
            g = order[j]
            lo, hi = (g.end, f.start) if j < i else (f.end, g.start)
            if hi < lo:
                continue
            between = text[lo:hi]
            title = title_before(text, hi) if j > i else None
            if title is not None and title.start >= lo:
                between = text[lo:title.start]
            if _COORDINATION.fullmatch(between):
                # a person only by the model's reading is too weak a neighbour ("Tiquisate and Bananera")
                kinds.append(g.kind if g.kind is not _P or g.method not in ("model", "rule:document") else None)
        if _P in kinds and _PL not in kinds:
            swap[(f.start, f.end)] = Find(f.start, f.end, _P, "rule:list", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def propagate(text: str, kept: list[Find]) -> list[Find]:
    """A name that is a person somewhere in the document is a person everywhere in it."""
    lower = {w for w in re.findall(r"(?<![\w-])[a-z][a-z'’-]+", text)} | context.FUNCTION_WORDS
    persons = {text[f.start:f.end] for f in kept if f.kind is _P and len(text[f.start:f.end]) >= 4
               and not all(w.lower() in lower for w in text[f.start:f.end].split())}
    if not persons:
        return kept
    # a small town's name is a person's where the document names that person by a rule
    ruled = {text[f.start:f.end] for f in kept if f.kind is _P and f.method not in ("model", "rule:document")}
    strong = {f for f in kept if (f.method in ("gazetteer", "rule:place") or f.kind is _G)
              and not (_weak_town(text, f) and text[f.start:f.end] in ruled)}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(persons, key=len, reverse=True)) + r")\b")
    out: list[Find] = []
    for f in kept:
        if f.kind is _P or f in strong:
            out.append(f)
            continue
        # "First Qavam" read as an organisation: the person inside it is what was meant
        inner = pattern.search(text, f.start, f.end)
        if inner is not None and (inner.end() == f.end or inner.start() == f.start):
            out.append(Find(inner.start(), inner.end(), _P, "rule:document", f.rank))
        else:
            out.append(f)
    taken = Claims(len(text))
    for f in out:
        taken.add(f.start, f.end)  # kept finds overlap none another (``_select``), nor their inner names
    for m in pattern.finditer(text):
        if taken.overlaps(m.start(), m.end()) or re.match(r"[ \t]*\d", text[m.end():m.end() + 3]) \
                or (" " not in m.group() and context.not_a_person_here(text, m.start(), m.end())):
            continue
        out.append(Find(m.start(), m.end(), _P, "rule:document", 7))
        taken.add(m.start(), m.end())
    return out


__all__ = ["among_people", "listed_people", "listed_places", "paired_places", "place_like", "placed", "propagate"]

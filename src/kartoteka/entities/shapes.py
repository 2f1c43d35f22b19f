"""Shapes: what a word or a phrase says about itself, before any context. A people's word
("Iranian"), a follower's word ("Nasserite"), a Spanish common noun's ending ("Jefatura"), a
Russian or Persian surname's ending ("Kuliyev", "Daneshyan"), a word that is never part of a
person's name, a place the gazetteer trusts over any model."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from kartoteka.entities import cable
from kartoteka.entities.titles import AMBIGUOUS_ALONE, is_title
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold


def _not_names() -> frozenset[str]:
    """Words that make a capitalised phrase something other than a person's name (markings,
    papers, bodies, calendar words, pronouns), from ``data/not_names.csv`` with a reason each."""
    with resources.files("kartoteka.entities").joinpath("data/not_names.csv").open(encoding="utf-8") as f:
        return frozenset(fold(row["word"]) for row in csv.DictReader(f))


NON_PERSON_WORDS = _not_names()


@cache
def _demonyms() -> frozenset[str]:
    """Peoples' words and adherents' words ("Greek", "Soviet", "Communist", "Shiite"), from
    ``data/demonyms.csv`` where each entry says whose word it is."""
    with resources.files("kartoteka.entities").joinpath("data/demonyms.csv").open(encoding="utf-8") as f:
        return frozenset(fold(row["word"]) for row in csv.DictReader(f))


_SURNAME_SHAPE = re.compile(
    r"^[A-Z][a-z'’]*[a-z](?:ov|ova|ev|eva|yev|yeva|iev|ovich|evich|enko|shvili|dze|skiy|skii|sky|zadeh|zade|yan|yants)$"
)


def is_demonym(word: str) -> bool:
    """"Azerbaijani", "Iranian", "Guatemalan": a word for a people or a country's adjective."""
    key = fold(word)
    demonyms = _demonyms()
    if key in demonyms or (key.endswith("s") and key[:-1] in demonyms) or (key.endswith("es") and key[:-2] in demonyms):
        return True  # "Greek", "Greeks", "Cypriots"
    for suffix, repl in (("ian", ""), ("ian", "ia"), ("an", "a"), ("an", ""), ("n", ""), ("i", ""), ("ese", ""),
                         ("is", ""), ("ians", ""), ("ians", "ia"), ("ans", "a"), ("ns", "")):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)] + repl
            hit = places.resolve(stem, alternates=False)
            if hit is not None and (hit.curated or hit.kind is not places.PlaceKind.CITY):
                return True
    return False


# endings of Spanish common nouns that no surname of the collections' peoples shares:
# "Jefatura", "Federacion", "Infancia", "Bogotazo", "Seguridad"
_NOUN_SHAPE = re.compile(r"^[A-Z][a-záéíóúñ]+(?:atura|adura|ción|cion|sión|sion|idad|edad|ismo|azo|ancia|miento|ería)$")


def noun_shaped(word: str) -> bool:
    """One Spanish word shaped like a common noun, not a name ("Jefatura", "Infancia")."""
    return bool(_NOUN_SHAPE.match(word))


def surname_shaped(word: str) -> bool:
    """A Russian, Caucasian or Persian surname by its ending ("Kuliyev", "Daneshyan")."""
    return bool(_SURNAME_SHAPE.match(word)) and not is_demonym(word)


# endings of abstract nouns and of an archive's words that no personal name has
_ABSTRACT_ENDINGS = ("tions", "ities", "isms", "ness", "nesses", "papers")


def _region_word(word: str) -> bool:
    hit = places.resolve(word, alternates=False)
    return hit is not None and hit.curated and hit.kind is places.PlaceKind.REGION


def person_words_ok(name: str) -> bool:
    """No word of the phrase rules it out as a person's name."""
    words = fold(name).split()
    if not words or (is_title(name) and name.strip() not in AMBIGUOUS_ALONE):
        return False
    if len(re.sub(r"[^A-Za-zÀ-ÿ]", "", name)) < 3:
        return False  # "S", "Mc": fragments, not names
    if name.isupper() and len(name.replace(".", "")) > 1:
        return False  # cryptonyms (LINC, ODACID) and initials (CWH); names in capitals are headings
    if any(w.endswith(_ABSTRACT_ENDINGS) for w in words):
        return False  # "General Considerations", "Dulles Papers": a heading's or an archive's words
    if len(words) > 1 and any(_region_word(w) for w in name.split()):
        return False  # "Hizbi Demokrati Kurdistan": a body named for a region
    if any(w in NON_PERSON_WORDS for w in words) or any(cable.never_a_name(w) for w in name.split()):
        return False
    if any(_adherent_or_compound(w) for w in name.split()):
        return False
    return not all(is_demonym(w) for w in name.split())


# "Ba'thist", "Nasserite", "Titoism": a follower's or a doctrine's word; "-quist" is a surname's
_ADHERENT = re.compile(r"(?<!qu)(?<!qv)(?:ist|ists|ite|ites|ism|isms)$", re.IGNORECASE)
# "Pan-Arab", "Anti-Soviet", "Pro-Western", "Neo-Fascist": a prefix that makes an adjective
_PREFIXED = re.compile(r"^(?:pan|anti|pro|neo|non|ex)-", re.IGNORECASE)


def _adherent_or_compound(word: str) -> bool:
    """A follower's or doctrine's word, a prefixed adjective, or a compound of peoples or
    countries ("Greek-Turkish", "U.S.-Soviet")."""
    w = word.strip(".,;:()'’")
    if len(w) > 5 and _ADHERENT.search(w) and w[:1].isupper():
        return True
    if _PREFIXED.match(w):
        return True
    parts = [p for p in re.split(r"[-–—]", w) if p]
    return len(parts) > 1 and any(is_demonym(p) or _known_country(p) for p in parts)


def _known_country(word: str) -> bool:
    hit = places.resolve(word, alternates=False)
    return (hit is not None and hit.kind is places.PlaceKind.COUNTRY) or word in ("U.S", "US", "USSR", "UK")


def strong_place(name: str) -> bool:
    """A name that is a place even where the model says person: our own data, a country, a big city."""
    hit = places.resolve(name, alternates=False)
    if hit is None:
        return False
    return hit.curated or hit.kind is places.PlaceKind.COUNTRY or hit.population >= 300_000


__all__ = ["NON_PERSON_WORDS", "is_demonym", "noun_shaped", "person_words_ok", "strong_place", "surname_shaped"]

"""Transliteration-aware keys of names: pure functions that bring spellings together.

Three levels, coarsest last:

- ``fold``: any script to lower-case ASCII words (Cyrillic and Azerbaijani Latin through
  anyascii), apostrophes and soft signs dropped.
- ``spelling``: one token after the conventions that differ between Russian-mediated,
  English and Persian transliterations: dzh/dj/zh → j; kh/gh/q/g → k; sh/ch digraphs; the
  vowel shifts e→i, o→u, y→i; doubled letters single. "Dzhavid" and "Javid" meet here.
- ``skeleton``: the spelling's first letter and its consonants. "Dzhmal" and "Jamal",
  "Zul'fugari" and "Zolfaghari", "Khrushchev" and "Khrushchov" meet here; the linker checks a
  skeleton match against the spellings' similarity before it trusts it.

- ``strict``: the spelling after the transliteration rules of ``kartoteka.names``
  (``data/transliteration.csv``): soft signs and apostrophes, silent h, ye/e, -ii/-iy/-y,
  dzh/dj/j, q/gh/k, German umlauts. Vowels stay apart, so it joins only spellings of one name
  ("Yemel’yanov", "Emelyanov", "Емельянов"), not names that merely sound alike ("Beria",
  "Biriya", "Berry") nor English words ("Dulles", "Delays").

``name_keys`` is what search uses to expand a name to every spelling with the same strict key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from kartoteka.names import apostrophes, particles, spelling_groups, transliteration_rules

_APOSTROPHES = apostrophes()  # names/data/apostrophes.csv
_NON_WORD = re.compile(r"[^a-z0-9]+")
# names/data/spelling.csv, longest first: order matters for overlapping groups (shch before sh and ch)
_DIGRAPHS = spelling_groups()
_VOWELS = frozenset("aiu")
# below this, two spellings with one skeleton are more often two names than one name
_FUZZY_FLOOR = 0.8
# name particles that do not identify: "Qavam os-Saltaneh", "Abd al-Hamid", "de la Cruz" (names/data/particles.csv)
PARTICLES = particles()
_NAME_PARTS = re.compile(r"[\s\-‐-―]+")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; apostrophes (soft signs) removed."""
    # Azerbaijani ə is the a of Persian and Russian spellings ("Təbriz", "Şəbüstəri"), not anyascii's e
    out = anyascii(text.replace("ə", "a").replace("Ə", "A"))
    for ch in _APOSTROPHES:
        out = out.replace(ch, "")
    return _NON_WORD.sub(" ", out.casefold()).strip()


def _collapse(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def spelling(token: str) -> str:
    """The spelling key of one token (already folded or not)."""
    word = fold(token).replace(" ", "")
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    return _collapse(word)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """First letter and consonants of the spelling key."""
    sp = spelling(token)
    if not sp:
        return ""
    return _collapse(sp[0] + "".join(ch for ch in sp[1:] if ch not in _VOWELS))


def tokens(name: str) -> tuple[str, ...]:
    """The folded words of a name that identify it (particles dropped, hyphens split)."""
    return tuple(w for w in fold(name).split() if w not in PARTICLES)


@lru_cache(maxsize=200_000)
def strict(text: str) -> str:
    """The strict transliteration key of a spelling (one word, or several read as one)."""
    word = fold(text).replace(" ", "")
    for rule in transliteration_rules():
        word = rule.pattern.sub(rule.replacement, word)
    return word


def strict_name(name: str) -> str:
    """The strict key of a whole name: its words joined ("Kim Il-sung" = "Kim Ilsung"), particles
    written in lower case left out ("Nuri al-Said" = "Nuri as-Said"); a capitalised particle
    may be a name of its own ("En" of "Chou En-lai") and stays."""
    words = [w for w in _NAME_PARTS.split(name.strip()) if w]
    kept = [w for w in words if not (w.islower() and fold(w) in PARTICLES)] if len(words) > 1 else words
    return strict("".join(kept or words))


def name_keys(name: str) -> frozenset[str]:
    """Search keys of a name: its strict key.

    Two spellings of one name share it: ``name_keys("Javid") == name_keys("Джавид")``.
    """
    key = strict_name(name)
    return frozenset([key]) if key else frozenset()


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two tokens' spelling keys (1 when the keys are equal)."""
    from rapidfuzz.distance import Indel

    sa, sb = spelling(a), spelling(b)
    if sa == sb:
        return 1.0
    return float(Indel.normalized_similarity(sa, sb))


def same_token(a: str, b: str) -> float:
    """How surely two tokens are spellings of one word: 0 when they are not.

    Equal spelling keys score 1; equal skeletons also need closely similar spellings, so "Aliyev"
    and "Kuliyev", "Daneshyan" and "Dennison", "Martin" and "Morton" stay apart while "Dzhmal"
    and "Jamal" join. The bar is high because a wrong join merges two people everywhere.
    """
    sa, sb = spelling(a), spelling(b)
    if sa == sb:
        return 1.0 if sa else 0.0
    if skeleton(a) != skeleton(b):
        return 0.0
    sim = similarity(a, b)
    return round(sim, 3) if sim >= _FUZZY_FLOOR else 0.0


def is_initial(token: str) -> bool:
    return len(fold(token).replace(" ", "")) == 1


__all__ = ["PARTICLES", "fold", "is_initial", "name_keys", "same_token", "similarity", "skeleton", "spelling", "strict",
           "strict_name", "tokens"]

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

``name_keys`` is what search uses to expand a name to every spelling with the same keys.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = "'’‘ʼʹ`´ʻ\u02bf\u02be"
_NON_WORD = re.compile(r"[^a-z0-9]+")
# longest first: order matters for overlapping digraphs (shch before sh and ch)
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("tz", "c"),
    ("kh", "k"), ("gh", "k"), ("ck", "k"), ("q", "k"), ("g", "k"), ("x", "ks"),
    ("ph", "f"), ("th", "t"), ("w", "v"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("y", "i"), ("e", "i"), ("o", "u"),
)
_VOWELS = frozenset("aiu")
# below this, two spellings with one skeleton are more often two names than one name
_FUZZY_FLOOR = 0.8
# name particles that do not identify: "Qavam os-Saltaneh", "Abd al-Hamid", "de la Cruz"
PARTICLES = frozenset({"os", "ol", "ul", "al", "el", "ad", "ed", "ud", "as", "es", "us", "ar", "er",
                       "an", "ash", "ush", "ibn", "bin", "de", "del", "la", "da", "di", "von", "van", "y"})


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


def name_keys(name: str) -> frozenset[str]:
    """Search keys of a name: the skeleton of each word and of the whole name.

    Two spellings of one name share keys: ``name_keys("Javid") & name_keys("Джавид")``.
    """
    skels = [skeleton(t) for t in tokens(name)]
    skels = [s for s in skels if s]
    if not skels:
        return frozenset()
    return frozenset([*skels, " ".join(skels)])


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


__all__ = ["PARTICLES", "fold", "is_initial", "name_keys", "same_token", "similarity", "skeleton", "spelling", "tokens"]

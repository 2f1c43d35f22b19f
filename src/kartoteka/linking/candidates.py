"""Candidate matching of person names: when two names can be one person, and how surely.

A name is its identifying tokens (titles and particles dropped). Two names of several words
match when the shorter's words align, in order, with the longer's, the given names agree (or
the shorter is the longer's surname block) and nothing contradicts: "Allen Dulles" ~ "Allen W.
Dulles", "Castillo Armas" ~ "Carlos Castillo Armas", but "Reza Shah" ≁ "Mohammad Reza Shah"
and "Ebrahim Qavam" ≁ "Ahmad Qavam".
"""

from __future__ import annotations

from dataclasses import dataclass

from kartoteka.linking.keys import fold, same_token, similarity, spelling
from kartoteka.names.titles import titles

# words that end a ruler's or a notable's name and make "X Shah" a name of its own (the titles
# the names' data file marks "after-name", folded)
HONORIFIC_ENDINGS = frozenset(fold(t) for t in titles("after-name"))


def is_initial(token: str) -> bool:
    """A one-letter word of a name (its tokens are folded already)."""
    return len(token) == 1


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name as tokens; ``surname`` marks which tokens are the family name, where known."""

    tokens: tuple[str, ...]
    surname: frozenset[int] = frozenset()

    @property
    def single(self) -> bool:
        return len(self.tokens) == 1


def token_match(a: str, b: str) -> float:
    """How surely two tokens are one word: initials match a word with the same first letter."""
    if is_initial(a) or is_initial(b):
        return 0.9 if a[:1] == b[:1] or spelling(a)[:1] == spelling(b)[:1] else 0.0
    return same_token(a, b)


def given_match(a: str, b: str) -> float:
    """Given names also match by a short form that begins the long one ("Ray" of "Raymond", "Tom" of "Thomas")."""
    sc = token_match(a, b)
    if sc > 0:
        return sc
    sa, sb = sorted((spelling(a), spelling(b)), key=len)
    return 0.85 if len(sa) >= 3 and sb.startswith(sa) else 0.0


def middle_match(a: str, b: str) -> bool:
    """Middle names of one person may be spelled apart more freely than the names that identify
    him: closely similar spellings (or an initial and its word) agree."""
    return token_match(a, b) > 0 or (not is_initial(a) and not is_initial(b) and similarity(a, b) >= 0.8)


def multi_match(short: Name, long: Name) -> float:
    """Score (0 = no) that a name of several words and another name of at least as many are one."""
    a, b = short.tokens, long.tokens
    if len(a) > len(b):
        return 0.0
    # "Qavam os-Saltaneh" is the family name and an honorific: "Ahmad Qavam" is the same man
    for x, y in ((short, long), (long, short)):
        if _family_first(x) and not _family_first(y) and token_match(x.tokens[0], y.tokens[-1]) > 0:
            return round(0.85 * token_match(x.tokens[0], y.tokens[-1]), 3)
    if len(a) == len(b):
        scores = [given_match(a[0], b[0]), *(token_match(x, y) for x, y in zip(a[1:-1], b[1:-1], strict=True)),
                  token_match(a[-1], b[-1])]
        if all(scores):
            return min(scores)
        # the same given name and surname, a middle name spelled two ways ("Fatin Rustu Zorlu",
        # "Fatin Rustun Zorlu"): one person, at a lower score
        if scores[0] and scores[-1] and all(middle_match(x, y) for x, y in zip(a[1:-1], b[1:-1], strict=True)):
            return round(0.85 * min(scores[0], scores[-1]), 3)
        return 0.0
    # given names agree: align the rest in order
    if given_match(a[0], b[0]) > 0:
        score = _align(a[1:], b[1:])
        if score > 0:
            return min(score, given_match(a[0], b[0]))
    # the longer leads with initials before the given name the shorter uses ("Alexis Johnson" of
    # "U. Alexis Johnson", "Anatoliy Dobrynin" of "H.E. Anatoliy F. Dobrynin")
    lead = next((i for i, t in enumerate(b) if not is_initial(t)), 0)
    if lead and len(a) <= len(b) - lead and given_match(a[0], b[lead]) > 0:
        score = _align(a[1:], b[lead + 1:])
        if score > 0:
            return round(0.95 * min(score, given_match(a[0], b[lead])), 3)
    # the shorter is the longer's surname block ("Castillo Armas" of "Carlos Castillo Armas")
    if a[-1] in HONORIFIC_ENDINGS:
        return 0.0
    for start in range(1, len(b) - len(a) + 1):
        if start + len(a) != len(b) and not long.surname:
            continue
        block = range(start, start + len(a))
        if long.surname and not long.surname <= set(block):
            continue
        scores = [token_match(x, b[i]) for x, i in zip(a, block, strict=True)]
        if all(scores):
            return min(scores) * 0.95
    return 0.0


def _family_first(name: Name) -> bool:
    """A name of several words led by the family name (particle names: every word is family)."""
    return len(name.tokens) > 1 and len(name.surname) == len(name.tokens)


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Greedy in-order alignment of ``a`` into ``b``; the last word of ``a`` must find a word."""
    if not a:
        return 1.0
    best = 1.0
    j = 0
    for x in a:
        while j < len(b) and token_match(x, b[j]) == 0:
            j += 1
        if j >= len(b):
            return 0.0
        best = min(best, token_match(x, b[j]))
        j += 1
    return best


def surname_match(word: str, long: Name) -> tuple[float, bool]:
    """Score that a lone word is the surname of a longer name, and whether it is its last word
    (or in the surname an authority gives): a middle word ("Cabot" of "Henry Cabot Lodge") is weaker."""
    positions = sorted(long.surname) if long.surname else _surname_positions(long)
    best, strong = 0.0, False
    for i in positions:
        if is_initial(long.tokens[i]):
            continue
        sc = token_match(word, long.tokens[i])
        if sc > 0 and (sc > best or (sc == best and not strong)):
            best = sc
            strong = strong or bool(long.surname) or i == len(long.tokens) - 1
    return best, strong


def _surname_positions(name: Name) -> list[int]:
    """Without an authority's word on it, every word but the given name may be a surname. The
    given name is the first word, or the first after leading initials: the name a man goes by
    ("Perkins" of "E. Perkins McGuire", "Burke" of "C. Burke Elbrick") is nobody's surname."""
    return list(range(_given_position(name) + 1, len(name.tokens)))


def _given_position(name: Name) -> int:
    return next((i for i, t in enumerate(name.tokens[:-1]) if not is_initial(t)), 0)


def given_name(name: Name) -> str:
    """The given name a person of several names goes by ("" when the surname is all there is:
    an authority's surname block, or initials only)."""
    if len(name.tokens) < 2 or name.surname == frozenset(range(len(name.tokens))):
        return ""
    i = _given_position(name)
    return "" if is_initial(name.tokens[i]) or (name.surname and i in name.surname) else name.tokens[i]


def name_of(surface: str) -> Name:
    from kartoteka.entities.titles import strip_title
    from kartoteka.linking.keys import tokens

    toks = tokens(strip_title(surface))
    if first_is_surname(surface):
        return Name(toks, frozenset(range(len(toks))))
    if len(toks) > 1 and not is_initial(toks[0]) and all(is_initial(t) for t in toks[1:]):
        return Name(toks, frozenset({0}))  # the Russian official order, "Molotov V. M.": surname first
    return Name(toks)


def authority_name(inverted: str, direct: str) -> Name:
    """A name from an authority list: "Castillo Armas, Colonel Carlos" gives the surname block."""
    from kartoteka.entities.titles import strip_title
    from kartoteka.linking.keys import tokens

    if "," in inverted:
        surname_part, _, given = inverted.partition(",")
        given_tokens = tokens(strip_title(given.strip())) if given.strip() else ()
        sur = tokens(surname_part)
        toks = (*given_tokens, *sur)
        return Name(toks, frozenset(range(len(given_tokens), len(toks))))
    toks = tokens(strip_title(direct or inverted))
    return Name(toks, frozenset({len(toks) - 1}) if toks else frozenset())


def first_is_surname(surface: str) -> bool:
    """"Qavam os-Saltaneh": a particle after the first word makes that word the family name."""
    words = fold(surface).split()
    from kartoteka.linking.keys import PARTICLES

    return len(words) > 2 and words[1] in PARTICLES


__all__ = ["HONORIFIC_ENDINGS", "Name", "authority_name", "first_is_surname", "given_name", "multi_match", "name_of",
           "surname_match", "token_match"]

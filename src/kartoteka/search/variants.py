"""Name variants: one key for every spelling and script of a name, and query expansion through it.

A key is what stays of a name when transliteration choices are taken away: "Javid", "Dzhavid"
and "Джавид" share one, as do "Mossadegh", "Mosaddeq" and "Мосаддык". The linking layer owns
the keys (``kartoteka.linking.keys.name_keys``) when it provides them; the simple key here is
the fallback. Expansion is pure: the archive hands in how to look up spellings by key.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from kartoteka.search.query import And, Node, Not, Or, Phrase, Term, words_of

# Transliteration digraphs, longest first: each group of spellings becomes one letter.
_DIGRAPHS = (
    ("shch", "s"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("ch", "c"), ("tch", "c"), ("sh", "s"),
    ("kh", "h"), ("gh", "k"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("ts", "s"), ("tz", "s"),
)
_SINGLE = str.maketrans({"q": "k", "g": "k", "c": "k", "w": "v", "z": "s", "x": "k", "y": "i", "j": "j"})
_VOWELS = re.compile(r"[aeiou]")
MIN_KEY = 3  # shorter skeletons ("Ali", "oil") collide with too many words to expand on
MIN_NAME = 4


def fallback_key(name: str) -> str:
    """A consonant skeleton of each word of ``name`` (initial vowel kept as ``a``), space-joined."""
    out = []
    for word in words_of(name):
        w = anyascii(unicodedata.normalize("NFKC", word)).casefold()
        w = re.sub(r"[^a-z]", "", w)
        if not w:
            continue
        for a, b in _DIGRAPHS:
            w = w.replace(a, b)
        w = w.translate(_SINGLE)
        head = "a" if w[0] in "aeiou" else w[0]
        skeleton = re.sub(r"(.)\1+", r"\1", head + _VOWELS.sub("", w[1:]))
        if len(skeleton) < MIN_KEY:  # "Emami": too few consonants; keep where the vowels are
            skeleton = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("a", w))
        out.append(skeleton)
    return " ".join(out)


def _linking_keys() -> Callable[[str], Iterable[str]] | None:
    try:
        from kartoteka.linking import keys
    except ImportError:
        return None
    fn = getattr(keys, "name_keys", None)
    return fn if callable(fn) else None


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """Every key of a name (the linking layer's and the fallback), for storing and for lookup."""
    if len(name.strip()) < MIN_NAME:
        return ()
    out = []
    fk = fallback_key(name)
    if fk and len(fk.replace(" ", "")) >= MIN_KEY:
        out.append("f:" + fk)
    fn = _linking_keys()
    if fn is not None:
        # a name the linker's keys cannot take must still be searchable plainly
        with contextlib.suppress(Exception):
            # only keys of the whole name: a key of one of its words would make "Doctor Dzhavid"
            # a spelling of "Javid" (the word-level match comes from the word's own key)
            n_words = len(words_of(name))
            out.extend("l:" + str(k) for k in sorted(fn(name)) if k and len(str(k).split()) == n_words)
    return tuple(dict.fromkeys(out))


_PROBES = ("Javid", "Джавид", "Jamal Emami", "Mossadegh", "Qavam", "Khrushchev", "Tabriz", "Arbenz Guzman",
           "Zul’fugari", "Bagirov", "Pishevari", "Castillo Armas")


def keys_version() -> str:
    """A fingerprint of the key functions: stored keys are rebuilt when it changes."""
    import hashlib

    return hashlib.sha256(repr([name_keys(p) for p in _PROBES]).encode("utf-8")).hexdigest()[:16]


def is_name_like(word: str) -> bool:
    """Capitalised (or non-Latin) words are the ones stored under keys: names, places, bodies."""
    return bool(word) and (word[0].isupper() or not word[0].isascii()) and not word.isdigit()


_RUN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def name_forms(text: str) -> set[str]:
    """The spellings in a text worth a key: each capitalised word, and runs of up to
    ``MAX_GRAM`` of them separated by single spaces ("Dzhmal Imami")."""
    out: set[str] = set()
    run: list[str] = []
    last_end = -1
    for m in _RUN_WORD.finditer(text):
        w = m.group(0)
        if is_name_like(w) and len(w) > 1:
            if run and text[last_end:m.start()] != " ":
                _runs(run, out)
                run = []
            run.append(w)
            last_end = m.end()
        elif run:
            _runs(run, out)
            run = []
    if run:
        _runs(run, out)
    return out


def _runs(run: list[str], out: set[str]) -> None:
    for i in range(len(run)):
        for n in range(1, min(MAX_GRAM, len(run) - i) + 1):
            out.add(" ".join(run[i:i + n]))


@dataclass(frozen=True, slots=True)
class Lookup:
    """How expansion reaches the archive: spellings by key, and an entity's spellings by key."""

    forms: Callable[[Sequence[str]], set[str]]
    entity_forms: Callable[[Sequence[str]], set[str]]


MAX_GRAM = 4
MAX_FORMS = 40


def expand(node: Node, lookup: Lookup) -> tuple[Node, tuple[tuple[str, tuple[str, ...]], ...]]:
    """``node`` with each name widened to every known spelling; and what was added, per name."""
    added: dict[str, tuple[str, ...]] = {}
    return _expand(node, lookup, added), tuple(added.items())


def _alternatives(words: Sequence[str], lookup: Lookup) -> list[tuple[str, ...]]:
    text = " ".join(words)
    keys = name_keys(text)
    if not keys:
        return []
    found = lookup.entity_forms(keys) | (lookup.forms(keys) if len(words) == 1 else set())
    own = tuple(w.casefold() for w in words)
    out: dict[tuple[str, ...], None] = {}
    for form in sorted(found):
        ws = words_of(form)
        if ws and tuple(w.casefold() for w in ws) != own:
            out[ws] = None
        if len(out) >= MAX_FORMS:
            break
    return _prune(own, list(out))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _prune(own: tuple[str, ...], alts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Alternatives not already matched by a shorter one: a document with "Jacobo Arbenz" has
    "Arbenz", so when "Arbenz" is searched the longer phrase adds only cost."""
    folded = {a: tuple(w.casefold() for w in a) for a in alts}
    keep: list[tuple[str, ...]] = []
    for a in sorted(alts, key=len):
        fa = folded[a]
        if _contains(fa, own) or any(_contains(fa, folded[k]) for k in keep):
            continue
        keep.append(a)
    return keep


def _leaf(ws: tuple[str, ...]) -> Node:
    return Term(ws[0]) if len(ws) == 1 else Phrase(ws)


def _widen(original: Node, words: Sequence[str], lookup: Lookup, added: dict[str, tuple[str, ...]]) -> Node:
    alts = _alternatives(words, lookup)
    if not alts:
        return original
    added[" ".join(words)] = tuple(" ".join(a) for a in alts)
    return Or((original, *(_leaf(a) for a in alts)))


def _expand(node: Node, lookup: Lookup, added: dict[str, tuple[str, ...]]) -> Node:
    if isinstance(node, Term):
        return node if node.prefix else _widen(node, (node.word,), lookup, added)
    if isinstance(node, Phrase):
        return _widen(node, node.words, lookup, added)
    if isinstance(node, Or):
        return Or(tuple(_expand(i, lookup, added) for i in node.items))
    if isinstance(node, Not):
        return Not(_expand(node.positive, lookup, added), node.negative)
    return _expand_and(node, lookup, added)


def _expand_and(node: And, lookup: Lookup, added: dict[str, tuple[str, ...]]) -> Node:
    # Consecutive plain words may be one name ("Jamal Emami"): try the longest runs first, as a
    # whole name of a known entity, before widening word by word.
    items = list(node.items)
    out: list[Node] = []
    i = 0
    while i < len(items):
        done = False
        for n in range(min(MAX_GRAM, len(items) - i), 1, -1):
            run = items[i:i + n]
            if not all(isinstance(t, Term) and not t.prefix for t in run):
                continue
            words = [t.word for t in run if isinstance(t, Term)]
            keys = name_keys(" ".join(words))
            alts = lookup.entity_forms(keys) if keys else set()
            if not alts:
                continue
            per_word = [_expand(t, lookup, added) for t in run]
            own = tuple(w.casefold() for w in words)
            whole = [ws for ws in dict.fromkeys(words_of(f) for f in sorted(alts))
                     if ws and tuple(w.casefold() for w in ws) != own]
            phrases = [_leaf(ws) for ws in _prune(own, whole)][:MAX_FORMS]
            added[" ".join(words)] = tuple(" ".join(p.words) if isinstance(p, Phrase) else p.word
                                           for p in phrases if isinstance(p, Phrase | Term))
            out.append(Or((And(tuple(per_word)), *phrases)) if phrases else And(tuple(per_word)))
            i += n
            done = True
            break
        if not done:
            out.append(_expand(items[i], lookup, added))
            i += 1
    return out[0] if len(out) == 1 else And(tuple(out))


__all__ = ["Lookup", "expand", "fallback_key", "is_name_like", "keys_version", "name_forms", "name_keys"]

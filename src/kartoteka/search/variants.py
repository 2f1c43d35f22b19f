"""Name variants: one strict key for every spelling and script of a name, and query expansion through it.

A key is what stays of a name when transliteration conventions are taken away
(``kartoteka.linking.keys.strict_name``, rules in ``kartoteka/names/data``): "Yemel’yanov",
"Emelyanov" and "Емельянов" share one, as do "Pishehvari" and "Pishevari", "Kim Il-sung" and
"Kim Ilsung"; "Beria" and "Biriya", "Dulles" and "Delays" do not. A query's name is widened to
the spellings with its key and to every spelling of the entities those spellings are linked to
(the archive's own joins, "Mossadegh" → "Musaddiq"); a widening is never a common English word
("Mann" is not searched as "Man"). Expansion is pure: the archive hands in how to look up
spellings by key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.linking.keys import PARTICLES, strict_name
from kartoteka.names import fingerprint
from kartoteka.search.query import And, Node, Not, Or, Phrase, Term, words_of
from kartoteka.search.words import index_words

MIN_KEY = 3  # shorter keys ("Ali", "oil") collide with too many words to expand on
MIN_NAME = 4
KEY_PREFIX = "t:"  # the strict transliteration key (earlier archives kept looser "f:"/"l:" keys)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """The keys of a name for storing and for lookup: its strict transliteration key."""
    if len(name.strip()) < MIN_NAME:
        return ()
    key = strict_name(name)
    return (KEY_PREFIX + key,) if len(key) >= MIN_KEY else ()


_PROBES = ("Javid", "Джавид", "Jamal Emami", "Mossadegh", "Qavam", "Khrushchev", "Tabriz", "Arbenz Guzman",
           "Zul’fugari", "Bagirov", "Pishevari", "Castillo Armas", "Yemel’yanov", "Pishehvari", "Nuri al-Said")


def keys_version() -> str:
    """A fingerprint of the key functions and their rules: stored keys are rebuilt when it changes."""
    probes = repr([name_keys(p) for p in _PROBES]) + fingerprint()
    return hashlib.sha256(probes.encode("utf-8")).hexdigest()[:16]


def is_name_like(word: str) -> bool:
    """Capitalised (or non-Latin) words are the ones stored under keys: names, places, bodies; so
    is a capitalised name after a particle ("as-Said", "os-Saltaneh")."""
    if not word or word.isdigit():
        return False
    if word[0].isupper() or not word[0].isascii():
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and head in PARTICLES and rest[0].isupper()


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
    """How expansion reaches the archive: spellings by key, every spelling of the entities with a
    spelling of that key (and whether linking joined it at full strength), and which of some
    spellings the archive knows as names (a mention's text or an entity's variant)."""

    forms: Callable[[Sequence[str]], set[str]]
    entity_forms: Callable[[Sequence[str]], dict[str, bool]]  # spelling → joined at full strength
    names: Callable[[Sequence[str]], set[str]]


MAX_GRAM = 4
MAX_FORMS = 40


def expand(node: Node, lookup: Lookup) -> tuple[Node, tuple[tuple[str, tuple[str, ...]], ...]]:
    """``node`` with each name widened to every known spelling; and what was added, per name."""
    added: dict[str, tuple[str, ...]] = {}
    return _expand(node, lookup, added), tuple(added.items())


def warm() -> None:
    """Load what the first widening needs (the keys' rules, the English vocabulary, the index's
    word pattern, built from every code point's category: a second or two in all)."""
    from kartoteka.marks import vocabulary

    name_keys("Warm")
    vocabulary()
    index_words("Warm")


def _common(form: str) -> bool:
    """Every word of ``form`` is a common English word (a function word, or one English uses as a
    verb, adjective or adverb): no spelling of a foreign name."""
    from kartoteka.marks import vocabulary

    voc = vocabulary()
    ws = words_of(form)
    return bool(ws) and all(voc.is_common(w) for w in ws)


def _alternatives(words: Sequence[str], lookup: Lookup) -> dict[tuple[str, ...], str]:
    """Other spellings of the name ``words`` (as the index's words, and as written): those the archive
    links to the same entity, and those with its key that are names; none that the index would
    read as the same words."""
    keys = name_keys(" ".join(words))
    if not keys:
        return {}
    # a spelling linked on similarity alone ("Beria" to "Berry") widens only with a word of the
    # name searched in it ("Alfonso Martinez" → "Alfonso Mart'nez Estevez")
    word_keys = {strict_name(w) for w in words}
    linked = {f for f, strong in lookup.entity_forms(keys).items()
              if strong or word_keys & {strict_name(w) for w in words_of(f)}}
    keyed = lookup.forms(keys) - linked
    # a capitalised common word with the key ("Man" for "Mann") is no spelling of the name,
    # unless the archive has it as a name somewhere
    plain = keyed - lookup.names(sorted(keyed)) if keyed else set()
    found = linked | {f for f in keyed if f not in plain or not _common(f)}
    own = tuple(index_words(" ".join(words)))
    out: dict[tuple[str, ...], str] = {}
    for form in sorted(found):
        ws = words_of(form)
        # a lone surname linked to the entity is a part of the name searched, not a spelling of it
        # ("Nuri" for "Mahmoud Nouri"): it would find every other Nuri
        part = len(ws) < len(words) and name_keys(form) != keys
        if ws and not part and tuple(index_words(" ".join(ws))) != own:
            out.setdefault(ws, form)
        if len(out) >= MAX_FORMS:
            break
    return {ws: out[ws] for ws in _prune(own, list(out))}


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _prune(own: tuple[str, ...], alts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Alternatives not already matched by a shorter one: a document with "Jacobo Arbenz" has
    "Arbenz", so when "Arbenz" is searched the longer phrase adds only cost."""
    folded = {a: tuple(index_words(" ".join(a))) for a in alts}
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
    added[" ".join(words)] = tuple(alts.values())
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


def _run_words(node: Node) -> tuple[str, ...] | None:
    """The words of a query item that may be part of a name: a plain word or a joined one ("al-Said")."""
    if isinstance(node, Term):
        return None if node.prefix else (node.word,)
    return node.words if isinstance(node, Phrase) else None


def _expand_and(node: And, lookup: Lookup, added: dict[str, tuple[str, ...]]) -> Node:
    # Consecutive words may be one name ("Jamal Emami", "Kim Il Sung", "Nuri al-Said"): try the
    # longest runs first, as a whole name, before widening word by word.
    items = list(node.items)
    out: list[Node] = []
    i = 0
    while i < len(items):
        done = False
        for n in range(min(MAX_GRAM, len(items) - i), 1, -1):
            parts = [_run_words(t) for t in items[i:i + n]]
            if any(p is None for p in parts):
                continue
            words = [w for p in parts if p is not None for w in p]
            alts = _alternatives(words, lookup)
            if not alts:
                continue
            per_word = [_expand(t, lookup, added) for t in items[i:i + n]]
            added[" ".join(words)] = tuple(alts.values())
            out.append(Or((And(tuple(per_word)), *(_leaf(a) for a in alts))))
            i += n
            done = True
            break
        if not done:
            out.append(_expand(items[i], lookup, added))
            i += 1
    return out[0] if len(out) == 1 else And(tuple(out))


__all__ = ["KEY_PREFIX", "Lookup", "expand", "is_name_like", "keys_version", "name_forms", "name_keys", "warm"]

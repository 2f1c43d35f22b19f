"""Search queries: what a user types, parsed into a small typed tree (never raw FTS syntax).

The grammar is forgiving: words, "quoted phrases", ``AND``/``OR``/``NOT`` (upper case, or
``-word``), ``prefix*`` and parentheses. Anything else a user may type (stray quotes, lone
operators, punctuation, FTS keywords such as ``NEAR`` or column filters) is read as plain
words; a query with nothing searchable left is a :class:`QueryError`.

A query's cost is bounded before it reaches an index, each limit refused by name: its length
(``MAX_QUERY`` characters), its words (``MAX_TERMS``), its prefixes (``MAX_PREFIXES``: each
expands to every indexed word it starts, and a page's snippets cost grows with their product)
and the nesting of its parentheses (``MAX_DEPTH``). A word repeated in the same AND or OR is
read once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kartoteka.errors import Location, QueryError

MAX_QUERY = 1000
MAX_TERMS = 64
MAX_PREFIXES = 4
MAX_DEPTH = 10


@dataclass(frozen=True, slots=True)
class Term:
    """One word (letters and digits only, case kept); ``prefix`` matches every word starting so."""

    word: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear next to each other, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """``positive`` without ``negative``; a query cannot be only a negation."""

    positive: Node
    negative: Node


Node = Term | Phrase | And | Or | Not

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_JOINED = re.compile(r"[^\W_]+(?:[.\-'’][^\W_]+)*[.]?", re.UNICODE)
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|-?[^\s()"]+', re.UNICODE)


def words_of(text: str) -> tuple[str, ...]:
    """The searchable words of a text: runs of letters and digits (apostrophes split them)."""
    text = unicodedata.normalize("NFC", text)
    return tuple(w for part in _WORD.findall(text) for w in re.split(r"['’]", part) if w)


def parse_query(text: str) -> Node:
    """The query tree of ``text``; :class:`QueryError` when nothing searchable is in it."""
    where = Location("query")
    if len(text) > MAX_QUERY:
        raise QueryError(f"query is {len(text)} characters long", location=where,
                         expected=f"at most {MAX_QUERY} characters")
    tokens = _TOKEN.findall(text)
    depth = _depth(tokens)
    if depth > MAX_DEPTH:
        raise QueryError(f"query nests parentheses {depth} deep", location=where,
                         expected=f"at most {MAX_DEPTH} levels of parentheses (MAX_DEPTH)")
    node, rest = _parse_or(tokens)
    while rest:  # an unmatched ")" ends a group early: read on, as if it were not there
        more, rest = _parse_or(rest[1:] if rest[0] == ")" else rest)
        if more is not None:
            node = more if node is None else _and([node, more])
    if node is None:
        raise QueryError(f"nothing to search for in {text!r}", location=where,
                         expected='words, "a phrase", AND/OR/NOT or prefix*')
    if _count(node) > MAX_TERMS:
        raise QueryError("query has too many words", location=where, expected=f"at most {MAX_TERMS} words (MAX_TERMS)")
    prefixes = sum(1 for t in _leaves(node) if isinstance(t, Term) and t.prefix)
    if prefixes > MAX_PREFIXES:
        raise QueryError(f"query has {prefixes} prefix words (word*)", location=where,
                         expected=f"at most {MAX_PREFIXES} prefix words (MAX_PREFIXES)")
    return node


def _depth(tokens: list[str]) -> int:
    """How deep the parentheses nest (an unmatched ")" closes nothing)."""
    depth = deepest = 0
    for tok in tokens:
        if tok == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif tok == ")":
            depth = max(0, depth - 1)
    return deepest


def _leaves(node: Node) -> list[Term | Phrase]:
    """Every leaf of a query, negated ones too (what the index reads)."""
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, Not):
        return _leaves(node.positive) + _leaves(node.negative)
    return [leaf for i in node.items for leaf in _leaves(i)]


def _count(node: Node) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Phrase):
        return len(node.words)
    if isinstance(node, Not):
        return _count(node.positive) + _count(node.negative)
    return sum(_count(i) for i in node.items)


def _and(items: list[Node]) -> Node:
    flat: list[Node] = []
    for i in items:
        flat.extend(i.items if isinstance(i, And) else (i,))
    flat = list(dict.fromkeys(flat))  # "t* t*" finds what "t*" finds, at a fraction of the cost
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _or(items: list[Node]) -> Node:
    flat: list[Node] = []
    for i in items:
        flat.extend(i.items if isinstance(i, Or) else (i,))
    flat = list(dict.fromkeys(flat))
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def _parse_or(tokens: list[str]) -> tuple[Node | None, list[str]]:
    parts: list[Node] = []
    while tokens:
        node, tokens = _parse_and(tokens)
        if node is not None:
            parts.append(node)
        if tokens and tokens[0] == "OR":
            tokens = tokens[1:]
            continue
        break
    return (_or(parts) if parts else None), tokens


def _parse_and(tokens: list[str]) -> tuple[Node | None, list[str]]:
    positives: list[Node] = []
    negatives: list[Node] = []
    negate = False
    while tokens and tokens[0] not in ("OR", ")"):
        tok = tokens[0]
        if tok == "AND":
            tokens = tokens[1:]
            continue
        if tok == "NOT":
            negate, tokens = True, tokens[1:]
            continue
        node, tokens = _parse_atom(tokens)
        if node is None:
            continue
        if (tok.startswith("-") and len(tok) > 1 and not isinstance(node, Phrase)) or negate:
            negatives.append(node)
        else:
            positives.append(node)
        negate = False
    if not positives:
        return None, tokens  # a bare negation has nothing to rank: it is dropped
    pos = _and(positives)
    if negatives:
        return Not(pos, _or(negatives)), tokens
    return pos, tokens


def _parse_atom(tokens: list[str]) -> tuple[Node | None, list[str]]:
    tok, rest = tokens[0], tokens[1:]
    if tok == "(":
        node, rest = _parse_or(rest)
        if rest and rest[0] == ")":
            rest = rest[1:]
        return node, rest
    if tok.startswith('"'):
        ws = words_of(tok.strip('"'))
        if not ws:
            return None, rest
        return (Term(ws[0]) if len(ws) == 1 else Phrase(ws)), rest
    prefix = tok.endswith("*")
    ws = words_of(tok.lstrip("-"))
    if not ws:
        return None, rest
    if len(ws) > 1:
        if _JOINED.fullmatch(tok.lstrip("-").rstrip("*")):  # "U.S.S.R.", "Mosaddeq's": one written word
            return Phrase(ws), rest
        return _and([Term(w) for w in ws]), rest
    return Term(ws[0], prefix=prefix), rest


def terms(node: Node) -> list[Term | Phrase]:
    """The positive leaves of a query (what snippets highlight and names expand)."""
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, Not):
        return terms(node.positive)
    out: list[Term | Phrase] = []
    for i in node.items:
        out.extend(terms(i))
    return out


# What a leaf costs the index, in units of one word's posting list: a short prefix reads the lists of
# a large share of the vocabulary, a longer one of a few words, a phrase one list per word.
SHORT_PREFIX = 2  # letters: a prefix this short or shorter reads many words' lists
SHORT_PREFIX_COST = 16
PREFIX_COST = 4


def cost(node: Node) -> int:
    """A query's work for the index, before it runs: one per word, the words of a phrase, and more
    for a prefix the shorter it is (what a reading room uses to send broad queries elsewhere)."""
    total = 0
    for leaf in _leaves(node):
        if isinstance(leaf, Phrase):
            total += len(leaf.words)
        elif leaf.prefix:
            total += SHORT_PREFIX_COST if len(leaf.word) <= SHORT_PREFIX else PREFIX_COST
        else:
            total += 1
    return total


__all__ = ["And", "Node", "Not", "Or", "Phrase", "Term", "cost", "parse_query", "terms", "words_of"]

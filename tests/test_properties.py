"""Property-based tests (Hypothesis): whatever text comes in, parsing keeps every span true to the
source and never raises; whatever a reader types, the query parser gives a tree or a QueryError.

Generation is derandomized (the same examples on every run), so a failure seen once replays on
the next run and on every machine; ``print_blob`` prints the failing example's reproduction.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kartoteka.errors import QueryError
from kartoteka.export.record_json import record_json
from kartoteka.pipeline import parse_text
from kartoteka.search.query import MAX_DEPTH, And, Not, Or, Phrase, Term, parse_query

KEPT = settings(derandomize=True, database=None, print_blob=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# what transcriptions are made of, hostile parts included: brackets, quotes, dashes, line ends, scripts
PIECES = ["[", "]", "(", ")", "[sic]", "[illegible]", "\n", "\n\n", "\r\n", "\t", " ", "  ", ".", ",", ";", ":",
          "—", "–", "-", "\"", "'", "’", "«", "»", "No. 12/34", "1946", "December 9, 1946", "7 December 46",
          "TOP SECRET", "Secret", "To:", "From:", "Tehran", "Tabriz", "Dzhavid", "Джавид", "Ambassador",
          "General-Major", "Signed", "Telegram From the Embassy in Iran to the Department of State",
          "Moscow", "Comrade", "Bagirov", "Qavam", "Mr.", "the", "and", "of", "Ш", "é", "\u00a0", "\u200b", "0925Z"]
ROOT = Path(__file__).resolve().parents[1]
REAL = sorted((ROOT.parent / "shared" / "seed").glob("*.txt")) + sorted((ROOT / "demo").glob("*/*.txt"))[:5]


def spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every span of a record in the JSON contract ({"text", "start", "end"}), however deep."""
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys() and isinstance(value["start"], int):
            yield value
        for v in value.values():
            yield from spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from spans(v)


def check(text: str) -> None:
    record = parse_text(text, path="generated.txt")
    assert record.error is None, record.error
    n = 0
    for sp in spans(record_json(record)):
        assert 0 <= sp["start"] <= sp["end"] <= len(text)
        assert text[sp["start"]:sp["end"]] == sp["text"], sp
        n += 1
    assert len(record_json(record)) > 0 and n >= 0


@settings(KEPT, max_examples=60)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=80).map("".join))
def test_parse_keeps_every_span_true_to_random_text(text: str) -> None:
    check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real document with pieces cut out, pasted in and replaced at random places."""
    text = REAL[draw(st.integers(0, len(REAL) - 1))].read_text(encoding="utf-8") if REAL else " ".join(PIECES)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        text = text[:at] + draw(st.sampled_from(PIECES) | st.text(max_size=5)) + text[at + cut:]
    return text


@settings(KEPT, max_examples=25)
@given(mutated())
def test_parse_keeps_every_span_true_to_mutated_documents(text: str) -> None:
    check(text)


QUERY_PIECES = ["(", ")", '"', "*", "-", "AND", "OR", "NOT", "NEAR", ":", "^", "oil", "Azer", "Джавид", "U.S.S.R.",
                "O'Brien", " ", "  ", "\t", "{", "}", "\\", "\x00"]


def depth(node: object) -> int:
    if isinstance(node, Term | Phrase):
        return 1
    if isinstance(node, Not):
        return 1 + max(depth(node.positive), depth(node.negative))
    assert isinstance(node, And | Or)
    assert len(node.items) >= 2 and len(set(node.items)) == len(node.items)  # flat, each leaf once
    return 1 + max(depth(i) for i in node.items)


@settings(KEPT, max_examples=2000)
@given(st.lists(st.sampled_from(QUERY_PIECES) | st.text(max_size=4), max_size=60).map(" ".join))
def test_any_query_parses_or_is_refused_clearly(text: str) -> None:
    try:
        node = parse_query(text)
    except QueryError as exc:
        assert exc.expected  # a refusal says what would do
        return
    assert depth(node) <= 2 * MAX_DEPTH + 3
    for leaf in _leaves(node):
        words = (leaf.word,) if isinstance(leaf, Term) else leaf.words
        assert all(w and all(c.isalnum() for c in w) for w in words), leaf


def _leaves(node: object) -> Iterator[Term | Phrase]:
    if isinstance(node, Term | Phrase):
        yield node
    elif isinstance(node, Not):
        yield from _leaves(node.positive)
        yield from _leaves(node.negative)
    elif isinstance(node, And | Or):
        for i in node.items:
            yield from _leaves(i)

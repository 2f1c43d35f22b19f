"""Inputs that used to hang parsing: time linear in the input, output bounded by it."""

from __future__ import annotations

import time

from kartoteka.marks import find_marks
from kartoteka.pipeline import parse_text
from kartoteka.structure.zones import drop_brackets


def test_a_hundred_kilobytes_of_open_brackets_parse_in_seconds() -> None:
    text = "[" * 100_000
    t0 = time.perf_counter()
    record = parse_text(text, path="brackets.txt")
    took = time.perf_counter() - t0
    assert record.error is None and record.marks == ()
    assert took < 60, took  # was 113 s (bracket scan, a bracket regex and spaCy's affix search, each quadratic)


def test_bracket_pairs_are_found_in_one_pass() -> None:
    text = "[" * 50_000 + "[a] b [c [d] e]\n\n[open\n\n]" + "]" * 10
    t0 = time.perf_counter()
    marks = find_marks(text)
    assert time.perf_counter() - t0 < 5
    assert [m.span.text for m in marks][:2] == ["[a]", "[c [d] e]"]
    assert drop_brackets("x [a] y [b") == "x   y [b"

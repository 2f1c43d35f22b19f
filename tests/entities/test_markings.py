"""Markings and telegraphic verbs are never names, while names that look like them stay names."""

from __future__ import annotations

import pytest

from kartoteka.entities.classification import telegraphic_verb
from kartoteka.pipeline import parse_text


@pytest.mark.parametrize(
    ("word", "verb"),
    [("Repeated", True), ("Received", True), ("Approved", True), ("Ahmed", False), ("Mohammed", False),
     ("Reed", False), ("Saeed", False), ("Hamed", False), ("Repeated to", False)],
)
def test_telegraphic_verb(word: str, verb: bool) -> None:
    assert telegraphic_verb(word) is verb


def test_caveats_and_file_numbers_are_not_mentions() -> None:
    text = ("Telegram From the Embassy in Iran to the Department of State\nTehran, August 19, 1953, 2 p.m.\n\n"
            "342. Zahedi forces now control the radio station.\n\nHenderson\n\n"
            "Source: Department of State, Central Files, POL 15–1 IRAN. Secret; Niact; Nodis. "
            "Repeated to London.\n")
    record = parse_text(text)
    names = {m.span.text for m in record.mentions}
    assert {"Niact", "Nodis", "Repeated"}.isdisjoint(names)
    assert {"Zahedi", "Henderson", "London"} <= names

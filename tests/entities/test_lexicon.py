"""The cue words the entity rules read, by kind, from ``entities/data/cue_words.csv``."""

from __future__ import annotations

import re

import pytest

from kartoteka.entities.lexicon import alternation, cues

# the verbs of saying each rule reads: the speaker rule's forms (present tense and a British
# spelling among them) and the past tense that marks a name in a line written in capitals
SPEAKER_FORMS = {"said", "says", "told", "tells", "stated", "states", "replied", "declared", "remarked", "commented",
                 "insisted", "explained", "emphasized", "emphasised", "promised", "added", "asserted", "admitted",
                 "complained", "agreed", "denied", "retorted", "warned", "urged"}
PAST_FORMS = {"said", "told", "asked", "stated", "replied", "noted", "added", "agreed", "remarked", "observed",
              "explained", "insisted", "suggested", "emphasized", "stressed", "indicated"}


@pytest.mark.parametrize(("kind", "expected"), [
    ("saying", SPEAKER_FORMS),
    ("saying-past", PAST_FORMS),
    ("place-direction", {"toward", "towards"}),
    ("ground", {"provinces", "regions", "districts", "islands", "towns", "villages", "cities", "oblasts", "ostans",
                "departments", "republics", "ports", "valleys", "rivers"}),
    ("body-noun", {"government", "embassy", "legation", "consulate", "army", "navy", "command", "parliament",
                   "cabinet", "mission", "ministry", "delegation", "authorities"}),
    ("person-of", {"death", "arrest", "resignation", "assassination", "appointment", "dismissal", "execution",
                   "funeral", "widow", "wife", "son", "daughter", "brother", "assessment", "biography"}),
])
def test_each_kind_reads_its_words(kind: str, expected: set[str]) -> None:
    assert cues(kind) == expected


@pytest.mark.parametrize(("kinds", "word", "has"), [
    (("place-only", "place-direction"), "towards", True),
    (("place-only", "place-direction"), "in", True),
    (("place-only", "place-direction"), "to", False),  # "to" takes a person as often as a place
    (("place-only",), "towards", False),
    (("saying-past",), "says", False),  # the capitals rule reads the past tense only
])
def test_kinds_together(kinds: tuple[str, ...], word: str, has: bool) -> None:
    assert (word in cues(*kinds)) is has


@pytest.mark.parametrize(("kind", "text", "found"), [
    ("saying", "Gromyko states that", "states"),  # longest first: "states", not "state" nor a prefix
    ("saying", "he emphasised it", "emphasised"),
    ("ground", "the provinces of Gilan", "provinces"),
    ("person-of", "the son of Reza Shah", "son"),
])
def test_alternation_finds_whole_words(kind: str, text: str, found: str) -> None:
    m = re.search(rf"\b(?:{alternation(kind)})\b", text)
    assert m is not None and m.group() == found

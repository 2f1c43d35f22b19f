"""Case restored for text in capitals: same length, names capitalised, words lowered, offsets kept."""

from __future__ import annotations

import pytest

from kartoteka import parse_text
from kartoteka.entities import casing
from kartoteka.model import MentionKind

_CASES = [
    # (line in capitals, a word of it, how the restored text writes that word)
    ("AMBASSADOR HOVEYDA CALLED ON ME THIS MORNING TO DISCUSS THE OIL TALKS.", "HOVEYDA", "Hoveyda"),
    ("AMBASSADOR HOVEYDA CALLED ON ME THIS MORNING TO DISCUSS THE OIL TALKS.", "MORNING", "morning"),
    ("AMBASSADOR HOVEYDA CALLED ON ME THIS MORNING TO DISCUSS THE OIL TALKS.", "AMBASSADOR", "Ambassador"),
    ("IN MY VIEW GROMYKO SAID NOTHING NEW ABOUT BERLIN AT THE DINNER.", "GROMYKO", "Gromyko"),
    ("IN MY VIEW GROMYKO SAID NOTHING NEW ABOUT BERLIN AT THE DINNER.", "BERLIN", "Berlin"),
    ("IN MY VIEW GROMYKO SAID NOTHING NEW ABOUT BERLIN AT THE DINNER.", "VIEW", "view"),
    ("THE SOVIET NOTE WAS DELIVERED TO THE UNITED STATES MISSION BY NOON.", "SOVIET", "Soviet"),
    ("THE SOVIET NOTE WAS DELIVERED TO THE UNITED STATES MISSION BY NOON.", "UNITED", "United"),
    ("THE SOVIET NOTE WAS DELIVERED TO THE UNITED STATES MISSION BY NOON.", "MISSION", "mission"),
    ("MALENKOV AND KAGANOVICH WERE NOT PRESENT AT THE RECEPTION ON TUESDAY.", "KAGANOVICH", "Kaganovich"),
    ("MALENKOV AND KAGANOVICH WERE NOT PRESENT AT THE RECEPTION ON TUESDAY.", "TUESDAY", "Tuesday"),
    ("WE EXPECT THE NSC PAPER ON THE USSR TO BE READY BY FRIDAY NEXT.", "NSC", "NSC"),
    ("WE EXPECT THE NSC PAPER ON THE USSR TO BE READY BY FRIDAY NEXT.", "USSR", "USSR"),
    ("WE EXPECT THE NSC PAPER ON THE USSR TO BE READY BY FRIDAY NEXT.", "WE", "We"),
]


@pytest.mark.parametrize(("line", "word", "expected"), _CASES)
def test_a_line_in_capitals_takes_mixed_case(line: str, word: str, expected: str) -> None:
    text = f"Telegram From the Embassy to the Department of State\nAnkara, May 2, 1961.\n\n{line}\n"
    restored = casing.restore(text)
    assert len(restored) == len(text)
    at = text.index(word)
    assert restored[at:at + len(word)] == expected


def test_the_document_says_how_a_word_is_written() -> None:
    # the heading writes "Rusk" as a name: the body in capitals follows it, not the dictionary
    text = ("Telegram From Secretary of State Rusk to the Department of State\nParis, May 2, 1963.\n\n"
            "RUSK MET THE FRENCH FOREIGN MINISTER FOR AN HOUR AND A HALF THIS AFTERNOON.\n")
    restored = casing.restore(text)
    assert restored.split("\n")[3].startswith("Rusk met the French")


def test_mixed_case_text_is_left_alone() -> None:
    text = "Memorandum of Conversation\n\nThe PBSUCCESS staff met Mr. Dulles at the NSC on Friday.\n"
    assert casing.restore(text) == text


def test_persons_in_a_telegram_written_in_capitals_are_found_with_original_offsets() -> None:
    text = ("Telegram From the Embassy in Iran to the Department of State\nTehran, March 3, 1971, 1200Z.\n\n"
            "1. PRIME MINISTER HOVEYDA TOLD ME THIS MORNING THAT THE SHAH WILL RECEIVE "
            "AMBASSADOR MACARTHUR ON MONDAY.\n\n2. HOVEYDA ADDED THAT KOSYGIN HAD WRITTEN TO HIM ABOUT THE GAS PIPELINE.\n\n"
            "MACARTHUR\n")
    mentions = parse_text(text, path="t.txt").mentions
    persons = {m.span.text for m in mentions if m.kind is MentionKind.PERSON}
    assert {"HOVEYDA", "MACARTHUR", "KOSYGIN"} <= persons
    for m in mentions:
        assert text[m.span.start:m.span.end] == m.span.text

"""Every bracket of a translated Soviet-bloc record: nested ones, stamps and hand notes over
several lines, glosses of names and codenames, supplied words and word parts, "[i.e. …]",
transliterated phrases, and the brackets of Russian editions. Each table lists surface forms of
one convention, written for these tests."""

from __future__ import annotations

import pytest

from kartoteka.marks import find_marks
from kartoteka.model import MarkKind

K = MarkKind


def _marks(text: str) -> list[tuple[MarkKind, str]]:
    return [(m.kind, m.value) for m in find_marks(text)]


NESTED_ROWS = [
    ("[handwritten: approved [[illegible]]]", [(K.NOTE, "handwritten: approved"), (K.ILLEGIBLE, "illegible")]),
    ("[in the margin: “Agreed. [signature]”]", [(K.NOTE, "in the margin: “Agreed."), (K.SIGNED, "signature")]),
    ("[Resolution: To Cde. Suslov [sic] for a reply]", [(K.NOTE, "Resolution: To Cde. Suslov"), (K.SIC, "sic")]),
]


@pytest.mark.parametrize(("text", "expected"), NESTED_ROWS)
def test_nested_brackets_each_a_mark(text: str, expected: list[tuple[MarkKind, str]]) -> None:
    assert _marks(text) == expected


MULTILINE_ROWS = [
    "[Stamp of the CC CPSU General Department:\n\n4 March 1968\n\nNo. 1127]",
    "[Embassy seal:\n\nEmbassy of the USSR in Hungary]",
    "[handwritten in the upper left corner:\n\n“To the file. M. S.”]",
]


@pytest.mark.parametrize("text", MULTILINE_ROWS)
def test_stamps_and_hand_notes_over_several_lines(text: str) -> None:
    found = find_marks("Text above.\n\n" + text + "\n\nText below.\n")
    assert [(m.kind, m.span.text) for m in found] == [(K.NOTE, text)]


def test_an_ordinary_bracket_ends_at_a_blank_line() -> None:
    assert find_marks("the [first part\n\nnever closed] here") == ()


# text, (kind, value) of its one bracket
GLOSS_ROWS = [
    ("TO COMRADE FYN SI [Stalin]", (K.GLOSS, "Stalin")),
    ("Choi Yong-kun [Choe Yong Gon] reported", (K.GLOSS, "Choe Yong Gon")),
    ("the organs [i.e. the KGB] were told", (K.GLOSS, "i.e. the KGB")),
    ("at Dairen [now Dalian] the ships", (K.GLOSS, "now Dalian")),
    ("Kang Sheng [Kang Shen] arrived", (K.GLOSS, "Kang Shen")),
]
SUPPLIED_ROWS = [
    ("the Pol[ish] comrades", (K.SUPPLIED, "ish")),
    ("the Dep[artmen]t of the CC", (K.SUPPLIED, "artmen")),
    ("whether the talks [should] continue", (K.SUPPLIED, "should")),
]
FOREIGN_ROWS = [
    ("a provocation [provokatsiya] by the enemy", (K.FOREIGN, "provokatsiya")),
    ("the Workers' Guard [Munkásőrség] was armed", (K.FOREIGN, "Munkásőrség")),
    ("units of the militia [narodnoye opolcheniye] held", (K.FOREIGN, "narodnoye opolcheniye")),
]
RUSSIAN_ROWS = [
    ("занял Зенджан [так в документе] и", (K.SIC, "так в документе")),
    ("около [так в тексте; должно быть — тысячи] человек", (K.SIC, "так в тексте; должно быть — тысячи")),
    ("подполковник [подпись] Иванов", (K.SIGNED, "подпись")),
    ("Текст. [Далее одна строка неразборчиво.]", (K.ILLEGIBLE, "Далее одна строка неразборчиво.")),
    ("в Урмии [Резайе] и", (K.GLOSS, "Резайе")),
]
REDACTION_ROWS = [
    ("Counsellor [name withheld] said", (K.REDACTION, "name withheld")),
    ("the group. [Three lines not declassified.]", (K.REDACTION, "Three lines not declassified.")),
    ("[One paragraph not declassified.]", (K.REDACTION, "One paragraph not declassified.")),
]


@pytest.mark.parametrize(("text", "expected"),
                         GLOSS_ROWS + SUPPLIED_ROWS + FOREIGN_ROWS + RUSSIAN_ROWS + REDACTION_ROWS)
def test_bracket_kinds(text: str, expected: tuple[MarkKind, str]) -> None:
    assert _marks(text) == [expected]

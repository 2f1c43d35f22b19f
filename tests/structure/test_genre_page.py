"""The digital-archive page of a translated Soviet-bloc record: the editor's summary wherever it
stands, archival citations with their parts, register numbers typed, classification forms, and
dates with Roman-numeral months and two-digit years. Each table lists surface forms of one
convention, written for these tests."""

from __future__ import annotations

import pytest

from kartoteka.dates import find_dates
from kartoteka.model import Level, ReferenceKind
from kartoteka.structure.classification import find_classification
from kartoteka.structure.references import find_references
from kartoteka.structure.summary import find_summary

R = ReferenceKind

BODY = ("The Minister received the delegation on the morning of the fifth and heard its requests.\n\n"
        "He promised an answer within a week.\n\nV. Zorin\n")

# page text, the summary expected (None: the page carries none)
SUMMARY_ROWS = [
    # title line, date line, summary, then the document
    ("Note from Zorin to Molotov on the Czechoslovak Delegation\n\nMarch 5, 1948\n\n"
     "Zorin informs Molotov of the requests of the Czechoslovak trade delegation and of his answer.\n\n"
     "Secret\n\n" + BODY,
     "Zorin informs Molotov of the requests of the Czechoslovak trade delegation and of his answer."),
    # the document, then the summary, then the citation last
    ("Note from Zorin to Molotov\n\nMarch 5, 1948\n\n" + BODY + "\n"
     "Note from the Deputy Minister describing a meeting with the Czechoslovak trade delegation in Moscow.\n\n"
     "AVPRF, Fond 07, Opis 21, Papka 4, Delo 18, Listy 3-4\n",
     "Note from the Deputy Minister describing a meeting with the Czechoslovak trade delegation in Moscow."),
    # a present-tense account by the editor, first
    ("Record of Conversation between Gomułka and Khrushchev\n\n20 October 1956\n\n"
     "Gomułka and Khrushchev discuss the withdrawal of Soviet advisers from the Polish army.\n\n"
     "Top Secret\n\n" + BODY,
     "Gomułka and Khrushchev discuss the withdrawal of Soviet advisers from the Polish army."),
    # no summary: the body's last paragraph above a citation is the document's own
    ("Ciphered Telegram\n\nMay 2, 1953\n\nThe ambassador asked whether the talks could resume.\n\n"
     "I request your instructions on the reply to the ambassador.\n\nPANYUSHKIN\n\n"
     "APRF, Fond 3, Opis 65, Delo 830, Listy 10-11\n", None),
    ("Telegram\n\nMay 2, 1953\n\nVisit the minister and tell him that the proposal has been carefully studied "
     "in Moscow.\n\nRGANI, f. 5, op. 28, d. 40, ll. 2-3\n", None),
]


@pytest.mark.parametrize(("text", "summary"), SUMMARY_ROWS)
def test_summary_wherever_it_stands(text: str, summary: str | None) -> None:
    found = find_summary(text)
    assert (found.text if found else None) == summary


# citation as written, the repository, the parts
CITATION_ROWS = [
    ("APRF, Fond 3, Opis 65, Delo 830, Listy 10-11", "APRF",
     {"fond": "3", "opis": "65", "delo": "830", "list": "10-11"}),
    ("AVPRF, Fond 06, Opis 9, Papka 18, Delo 217, Listy 5-9", "AVPRF",
     {"fond": "06", "opis": "9", "papka": "18", "delo": "217", "list": "5-9"}),
    ("RGANI, f. 5, op. 30, d. 163, ll. 88-91", "RGANI", {"fond": "5", "opis": "30", "delo": "163", "list": "88-91"}),
    ("GARF, f. R-9401, op. 2, d. [202], l. 14 ob.", "GARF",
     {"fond": "R-9401", "opis": "2", "delo": "[202]", "list": "14 ob."}),
    ("ЦАМО РФ, ф. 32, оп. 11302, д. 41, лл. 7–9", "ЦАМО РФ", {"fond": "32", "opis": "11302", "delo": "41", "list": "7–9"}),
    ("РГАСПИ, ф. 17, оп. 3, д. 1071, л. 12", "РГАСПИ", {"fond": "17", "opis": "3", "delo": "1071", "list": "12"}),
    ("APRF, Fond and Opis not given, Delo 19, Listy 40-42", "APRF", {"delo": "19", "list": "40-42"}),
    ("SAPMO-BArch, DY 30/3664, Bl. 12-15", "SAPMO-BArch", {}),
    ("AAN, KC PZPR, 2354, k. 101-104", "AAN", {}),
]


@pytest.mark.parametrize(("text", "repository", "parts"), CITATION_ROWS)
def test_archival_citation_parts(text: str, repository: str, parts: dict[str, str]) -> None:
    refs = find_references(text)
    assert len(refs) == 1
    ref = refs[0]
    assert ref.kind is R.ARCHIVE_CITATION and ref.span.text == text.rstrip(".")
    assert ref.repository is not None and ref.repository.text == repository
    assert {p.name: p.span.text for p in ref.parts} == parts
    assert all(text[p.span.start:p.span.end] == p.span.text for p in ref.parts)


@pytest.mark.parametrize("text", [
    "RGANI, f. 89, op. 42, d. 7, ll. 1-2 and APRF, Fond 45, Opis 1, Delo 331, Listy 5-6",
    "GARF, f. 5446, op. 1, d. 120, l. 3 and RGASPI, f. 82, op. 2, d. 1163, ll. 9-10",
    "ГАРФ, ф. 9401, оп. 2, д. 65, л. 4 and АВП РФ, ф. 06, оп. 8, п. 2, д. 30, л. 11",
])
def test_two_citations_joined_by_and(text: str) -> None:
    refs = find_references(text)
    assert [r.kind for r in refs] == [R.ARCHIVE_CITATION, R.ARCHIVE_CITATION]
    assert " and ".join(r.span.text for r in refs) == text


# register numbers: text, (as written, kind)
REGISTER_ROWS = [
    ("No. 2208", ("No. 2208", R.REGISTER)),
    ("Nº 1147", ("Nº 1147", R.REGISTER)),
    ("№ 512/сс", ("№ 512/сс", R.REGISTER)),
    ("N 417", ("N 417", R.REGISTER)),
    ("# 8835/sh", ("# 8835/sh", R.REGISTER)),
    ("Special no. 94", ("Special no. 94", R.REGISTER)),
    ("Outgoing No. 5/88", ("Outgoing No. 5/88", R.REGISTER)),
    ("No. P 77/12", ("No. P 77/12", R.REGISTER)),
    ("Nº 30-S-2214", ("Nº 30-S-2214", R.REGISTER)),
    ("K-30418", ("K-30418", R.REGISTER)),
    ("Ref. 3120-s", ("Ref. 3120-s", R.REGISTER)),
    ("To No. 612/sh.", ("To No. 612/sh", R.REPLY_TO)),
    ("In reply to No. 1408", ("In reply to No. 1408", R.REPLY_TO)),
    ("Extract from Protocol No. 88 of the Session", ("Protocol No. 88", R.RESOLUTION)),
    ("Decision No. 115 of the Presidium", ("Decision No. 115", R.RESOLUTION)),
    ("File No. 27", ("File No. 27", R.FILE)),
]


@pytest.mark.parametrize(("text", "expected"), REGISTER_ROWS)
def test_register_numbers_typed(text: str, expected: tuple[str, ReferenceKind]) -> None:
    assert [(r.span.text, r.kind) for r in find_references(text)] == [expected]


@pytest.mark.parametrize("text", ["Copy No. 3", "Экз. № 1", "Printed in 5 copies", "Copy No 2"])
def test_copy_numbers_are_not_references(text: str) -> None:
    assert find_references(text) == ()


# a marking at the head of the page: text, level, caveats
CLASSIFICATION_ROWS = [
    ("Strictly Secret\n\nThe text.", Level.TOP_SECRET, ()),
    ("STRICTLY SECRET!\n\nThe text.", Level.TOP_SECRET, ()),
    ("Of Special Importance\nCopy No. 2\n\nThe text.", Level.TOP_SECRET, ("Of Special Importance",)),
    ("Secret Copy No 4\n\nThe text.", Level.SECRET, ()),
    ("Top Secret Copy No. 1\n\nThe text.", Level.TOP_SECRET, ()),
    ("SPECIAL FOLDER\n\nNo. P 12/4\n\nThe text.", Level.TOP_SECRET, ("SPECIAL FOLDER",)),
    ("Top Secret\nSpecial File\n\nThe text.", Level.TOP_SECRET, ("Special File",)),
    ("TOP SECRET\nSeries “K”\n\nThe text.", Level.TOP_SECRET, ("Series “K”",)),
    ("For Official Use\n\nThe text.", Level.OFFICIAL_USE_ONLY, ()),
    ("Совершенно секретно\nСрочно\n\nТекст.", Level.TOP_SECRET, ("Срочно",)),
    ("Секретно\nЭкз. № 3\n\nТекст.", Level.SECRET, ()),
    ("Особой важности\n\nТекст.", Level.TOP_SECRET, ("Особой важности",)),
]


@pytest.mark.parametrize(("text", "level", "caveats"), CLASSIFICATION_ROWS)
def test_classification_forms(text: str, level: Level, caveats: tuple[str, ...]) -> None:
    c = find_classification(text)
    assert c is not None and c.level is level and c.caveats == caveats


# a date as the genre writes it (with a four-digit year elsewhere in the text), the day meant
DATE_ROWS = [
    ("14.IX.50", "1950-09-14"),
    ("3.X.47", "1947-10-03"),
    ("7/V-52", "1952-05-07"),
    ("22. VIII-45", "1945-08-22"),
    ("from 11.III.1983", "1983-03-11"),
    ("5 марта 1953 г.", "1953-03-05"),
    ("17 ноября 1945 г.", "1945-11-17"),
    ("Sent 6.4.51 11:05", "1951-04-06"),
]


@pytest.mark.parametrize(("text", "iso"), DATE_ROWS)
def test_roman_month_and_two_digit_year_dates(text: str, iso: str) -> None:
    found = find_dates(text)
    assert found and found[0].iso == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("Sent 14.IX.50 03:20\nReceived 14.IX 09:05\n", "1950-09-14"),
    ("Sent 2.3.53 22:10\nDeciphered 3.3 01:15\n", "1953-03-03"),
    ("Отправлена 9.XII.46 г. 02 ч. 40 м.\nПолучена 10.XII 04:15\n", "1946-12-10"),
])
def test_clerk_day_without_year_takes_the_telegram_year(text: str, iso: str) -> None:
    assert find_dates(text)[-1].iso == iso


@pytest.mark.parametrize(("text", "citation", "repository"), [
    ("Archive of the President of the Russian Federation (APRF), Fond 3, Opis 66, Delo 65, Listy 12-14. "
     "Translated by the editors.",
     "Archive of the President of the Russian Federation (APRF), Fond 3, Opis 66, Delo 65, Listy 12-14", "APRF"),
    ("Russian State Archive of Contemporary History (RGANI), f. 3, op. 12, d. 1005, ll. 41-45",
     "Russian State Archive of Contemporary History (RGANI), f. 3, op. 12, d. 1005, ll. 41-45", "RGANI"),
    ("Hungarian National Archives (MNL OL), XIX-J-1-k, 1957, 12. d., 004122/1957",
     "Hungarian National Archives (MNL OL), XIX-J-1-k, 1957, 12. d., 004122/1957", "MNL OL"),
])
def test_archive_named_before_its_acronym(text: str, citation: str, repository: str) -> None:
    refs = [r for r in find_references(text) if r.kind is R.ARCHIVE_CITATION]
    assert [(r.span.text, r.repository.text if r.repository else None) for r in refs] == [(citation, repository)]

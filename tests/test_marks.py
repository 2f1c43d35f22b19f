"""Marks: translator and editor brackets typed by what they do, spans exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from kartoteka.marks import find_marks, guess_language
from kartoteka.model import MarkKind

K = MarkKind
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# a sentence with one bracket, its kind, its value, its language
ROWS = [
    ("the Azerbaijani democratic movement [needs to be] defended", K.SUPPLIED, "needs to be", None),
    ("You well know that [one] not always manages", K.SUPPLIED, "one", None),
    ("thanks to [their] dedication", K.SUPPLIED, "their", None),
    ("we request [you] also allow us", K.SUPPLIED, "you", None),
    ("allow us [to conduct] combat operations", K.SUPPLIED, "to conduct", None),
    ("the freedom of the people and also [save] Soviet policy", K.SUPPLIED, "save", None),
    ("Pishevari [and] Shabustari signed", K.SUPPLIED, "and", None),
    ("the ships [were] unloaded at Ahvaz", K.SUPPLIED, "were", None),
    ("he [Arbenz] said nothing", K.SUPPLIED, "Arbenz", None),
    ("paid [500] tomans", K.SUPPLIED, "500", None),
    ("a large armed rally [vystupleniye] against the state", K.FOREIGN, "vystupleniye", "ru"),
    ("a Soviet persuasion [oriyentatsiya].", K.FOREIGN, "oriyentatsiya", "ru"),
    ("into a civil [vnutrennaya] war", K.FOREIGN, "vnutrennaya", "ru"),
    ("stay in their barracks [kazarmy] until", K.FOREIGN, "kazarmy", "ru"),
    ("district [oblast'] with broad powers", K.FOREIGN, "oblast'", "ru"),
    ("the end of our movement [dvizheniye].", K.FOREIGN, "dvizheniye", "ru"),
    ("the Iranian gold [zoloto] held", K.FOREIGN, "zoloto", "ru"),
    ("the committee [komitet gosudarstvennoy bezopasnosti] met", K.FOREIGN,
     "komitet gosudarstvennoy bezopasnosti", "ru"),
    ("the landowner's share [bahre-ye malekaneh].", K.FOREIGN, "bahre-ye malekaneh", "fa"),
    ("the Democrats of Iran [Hezb-e Demokrat-e Iran], were", K.FOREIGN, "Hezb-e Demokrat-e Iran", "fa"),
    ("the National Assembly [Milli Majlis] of Azerbaijan", K.FOREIGN, "Milli Majlis", "fa"),
    ("the National Assembly [Milli Məclis] of Azerbaijan", K.FOREIGN, "Milli Məclis", "az"),
    ("the movement [движение] grew", K.FOREIGN, "движение", "ru"),
    ("to arm our fedai [militia]; they", K.GLOSS, "militia", None),
    ("the gendarmerie in Mianeh [Miyaneh]. The", K.GLOSS, "Miyaneh", None),
    ("in Baku or Ganja [Gyandzha]. I ask", K.GLOSS, "Gyandzha", None),
    ("the Prime Minister of Iran Mosaddyk [Mosaddegh]", K.GLOSS, "Mosaddegh", None),
    ("the ostan [province] of Gilan", K.GLOSS, "province", None),
    ("cannot get them [sic]. Of this", K.SIC, "sic", None),
    ("from Baku [sic; the letter was evidently written in Baku] about", K.SIC,
     "sic; the letter was evidently written in Baku", None),
    ("the Minister [Sic!] said", K.SIC, "Sic!", None),
    ("General-Major Yemel’yanov [signed]", K.SIGNED, "signed", None),
    ("A. Ibragimov [Signed]", K.SIGNED, "Signed", None),
    ("Sincerely,\n[Facsimile signature]", K.SIGNED, "Facsimile signature", None),
    ("Lyndon B. Johnson [Typed signature]", K.SIGNED, "Typed signature", None),
    ("the copy [no signature] was", K.NOTE, "no signature", None),
    ("The sons of Simko, [illegible] and Tahir Khan", K.ILLEGIBLE, "illegible", None),
    ("Secretary of the CC\n[signature illegible]", K.ILLEGIBLE, "signature illegible", None),
    ("the [word illegible] was", K.ILLEGIBLE, "word illegible", None),
    ("signed by [illeg.] on", K.ILLEGIBLE, "illeg.", None),
    ("the figures were [garbled] in transmission", K.ILLEGIBLE, "garbled", None),
    ("if you succeed with [name not declassified].", K.REDACTION, "name not declassified", None),
    ("[3-1/2 lines of source text not declassified]", K.REDACTION, "3-1/2 lines of source text not declassified",
     None),
    ("[place not declassified], June 18, 1954", K.REDACTION, "place not declassified", None),
    ("[less than 1 line of source text not declassified] still", K.REDACTION,
     "less than 1 line of source text not declassified", None),
    ("[1 paragraph (5 lines of source text) not declassified]", K.REDACTION,
     "1 paragraph (5 lines of source text) not declassified", None),
    ('[handwritten in the upper left corner: "To Cde. Yemel\'yanov. Check and report. M. B."]', K.NOTE,
     'handwritten in the upper left corner: "To Cde. Yemel\'yanov. Check and report. M. B."', None),
    ("[Translator's note: the surname is written in two ways in the original.]", K.NOTE,
     "Translator's note: the surname is written in two ways in the original.", None),
    ("[Editor's note: the enclosure was not found.]", K.NOTE, "Editor's note: the enclosure was not found.", None),
    ("[Omitted here is a paragraph unrelated to Guatemala.]", K.NOTE,
     "Omitted here is a paragraph unrelated to Guatemala.", None),
    ("[Here follows a list of the delegates.]", K.NOTE, "Here follows a list of the delegates.", None),
    ("the meeting [text missing] was", K.NOTE, "text missing", None),
    ("[Stamp: Secretariat of Cde. Bagirov, incoming No 1234]", K.NOTE,
     "Stamp: Secretariat of Cde. Bagirov, incoming No 1234", None),
    ("and then […] they left", K.NOTE, "…", None),
    ("the note [in Bagirov's hand: agreed] was", K.NOTE, "in Bagirov's hand: agreed", None),
    ("the [two words crossed out] order", K.NOTE, "two words crossed out", None),
    ("the executive committee [ispolkom] met", K.FOREIGN, "ispolkom", "ru"),
    ("J. St[alin]", K.SUPPLIED, "alin", None),
    ("the Ba'th party [Arab Socialist Renaissance Party] agreed", K.GLOSS, "Arab Socialist Renaissance Party", None),
    ("they [the Soviet Union] agreed", K.SUPPLIED, "the Soviet Union", None),
    ("the President [Gamal Abdel Nasser] said", K.SUPPLIED, "Gamal Abdel Nasser", None),
    ("our party [Hizbi Demokrati Kurdistan] decided", K.FOREIGN, "Hizbi Demokrati Kurdistan", "fa"),
    ("the Union [USSR] agreed", K.GLOSS, "USSR", None),  # a noun in apposition explains the one before
    ("in the Majlis [parliament] today", K.GLOSS, "parliament", None),
    ("the ulama [clergy] met", K.GLOSS, "clergy", None),
    ("launched by 10 July [June?]. It", K.SUPPLIED, "June?", None),
    ("Pishevari [wrote] that", K.SUPPLIED, "wrote", None),
    ("the Shah’s [Mohammad Reza Pahlavi’s] visit", K.SUPPLIED, "Mohammad Reza Pahlavi’s", None),
    ("[Ibid.]", K.NOTE, "Ibid.", None),
    ("the Ministry of State Security [MGB] to", K.GLOSS, "MGB", None),
    ("then they [USSR] agreed", K.SUPPLIED, "USSR", None),
    ("crossed to Soviet territory [on the night of 11-12 December].", K.SUPPLIED, "on the night of 11-12 December",
     None),
    ("the treaty [Anglo-Soviet-Iranian Treaty] would", K.GLOSS, "Anglo-Soviet-Iranian Treaty", None),
    ("a [pencil note] here", K.NOTE, "pencil note", None),
    ("the Shah [Mohammad Reza] left", K.SUPPLIED, "Mohammad Reza", None),
    ("The Democrats [Firqeh-ye Demokrat] were", K.FOREIGN, "Firqeh-ye Demokrat", "fa"),
    ("the Council of People's Commissars [Sovet Narodnykh Komissarov] decided", K.FOREIGN,
     "Sovet Narodnykh Komissarov", "ru"),
]


@pytest.mark.parametrize(("text", "kind", "value", "lang"), ROWS)
def test_one_bracket(text: str, kind: MarkKind, value: str, lang: str | None) -> None:
    marks = find_marks(text)
    assert len(marks) == 1
    m = marks[0]
    assert (m.kind, m.value, m.lang) == (kind, value, lang)
    assert text[m.span.start:m.span.end] == m.span.text
    assert m.span.text.startswith("[") and m.span.text.endswith("]")


def test_nested_and_unbalanced_brackets() -> None:
    text = "the [word [illegible] here] and a stray [ bracket\n\nnext [sic]"
    marks = find_marks(text)
    # a bracket holding another is a mark of its words up to the inner one; the inner one is its own
    assert [m.span.text for m in marks] == ["[word [illegible] here]", "[illegible]", "[sic]"]
    assert [m.value for m in marks] == ["word", "illegible", "sic"]


def test_no_brackets_no_marks() -> None:
    assert find_marks("Qavam will go, but another will take his place (a favorable circumstance).") == ()


@pytest.mark.parametrize(("word", "lang"), [
    ("vystupleniye", "ru"), ("dvizheniye", "ru"), ("kazarmy", "ru"), ("Sovetskaya", "ru"),
    ("bahre-ye malekaneh", "fa"), ("Hezb-e Tudeh", "fa"), ("Ostandar-e Azarbayjan", "fa"),
    ("Məclis", "az"), ("حزب", "fa"), ("al-Ahram", "ar"),
    # no telling ending: a Russian opening cluster or compound-abbreviation tail, a Persian office suffix or
    # an apostrophe between vowels (ayn or hamza, never the Russian soft sign)
    ("ispolkom", "ru"), ("vstrecha", "ru"), ("sdelka", "ru"), ("pravda", "ru"), ("ostandar", "fa"),
    ("Ruhollah", "fa"), ("Ettela'at", "fa"), ("Yemel'yanov", "ru"), ("shahrbani", "fa"), ("Sepahbod", "fa"),
])
def test_language_guess(word: str, lang: str) -> None:
    assert guess_language(word) == lang


def test_seed_marks(seed_text: str) -> None:
    got = [(m.kind, m.value, m.lang) for m in find_marks(seed_text)]
    assert got[:2] == [(K.SUPPLIED, "needs to be", None), (K.FOREIGN, "vystupleniye", "ru")]
    assert (K.GLOSS, "militia", None) in got
    assert (K.SIC, "sic", None) in got
    assert (K.SIGNED, "signed", None) in got
    assert (K.FOREIGN, "oriyentatsiya", "ru") in got
    assert (K.FOREIGN, "vnutrennaya", "ru") in got
    supplied = [v for k, v, _ in got if k is K.SUPPLIED]
    assert {"one", "and", "their", "our", "we", "you", "to conduct", "save"} <= set(supplied)
    assert len(got) == seed_text.count("[")


def test_every_span_is_the_slice_of_its_source() -> None:
    files = sorted((SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))
    files += sorted((SHARED / "corpus" / "frus-dev").glob("*/text/*.txt"))[::3]
    if not files:
        pytest.skip("no shared corpus")
    for f in files:
        text = f.read_bytes().decode("utf-8")
        for m in find_marks(text):
            assert text[m.span.start:m.span.end] == m.span.text
            assert m.value == m.span.text[1:-1].split("[")[0].strip()
            assert (m.lang is None) or m.kind is K.FOREIGN

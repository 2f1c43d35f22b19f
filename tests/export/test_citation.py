"""Citations, pure: the date a record gives as CSL's date parts and a note's words, an archival
reference split into repository and location, a text's language, and one citation in every form —
CSL-JSON (read back by citeproc-py, a CSL processor), BibTeX (read back by bibtexparser), RIS, the
note, the page's meta tags — for a Russian document, a date range, missing fields and TeX's specials.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
from citeproc import Citation as CslCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from kartoteka.export.address import document_path, document_url
from kartoteka.export.bibliography import bibtex_key, filename, render, tex
from kartoteka.export.citation import (
    Citation,
    CitedDate,
    archival,
    csl_json,
    language_of,
    meta_tags,
    note,
    spoken,
)

URL = "https://archive.example.org/documents/0123456789abcdef"

RUSSIAN = Citation(
    key="kartoteka-0123456789ab", title="ШИФРТЕЛЕГРАММА", url=URL, accessed="2026-03-05",
    date=CitedDate("1946-12-09"), authors=("Емельянов",), recipients=("Багирову",), place="Тавриз",
    archive="ГАППОД АзР", archive_location="ф. 1, оп. 89, д. 112, лл. 71–72", collection="azr", number="r01",
    language="ru")
RANGE = Citation(
    key="kartoteka-aaaaaaaaaaaa", title="Record of Conversation with the Prime Minister", url=URL,
    accessed="2026-03-05", date=CitedDate("1953-08-20", "1953-08-21"), authors=("A. A. Lavrent'ev",),
    archive="AVP RF", archive_location="f. 094, op. 39, p. 378, d. 12, ll. 101-103", collection="iran",
    number="g06", language="en")
BARE = Citation(key="kartoteka-bbbbbbbbbbbb", title="Untitled note", url=URL, accessed="2026-03-05")
SPECIAL = Citation(
    key="kartoteka-cccccccccccc", title="Costs of 50% & more for #2_a {draft} ~ $100 ^ \\ end", url=URL + "?a=1",
    accessed="2026-03-05", date=CitedDate("1954", "1956", circa=True),
    authors=("Central Intelligence Agency", "Smith & Sons"), archive_location="Job 79-01025A, Box 69, Folder 1",
    archive="Central Intelligence Agency")
ALL = (RUSSIAN, RANGE, BARE, SPECIAL)


@pytest.mark.parametrize(("iso", "not_after", "certainty", "expected", "parts", "words"), [
    ("1946-12-09", "1946-12-09", "high", CitedDate("1946-12-09"), [[1946, 12, 9]], "December 9, 1946"),
    ("1953-08-20", "1953-08-21", "high", CitedDate("1953-08-20", "1953-08-21"), [[1953, 8, 20], [1953, 8, 21]],
     "August 20–21, 1953"),
    ("1954-06-28", "1954-07-02", "high", CitedDate("1954-06-28", "1954-07-02"), [[1954, 6, 28], [1954, 7, 2]],
     "June 28–July 2, 1954"),
    ("1946-12", "1946-12-31", "high", CitedDate("1946-12"), [[1946, 12]], "December 1946"),
    ("1954-06", "1954-07-31", "high", CitedDate("1954-06", "1954-07"), [[1954, 6], [1954, 7]], "June–July 1954"),
    ("1940", "1949-12-31", "high", CitedDate("1940", "1949"), [[1940], [1949]], "1940–1949"),
    ("1946", "1946-12-31", "low", CitedDate("1946", None, True), [[1946]], "ca. 1946"),
    ("1952-12-30", "1953-01-02", "high", CitedDate("1952-12-30", "1953-01-02"), [[1952, 12, 30], [1953, 1, 2]],
     "December 30, 1952–January 2, 1953"),
    ("1950", None, None, CitedDate("1950"), [[1950]], "1950"),
])
def test_a_date_as_the_record_gives_it(iso: str, not_after: str | None, certainty: str | None,
                                       expected: CitedDate, parts: list[list[int]], words: str) -> None:
    d = CitedDate.of(iso, not_after, certainty)
    assert d == expected
    assert d.parts() == parts
    assert spoken(d) == words


@pytest.mark.parametrize(("reference", "kind", "before", "expected"), [
    ("AVP RF, f. 094, op. 37, p. 363, d. 8, ll. 45-51", "archive_citation", "",
     ("AVP RF", "f. 094, op. 37, p. 363, d. 8, ll. 45-51")),
    ("ГАППОД АзР, ф. 1, оп. 89, д. 113, л. 45", "archive_citation", "", ("ГАППОД АзР", "ф. 1, оп. 89, д. 113, л. 45")),
    ("APRF, Fond and Opis not given, Delo 62, Listy 14-17", "archive_citation", "",
     ("APRF", "Fond and Opis not given, Delo 62, Listy 14-17")),
    ("PRC FMA 109-01794-02, 12-18", "archive_citation", "", ("PRC FMA", "109-01794-02, 12-18")),
    ("Central State Archive of Oral History, f. 2, op. 1, d. 5", "archive_citation", "",
     ("Central State Archive of Oral History", "f. 2, op. 1, d. 5")),
    ("f. 2, op. 1, d. 5", "archive_citation", "", (None, "f. 2, op. 1, d. 5")),
    ("Job 79-01025A, Box 69, Folder 1", "cia_job", "text.\n\nSource: Central Intelligence Agency, ",
     ("Central Intelligence Agency", "Job 79-01025A, Box 69, Folder 1")),
    ("714.00/6–153", "decimal_file", "Source: Department of State, Central Files, ",
     ("Department of State, Central Files", "714.00/6–153")),
    ("Lot 62 D 430", "lot_file", "and the talks ended at noon. See ", (None, "Lot 62 D 430")),
    ("Lot 62 D 430", "lot_file", "The talks ended. Department of State, Conference Files, ",
     ("Department of State, Conference Files", "Lot 62 D 430")),
    ("Lot 62 D 430", "lot_file", "as filed in 1962, ", (None, "Lot 62 D 430")),
    ("RG  59", "record_group", "", (None, "RG 59")),
])
def test_an_archival_reference_is_repository_and_location(
        reference: str, kind: str, before: str, expected: tuple[str | None, str | None]) -> None:
    assert archival(reference, kind, before) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Вечером 8 декабря у меня были Пишевари и Падеган.", "ru"),
    ("Їхня делегація прибула до Києва.", "uk"),
    ("Memo via a Telegraph Message from Tabriz [vystupleniye]", "en"),
    ("Telegram from Tabriz: товарищ Багиров", "en"),
    ("1946 — 12 — 09", None),
    ("周恩来总理会见苏联大使尤金 (Zhou Enlai)", None),
    ("", None),
])
def test_the_language_from_the_script(text: str, lang: str | None) -> None:
    assert language_of(text) == lang


@pytest.mark.parametrize(("c", "expected"), [
    (RUSSIAN, "Емельянов to Багирову, “ШИФРТЕЛЕГРАММА,” in Russian, Тавриз, December 9, 1946, ГАППОД АзР, "
              f"ф. 1, оп. 89, д. 112, лл. 71–72, azr, r01, {URL} (accessed March 5, 2026)."),
    (RANGE, "A. A. Lavrent'ev, “Record of Conversation with the Prime Minister,” August 20–21, 1953, AVP RF, "
            f"f. 094, op. 39, p. 378, d. 12, ll. 101-103, iran, g06, {URL} (accessed March 5, 2026)."),
    (BARE, f"“Untitled note,” n.d., {URL} (accessed March 5, 2026)."),
    (SPECIAL, "Central Intelligence Agency and Smith & Sons, “Costs of 50% & more for #2_a {draft} ~ $100 ^ \\ end,” "
              "ca. 1954–1956, Central Intelligence Agency, Job 79-01025A, Box 69, Folder 1, "
              f"{URL}?a=1 (accessed March 5, 2026)."),
])
def test_the_note_a_reader_pastes(c: Citation, expected: str) -> None:
    assert note(c) == expected


@pytest.mark.parametrize(("c", "expected"), [
    (RUSSIAN, {"id": "kartoteka-0123456789ab", "type": "manuscript", "title": "ШИФРТЕЛЕГРАММА",
               "author": [{"literal": "Емельянов"}], "recipient": [{"literal": "Багирову"}],
               "issued": {"date-parts": [[1946, 12, 9]]}, "accessed": {"date-parts": [[2026, 3, 5]]},
               "publisher-place": "Тавриз", "archive": "ГАППОД АзР",
               "archive_location": "ф. 1, оп. 89, д. 112, лл. 71–72", "collection-title": "azr", "number": "r01",
               "language": "ru", "URL": URL}),
    (BARE, {"id": "kartoteka-bbbbbbbbbbbb", "type": "manuscript", "title": "Untitled note",
            "accessed": {"date-parts": [[2026, 3, 5]]}, "URL": URL}),
    (SPECIAL, {"id": "kartoteka-cccccccccccc", "type": "manuscript", "title": SPECIAL.title,
               "author": [{"literal": "Central Intelligence Agency"}, {"literal": "Smith & Sons"}],
               "issued": {"date-parts": [[1954], [1956]], "circa": True}, "accessed": {"date-parts": [[2026, 3, 5]]},
               "archive": "Central Intelligence Agency", "archive_location": "Job 79-01025A, Box 69, Folder 1",
               "URL": URL + "?a=1"}),
])
def test_csl_json_items(c: Citation, expected: dict[str, object]) -> None:
    assert csl_json(c) == expected


def test_a_csl_processor_reads_the_csl_json() -> None:
    """citeproc-py reads the file as CSL-JSON and formats every item with a real CSL style."""
    items = json.loads(render(ALL, "csl-json"))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for c in ALL:
        bib.register(CslCitation([CitationItem(c.key)]))
    out = [str(entry) for entry in bib.bibliography()]
    assert len(out) == len(ALL)
    text = "\n".join(out)
    for c in ALL:
        assert c.title in text
    # the year of a date and of a range of years (citeproc-py 0.11 shows no year for a range of days)
    assert "Емельянов (1946)" in text and "(1954–1956)" in text and "Available at" in text


@pytest.mark.parametrize(("raw", "escaped"), [
    ("50% & #2_a", r"50\% \& \#2\_a"),
    ("{draft} $100", r"\{draft\} \$100"),
    ("a ~ b ^ c \\ d", r"a \textasciitilde{} b \textasciicircum{} c \textbackslash{} d"),
    ("Емельянов,\n  Багиров", "Емельянов, Багиров"),
    ("plain", "plain"),
])
def test_tex_specials_are_escaped(raw: str, escaped: str) -> None:
    assert tex(raw) == escaped


@pytest.mark.parametrize(("key", "expected"), [
    ("kartoteka-0123456789ab", "kartoteka-0123456789ab"),
    ("a b{c}%", "a-b-c--"),
    ("", "document"),
])
def test_bibtex_keys(key: str, expected: str) -> None:
    assert bibtex_key(key) == expected


def test_bibtex_reads_back() -> None:
    """bibtexparser reads every entry, its key and fields; braces balance whatever the title holds."""
    text = render(ALL, "bibtex")
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}
    assert set(entries) == {c.key for c in ALL}
    ru = entries[RUSSIAN.key]
    assert ru.entry_type == "misc"
    assert ru["title"] == "{ШИФРТЕЛЕГРАММА}"
    assert ru["author"] == "{Емельянов}"
    assert ru["date"] == "1946-12-09" and ru["year"] == "1946" and ru["langid"] == "russian"
    assert ru["howpublished"] == "ГАППОД АзР, ф. 1, оп. 89, д. 112, лл. 71–72"
    assert ru["url"] == URL and ru["urldate"] == "2026-03-05"
    assert entries[RANGE.key]["date"] == "1953-08-20/1953-08-21"
    special = entries[SPECIAL.key]
    assert special["title"] == r"{Costs of 50\% \& more for \#2\_a \{draft\} \textasciitilde{} \$100 " \
                               r"\textasciicircum{} \textbackslash{} end}"
    assert special["author"] == r"{Central Intelligence Agency} and {Smith \& Sons}"
    assert special["date"] == "1954/1956"
    assert set(entries[BARE.key].fields_dict) == {"title", "url", "urldate"}


def ris_records(text: str) -> list[list[tuple[str, str]]]:
    records: list[list[tuple[str, str]]] = [[]]
    for line in text.split("\r\n"):
        if not line:
            continue
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not a RIS line: {line!r}"
        records[-1].append((m.group(1), m.group(2)))
        if m.group(1) == "ER":
            records.append([])
    return [r for r in records if r]


@pytest.mark.parametrize(("c", "expected"), [
    (RUSSIAN, [("TY", "MANSCPT"), ("ID", "kartoteka-0123456789ab"), ("T1", "ШИФРТЕЛЕГРАММА"), ("AU", "Емельянов"),
               ("PY", "1946"), ("DA", "1946/12/09/"), ("CY", "Тавриз"),
               ("AV", "ГАППОД АзР, ф. 1, оп. 89, д. 112, лл. 71–72"), ("T2", "azr"), ("M1", "r01"), ("LA", "ru"),
               ("N1", "To Багирову"), ("UR", URL), ("Y2", "2026/03/05/"), ("ER", "")]),
    (RANGE, [("TY", "MANSCPT"), ("ID", "kartoteka-aaaaaaaaaaaa"), ("T1", RANGE.title), ("AU", "A. A. Lavrent'ev"),
             ("PY", "1953"), ("DA", "1953/08/20/1953-08-20/1953-08-21"),
             ("AV", "AVP RF, f. 094, op. 39, p. 378, d. 12, ll. 101-103"), ("T2", "iran"), ("M1", "g06"),
             ("LA", "en"), ("UR", URL), ("Y2", "2026/03/05/"), ("ER", "")]),
    (BARE, [("TY", "MANSCPT"), ("ID", "kartoteka-bbbbbbbbbbbb"), ("T1", "Untitled note"), ("UR", URL),
            ("Y2", "2026/03/05/"), ("ER", "")]),
    (SPECIAL, [("TY", "MANSCPT"), ("ID", "kartoteka-cccccccccccc"), ("T1", SPECIAL.title),
               ("AU", "Central Intelligence Agency"), ("AU", "Smith & Sons"), ("PY", "1954"),
               ("DA", "1954///1954/1956"),
               ("AV", "Central Intelligence Agency, Job 79-01025A, Box 69, Folder 1"), ("UR", URL + "?a=1"),
               ("Y2", "2026/03/05/"), ("ER", "")]),
])
def test_ris_records(c: Citation, expected: list[tuple[str, str]]) -> None:
    assert ris_records(render([c], "ris")) == [expected]


def test_ris_of_many_keeps_their_order() -> None:
    assert [dict(r)["ID"] for r in ris_records(render(ALL, "ris"))] == [c.key for c in ALL]


def test_meta_tags_for_reference_managers() -> None:
    tags = meta_tags(RANGE)
    assert ("citation_title", RANGE.title) in tags
    assert ("citation_author", "A. A. Lavrent'ev") in tags
    assert ("citation_date", "1953/08/20") in tags
    assert ("citation_publisher", "AVP RF") in tags
    assert ("citation_archive_location", "f. 094, op. 39, p. 378, d. 12, ll. 101-103") in tags
    assert ("DC.date", "1953-08-20/1953-08-21") in tags
    assert ("DC.identifier", URL) in tags
    assert [n for n, _ in meta_tags(BARE)] == ["citation_title", "citation_public_url", "DC.title", "DC.type",
                                               "DC.identifier"]


@pytest.mark.parametrize(("collection", "name", "path"), [
    ("frus1952-54Guat", "d12", "/documents/frus1952-54Guat/d12"),
    ("seed", "000_e3d0", "/documents/seed/000_e3d0"),
    ("a b", "n/1", "/documents/a%20b/n%2F1"),  # each part one segment, whatever it holds
])
def test_a_documents_page_is_its_address(collection: str, name: str, path: str) -> None:
    assert document_path(collection, name) == path
    assert document_url("https://x.org/room/", collection, name) == "https://x.org/room" + path


@pytest.mark.parametrize(("stem", "fmt", "expected"), [
    ("kartoteka-0123", "csl-json", "kartoteka-0123.csl.json"),
    ("search", "bibtex", "search.bib"),
    ("a b/c", "ris", "a-b-c.ris"),
])
def test_download_names(stem: str, fmt: str, expected: str) -> None:
    assert filename(stem, fmt) == expected


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="no citation format"):
        render(ALL, "mods")

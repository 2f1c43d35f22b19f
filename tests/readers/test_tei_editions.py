"""TEI made elsewhere: letters editions (header metadata, choice, app, odd ids, a broken file in the
batch), the official CMIF examples as correspondence records, FRUS datelines laid out from
pretty-printed TEI, and a TEI export read back and exported again unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kartoteka.cli import cli
from kartoteka.model import Action, MarkKind, Record
from kartoteka.readers.tei import read_tei, read_tei_file
from kartoteka.readers.tei.layout import ORIGINAL
from kartoteka.store import open_archive
from validators import CMIF_RNG, TEI, cmif_errors

DATA = Path(__file__).resolve().parents[1] / "data"
LETTERS = sorted((DATA / "letters").glob("*.xml"))
CMIF_EXAMPLES = sorted(CMIF_RNG.parent.glob("example*.xml"))


def _records(db: Path) -> dict[str, Record]:
    with open_archive(str(db), create=False) as arc:
        return {r.source.path.rsplit("/", 1)[-1]: r for r in arc.records()}


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Record], str, int]:
    db = tmp_path_factory.mktemp("letters") / "letters.db"
    result = CliRunner().invoke(cli, ["import", *map(str, LETTERS), "--archive", str(db), "--no-progress",
                                      "-j", "1"])
    return _records(db), result.stderr, result.exit_code


def test_every_letter_is_imported_but_the_broken_one_which_is_named(
        letters: tuple[dict[str, Record], str, int]) -> None:
    records, stderr, code = letters
    assert sorted(records) == ["L001.xml", "L002.xml", "L003.xml", "L004.xml"]
    assert code == 1
    [refused] = [line for line in stderr.splitlines() if "L005-broken.xml" in line]
    assert "L005-broken.xml:13:" in refused and "malformed XML" in refused and "well-formed" in refused
    assert "Traceback" not in stderr


def test_the_header_gives_title_date_place_senders_and_recipients(
        letters: tuple[dict[str, Record], str, int]) -> None:
    records = letters[0]
    r = records["L001.xml"]
    assert r.title is not None and r.title.text == "Letter from Anna Whitcombe to Thomas Whitcombe, 3 June 1851"
    assert r.date is not None and (r.date.iso, r.date.span.text) == ("1851-06-03", "3 June 1851")
    assert r.place is not None and r.place.span.text == "Bristol"
    assert [a.span.text for a in r.senders] == ["Anna Whitcombe"]
    assert [a.span.text for a in r.recipients] == ["Thomas Whitcombe"]
    assert [st.action for st in r.chain] == [Action.SENT, Action.RECEIVED]
    assert r.chain[1].place is not None and r.chain[1].place.text == "London"
    two = records["L002.xml"]
    assert two.date is not None and (two.date.not_before, two.date.not_after) == ("1851-06-10", "1851-06-14")
    assert two.chain[1].date is not None and two.chain[1].date.iso == "1851-06-16"
    three = records["L003.xml"]
    assert [a.span.text for a in three.senders] == ["British Consulate, Trieste"]
    assert three.date is not None and (three.date.iso, str(three.date.precision)) == ("1862-11", "month")
    for rec in records.values():  # every value still points to its own characters
        assert rec.document is not None
        for span in [x.span for x in (*rec.senders, *rec.recipients, *rec.marks)]:
            assert rec.document.text[span.start:span.end] == span.text


def test_source_desc_becomes_the_source_line(letters: tuple[dict[str, Record], str, int]) -> None:
    text = letters[0]["L001.xml"].document.text  # type: ignore[union-attr]
    assert text.rstrip("\n").endswith("Bristol, County Record Office, MS 4471/12")


def test_choice_is_one_reading_and_the_other_a_mark(letters: tuple[dict[str, Record], str, int]) -> None:
    r = letters[0]["L001.xml"]
    assert r.document is not None
    text = r.document.text
    assert "ever yours affectionately" in text and "your'syours" not in text
    assert "the lodging suit" in text and "sends your love" in text
    kept = {(m.span.text, m.kind, m.value) for m in r.marks}
    assert {("yours", MarkKind.SIC, "your's"), ("lodging", MarkKind.SIC, "lodgings"),
            ("your", MarkKind.NOTE, "yr.")} <= kept
    app = letters[0]["L002.xml"]
    assert "The committee met" in app.document.text  # type: ignore[union-attr]
    assert ("committee", "board") in {(m.span.text, m.value) for m in app.marks}


def test_the_original_readings_on_request() -> None:
    [td] = read_tei_file(str(DATA / "letters" / "L001.xml"), readings=ORIGINAL).documents
    assert "ever your's affectionately" in td.document.text and "sends yr. love" in td.document.text
    assert "the lodgings suit" in td.document.text


def test_odd_but_well_formed_ids_are_no_error() -> None:
    for name in ("L001.xml", "L002.xml", "L003.xml"):
        [td] = read_tei_file(str(DATA / "letters" / name)).documents
        assert td.document.text


def _cmif_letters(path: Path) -> list[tuple[list[str], list[str], str, str, str, str]]:
    """Each correspDesc of a CMIF file as written: senders, recipients, the sending's place and date
    attributes, the receiving's place and date attributes."""
    out = []
    for desc in etree.parse(str(path)).getroot().iterfind(".//t:correspDesc", TEI):
        row: list[object] = []
        for kind in ("sent", "received"):
            act = desc.find(f"t:correspAction[@type='{kind}']", TEI)
            assert act is not None
            row.append([" ".join(p.itertext()).strip() for p in act.iterfind("t:persName", TEI)])
        for kind in ("sent", "received"):
            act = desc.find(f"t:correspAction[@type='{kind}']", TEI)
            assert act is not None
            row.append(" ".join((act.findtext("t:placeName", namespaces=TEI) or "").split()))
            date = act.find("t:date", TEI)
            row.append("" if date is None else ",".join(f"{k}={v}" for k, v in sorted(date.attrib.items())
                                                       if k in ("when", "notBefore", "notAfter")))
        out.append((row[0], row[1], row[2], row[3], row[4], row[5]))  # type: ignore[arg-type]
    return out


_SURNAME_INITIALS = re.compile(r"^([^,]+),\s*((?:\w\.\s*)+)$")


def _direct(name: str) -> str:
    """A "Surname, I." list as linking displays it: "I. Surname"."""
    m = _SURNAME_INITIALS.match(name)
    return f"{' '.join(m.group(2).split())} {m.group(1).strip()}" if m else name


@pytest.mark.parametrize("example", CMIF_EXAMPLES, ids=lambda p: p.name)
def test_official_cmif_examples_import_with_every_party_date_and_place(example: Path, tmp_path: Path) -> None:
    expected = _cmif_letters(example)
    imp = read_tei_file(str(example))
    assert len(imp.documents) == len(expected) >= 3
    db = tmp_path / "cmif.db"
    result = CliRunner().invoke(cli, ["import", str(example), "--archive", str(db), "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "cmif", "--archive", str(db), "--out", str(out),
                                      "--base-url", "https://example.org/letters/", "--editor", "A. Editor"])
    assert result.exit_code == 0, result.output
    xml = (out / "cmif.xml").read_text(encoding="utf-8")
    assert [str(e) for e in cmif_errors(xml)] == []
    again = _cmif_letters(out / "cmif.xml")
    # the import keeps each party as the file names it ("Pastenaci, E.")
    assert sorted(a.span.text for d in imp.documents if d.letter is not None
                  for a in (*d.letter.senders, *d.letter.recipients)) == sorted(
        name for row in expected for name in (*row[0], *row[1]))
    # the export names a linked party by its entity, which reads "Surname, I." as surname first and
    # displays it in direct order ("E. Pastenaci"); a full forename list keeps the file's order
    expected = [([_direct(n) for n in sent], [_direct(n) for n in received], *rest)
                for sent, received, *rest in expected]  # type: ignore[misc]
    # the same letters (the archive keeps them in its own order) with every sender, recipient, place, date
    assert sorted(again) == sorted(expected)
    # a person the edition identified by URI in direct order keeps the URI
    written = {p.text: p.get("ref") for p in etree.fromstring(xml.encode()).iterfind(".//t:persName", TEI)}
    listed = {" ".join(p.itertext()).strip(): p.get("ref")
              for p in etree.parse(str(example)).getroot().iterfind(".//t:persName[@ref]", TEI)}
    kept = [name for name, ref in listed.items() if "," not in name and written.get(name) == ref]
    assert kept == [name for name in listed if "," not in name]


# A FRUS-style volume of one document (the div given), as the Office of the Historian's TEI has it.
VOLUME_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Test volume, 1949</title></titleStmt>
    <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body>
"""
VOLUME_TAIL = """  </body></text>
</TEI>
"""

FRUS_1949 = VOLUME_HEAD + """    <div type="document" xml:id="d2" n="2">
      <head>
        The Ambassador in France
        (
        <persName corresp="#p_CJ1" type="from">
          Caffery
        </persName>
        ) to the
        <gloss type="to">Secretary of State</gloss>
      </head>
      <dateline>
        <placeName>
          Paris
        </placeName>
        ,
        <date when="1949-02-18">
          February 18, 1949
        </date>
        .
      </dateline>
      <p>
        Foreign Office informs us the note will be delivered
        ( as agreed ) today.
      </p>
    </div>
""" + VOLUME_TAIL


def test_pretty_printed_frus_markup_reads_as_printed() -> None:
    [td] = read_tei(FRUS_1949.encode("utf-8"), "frus1949test.xml").documents
    lines = td.document.text.splitlines()
    assert lines[0] == "The Ambassador in France (Caffery) to the Secretary of State"
    assert lines[1] == "Paris, February 18, 1949."
    assert td.annotations.place is not None and td.annotations.place.text == "Paris"


def test_tei_export_imports_and_exports_again_the_same(tmp_path: Path) -> None:
    """TEI export → import → TEI export: the same text, header fields and mentions."""
    seeds = sorted((DATA.parents[1].parent / "shared" / "seed").glob("*.txt"))
    genre = sorted((DATA.parents[1].parent / "shared" / "corpus" / "genre-dev" / "docs").glob("g0*.txt"))
    if not seeds or not genre:
        pytest.skip("the shared corpus is not in ../shared")
    runner = CliRunner()
    first = tmp_path / "first"
    assert runner.invoke(cli, ["export", "tei", *map(str, [*seeds, *genre]), "--out", str(first),
                               "--no-progress", "-j", "1"]).exit_code == 0
    db = tmp_path / "again.db"
    files = sorted(first.iterdir())
    result = runner.invoke(cli, ["import", *map(str, files), "--archive", str(db), "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    second = tmp_path / "second"
    assert runner.invoke(cli, ["export", "tei", "--archive", str(db), "--out", str(second)]).exit_code == 0
    assert sorted(p.name for p in second.iterdir()) == [p.name for p in files]
    for f in files:
        a, b = etree.parse(str(f)).getroot(), etree.parse(str(second / f.name)).getroot()
        for xpath in ("string(//t:body)", "string(//t:titleStmt/t:title)", "string(//t:creation)",
                      "string(//t:sourceDesc)", "string(//t:correspDesc)", "string(//t:particDesc)",
                      "string(//t:textClass)", "string(//t:abstract)"):
            assert a.xpath(xpath, namespaces=TEI) == b.xpath(xpath, namespaces=TEI), (f.name, xpath)
        for tag in ("persName", "placeName", "orgName", "date", "idno"):
            spans_a = [(e.text, e.get("n")) for e in a.iterfind(f".//t:body//t:{tag}", TEI)]
            spans_b = [(e.text, e.get("n")) for e in b.iterfind(f".//t:body//t:{tag}", TEI)]
            assert spans_a == spans_b, (f.name, tag)


FRUS_BRACKETS = VOLUME_HEAD + """    <div type="document" xml:id="d5" n="5">
      <head>5. The Secretary of State to the Embassy in France</head>
      <opener>
        <dateline><placeName>[Washington,]</placeName> <date when="1949-01-31">January 21 [31], 1949</date>—7 p.m.</dateline>
        <p>SECRET</p>
      </opener>
      <p>Please inform the Foreign Minister that we agree.</p>
      <closer><signed><persName corresp="#p_AD1">Acheson</persName></signed></closer>
      <note type="source">851.00/1–3149: Telegram</note>
    </div>
""" + VOLUME_TAIL


def test_a_dateline_the_editors_bracketed_keeps_its_place_and_corrected_day() -> None:
    from kartoteka.pipeline import parse_source

    [td] = read_tei(FRUS_BRACKETS.encode("utf-8"), "frus1949test.xml").documents
    assert td.document.text.splitlines()[1] == "[Washington,] January 21 [31], 1949—7 p.m."
    rec = parse_source(td.document)
    assert rec.place is not None and rec.place.span.text == "Washington"
    assert rec.date is not None and rec.date.iso == "1949-01-31"

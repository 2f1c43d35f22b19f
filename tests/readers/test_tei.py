"""TEI import: a FRUS volume comes in as the frus-dev texts with the editors' markup; hostile XML is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kartoteka.cli import cli
from kartoteka.errors import XmlError
from kartoteka.readers.tei import TeiImport, parse_xml, read_tei, read_tei_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
VOLUME = SHARED / "corpus" / "frus-tei" / "frus1952-54Guat.xml"
GOLD = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat"


@pytest.fixture(scope="module")
def volume() -> TeiImport:
    if not VOLUME.exists():
        pytest.skip("the FRUS TEI volume is not in ../shared")
    return read_tei_file(str(VOLUME))


def _gold(doc_id: str) -> tuple[str, dict[str, object]] | None:
    path = GOLD / "gold" / f"{doc_id}.json"
    if not path.exists():
        return None
    with open(GOLD / "text" / f"{doc_id}.txt", encoding="utf-8", newline="") as fh:
        text = fh.read()
    return text, json.loads(path.read_text(encoding="utf-8"))


def test_volume_documents_are_the_dev_texts(volume: TeiImport) -> None:
    assert volume.is_volume and volume.volume_id == "frus1952-54Guat"
    assert volume.title.startswith("Foreign Relations of the United States")
    compared = 0
    for td in volume.documents:
        found = _gold(td.annotations.doc_id)
        if found is None:
            assert td.annotations.dateline is None  # only editorial notes are not in the dev set
            continue
        text, gold = found
        compared += 1
        assert td.document.text == text, td.annotations.doc_id
        assert td.document.source.sha256 == gold["text_sha256"]
        assert td.document.source.path == f"frus1952-54Guat/{td.annotations.doc_id}.txt"
    assert compared == 275


def _span(s: object) -> tuple[int, int] | None:
    return None if s is None else (s.start, s.end)  # type: ignore[attr-defined]


def _gspan(g: object) -> tuple[int, int] | None:
    return None if not g else (g["start"], g["end"])  # type: ignore[index]


def test_volume_annotations_are_the_gold(volume: TeiImport) -> None:
    for td in volume.documents:
        found = _gold(td.annotations.doc_id)
        if found is None:
            continue
        _, g = found
        a = td.annotations
        assert _span(a.title) == _gspan(g["title"])
        assert _span(a.dateline) == _gspan(g["dateline"])
        assert _span(a.date) == _gspan(g["date"])
        assert a.when == g["date"]["when"]  # type: ignore[index]
        assert _span(a.place) == _gspan(g["place"])
        for mine, theirs in ((a.senders, g["sender"]), (a.recipients, g["recipient"])):
            assert [(_span(x.span), x.element, x.person_id) for x in mine] == \
                [(_gspan(x), x["element"], x["person_id"]) for x in theirs]  # type: ignore[attr-defined,index]
        assert [(_span(s.span), s.person_ids, s.in_attachment) for s in a.signatories] == \
            [(_gspan(s), tuple(s["person_ids"]), s["in_attachment"]) for s in g["signatories"]]  # type: ignore[attr-defined,index]
        assert [_span(s) for s in a.source_notes] == [_gspan(s) for s in g["source_note"]]  # type: ignore[attr-defined]
        assert [(p.span.start, p.span.end, p.person_id, p.zone, p.role) for p in a.persons] == \
            [(m["start"], m["end"], m["person_id"], m["zone"], m["role"])
             for m in g["person_mentions"]]  # type: ignore[attr-defined,index]


def test_volume_persons_list(volume: TeiImport) -> None:
    listed = json.loads((GOLD / "persons.json").read_text(encoding="utf-8"))["persons"]
    mine = {p.id: p for p in volume.persons}
    assert set(mine) == {p["id"] for p in listed}
    for p in listed:
        assert (mine[p["id"]].name, mine[p["id"]].identification, list(mine[p["id"]].see_also)) == \
            (p["name"], p["identification"], p["see_also"])


def _tei(body: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{head}<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
            f"<titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt>"
            f"<sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>").encode()


def test_other_tei_comes_in_by_its_text() -> None:
    data = _tei("<head>Telegram</head>\n  <p>Tabriz,\n   9 December <hi>1946</hi>.</p><p>Second <lb/>line.</p>")
    imp = read_tei(data, "letter.xml")
    assert not imp.is_volume and imp.title == "T"
    # the header's title is the first line; the body follows it
    assert imp.documents[0].document.text == "T\n\nTelegram\n\nTabriz, 9 December 1946.\n\nSecond\nline.\n"
    letter = imp.documents[0].letter
    assert letter is not None and letter.title is not None and letter.title.text == "T"


@pytest.mark.parametrize(("body", "text"), [
    ("<table><row><cell/><cell>I</cell><cell> II </cell></row><row><cell>a</cell><cell/><cell>1</cell></row></table>",
     "I | II\na | 1\n"),
    ("<list><head>SUBJECT</head><item>Oil</item><item/><label>2.</label><item>Gas</item></list>",
     "SUBJECT\nOil\n2. Gas\n"),
    ("<p>Before<note>a footnote</note> after<pb n='2'/> the page.</p><closer>Respectfully,<signed>Ivanov</signed></closer>",
     "Before after the page.\n\nRespectfully,\nIvanov\n"),
    ("<p><hi rend='smallcaps'>top secret</hi> and <hi rend='smallcaps'>Tabriz</hi></p>", "TOP SECRET and Tabriz\n"),
])
def test_block_layout(body: str, text: str) -> None:
    assert read_tei(_tei(body), "x.xml").documents[0].document.text == "T\n\n" + text


HOSTILE = [
    ("external entity", '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "<p>&xxe;</p>", "entities"),
    ("entity bomb", '<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
     "<p>&d;&d;&d;&d;</p>", "entities"),
    ("parameter entity", '<!DOCTYPE TEI [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>', "<p/>", "entities"),
    ("external DTD", '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">', "<p/>", "external DTD"),
    ("undeclared entity", "", "<p>&nbsp;</p>", "not defined"),
]


@pytest.mark.parametrize(("name", "head", "body", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_xml_is_refused(name: str, head: str, body: str, message: str) -> None:
    with pytest.raises(XmlError, match=message):
        read_tei(_tei(body, head), "evil.xml")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    data = _tei("<p>" + "word " * 5000 + "</p>")
    with pytest.raises(XmlError, match="too large"):
        read_tei(data, "big.xml", max_bytes=10_000)
    path = tmp_path / "big.xml"
    path.write_bytes(data)
    with pytest.raises(XmlError, match="too large"):
        read_tei_file(str(path), max_bytes=10_000)


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(XmlError, match="malformed"):
        parse_xml(b"<a>" * 300_000 + b"</a>" * 300_000, "deep.xml")


@pytest.mark.parametrize(("data", "message"), [
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "malformed XML"),
    (b"<html><body/></html>", "not a TEI document"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></TEI>", "no <text><body>"),
])
def test_bad_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(XmlError, match=message):
        read_tei(data, "bad.xml")


def test_import_command_refuses_hostile_xml_in_one_line(tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_bytes(_tei("<p>&xxe;</p>", '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
    result = CliRunner().invoke(cli, ["import", str(evil), "--archive", str(tmp_path / "a.db"), "--no-progress"])
    assert result.exit_code == 1  # the file is refused; a batch would go on with the others
    refused, summary = result.stderr.splitlines()
    assert "evil.xml" in refused and "entities" in refused
    assert "1 unreadable" in summary
    assert "Traceback" not in result.output
    assert "root:" not in result.stdout


def test_dates_the_model_cannot_hold_are_left_out() -> None:
    body = ('<ab xml:space="preserve">on <date when="1946-13-01">x</date> and <date when="1946-03">March</date>'
            ' and <date when="1946-03-05T10:00:00">then</date></ab>')
    [doc] = read_tei(_tei(body), "dates.xml").documents
    assert doc.document.text == "on x and March and then"
    assert [(d.iso, d.span.text, d.not_after) for d in doc.inline.dates] == [("1946-03", "March", "1946-03-31")]


VOLUME_1948 = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>FRUS 1948</title></titleStmt>
<publicationStmt><idno type="frus">frus1948test</idno></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
</teiHeader><text><body>
  <div type="document" xml:id="d41" n="41" subtype="historical-document">
    <note rend="inline" type="source">867N.6363/11–2248: Telegram</note>
    <head>
      <hi rend="italic">The Minister in Saudi Arabia</hi> (<persName type="from" corresp="#p_CJR1"><hi
        rend="italic">Childs</hi></persName>) <hi rend="italic">to the <gloss type="to">Secretary of
        State</gloss></hi>
    </head>
    <opener>
      <seg rendition="#left"><hi rend="smallcaps">secret</hi> <hi rend="smallcaps">us urgent</hi></seg>
      <dateline rendition="#right"><placeName><hi rend="smallcaps">Jidda</hi></placeName>, <date
        when="1948-11-22T18:00:00+03:00">November 22, 1948—6 p. m.</date></dateline>
    </opener>
    <p>603. Representatives informed as follows:— <list>
        <label>(1)</label><item>first point;</item>
        <label>(2)</label><item>second point.<note n="1">A footnote.</note></item></list></p>
    <list><label>1.</label><item>Although <persName corresp="#p_CJR1">Childs</persName> said so.</item>
      <label>2.</label><item>Second.</item></list>
    <p>Sent Department 603.</p>
    <closer><signed><hi rend="smallcaps">Childs</hi></signed></closer>
  </div>
</body></text></TEI>
"""


def test_a_1948_document_with_an_opener() -> None:
    from kartoteka.evaluation.gold import gold_from_tei

    imp = read_tei(VOLUME_1948.encode("utf-8"), "frus1948test.xml")
    [td] = imp.documents
    assert td.document.text == (
        "The Minister in Saudi Arabia (Childs) to the Secretary of State\n"
        "Jidda, November 22, 1948—6 p. m.\n"
        "SECRET US URGENT\n\n"
        "603. Representatives informed as follows:—\n(1) first point;\n(2) second point.\n\n"
        "1. Although Childs said so.\n2. Second.\n\n"
        "Sent Department 603.\n\n"
        "Childs\n\n"
        "867N.6363/11–2248: Telegram\n")
    a = td.annotations
    assert a.date is not None and a.date.text == "November 22, 1948—6 p. m."
    assert a.place is not None and a.place.text == "Jidda"
    assert [s.text for s in a.opener] == ["SECRET US URGENT"]
    assert [(x.span.text, x.person_id) for x in a.senders] == [("Childs", "p_CJR1")]
    assert [x.span.text for x in a.recipients] == ["Secretary of State"]
    [gold] = gold_from_tei(imp).docs
    assert gold.date_iso == "1948-11-22"
    assert gold.classification is not None
    assert (gold.classification.level, gold.classification.caveats) == ("Secret", ("US URGENT",))
    assert [r.text for r in gold.references] == ["867N.6363/11–2248"]


def test_damaged_files_fail_only_with_xml_errors() -> None:
    """Cut or garbled TEI never escapes as anything but an XmlError (no traceback for a user)."""
    import random

    from kartoteka.export.tei import to_tei
    from kartoteka.pipeline import parse_source
    from kartoteka.readers import read_bytes

    text = "From Tabriz, 3 March 1946.\nGeneral Ivanov [sic] met Javid [illegible] in Tehran.\n"
    sources = [to_tei(parse_source(read_bytes(text.encode(), "memo.txt"))).encode("utf-8"),
               VOLUME_1948.encode("utf-8")]
    rnd = random.Random(5)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(300):
        data = bytearray(rnd.choice(sources))
        for _ in range(rnd.randint(1, 4)):
            at = rnd.randrange(len(data))
            if rnd.random() < 0.5:
                del data[at:at + rnd.randint(1, 40)]
            else:
                data[at:at] = rnd.choice([b"<", b">", b"&", b'"', b"</p>", b"<date when='x'>", b" n='9-2'"])
        try:
            read_tei(bytes(data), "damaged.xml")
            outcomes["read"] += 1
        except XmlError:
            outcomes["refused"] += 1
    assert outcomes["read"] and outcomes["refused"]

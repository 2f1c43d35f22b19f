"""TEI P5 export: schema-valid on the seed and every dev document, offsets kept, and read back the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kartoteka.cli import cli
from kartoteka.entities.roles import roles
from kartoteka.export.tei import TEI_NS, body_text, to_tei, xml_id
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    Certainty,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Entity,
    Level,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
    Precision,
    Record,
    Reference,
    ReferenceKind,
    Span,
)
from kartoteka.pipeline import parse_source
from kartoteka.readers import read_file
from kartoteka.readers.tei import read_tei

NS = {"t": TEI_NS}


def test_every_corpus_document_validates_and_keeps_its_text(corpus_records: list[Record],
                                                             tei_schema: etree.RelaxNG) -> None:
    assert len(corpus_records) >= 276
    invalid = []
    for rec in corpus_records:
        assert rec.error is None, rec.error
        tree = etree.fromstring(to_tei(rec).encode("utf-8"))
        if not tei_schema.validate(tree):
            invalid.append(f"{rec.source.path}: {tei_schema.error_log.last_error}")
        assert rec.document is not None
        assert body_text(tree) == rec.document.text, rec.source.path
    assert invalid == []


def same_record(back: Record, rec: Record) -> None:
    """``back`` is ``rec`` again: every field, every span, every order; only the source says "tei" now."""
    assert back.document is not None and rec.document is not None
    assert back.document.text == rec.document.text
    assert back.document.encoding == rec.document.encoding
    # the source comes back by its name (no folder of the exporting machine) and its hash
    name = rec.source.path.replace("\\", "/").rsplit("/", 1)[-1]
    assert (back.source.path, back.source.sha256, back.source.format) == (name, rec.source.sha256, "tei")
    for f in rec.__slots__:  # type: ignore[attr-defined]
        if f not in ("source", "document", "roles"):
            assert getattr(back, f) == getattr(rec, f), (rec.source.path, f)
    # roles are linking's decision over a collection (``linking.roles``), not a field TEI carries:
    # read back, they are undecided, and the same text and mentions give the document's own again
    assert back.roles is None
    assert [(r.span, r.referent) for r in roles(back.document.text, back.mentions)] == \
        [(r.span, r.referent) for r in roles(rec.document.text, rec.mentions)]


def test_every_corpus_document_round_trips(corpus_records: list[Record]) -> None:
    """Export, import back: the same record."""
    for rec in corpus_records:
        back = read_tei(to_tei(rec).encode("utf-8"), "back.xml").documents[0]
        assert back.record is not None
        same_record(back.record, rec)


def test_reimported_seed_parses_to_the_same_record(seed_path: Path) -> None:
    original = parse_source(read_file(str(seed_path)))
    back = read_tei(to_tei(original).encode("utf-8"), "seed.xml").documents[0]
    again = parse_source(back.document)
    assert again.source.format == "tei"
    assert again == type(original)(**{**{f: getattr(original, f) for f in original.__slots__},  # type: ignore[attr-defined]
                                      "source": again.source, "document": again.document})
    assert again.document is not None and original.document is not None
    assert again.document.text == original.document.text
    assert (again.source.path, again.source.sha256) == (seed_path.name, original.source.sha256)


TEXT = ("From Moscow, 3 March 1946. General-Major Ivanov [sic] met Stalin in Tabriz [illegible]\x0c\r\n"
        "end [name not declassified] POL 15-1 IRAN. Kept [vystupleniye] here.\n")


def sp(s: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(s, at + 1)
    return Span(at, at + len(s), s)


DATE = DateValue(sp("3 March 1946"), "1946-03-03", Precision.DAY, "1946-03-03", "1946-03-03")
DOC = Document.from_text(TEXT, path="memo.txt")
IVANOV = Agent(sp("Ivanov"), AgentKind.PERSON, "person:ivanov", rank=sp("General-Major"))
RICH = Record(
    source=DOC.source, document=DOC, title=sp("From Moscow"), date=DATE, place=Place(sp("Moscow"), "place:moscow"),
    senders=(IVANOV,), recipients=(Agent(sp("Stalin"), AgentKind.OFFICE),), signatories=(IVANOV,),
    chain=(ChainStep(Action.SENT, (IVANOV,), DATE, sp("Moscow")), ChainStep(Action.FORWARDED, ()),
           ChainStep(Action.RECEIVED, (Agent(sp("Stalin"), AgentKind.PERSON, "person:stalin"),))),
    classification=Classification(sp("Ivanov"), Level.SECRET, ("Eyes Only",)),
    references=(Reference(sp("POL 15-1 IRAN"), ReferenceKind.SUBJECT_NUMERIC_FILE),),
    summary=sp("met Stalin"),
    marks=(Mark(sp("[sic]"), MarkKind.SIC, "sic"), Mark(sp("[illegible]"), MarkKind.ILLEGIBLE, "illegible"),
           Mark(sp("[name not declassified]"), MarkKind.REDACTION, "name not declassified"),
           Mark(sp("[vystupleniye]"), MarkKind.FOREIGN, "vystupleniye", "ru")),
    dates=(DATE, DateValue(sp("1946"), "1940", Precision.DECADE, "1940-01-01", "1949-12-31", Certainty.LOW)),
    mentions=(
        Mention(sp("Ivanov"), MentionKind.PERSON, "person:ivanov", title=sp("General-Major"), method="model"),
        Mention(sp("Stalin in Tabriz"), MentionKind.PERSON, None),
        Mention(sp("Tabriz [illegible]"), MentionKind.PLACE, "place:tabriz"),  # crosses the person above
        Mention(sp("Moscow"), MentionKind.PLACE, "place:moscow"),
        Mention(sp("name"), MentionKind.GROUP, "group:x"),  # inside a redaction: kept by offsets
    ),
    entities=(Entity("person:ivanov", MentionKind.PERSON, "Ivanov", ("Ivanov", "Ivanoff"), "a general",
                     (("wikidata", "Q1"),)),
              Entity("place:moscow", MentionKind.PLACE, "Moscow", ("Moscow", "Moskva"), None,
                     (("geonames", "524901"),), 55.75, 37.62)),
)


@pytest.fixture(scope="module")
def rich_tree() -> etree._Element:
    return etree.fromstring(to_tei(RICH).encode("utf-8"))


def test_rich_record_validates(rich_tree: etree._Element, tei_schema: etree.RelaxNG) -> None:
    assert tei_schema.validate(rich_tree), tei_schema.error_log.last_error
    assert body_text(rich_tree) == TEXT


@pytest.mark.parametrize(("xpath", "expected"), [
    ("string(t:teiHeader/t:fileDesc/t:titleStmt/t:title)", "From Moscow"),
    ("string(t:teiHeader/t:profileDesc/t:creation/t:date/@when)", "1946-03-03"),
    ("string(t:teiHeader/t:profileDesc/t:creation/t:placeName)", "Moscow"),
    ("string(t:teiHeader/t:profileDesc/t:abstract)", "met Stalin"),
    ("string(t:teiHeader/t:profileDesc/t:textClass/t:keywords/t:term[@type='level'])", "secret"),
    ("string(t:teiHeader/t:profileDesc/t:textClass/t:keywords/t:term[@type='caveat'])", "Eyes Only"),
    ("string(t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl/t:idno[@type='subject_numeric_file'])", "POL 15-1 IRAN"),
    ("count(t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction)", 3.0),
    ("string(t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction[1]/@type)", "sent"),
    ("string(t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction[2]/@type)", "forwarded"),
    ("string(t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction[3]/t:persName/@ref)",
     "#" + xml_id("person:stalin")),
    (f"string(t:text/t:body/t:ab/t:persName[@ref='#{xml_id('person:ivanov')}'])", "Ivanov"),
    ("string(t:text/t:body/t:ab/t:roleName)", "General-Major"),
    ("string(t:text/t:body/t:ab/t:gap[@reason='redaction']/t:desc)", "[name not declassified]"),
    ("string(t:text/t:body/t:ab/t:gap[@reason='illegible']/t:desc)", "[illegible]"),
    ("string(t:text/t:body/t:ab/t:sic)", "[sic]"),
    ("string(t:text/t:body/t:ab/t:foreign/@xml:lang)", "ru"),
    ("string(t:text/t:body/t:ab//t:date[@type='decade']/@notAfter)", "1949-12-31"),
    ("string(t:text/t:body/t:ab/t:idno/@type)", "subject_numeric_file"),
    (f"count(t:standOff/t:listPerson/t:person[@xml:id='{xml_id('person:ivanov')}']/t:persName)", 3.0),
    (f"string(t:standOff/t:listPerson/t:person[@xml:id='{xml_id('person:ivanov')}']/t:idno[@type='wikidata'])",
     "Q1"),
    (f"string(t:standOff/t:listPlace/t:place[@xml:id='{xml_id('place:moscow')}']/t:location/t:geo)",
     "55.75 37.62"),
    ("string(t:standOff/t:listOrg/t:org/@type)", "group"),
    ("count(t:standOff/t:spanGrp/t:span)", 2.0),
    ("string(t:teiHeader/t:profileDesc/t:particDesc/t:p[@n='signatories']/t:persName/@n)", "41-47"),
    ("string(t:teiHeader/t:profileDesc/t:particDesc/t:p[@n='recipients']/t:orgName/@type)", "office"),
])
def test_rich_record_fields(rich_tree: etree._Element, xpath: str, expected: object) -> None:
    assert rich_tree.xpath(xpath, namespaces=NS) == expected


def test_rich_record_round_trips() -> None:
    back = read_tei(to_tei(RICH).encode("utf-8"), "memo.xml").documents[0]
    assert back.document.text == TEXT
    assert back.record is not None
    same_record(back.record, RICH)
    assert sorted(e.id for e in back.inline.entities) == ["person:ivanov", "place:moscow"]


def test_empty_spans_and_entity_links_round_trip() -> None:
    from dataclasses import replace

    from kartoteka.model import LinkDecision

    ivanov = replace(RICH.entities[0], links=(LinkDecision("Ivanoff", 0.87, "fuzzy"),))
    rec = replace(RICH, marks=(*RICH.marks, Mark(Span(5, 5, ""), MarkKind.NOTE, "")),
                  entities=(ivanov, RICH.entities[1]))
    back = read_tei(to_tei(rec).encode("utf-8"), "memo.xml").documents[0].record
    assert back is not None
    same_record(back, rec)


def test_without_chain_senders_and_recipients_become_actions(tei_schema: etree.RelaxNG) -> None:
    rec = Record(source=DOC.source, document=DOC, senders=(IVANOV,),
                 recipients=(Agent(sp("Stalin"), AgentKind.PERSON),), date=DATE)
    tree = etree.fromstring(to_tei(rec).encode("utf-8"))
    assert tei_schema.validate(tree), tei_schema.error_log.last_error
    types = tree.xpath("t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction/@type", namespaces=NS)
    assert types == ["sent", "received"]


@pytest.mark.parametrize(("a", "b"), [("p:x", "p_x"), ("a b", "a_b"), ("x", "x"), ("é", "_")])
def test_xml_ids_are_names_and_never_collide(a: str, b: str) -> None:
    import re

    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9._-]*", xml_id(a))
    assert (xml_id(a) == xml_id(b)) is (a == b)


def test_error_record_is_refused() -> None:
    from kartoteka.errors import ExportError
    from kartoteka.model import Failure

    with pytest.raises(ExportError, match="no text"):
        to_tei(Record(source=DOC.source, error=Failure("read_error", "x")))


def test_parse_format_tei_prints_valid_tei(seed_path: Path, tei_schema: etree.RelaxNG) -> None:
    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "tei", "--no-progress"])
    assert result.exit_code == 0, result.output
    tree = etree.fromstring(result.stdout.encode("utf-8"))
    assert tei_schema.validate(tree), tei_schema.error_log.last_error
    with open(seed_path, encoding="utf-8", newline="") as fh:
        assert body_text(tree) == fh.read()

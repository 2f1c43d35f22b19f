"""Data exports: CMIF, CSV, JSON Lines, GraphML, GEXF, GeoJSON, JSON-LD, from records and from an archive."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kartoteka.cli import cli
from kartoteka.export.cmif import CmifHeader, to_cmif
from kartoteka.export.collection import Collection
from kartoteka.export.csv import csv_files, jsonl_files
from kartoteka.export.geojson import places_geojson
from kartoteka.export.graph import person_network, to_gexf, to_graphml
from kartoteka.export.jsonld import collection_ld
from kartoteka.export.tei import TEI_NS, body_text
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    ChainStep,
    DateValue,
    Document,
    Entity,
    Mention,
    MentionKind,
    Place,
    Precision,
    Record,
    Span,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "corpus" / "frus-dev" / "frus1952-54Guat" / "text"


def _record(path: str, text: str, people: list[tuple[str, str]], sender: str | None, recipient: str | None,
            place: tuple[str, str] | None) -> Record:
    doc = Document.from_text(text, path=path)

    def sp(s: str) -> Span:
        at = text.index(s)
        return Span(at, at + len(s), s)

    mentions = [Mention(sp(name), MentionKind.PERSON, eid) for name, eid in people]
    if place:
        mentions.append(Mention(sp(place[0]), MentionKind.PLACE, place[1]))
    date = DateValue(sp("1946"), "1946", Precision.YEAR, "1946-01-01", "1946-12-31")
    senders = (Agent(sp(sender), AgentKind.PERSON, dict(people)[sender]),) if sender else ()
    recipients = (Agent(sp(recipient), AgentKind.PERSON, dict(people)[recipient]),) if recipient else ()
    entities = [Entity(eid, MentionKind.PERSON, name, (name,), None, (("wikidata", f"Q{len(name)}"),))
                for name, eid in people]
    if place:
        entities.append(Entity(place[1], MentionKind.PLACE, place[0], (place[0],), None, (("geonames", "1"),),
                               38.08, 46.29))
    return Record(source=doc.source, document=doc, title=sp(text.split("\n")[0]), date=date,
                  place=Place(sp(place[0]), place[1]) if place else None, senders=senders, recipients=recipients,
                  chain=(ChainStep(Action.SENT, senders, date), ChainStep(Action.RECEIVED, recipients))
                  if senders else (),
                  mentions=tuple(mentions), entities=tuple(entities))


COLL = Collection.of([
    _record("a.txt", "Telegram from Ivanov to Bagirov\nTabriz, 1946. Ivanov met Javid and Bagirov.\n",
            [("Ivanov", "p:ivanov"), ("Bagirov", "p:bagirov"), ("Javid", "p:javid")], "Ivanov", "Bagirov",
            ("Tabriz", "place:tabriz")),
    _record("b.txt", "Memo on Javid\n1946. Javid and Ivanov again.\n",
            [("Javid", "p:javid"), ("Ivanov", "p:ivanov")], None, None, None),
])


@pytest.fixture(scope="module")
def cmif_tree() -> etree._Element:
    return etree.fromstring(to_cmif(COLL, CmifHeader("Test letters", "2024-05-01")).encode("utf-8"))


def test_cmif_validates_and_has_one_correspdesc_per_letter(cmif_tree: etree._Element,
                                                           tei_schema: etree.RelaxNG) -> None:
    from validators import cmif_errors

    assert tei_schema.validate(cmif_tree), tei_schema.error_log.last_error
    assert [str(e) for e in cmif_errors(etree.tostring(cmif_tree, encoding="unicode"))] == []
    ns = {"t": TEI_NS}
    descs = cmif_tree.findall(".//t:correspDesc", ns)
    assert len(descs) == 1  # the memo has no correspondents
    sent = descs[0].find("t:correspAction[@type='sent']", ns)
    assert sent is not None
    assert sent.findtext("t:persName", namespaces=ns) == "Ivanov"
    assert sent.find("t:persName", ns).get("ref") == "http://www.wikidata.org/entity/Q6"  # type: ignore[union-attr]
    assert sent.find("t:date", ns).get("when") == "1946"  # type: ignore[union-attr]
    assert descs[0].get("source") == "#" + cmif_tree.find(".//t:sourceDesc/t:bibl", ns).get(  # type: ignore[union-attr]
        "{http://www.w3.org/XML/1998/namespace}id")


def test_csv_and_jsonl_tables() -> None:
    files = csv_files(COLL)
    assert set(files) == {"documents.csv", "mentions.csv", "entities.csv"}
    mentions = list(csv.DictReader(io.StringIO(files["mentions.csv"])))
    assert len(mentions) == sum(len(r.mentions) for r in COLL.records)
    for row in mentions:
        rec = next(r for r in COLL.records if row["document"].startswith(r.source.path))
        assert rec.document is not None
        assert rec.document.text[int(row["start"]):int(row["end"])] == row["text"]
    entities = {r["id"]: r for r in csv.DictReader(io.StringIO(files["entities.csv"]))}
    assert entities["p:ivanov"]["mentions"] == "2" and entities["p:ivanov"]["documents"] == "2"
    assert entities["place:tabriz"]["latitude"] == "38.08"
    docs = [json.loads(line) for line in jsonl_files(COLL)["documents.jsonl"].splitlines()]
    assert [d["date"] for d in docs] == ["1946", "1946"] and docs[0]["senders"] == "Ivanov"


def test_person_network() -> None:
    net = person_network(COLL)
    assert [n.id for n in net.nodes] == ["p:bagirov", "p:ivanov", "p:javid"]
    edges = {(e.source, e.target, e.kind): e.weight for e in net.edges}
    assert edges[("p:ivanov", "p:javid", "co-mention")] == 2
    assert edges[("p:bagirov", "p:ivanov", "co-mention")] == 1
    assert edges[("p:ivanov", "p:bagirov", "correspondence")] == 1
    graphml = etree.fromstring(to_graphml(net).encode("utf-8"))
    g = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graphml.findall(".//g:node", g)) == 3 and len(graphml.findall(".//g:edge", g)) == len(net.edges)
    gexf = etree.fromstring(to_gexf(net).encode("utf-8"))
    x = {"x": "http://gexf.net/1.3"}
    assert [n.get("label") for n in gexf.findall(".//x:node", x)] == ["Bagirov", "Ivanov", "Javid"]
    assert {e.get("weight") for e in gexf.findall(".//x:edge", x)} == {"1.0", "2.0"}


def test_geojson_puts_longitude_first() -> None:
    fc = places_geojson(COLL)
    assert fc["type"] == "FeatureCollection"
    [feature] = fc["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.29, 38.08]}
    assert feature["properties"]["origin_of"] == 1 and feature["properties"]["mentions"] == 1


def test_graphml_co_mentions_are_undirected_and_correspondence_directed() -> None:
    net = person_network(COLL)
    assert {e.kind for e in net.edges} == {"co-mention", "correspondence"}
    root = etree.fromstring(to_graphml(net).encode("utf-8"))
    g = {"g": "http://graphml.graphdrawing.org/xmlns"}
    kinds: dict[str | None, set[str | None]] = {}
    for e in root.iterfind(".//g:edge", g):
        kinds.setdefault(e.get("directed"), set()).add(e.findtext("g:data[@key='kind']", namespaces=g))
    assert kinds == {"false": {"co-mention"}, None: {"correspondence"}}
    assert root.find(".//g:graph", g).get("edgedefault") == "directed"  # type: ignore[union-attr]


def test_jsonld_documents_and_people() -> None:
    ld = collection_ld(COLL)
    assert ld["@context"]["@vocab"] == "https://schema.org/"
    by_id = {n["@id"]: n for n in ld["@graph"]}
    letter = next(n for n in ld["@graph"] if n.get("isBasedOn", {}).get("name") == "a.txt")
    assert letter["@type"] == "Message" and letter["@id"] == "urn:sha256:" + COLL.records[0].source.sha256
    assert letter["isBasedOn"]["sha256"] == COLL.records[0].source.sha256
    ivanov = "urn:kartoteka:entity:p%3Aivanov"
    assert letter["sender"] == [{"@id": ivanov}]
    assert by_id[ivanov]["@type"] == "Person"
    assert by_id[ivanov]["sameAs"] == ["http://www.wikidata.org/entity/Q6"]
    assert by_id["urn:kartoteka:entity:place%3Atabriz"]["geo"]["latitude"] == 38.08
    memo = next(n for n in ld["@graph"] if n.get("isBasedOn", {}).get("name") == "b.txt")
    assert memo["@type"] == "CreativeWork" and {"@id": "urn:kartoteka:entity:p%3Ajavid"} in memo["mentions"]
    published = collection_ld(COLL, "https://example.org/a/")
    assert any(n["@id"] == "https://example.org/a/entity/p%3Aivanov" for n in published["@graph"])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DEV.exists():
        pytest.skip("the shared corpus is not in ../shared")
    db = tmp_path_factory.mktemp("arc") / "a.db"
    files = [str(DEV / f) for f in ("d2.txt", "d10.txt", "d12.txt")]
    result = CliRunner().invoke(cli, ["ingest", *files, "--archive", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(("fmt", "names"), [
    ("tei", ["d10.xml", "d12.xml", "d2.xml"]),
    ("cmif", ["cmif.xml"]),
    ("csv", ["documents.csv", "entities.csv", "mentions.csv"]),
    ("jsonl", ["documents.jsonl", "entities.jsonl", "mentions.jsonl"]),
    ("graphml", ["persons.graphml"]),
    ("gexf", ["persons.gexf"]),
    ("geojson", ["places.geojson"]),
    ("jsonld", ["collection.jsonld"]),
])
def test_export_command_from_an_archive(archive: Path, tmp_path: Path, fmt: str, names: list[str]) -> None:
    out = tmp_path / fmt
    result = CliRunner().invoke(cli, ["export", fmt, "--archive", str(archive), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == names


def test_archive_tei_export_validates_and_keeps_text(archive: Path, tmp_path: Path,
                                                     tei_schema: etree.RelaxNG) -> None:
    out = tmp_path / "tei"
    assert CliRunner().invoke(cli, ["export", "tei", "--archive", str(archive), "--out", str(out)]).exit_code == 0
    for name in ("d2", "d10", "d12"):
        tree = etree.parse(str(out / f"{name}.xml")).getroot()
        assert tei_schema.validate(tree), tei_schema.error_log.last_error
        with open(DEV / f"{name}.txt", encoding="utf-8", newline="") as fh:
            assert body_text(tree) == fh.read()
        refs = tree.xpath("//t:body//t:persName/@ref", namespaces={"t": TEI_NS})
        ids = tree.xpath("//t:standOff//t:person/@xml:id", namespaces={"t": TEI_NS})
        assert {r.lstrip("#") for r in refs} <= set(ids)
    d10 = etree.parse(str(out / "d10.xml")).getroot()
    ns = {"t": TEI_NS}
    # the header values the archive keeps come back with their words in the text
    assert d10.xpath("string(//t:profileDesc/t:creation/t:date/@when)", namespaces=ns) == "1952-06-25"
    assert d10.xpath("string(//t:profileDesc/t:creation/t:date)", namespaces=ns) == "June 25, 1952"
    assert d10.xpath("string(//t:keywords/t:term[@type='level'])", namespaces=ns) == "secret"
    assert d10.xpath("string(//t:body//t:idno)", namespaces=ns) == "Job 79-01025A, Box 10, Folder 1"
    assert d10.xpath("string(//t:body//t:idno/@type)", namespaces=ns) == "cia_job"
    assert d10.xpath("string(//t:titleStmt/t:title/@n)", namespaces=ns) == "0-92"
    # the translators' and editors' marks the archive keeps are TEI elements again
    assert "[name not declassified]" in d10.xpath("//t:body//t:gap[@reason='redaction']/t:desc/text()", namespaces=ns)


def test_archive_geojson_has_coordinates(archive: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["export", "geojson", "--archive", str(archive), "--out", str(tmp_path)]).exit_code == 0
    fc = json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))
    names = {f["properties"]["name"] for f in fc["features"]}
    assert "Guatemala City" in names or "Washington" in names
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in fc["features"])


def test_exported_tei_imports_into_an_archive(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "tei"
    runner = CliRunner()
    assert runner.invoke(cli, ["export", "tei", "--archive", str(archive), "--out", str(out)]).exit_code == 0
    db = tmp_path / "again.db"
    result = runner.invoke(cli, ["import", *sorted(str(p) for p in out.iterdir()), "--archive", str(db),
                                 "--no-progress", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 document(s): 3 added" in result.stderr
    shown = runner.invoke(cli, ["show", "d10.txt", "--archive", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "Castillo Armas" in shown.stdout


def test_export_needs_one_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--archive" in result.stderr and "Traceback" not in result.output

"""Exports against the official validators: CMIF 1.1 (RelaxNG and Schematron), TEI P5 (tei_all.rng
and its embedded Schematron, every local pointer resolving), JSON-LD expanded offline by PyLD;
and no export naming a folder of the exporting machine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from kartoteka.export.cmif import CmifHeader, to_cmif
from kartoteka.export.collection import Collection
from kartoteka.export.csv import csv_files, jsonl_files
from kartoteka.export.geojson import to_geojson
from kartoteka.export.graph import person_network, to_gexf, to_graphml
from kartoteka.export.jsonld import collection_ld, to_jsonld
from kartoteka.export.tei import to_tei
from kartoteka.model import Record
from validators import TEI, cmif_errors, tei_errors

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

BASE = "https://example.org/archive/"
FRUS_PERSONS = "https://history.state.gov/historicaldocuments/frus1952-54Guat/persons#{id}"


def _cmif(records: list[Record], **kw: Any) -> str:
    header = CmifHeader("Test letters", "2024-05-01", "A. Editor", "editor@example.org", **kw)
    return to_cmif(Collection.of(records), header)


@pytest.mark.parametrize("which", ["guatemala_records", "seed_genre_records"])
def test_cmif_export_is_valid_cmif(which: str, request: pytest.FixtureRequest) -> None:
    records: list[Record] = request.getfixturevalue(which)
    xml = _cmif(records, base_url=BASE, person_uri=FRUS_PERSONS)
    assert [str(e) for e in cmif_errors(xml)] == []
    tree = etree.fromstring(xml.encode("utf-8"))
    descs = tree.findall(".//t:correspDesc", TEI)
    assert len(descs) >= len(records) * 0.7
    for d in descs:
        assert [a.get("type") for a in d.findall("t:correspAction", TEI)] == ["sent", "received"]
        assert d.get("ref", "").startswith(BASE) and d.get("ref", "").endswith(".xml")
    assert tree.findtext(".//t:publicationStmt/t:idno", namespaces=TEI) == BASE + "cmif.xml"
    assert "not declassified" not in xml
    received = [a for a in tree.iterfind(".//t:correspAction[@type='received']", TEI)
                if a.findtext("t:persName", namespaces=TEI) != "Unknown" or a.find("t:orgName", TEI) is not None]
    assert len(received) >= len(descs) * 0.6  # the recipients the parser found are in correspDesc
    for place in tree.iterfind(".//t:placeName[@ref]", TEI):
        assert re.fullmatch(r"https://sws\.geonames\.org/\d+/", place.get("ref", ""))
        if place.text == "Moscow":
            assert place.get("ref") == "https://sws.geonames.org/524901/"  # Moscow, Russia; not Idaho


def test_cmif_persons_carry_the_persons_list_uris(guatemala_records: list[Record]) -> None:
    tree = etree.fromstring(_cmif(guatemala_records, base_url=BASE, person_uri=FRUS_PERSONS).encode("utf-8"))
    refs = [p.get("ref") for p in tree.iterfind(".//t:persName[@ref]", TEI)]
    assert len(refs) >= 50
    assert all(r and r.startswith(FRUS_PERSONS.split("{")[0]) for r in refs)


def test_cmif_bibl_uuid_is_stable_and_without_base_url_still_valid(seed_genre_records: list[Record]) -> None:
    one, two = _cmif(seed_genre_records), _cmif(seed_genre_records)
    assert one == two
    assert [str(e) for e in cmif_errors(one)] == []
    tree = etree.fromstring(one.encode("utf-8"))
    bibl_id = tree.find(".//t:bibl", TEI).get("{http://www.w3.org/XML/1998/namespace}id")  # type: ignore[union-attr]
    assert re.fullmatch(r"[a-f][0-9a-f]{7}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", bibl_id or "")


@pytest.mark.parametrize("which", ["guatemala_records", "seed_genre_records"])
def test_tei_export_passes_tei_all_its_schematron_and_resolves_every_pointer(
        which: str, request: pytest.FixtureRequest) -> None:
    records: list[Record] = request.getfixturevalue(which)
    coll = Collection.of(records)
    errors = []
    for r in coll.records:
        errors += [str(e) for e in tei_errors(to_tei(r, source_name=coll.source_name(r)), coll.source_name(r))]
    assert errors == []


def test_parse_format_tei_passes_the_schematron(seed_path: Any) -> None:
    from click.testing import CliRunner

    from kartoteka.cli import cli

    result = CliRunner().invoke(cli, ["parse", str(seed_path), "--format", "tei", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert [str(e) for e in tei_errors(result.stdout)] == []
    assert str(seed_path.parent) not in result.stdout


def test_a_co_signed_letter_has_one_authoring_step(seed_genre_records: list[Record]) -> None:
    """A memorandum signed by four ministers one under another: all four authored it, none forwarded it.
    Andropov signs second ("[Andropov's signature]" between Gromyko and Ustinov, as the title lists them)."""
    rec = next(r for r in seed_genre_records if r.source.path.endswith("g22.txt"))
    assert [str(st.action) for st in rec.chain] == ["authored"]
    signers = [a.span.text for a in rec.chain[0].agents]
    assert signers[0] == "A. Gromyko" and "Andropov" in signers[1] and signers[2:4] == ["D. Ustinov", "B. Ponomarev"]


def _triples(node: Any) -> int:
    """The triples a JSON-LD node object means: one per value of each property (and per @type),
    plus those of the nodes nested in it."""
    if isinstance(node, list):
        return sum(_triples(x) for x in node)
    if not isinstance(node, dict):
        return 0
    n = 0
    for k, v in node.items():
        if k in ("@id", "@context"):
            continue
        values = v if isinstance(v, list) else [v]
        n += len(values) if k != "@graph" else 0
        n += sum(_triples(x) for x in values if isinstance(x, dict | list))
    return n


def _no_network(url: str, options: Any = None) -> Any:
    raise AssertionError(f"JSON-LD tried to load {url}")


@pytest.mark.parametrize("base_url", [None, BASE])
def test_jsonld_expands_offline_and_loses_no_triple(seed_genre_records: list[Record], base_url: str | None) -> None:
    from pyld import jsonld

    doc = json.loads(to_jsonld(Collection.of(seed_genre_records), base_url))
    assert isinstance(doc["@context"], dict)
    expanded = jsonld.expand(doc, {"documentLoader": _no_network})
    assert expanded
    quads = jsonld.to_rdf(doc, {"documentLoader": _no_network, "format": "application/n-quads"})
    lines = [x for x in quads.splitlines() if x.strip()]
    assert len(lines) == len(set(lines))
    graph = doc["@graph"]
    # every statement of the file is a triple: none dropped for a relative id or an unknown term
    assert len(lines) == _triples(graph)
    ids = [n["@id"] for n in graph]
    assert all(re.match(r"^(urn:|https?://)", i) for i in ids)
    if base_url:
        assert any(i.startswith(base_url) for i in ids)


def _exports(records: list[Record]) -> Iterator[tuple[str, str]]:
    coll = Collection.of(records)
    for r in coll.records:
        yield f"tei:{coll.source_name(r)}", to_tei(r, source_name=coll.source_name(r))
    yield "cmif", to_cmif(coll, CmifHeader("t", "2024-05-01"))
    yield from {**csv_files(coll), **jsonl_files(coll)}.items()
    net = person_network(coll)
    yield "graphml", to_graphml(net)
    yield "gexf", to_gexf(net)
    yield "geojson", to_geojson(coll)
    yield "jsonld", json.dumps(collection_ld(coll))


def test_no_export_names_a_folder_of_the_exporting_machine(seed_genre_records: list[Record]) -> None:
    root = str(SHARED.resolve())
    assert seed_genre_records[0].source.path.startswith(root)  # the paths as given: absolute
    for name, content in _exports(seed_genre_records):
        assert root not in content, name
        assert "/work/" not in content.replace("\\/", "/"), name
    coll = Collection.of(seed_genre_records)
    assert sorted({coll.source_name(r).split("/")[0] for r in coll.records}) == ["corpus", "seed"]
    rows = csv_files(coll)["documents.csv"].splitlines()
    assert "path" in rows[0] and any(",seed/" in row for row in rows[1:])

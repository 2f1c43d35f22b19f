"""Every export of an archive shows the historians' corrections, and none after they are undone.

A real archive (the seed and the Soviet genre set) is corrected through ``kartoteka correct``
— a title, a date, a classification, a merge of persons, a rename, a split, a mention detached,
a merge of places — and exported in every format through ``kartoteka export``; each row of
the table below is one corrected value as one format shows it. The same rows must all be false
once every correction is undone. The exports stay valid either way.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from kartoteka.cli import cli
from kartoteka.cli.export import FORMATS
from kartoteka.export.graph import GEXF_NS, GRAPHML_NS
from kartoteka.export.tei import TEI_NS
from kartoteka.store import open_archive

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = "000_e3d0ee8980a77a04"
AUTHOR = "Dr. Amanat"
TITLE = "Telegram from Tabriz, as filed"
DATE = "1946-12-11"
T = {"t": TEI_NS}


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@dataclass(frozen=True)
class Exports:
    """Every format's files as read back: XML trees, table rows, JSON; and the folder they are in."""

    folder: Path
    tei: dict[str, etree._Element]
    cmif: etree._Element
    tables: dict[str, dict[str, list[dict[str, Any]]]]  # "csv"/"jsonl" -> table -> rows
    graphs: dict[str, tuple[dict[str, dict[str, str]], list[dict[str, str]]]]  # "graphml"/"gexf" -> nodes, edges
    geojson: dict[str, Any]
    jsonld: dict[str, Any]


def _graphml(root: etree._Element) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    g = {"g": GRAPHML_NS}
    names = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", g)}
    nodes = {n.get("id"): {names[d.get("key")]: d.text or "" for d in n.iterfind("g:data", g)}
             for n in root.iterfind(".//g:node", g)}
    edges = [{"source": e.get("source"), "target": e.get("target"),
              **{names[d.get("key")]: d.text or "" for d in e.iterfind("g:data", g)}}
             for e in root.iterfind(".//g:edge", g)]
    return nodes, edges  # type: ignore[return-value]


def _gexf(root: etree._Element) -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    x = {"x": GEXF_NS}
    titles = {cls: {a.get("id"): a.get("title") for a in root.iterfind(f".//x:attributes[@class='{cls}']/x:attribute", x)}
              for cls in ("node", "edge")}
    nodes = {n.get("id"): {"label": n.get("label"), **{titles["node"][v.get("for")]: v.get("value")
                                                       for v in n.iterfind(".//x:attvalue", x)}}
             for n in root.iterfind(".//x:node", x)}
    edges = [{"source": e.get("source"), "target": e.get("target"),
              **{titles["edge"][v.get("for")]: v.get("value") for v in e.iterfind(".//x:attvalue", x)}}
             for e in root.iterfind(".//x:edge", x)]
    return nodes, edges  # type: ignore[return-value]


def _export(db: Path, out: Path) -> Exports:
    for fmt in FORMATS:
        _run("export", fmt, "--archive", str(db), "--out", str(out / fmt))
    tables: dict[str, dict[str, list[dict[str, Any]]]] = {"csv": {}, "jsonl": {}}
    for name in ("documents", "mentions", "entities"):
        with open(out / "csv" / f"{name}.csv", encoding="utf-8", newline="") as fh:
            tables["csv"][name] = list(csv.DictReader(fh))
        lines = (out / "jsonl" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        tables["jsonl"][name] = [json.loads(line) for line in lines]
    return Exports(
        folder=out,
        tei={p.stem: etree.parse(str(p)).getroot() for p in (out / "tei").iterdir()},
        cmif=etree.parse(str(out / "cmif" / "cmif.xml")).getroot(),
        tables=tables,
        graphs={"graphml": _graphml(etree.parse(str(out / "graphml" / "persons.graphml")).getroot()),
                "gexf": _gexf(etree.parse(str(out / "gexf" / "persons.gexf")).getroot())},
        geojson=json.loads((out / "geojson" / "places.geojson").read_text(encoding="utf-8")),
        jsonld=json.loads((out / "jsonld" / "collection.jsonld").read_text(encoding="utf-8")),
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The archive, corrected; and what the tests need to know about it."""
    files = sorted(str(p) for p in (SHARED / "seed").glob("*.txt"))
    files += sorted(str(p) for p in (SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))
    if len(files) < 9:
        pytest.skip("the seed and genre-dev documents are not in ../shared")
    db = tmp_path_factory.mktemp("corrected") / "a.db"
    _run("ingest", *files, "--archive", str(db), "--no-progress")
    with open_archive(str(db)) as arc:
        # linking names a person by the fullest form it read ("V. M. Molotov", "Ja'far Pishevari"): each
        # is found by a spelling of it and named below as the archive names it
        bagirov = arc.find_entities("Bagirov", "person")[0]
        molotov = arc.find_entities("Molotov", "person")[0]
        pishevari = arc.find_entities("Pishevari", "person")[0]
        padegan = arc.find_entities("Padegan", "person")[0]

        def first_mention(entity_id: str) -> tuple[int, str, int]:
            r = arc.db.query('SELECT m.id, d.path, m.start FROM mentions m JOIN documents d ON d.id = m.document_id '
                             "WHERE m.entity_id = ? ORDER BY m.id LIMIT 1", (entity_id,))[0]
            return int(r[0]), Path(str(r[1])).name, int(r[2])

        split_off, detached = first_mention(bagirov.id), first_mention(molotov.id)
        facts = {"split_doc": Path(split_off[1]).stem, "detached": detached[1:], "molotov_mentions": molotov.mention_count,
                 "molotov": molotov.name, "pishevari": pishevari.name, "padegan": padegan.name}
    who = ("--archive", str(db), "--author", AUTHOR, "--reason", "checked against the archive file")
    _run("correct", "title", SEED, TITLE, *who)
    _run("correct", "date", SEED, DATE, *who)
    _run("correct", "classification", SEED, "secret", "--caveat", "Eyes Only", *who)
    _run("correct", "merge", pishevari.id, padegan.id, *who)
    _run("correct", "rename", "Qavam", "Ahmad Qavam", *who)
    _run("correct", "split", bagirov.id, "--mention", str(split_off[0]), "--name", "Bagirov the elder", *who)
    _run("correct", "attach", str(detached[0]), "--none", *who)
    _run("correct", "merge", "Tabriz", "Baku", *who)
    return db, facts


@pytest.fixture(scope="module")
def corrected(archive: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Exports:
    return _export(archive[0], tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def undone(archive: tuple[Path, dict[str, Any]], corrected: Exports,
           tmp_path_factory: pytest.TempPathFactory) -> Exports:
    db = archive[0]
    listed = json.loads("[" + ",".join(_run("correct", "list", "--archive", str(db), "--format", "jsonl")
                                       .splitlines()) + "]")
    for entry in reversed(listed):
        _run("correct", "undo", str(entry["id"]), "--archive", str(db), "--reason", "second thoughts")
    return _export(db, tmp_path_factory.mktemp("undone"))


def _seed_row(e: Exports, table: str) -> dict[str, Any]:
    return next(r for r in e.tables[table]["documents"] if r["path"].endswith(SEED + ".txt"))


def _seed_ld(e: Exports) -> dict[str, Any]:
    return next(n for n in e.jsonld["@graph"] if str(n.get("isBasedOn", {}).get("name", "")).endswith(SEED + ".txt"))


def _people_ld(e: Exports) -> dict[str, dict[str, Any]]:
    return {n["name"]: n for n in e.jsonld["@graph"] if n.get("@type") == "Person"}


def _names_ld(e: Exports, kind: str) -> set[str]:
    return {n["name"] for n in e.jsonld["@graph"] if n.get("@type") == kind}


def _entity_names(e: Exports, table: str) -> set[str]:
    return {r["name"] for r in e.tables[table]["entities"]}


def _tei_people(e: Exports, doc: str) -> set[str]:
    return set(e.tei[doc].xpath("//t:standOff//t:person/t:persName[@type='preferred']/text()", namespaces=T))


def _labels(e: Exports, fmt: str) -> dict[str, dict[str, str]]:
    return {n["label"]: n for n in e.graphs[fmt][0].values()}


def _places(e: Exports) -> dict[str, dict[str, Any]]:
    return {f["properties"]["name"]: f["properties"] for f in e.geojson["features"]}


def _cmif_dates(e: Exports) -> set[str]:
    # the letter is named by @ref with a base URL, by @key without one (as here)
    return set(e.cmif.xpath(f"//t:correspDesc[contains(@ref, '{SEED}') or contains(@key, '{SEED}')]//t:date/@when",
                            namespaces=T))


def _by(text: object) -> bool:
    return AUTHOR in json.dumps(text, ensure_ascii=False)


Facts = dict[str, Any]
Check = Callable[[Exports, Facts], bool]
SHOWN: list[tuple[str, str, Check]] = [
    # the title
    ("title", "tei", lambda e, f: e.tei[SEED].xpath("string(//t:titleStmt/t:title)", namespaces=T) == TITLE),
    ("title", "csv", lambda e, f: _seed_row(e, "csv")["title"] == TITLE and _by(_seed_row(e, "csv")["corrected_by"])),
    ("title", "jsonl", lambda e, f: _seed_row(e, "jsonl")["title"] == TITLE),
    ("title", "jsonld", lambda e, f: _seed_ld(e)["name"] == TITLE and _by(_seed_ld(e).get("correction"))),
    # the date
    ("date", "tei", lambda e, f: e.tei[SEED].xpath("string(//t:creation/t:date/@when)", namespaces=T) == DATE),
    ("date", "cmif", lambda e, f: DATE in _cmif_dates(e)),
    ("date", "csv", lambda e, f: _seed_row(e, "csv")["date"] == DATE),
    ("date", "jsonl", lambda e, f: _seed_row(e, "jsonl")["date_not_after"] == DATE),
    ("date", "jsonld", lambda e, f: _seed_ld(e)["dateCreated"] == DATE),
    ("date", "graphml", lambda e, f: any(DATE in (x.get("first_date"), x.get("last_date")) and _by(x.get("corrected"))
                                         for x in e.graphs["graphml"][1])),
    ("date", "gexf", lambda e, f: any(DATE in (x.get("first_date"), x.get("last_date")) and _by(x.get("corrected"))
                                      for x in e.graphs["gexf"][1])),
    ("date", "geojson", lambda e, f: any(DATE in (p["first_date"], p["last_date"]) for p in _places(e).values())
     and any(c.get("value") == DATE and _by(c) for p in _places(e).values() for c in p["corrections"])),
    # the classification
    ("classification", "tei", lambda e, f: e.tei[SEED].xpath("string(//t:keywords/t:term[@type='level'])",
                                                              namespaces=T) == "secret"),
    ("classification", "csv", lambda e, f: (_seed_row(e, "csv")["classification"], _seed_row(e, "csv")["caveats"])
     == ("secret", "Eyes Only")),
    ("classification", "jsonl", lambda e, f: _seed_row(e, "jsonl")["classification"] == "secret"),
    ("classification", "jsonld", lambda e, f: _seed_ld(e).get("conditionsOfAccess") == "secret; Eyes Only"),
    # two persons merged: Padegan is Pishevari
    ("merge", "tei", lambda e, f: f["padegan"] not in _tei_people(e, SEED) and f["pishevari"] in _tei_people(e, SEED)
     and _by(e.tei[SEED].xpath("//t:person/t:note[@type='correction'][@subtype='merge']/text()", namespaces=T))),
    ("merge", "cmif", lambda e, f: f["padegan"] not in e.cmif.xpath("//t:persName/text()", namespaces=T)),
    ("merge", "csv", lambda e, f: f["padegan"] not in _entity_names(e, "csv") and any(
        r["text"] == "Padegan" and r["entity_name"] == f["pishevari"] for r in e.tables["csv"]["mentions"])),
    ("merge", "jsonl", lambda e, f: f["padegan"] not in _entity_names(e, "jsonl")),
    ("merge", "graphml", lambda e, f: f["padegan"] not in _labels(e, "graphml")
     and _by(_labels(e, "graphml")[f["pishevari"]].get("corrected"))),
    ("merge", "gexf", lambda e, f: f["padegan"] not in _labels(e, "gexf")),
    ("merge", "jsonld", lambda e, f: f["padegan"] not in _people_ld(e)
     and _by(_people_ld(e)[f["pishevari"]].get("subjectOf"))),
    # a person renamed
    ("rename", "tei", lambda e, f: "Ahmad Qavam" in _tei_people(e, SEED)),
    ("rename", "csv", lambda e, f: any(r["name"] == "Ahmad Qavam" and _by(r["corrected_by"])
                                       for r in e.tables["csv"]["entities"])),
    ("rename", "jsonl", lambda e, f: "Ahmad Qavam" in _entity_names(e, "jsonl")),
    ("rename", "graphml", lambda e, f: "Ahmad Qavam" in _labels(e, "graphml")),
    ("rename", "gexf", lambda e, f: _by(_labels(e, "gexf").get("Ahmad Qavam", {}).get("corrected"))),
    ("rename", "jsonld", lambda e, f: "Ahmad Qavam" in _people_ld(e)),
    # a mention split off into a person of its own
    ("split", "tei", lambda e, f: "Bagirov the elder" in _tei_people(e, f["split_doc"])
     and _by(e.tei[f["split_doc"]].xpath("//t:person/t:note[@type='correction']/text()", namespaces=T))),
    ("split", "csv", lambda e, f: "Bagirov the elder" in _entity_names(e, "csv")),
    ("split", "jsonl", lambda e, f: "Bagirov the elder" in _entity_names(e, "jsonl")),
    ("split", "graphml", lambda e, f: _by(_labels(e, "graphml").get("Bagirov the elder", {}).get("corrected"))),
    ("split", "gexf", lambda e, f: "Bagirov the elder" in _labels(e, "gexf")),
    ("split", "jsonld", lambda e, f: _by(_people_ld(e).get("Bagirov the elder", {}).get("subjectOf"))),
    # a mention attached to no one
    ("detach", "csv", lambda e, f: any(Path(r["document"].split("#")[0]).name == f["detached"][0]
                                       and int(r["start"]) == f["detached"][1] and not r["entity"]
                                       for r in e.tables["csv"]["mentions"])),
    ("detach", "jsonl", lambda e, f: next(r for r in e.tables["jsonl"]["entities"] if r["name"] == f["molotov"])
     ["mentions"] == f["molotov_mentions"] - 1),
    ("detach", "graphml", lambda e, f: int(_labels(e, "graphml")[f["molotov"]]["mentions"]) == f["molotov_mentions"] - 1),
    ("detach", "gexf", lambda e, f: int(_labels(e, "gexf")[f["molotov"]]["mentions"]) == f["molotov_mentions"] - 1),
    # two places merged: Baku is Tabriz, on the map too
    ("place merge", "geojson", lambda e, f: "Baku" not in _places(e) and _by(_places(e)["Tabriz"]["corrections"])),
    ("place merge", "csv", lambda e, f: "Baku" not in _entity_names(e, "csv")),
    ("place merge", "jsonld", lambda e, f: "Baku" not in _names_ld(e, "Place")),
]


@pytest.mark.parametrize(("correction", "fmt", "shown"), SHOWN, ids=[f"{c}-{f}" for c, f, _ in SHOWN])
def test_each_format_shows_each_correction(corrected: Exports, archive: tuple[Path, Facts],
                                           correction: str, fmt: str, shown: Check) -> None:
    assert shown(corrected, archive[1])


@pytest.mark.parametrize(("correction", "fmt", "shown"), SHOWN, ids=[f"{c}-{f}" for c, f, _ in SHOWN])
def test_an_undone_correction_leaves_every_format(undone: Exports, archive: tuple[Path, Facts],
                                                  correction: str, fmt: str, shown: Check) -> None:
    assert not shown(undone, archive[1])
    # and nothing anywhere says the historian changed something
    assert not _by([undone.tables, undone.jsonld, undone.geojson, undone.graphs])
    assert not any(AUTHOR in etree.tostring(t, encoding="unicode") for t in [*undone.tei.values(), undone.cmif])


@pytest.mark.parametrize("which", ["corrected", "undone"])
def test_exports_stay_valid(which: str, request: pytest.FixtureRequest, tei_schema: etree.RelaxNG) -> None:
    e: Exports = request.getfixturevalue(which)
    for name, tree in e.tei.items():
        assert tei_schema.validate(tree), (name, tei_schema.error_log.last_error)
    assert tei_schema.validate(e.cmif), tei_schema.error_log.last_error
    assert e.geojson["type"] == "FeatureCollection"
    for f in e.geojson["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)
    assert e.jsonld["@context"]["@vocab"] == "https://schema.org/" and e.jsonld["@graph"]
    for fmt in ("graphml", "gexf"):
        nodes, edges = e.graphs[fmt]
        assert nodes and all(x["source"] in nodes and x["target"] in nodes for x in edges)


def test_networkx_reads_the_corrected_network(corrected: Exports) -> None:
    nx = pytest.importorskip("networkx")
    x = nx.read_gexf(corrected.folder / "gexf" / "persons.gexf")
    assert "Ahmad Qavam" in {d.get("label") for _, d in x.nodes(data=True)}
    nodes, _ = corrected.graphs["graphml"]
    assert x.number_of_nodes() == len(nodes)
    assert {d.get("label") for _, d in x.nodes(data=True)} == {n.get("label") for n in nodes.values()}


def test_csv_and_json_lines_hold_the_same_corrected_rows(corrected: Exports) -> None:
    csv_rows, json_rows = corrected.tables["csv"]["documents"], corrected.tables["jsonl"]["documents"]
    assert [(r["title"], r["corrected_by"]) for r in csv_rows] == [
        (r["title"] or "", r["corrected_by"]) for r in json_rows]

"""One facet count for the command line and the reading room: ``kartoteka search`` and the reading
room's ``/api/search`` count the same documents for every value they both show, and a year counts
every document whose date reaches into it (a memorandum dated 1945-47 counts in each year)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from web_harness import DEMO, SEED, Server, kartoteka

from kartoteka.cli import cli
from kartoteka.corrections import SetDate
from kartoteka.search.filters import make_filters
from kartoteka.store import open_archive

COMPARED = {"year": "year", "classification": "classification", "language": "language", "type": "type",
            "person": "person", "organization": "organization"}
VALUE = re.compile(r"(.+?) \((\d+)\)(?:, |$)")


def _cli_facets(archive: Path, query: str) -> dict[str, dict[str, int]]:
    """The facet lines ``kartoteka search`` prints, as {facet: {value: count}}."""
    res = CliRunner().invoke(cli, ["search", query, "--archive", str(archive), "--limit", "1"])
    assert res.exit_code == 0, res.output
    out: dict[str, dict[str, int]] = {}
    for line in res.stdout.splitlines():
        name, sep, values = line.partition(": ")
        if sep and name in COMPARED:
            out[name] = {m.group(1): int(m.group(2)) for m in VALUE.finditer(values)}
    return out


@pytest.mark.parametrize("query", ["Guatemala", "Arbenz", "oil OR arms", '"United Fruit"'])
def test_cli_and_web_show_the_same_facet_counts(server: Server, query: str) -> None:
    cli_counts = _cli_facets(server.archive, query)
    assert cli_counts.get("year"), "the demo archive has dated hits for these"
    body = httpx.get(server.url + "/api/search", params={"q": query}, timeout=60).json()
    for facet, values in cli_counts.items():
        web = {v["value"]: v["count"] for v in body["facets"][COMPARED[facet]]}
        # the reading room lists every year and level; of the names, both show the most frequent
        # ones (ties may be cut elsewhere), and a name both show has one count
        shown = values if facet in ("year", "classification", "language", "type") else {v: n for v, n in values.items() if v in web}
        assert shown, facet
        for value, n in shown.items():
            assert web.get(value) == n, (facet, value, n, web.get(value))


def test_a_year_counts_every_document_its_date_covers(archive_url: str) -> None:
    if not SEED.is_dir() or not DEMO.is_dir():
        pytest.skip("the seed or the demo documents are missing")
    demo = sorted(str(p) for p in DEMO.iterdir() if p.suffix == ".txt")[:6]
    kartoteka("ingest", str(SEED), *demo, "--archive", archive_url, "-j", "1", "--no-progress")
    with open_archive(archive_url) as arc:
        sha = str(arc.db.query("SELECT sha256 FROM documents ORDER BY id LIMIT 1")[0][0])
        arc.correct(SetDate(sha, "1945", "1945-06-01", "1947-02-28"), author="test", reason="a range of years")
        ids = [int(r[0]) for r in arc.db.query("SELECT id FROM documents ORDER BY id")]
        web = {c.key: c.count for c in arc.reading.facets(None).year}
        also = {c.key: c.count for c in arc.reading.facets(ids).year}
        counted = dict(arc.counts(ids).years)
        for year in ("1945", "1946", "1947"):
            found = arc.find("", make_filters(year, year)).all_ids
            assert web[year] == also[year] == counted[year] == len(found) >= 1, year
        assert arc.document(sha).sha256 == sha


def test_a_date_range_shows_both_ends_on_the_document_page(writable: Server) -> None:
    # a memorandum the editors date "1945-47": the page's header and JSON say so, not its first year alone
    with open_archive(str(writable.archive)) as arc:
        row = arc.db.rows("SELECT sha256, date_iso FROM documents WHERE date_iso LIKE '____-__-__' ORDER BY id LIMIT 2")
        ranged, day = str(row[0]["sha256"]), row[1]
        arc.correct(SetDate(ranged, "1945", "1945-06-01", "1947-02-28"), author="test", reason="a range of years")
    doc = httpx.get(f"{writable.url}/api/documents/{ranged}", timeout=60).json()
    assert (doc["date_iso"], doc["date_end"]) == ("1945", "1947")
    page = httpx.get(f"{writable.url}/documents/{doc['address']}", timeout=60).text
    assert re.search(r'<time class="value" datetime="1945">1945</time><span class="date-to"[^>]*> – '
                     r'<time datetime="1947">1947</time></span>', page)
    one = httpx.get(f"{writable.url}/api/documents/{day['sha256']}", timeout=60).json()
    assert (one["date_iso"], one["date_end"]) == (day["date_iso"], None)  # one day is no range
    assert 'class="date-to"' not in httpx.get(f"{writable.url}/documents/{one['address']}", timeout=60).text

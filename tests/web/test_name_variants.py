"""Variant search over a collection of names in many spellings and scripts, on SQLite and PostgreSQL.

Every spelling of every name (``name_collection``) is searched through the archive's search
(``store/searcher.py``), ``/api/search`` and ``kartoteka search``: it must find the documents of
every spelling of that name and no other document, and every other spelling it was widened to
must be a spelling of that name, never a common English word nor another person's name. With the
exact switch a spelling finds only itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from name_collection import SPELLINGS, all_spellings, write_collection
from web_harness import Server, kartoteka, start_server

from kartoteka.cli import cli
from kartoteka.linking.keys import strict_name
from kartoteka.marks import vocabulary
from kartoteka.search.words import index_words
from kartoteka.store import Archive, open_archive
from store_backends import fresh_pg_database

NAMES = [name for name, _, _ in SPELLINGS]


def _words(text: str) -> tuple[str, ...]:
    return tuple(index_words(text))


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    return write_collection(tmp_path_factory.mktemp("names") / "docs")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def archive_at(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               collection: tuple[dict[str, str], Path]) -> Iterator[str]:
    """The collection ingested (and linked, with its persons list) by the real command."""
    _, persons = collection
    if request.param == "sqlite":
        where: Iterator[str] = iter([str(tmp_path_factory.mktemp("archive") / "names.db")])
    else:
        request.node.add_marker(pytest.mark.postgres)
        where = fresh_pg_database()
    url = next(where)
    kartoteka("ingest", str(persons.parent / "docs"), "--archive", url, "--persons", str(persons), "-j", "1",
              "--no-progress")
    yield url
    for _ in where:  # the database's removal
        pass


@pytest.fixture(scope="module")
def archive(archive_at: str) -> Iterator[Archive]:
    arc = open_archive(archive_at)
    yield arc
    arc.close()


def _files(paths: list[str]) -> set[str]:
    return {p.rsplit("/", 1)[-1] for p in paths}


def _expected(files: dict[str, str], name: str) -> set[str]:
    return {files[s] for s in all_spellings(name)}


def _parts(name: str) -> set[str]:
    """The strict keys of every run of words of every spelling of a name ("Mahmud", "Il sung")."""
    out: set[str] = set()
    for spelling in all_spellings(name):
        ws = spelling.replace("-", " ").split()
        out.update(strict_name(" ".join(ws[i:j])) for i in range(len(ws)) for j in range(i + 1, len(ws) + 1))
    return out


def _foreign(original: str, alt: str, name: str) -> str | None:
    """Why ``alt``, searched for the part ``original`` of ``name``, is no spelling of it (None when it is one)."""
    for other in NAMES:
        if other != name and any(_words(alt) == _words(s) for s in all_spellings(other)):
            return f"a spelling of {other}"
    if all(vocabulary().knows(w) for w in alt.split()) and strict_name(alt) not in _parts(name):
        return "an English word"
    if strict_name(alt) == strict_name(original) or _words(alt) in {_words(s) for s in all_spellings(name)}:
        return None
    return None if strict_name(alt) in _parts(name) and strict_name(original) in _parts(name) else "not the name"


def test_the_collection_is_large_and_mixed() -> None:
    spellings = [s for n in NAMES for s in all_spellings(n)]
    assert len(NAMES) >= 40 and len(spellings) >= 150
    assert sum(any("\u0400" <= c <= "\u04ff" for c in s) for s in spellings) >= 20
    assert any("’" in s for s in spellings) and any("ʹ" in s for s in spellings) and "Pishehvari" in spellings


def test_every_spelling_finds_every_spelling_and_nothing_else(archive: Archive,
                                                                collection: tuple[dict[str, str], Path]) -> None:
    files, _ = collection
    wrong: list[str] = []
    widened = 0
    for name in NAMES:
        want = _expected(files, name)
        for spelling in all_spellings(name):
            result = archive.search(spelling, limit=500, facets=False)
            got = _files([h.path for h in result.hits])
            if got != want:
                wrong.append(f"{spelling!r}: missing {sorted(want - got)}, extra {sorted(got - want)}")
            for original, alts in result.expanded:
                widened += bool(alts)
                wrong += [f"{spelling!r} → {a!r}: {why}" for a in alts if (why := _foreign(original, a, name))]
    assert not wrong, "\n".join(wrong)
    assert widened >= 100  # the spellings were found by widening, not by the words alone


def test_the_exact_switch_searches_the_spelling_typed(archive: Archive,
                                                      collection: tuple[dict[str, str], Path]) -> None:
    files, _ = collection
    for spelling in ("Yemelyanov", "Lavrentev", "Pishevari", "Kim Ilsung", "Müller", "Емельянов"):
        result = archive.search(spelling, limit=500, facets=False, expand_names=False)
        same = {f for s, f in files.items() if _words(s) == _words(spelling)}  # "PISHEVARI" is "Pishevari"
        assert _files([h.path for h in result.hits]) == same and not result.expanded
        assert len(_files([h.path for h in archive.search(spelling, limit=500, facets=False).hits])) > len(same)


def _api(server: Server, **params: str) -> dict[str, object]:
    r = httpx.get(server.url + "/api/search", params={"limit": "500", **params}, timeout=60)
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def test_api_search_finds_every_spelling_and_shows_the_widening(archive_at: str,
                                                                collection: tuple[dict[str, str], Path]) -> None:
    files, _ = collection
    server = start_server(archive_at)
    try:
        wrong = []
        for name in NAMES:
            for spelling in all_spellings(name):
                body = _api(server, q=spelling)
                got = _files([str(h["source"]["path"]) for h in body["hits"]])  # type: ignore[attr-defined,index]
                if got != _expected(files, name):
                    wrong.append(spelling)
        assert not wrong
        body = _api(server, q="Emelyanov")
        assert set(body["expanded"]["Emelyanov"]) >= {"Yemel’yanov", "Емельянов"}  # type: ignore[index]
        exact = _api(server, q="Emelyanov", exact="1")
        assert exact["exact"] is True and exact["expanded"] == {} and exact["total"] == 1
        page = httpx.get(server.url + "/", params={"q": "Pishehvari"}, timeout=60).text
        assert "Also searched" in page and "Pishevari" in page and "exact=1" in page
        page = httpx.get(server.url + "/", params={"q": "Pishehvari", "exact": "1"}, timeout=60).text
        assert "Exact spelling only" in page and "Also searched" not in page and "checked" in page
    finally:
        server.stop()


def test_the_command_widens_and_says_so_or_searches_exactly(archive_at: str,
                                                            collection: tuple[dict[str, str], Path]) -> None:
    files, _ = collection
    runner = CliRunner()
    for name in ("Yemelyanov", "Lavrentev", "Pishevari", "Kim Il Sung", "Nuri al-Said", "Müller", "Beria"):
        for spelling in all_spellings(name):
            res = runner.invoke(cli, ["search", spelling, "--archive", archive_at, "--format", "jsonl", "--limit", "500"])
            assert res.exit_code == 0, res.output
            got = _files([json.loads(line)["source"]["path"] for line in res.stdout.splitlines()])
            assert got == _expected(files, name), spelling
    res = runner.invoke(cli, ["search", "Lavrentev", "--archive", archive_at, "--format", "jsonl"])
    assert "also searched for 'Lavrentev' as:" in res.stderr and "Лаврентьев" in res.stderr
    res = runner.invoke(cli, ["search", "Lavrentev", "--archive", archive_at, "--exact"])
    assert res.exit_code == 0 and "1 document(s)" in res.stdout and "also searched" not in res.stdout
    res = runner.invoke(cli, ["search", "Lavrentev", "--archive", archive_at])
    assert f"{len(all_spellings('Lavrentev'))} document(s)" in res.stdout and "also searched" in res.stdout

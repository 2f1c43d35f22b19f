"""A title standing alone for its holder ("the Prime Minister asked…") on the document page:
linked to the person the archive's documents of those years give that title, saying so; left
unlinked, and saying why, where nobody is named. A real archive by the real ingest, a real server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import lxml.html
import pytest
from web_harness import Server, kartoteka, start_server

from role_telegrams import TELEGRAMS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("roles")
    folder = root / "tehran-1971"
    folder.mkdir()
    for i, text in enumerate(TELEGRAMS):
        (folder / f"t{i}.txt").write_text(text, encoding="utf-8")
    archive = root / "roles.db"
    kartoteka("ingest", str(folder), "--archive", str(archive), "-j", "1", "--no-progress")
    s = start_server(archive)
    yield s
    s.stop()


def _roles(server: Server, name: str) -> list[lxml.html.HtmlElement]:
    r = httpx.get(f"{server.url}/documents/tehran-1971/{name}", timeout=60)
    assert r.status_code == 200, r.text[:500]
    return list(lxml.html.fromstring(r.text).xpath('//*[@id="text"]//*[contains(concat(" ", @class, " "), " m-role ")]'))


def test_a_role_links_to_the_holder_the_archive_names(server: Server) -> None:
    (role,) = _roles(server, "t3")
    assert role.text_content() == "Prime Minister"
    assert role.get("href") == "/entities/person:hoveyda"
    assert "Hoveyda" in role.get("title") and "archive's documents of those years" in role.get("title")
    api = httpx.get(f"{server.url}/api/documents/tehran-1971/t3", timeout=60)
    assert api.status_code == 200
    assert [(r["text"], r["entity"], r["method"]) for r in api.json()["roles"]] == \
        [("Prime Minister", "person:hoveyda", "collection")]


def test_a_role_nobody_holds_in_those_years_stays_unlinked(server: Server) -> None:
    (role,) = _roles(server, "t4")
    assert role.tag == "span" and "unlinked" in role.get("class")
    assert "neither the document nor the archive says" in role.get("title")


def test_a_role_the_document_itself_settles_needs_no_archive(server: Server) -> None:
    assert _roles(server, "t0") == []  # "Prime Minister Hoveyda": a titled name, no role standing alone


def test_the_persons_page_lists_the_titles_the_documents_give_by_year(server: Server) -> None:
    r = httpx.get(f"{server.url}/entities/person:hoveyda", timeout=60)
    assert r.status_code == 200
    rows = lxml.html.fromstring(r.text).xpath('//table[@class="titles"]/tbody/tr')
    assert [[td.text_content() for td in row.xpath("td")] for row in rows] == [["Prime Minister", "1971", "3"]]
    api = httpx.get(f"{server.url}/api/entities/person:hoveyda", timeout=60).json()
    assert api["titles"] == [{"title": "Prime Minister", "year": "1971", "documents": 3}]

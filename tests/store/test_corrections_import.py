"""A TEI export carries an archive's corrections, and ``kartoteka import`` logs them again: on SQLite
and PostgreSQL, the seed and genre documents corrected in every way (a merge, a split, moves,
renames — one found by the name an earlier one gave —, dates, titles, a classification, and one
undone), exported and imported into a fresh archive, are the same archive — documents, mentions,
agents, entities, spellings — with the same log: each entry by its maker, at its time, marked as
imported from its file; the reading room lists them so; a full re-link keeps them; an undone
correction is not carried; importing the files again logs nothing twice."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_corrections import SEED, STEPS, WHO, _fresh, _person, _twin, state

from kartoteka.cli import cli
from kartoteka.corrections import Rename
from kartoteka.model import Record
from kartoteka.store import Archive, open_archive


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stderr


def keyed(a: Archive) -> dict[str, list[tuple[Any, ...]]]:
    """:func:`state` with documents named by sha256 (the import numbers them in its own order)."""
    sha = {int(r[0]): str(r[1]) for r in a.db.query("SELECT id, sha256 FROM documents")}
    out = state(a)
    for table in ("mentions", "agents", "document_entities"):
        out[table] = sorted(((sha[r[0]], *r[1:]) for r in out[table]), key=repr)
    return out


def _log(a: Archive) -> list[tuple[str, str, str, str, str]]:
    """The active log as maker, time, action, line and reason (a split's entity as ``c#``)."""
    return [(e.created_at, e.author, e.action, re.sub(r"\[c\d+\]", "[c#]", e.target), e.reason)
            for e in a.corrections() if e.undone_at is None]


@pytest.fixture
def exported(archive_url: str, soviet_records: list[Record], tmp_path: Path) -> Iterator[tuple[Archive, Path]]:
    """The corrected archive, and its TEI export."""
    a = _fresh(archive_url, soviet_records)
    ids: list[int] = []
    for _, step in STEPS:
        ids.append(a.correct(step(a, ids), **WHO).id)
    second = a.correct(Rename(a.entity_ref(_person(a, "Molotov")), "Molotov, second thoughts"), **WHO)
    a.undo(second.id, author="historian", reason="the first name was right")
    out = tmp_path / "tei"
    _run("export", "tei", "--archive", archive_url, "--out", str(out))
    yield a, out
    a.close()


def test_import_restores_the_corrections(exported: tuple[Archive, Path], archive_url: str, tmp_path: Path) -> None:
    a, out = exported
    files = [str(p) for p in sorted(out.glob("*.xml"))]
    assert len(files) == 25
    for twin in _twin(archive_url, tmp_path):
        said = _run("import", *files, "--archive", twin, "-j", "1", "--no-progress")
        assert f"{len(STEPS)} correction(s) imported (0 already in the log)" in said
        with open_archive(twin) as b:
            assert keyed(b) == keyed(a)
            assert _log(b) == _log(a)
            entries = b.corrections()
            assert all(e.imported_from is not None and e.imported_from.endswith(".xml") for e in entries)
            assert all(e.imported_at is not None and e.undone_at is None for e in entries)
            seed_sha = b.document(SEED).sha256
            dated = [e for e in b.correction_history(document=seed_sha) if e.action == "set_date"]
            assert [e.imported_from for e in dated] == ["000_e3d0ee8980a77a04.xml"]
            b.relink(full=True)
            assert keyed(b) == keyed(a)
        # the reading room shows each as imported, with its maker and time
        listed, page = asyncio.run(_read(twin, "/api/corrections", f"/documents/{seed_sha}"))
        assert {(h["author"], h["imported_from"] is not None) for h in listed} == {("historian", True)}
        assert "imported from <code>000_e3d0ee8980a77a04.xml</code>" in page
        again = _run("import", *files, "--archive", twin, "-j", "1", "--no-progress")
        assert f"0 correction(s) imported ({len(STEPS)} already in the log)" in again
        with open_archive(twin) as b:
            assert len(b.corrections()) == len(STEPS)


async def _read(url: str, api: str, page: str) -> tuple[Any, str]:
    """An API answer and a page of the reading room over the archive at ``url``."""
    import httpx

    from kartoteka.web.app import create_app

    transport = httpx.ASGITransport(app=create_app(url, secret="x" * 32))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
        got = await http.get(api)
        shown = await http.get(page)
    assert got.status_code == shown.status_code == 200
    return got.json(), shown.text

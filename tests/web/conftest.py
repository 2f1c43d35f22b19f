"""A real archive for the reading-room tests, built once by the real ingest, and real servers over it.

The archive holds the seed, the demo FRUS volume and one hostile document (script and markup in
its text). Servers are uvicorn on 127.0.0.1 with a free port, in a thread of the test process.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import launched, watched
from playwright.sync_api import Browser, Page
from web_harness import (
    DEMO,
    DISPLAY,
    HOSTILE,
    PASSWORD,
    SEED,
    USER,
    Server,
    copy_archive,
    kartoteka,
    start_server,
)


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not DEMO.is_dir() or not SEED.is_dir():
        pytest.skip("demo documents or the seed are missing")
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    return [str(SEED), str(DEMO), str(hostile)]


@pytest.fixture(scope="session")
def built_archive(tmp_path_factory: pytest.TempPathFactory, sources: list[str]) -> Path:
    path = tmp_path_factory.mktemp("archive") / "reading.db"
    kartoteka("ingest", *sources, "--archive", str(path), "-j", "1", "--no-progress")
    kartoteka("user", "add", USER, "--archive", str(path), "--password", PASSWORD, "--display", DISPLAY)
    return path


@pytest.fixture(scope="session")
def server(built_archive: Path) -> Iterator[Server]:
    """A server over the shared archive: tests using it must not correct anything."""
    s = start_server(built_archive)
    yield s
    s.stop()


@pytest.fixture()
def writable(built_archive: Path, tmp_path: Path) -> Iterator[Server]:
    """A server over a private copy of the archive, for tests that correct it."""
    s = start_server(copy_archive(built_archive, tmp_path / "copy.db"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for one test module (its pages open in contexts of their own)."""
    with launched() as b:
        yield b


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A laptop-sized page, checked for script and console errors when the test ends."""
    with watched(browser) as pg:
        yield pg

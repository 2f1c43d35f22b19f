"""The one headless Chromium of a test run (Debian's, driven by Playwright) and the pages tests open
in it: every page watched for script errors and error messages in its console."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_harness import SCREENSHOTS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1280, "height": 900}
expect.set_options(timeout=20_000)  # a shared, busy machine: patience, not failure


@contextmanager
def launched() -> Iterator[Browser]:
    """Chromium for a test run (a skip, which the backends summary reports, where it is missing)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@contextmanager
def watched(browser: Browser, *, viewport: dict[str, int] | None = None, grant: Sequence[str] = (),
            origin: str | None = None) -> Iterator[Page]:
    """A page in a context of its own; at its end, no script error and no console error happened.
    A refused correction is answered 422 on purpose (tests check that page and its status):
    Chromium logs every 4xx page it loads as an error, which is no error of the page."""
    ctx = browser.new_context(viewport=viewport or LAPTOP)
    if grant:
        ctx.grant_permissions(list(grant), origin=origin)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text)
          if msg.type == "error" and "status of 422" not in msg.text else None)
    try:
        yield pg
    finally:
        ctx.close()
    assert not errors, f"errors in the page: {errors}"


__all__ = ["ARGS", "CHROMIUM", "LAPTOP", "launched", "watched"]

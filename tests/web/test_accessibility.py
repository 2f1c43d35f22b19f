"""Every page type of the reading room, audited by axe-core (axe-playwright-python) in a real
Chromium over a real archive, at a laptop's and a phone's size: no serious or critical violation.
Each page is also saved as a screenshot at both sizes (test-artifacts/screenshots/, gitignored;
the path is printed) for a person to look at."""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from web_harness import PASSWORD, SCREENSHOTS, USER, Server

pytestmark = pytest.mark.browser

SIZES = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SERIOUS = {"serious", "critical"}


def _pages(server: Server) -> dict[str, str]:
    """One address of each page type, found in the archive."""
    with sqlite3.connect(server.archive) as c:
        sha = c.execute("SELECT sha256 FROM documents WHERE path LIKE '%seed%'").fetchone()[0]
        person = c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC, id").fetchone()[0]
    c.close()
    return {
        "search": "/?q=Guatemala",
        "document": f"/documents/{sha}?q=Qavam&hit=0",
        "entity": f"/entities/{quote(person, safe=':')}",
        "timeline": "/timeline",
        "network": "/network",
        "map": "/map",
        "history": f"/documents/{sha}#history",
        "sign-in": "/login",
        "error": "/documents/0000000000000000",
    }


def _audit(page: Page, name: str) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{name}: {v['id']} ({v['impact']}) {v['help']}: "
            + "; ".join(str(n["target"]) for n in v["nodes"][:3]) for v in found if v["impact"] in SERIOUS]


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_type_passes_axe_and_is_photographed(browser: Browser, server: Server, size: str) -> None:
    ctx = browser.new_context(viewport=SIZES[size])
    page = ctx.new_page()
    problems: list[str] = []
    try:
        for name, path in _pages(server).items():
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            problems += _audit(page, name)
            page.screenshot(path=str(SCREENSHOTS / f"a11y-{name}-{size}.png"), full_page=True)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > SIZES[size]["width"] + 1:
                problems.append(f"{name}: the page is {width}px wide in a {SIZES[size]['width']}px window")
        # signed in, the document page's correction forms and the entity page's split are audited too
        page.goto(server.url + "/login")
        page.fill("input[name=name]", USER)
        page.fill("input[name=password]", "not the password")
        page.click("form.login button")
        problems += _audit(page, "sign-in refused")
        page.fill("input[name=password]", PASSWORD)
        page.click("form.login button")
        for name in ("document", "entity"):
            page.goto(server.url + _pages(server)[name])
            for details in page.locator("details.fix").all():
                details.locator("summary").click()
            problems += _audit(page, f"{name} (signed in)")
            page.screenshot(path=str(SCREENSHOTS / f"a11y-{name}-signed-in-{size}.png"), full_page=True)
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)

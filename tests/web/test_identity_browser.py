"""In a real Chromium over a real server: a document replaced with a corrected transcription keeps
its address and its corrections, and its first transcription stays readable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from web_harness import SCREENSHOTS, kartoteka, start_server

pytestmark = pytest.mark.browser


TELEGRAM = """No. 12

Telegram From the Embassy in Managua to the Department of State

Managua, April 9, 1954—6 p.m.

530. President Somoza received me this morning. He said the shipment for Puerto Cabezas
had not arrived and asked that Washington be told at once. He spoke of Leon as well.

Whelan
"""
# the corrected transcription: a misread word ("morning" was "evening"); every name unchanged
CORRECTED = TELEGRAM.replace("this morning", "this evening")


def test_a_replaced_document_keeps_its_address_and_corrections(tmp_path: Path, page: Page) -> None:
    folder = tmp_path / "frus1952-54Nic" / "text"
    folder.mkdir(parents=True)
    (folder / "d12.txt").write_text(TELEGRAM, encoding="utf-8")
    fixed = tmp_path / "d12-corrected.txt"
    fixed.write_text(CORRECTED, encoding="utf-8")
    db = tmp_path / "a.db"
    arc = ("--archive", str(db))
    kartoteka("ingest", str(tmp_path / "frus1952-54Nic"), *arc, "-j", "1", "--no-progress")
    kartoteka("correct", "title", "frus1952-54Nic/d12", "Somoza on the Puerto Cabezas shipment", *arc,
              "--author", "A. Historian", "--reason", "the heading names no subject")
    shown = kartoteka("show", "frus1952-54Nic/d12", *arc).stdout
    leon = re.search(r"#(\d+)\s+\w+\s+@\d+\s+Leon\s", shown)
    assert leon, shown
    kartoteka("correct", "attach", leon.group(1), "--none", *arc, "--author", "A. Historian",
              "--reason", "the department, not the city")
    out = kartoteka("replace", "frus1952-54Nic/d12", str(fixed), *arc, "--author", "A. Historian",
                    "--reason", "misread word").stdout
    assert "no longer applies" not in out

    server = start_server(db)
    try:
        page.goto(server.url + "/documents/frus1952-54Nic/d12")
        expect(page.locator("h1.doc-title")).to_have_text("Somoza on the Puerto Cabezas shipment")
        expect(page.locator(".doc-meta .address")).to_have_text("frus1952-54Nic/d12")
        expect(page.locator(".doc-meta .version")).to_have_text("version 2")
        expect(page.locator(".doc-meta .field-title")).to_contain_text("corrected")
        expect(page.locator("#text")).to_contain_text("received me this evening")
        # the detached mention stays detached on the new text: no link to an entity
        expect(page.locator("#text .mention.unlinked", has_text="Leon")).to_have_count(1)
        expect(page.locator("#text a.mention", has_text="Leon")).to_have_count(0)
        page.locator("#versions summary").click()
        page.screenshot(path=str(SCREENSHOTS / "document-replaced.png"), full_page=True)
        page.locator("#versions a", has_text="version 1").click()
        expect(page).to_have_url(re.compile(r"/documents/frus1952-54Nic/d12\?version=1$"))
        expect(page.locator("#text")).to_contain_text("received me this morning")
        expect(page.locator(".doc-meta .version")).to_have_text("version 1 of 2")
        page.screenshot(path=str(SCREENSHOTS / "document-version-1.png"), full_page=True)
    finally:
        server.stop()

"""End to end in a real headless Chromium (Debian's), over a real server and archive.

Each test leaves a screenshot of the page it checked in test-artifacts/screenshots/.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect
from web_harness import DEMO, DISPLAY, PASSWORD, SCREENSHOTS, SEED, USER, Server, kartoteka

from kartoteka.store import open_archive

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def shot(page: Page, name: str, *, full: bool = True) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)


def variant_case(archive: Path) -> tuple[str, str, str]:
    """(a spelling to search for, a document that has only another spelling of that entity, its title).

    Found in the archive, not written in: an entity with two spellings that differ beyond case.
    """
    with sqlite3.connect(archive) as c:
        rows = c.execute(
            "SELECT m.entity_id, m.text, d.sha256, d.text, coalesce(d.title, d.path) FROM mentions m "
            "JOIN documents d ON d.id = m.document_id JOIN entities e ON e.id = m.entity_id "
            "WHERE e.kind = 'person' ORDER BY m.entity_id, m.text").fetchall()
    c.close()
    spellings: dict[str, set[str]] = {}
    for eid, text, *_ in rows:
        spellings.setdefault(eid, set()).add(text)
    for eid, text, sha, doc_text, title in rows:
        others = {s for s in spellings[eid] if s.casefold() != text.casefold() and len(s) >= 4}
        for other in sorted(others):
            if other.casefold() not in doc_text.casefold():
                return other, sha, title
    pytest.skip("no entity with two spellings in the archive")


def test_search_for_a_variant_spelling_opens_the_document(server: Server, page: Page) -> None:
    spelling, sha, title = variant_case(server.archive)
    page.goto(server.url + "/")
    shot(page, "search-empty")
    page.fill("#q", spelling)
    page.press("#q", "Enter")
    expect(page.locator("h1.count")).to_contain_text("document")
    link = page.locator(f'a.hit-title[href^="/documents/{sha}"]')
    while link.count() == 0 and page.locator("a[rel=next]").count():
        page.click("a[rel=next]")
    expect(link).to_have_count(1)
    expect(page.locator(".snippet mark").first).to_be_visible()
    shot(page, "search-results")
    link.click()
    expect(page.locator("h1.doc-title")).to_have_text(title.strip())
    expect(page.locator("#text")).to_be_visible()
    # the spelling this document has, found through the one searched for, is lit in the text
    expect(page.locator("#text .mk-query").first).to_be_visible()
    shot(page, "document")


def test_follow_a_mention_to_its_entity_and_see_the_evidence(server: Server, page: Page) -> None:
    with sqlite3.connect(server.archive) as c:
        sha = c.execute("SELECT sha256 FROM documents WHERE path LIKE '%seed%'").fetchone()[0]
    c.close()
    page.goto(f"{server.url}/documents/{sha}")
    # pointing at a record value lights its characters in the text
    text = page.locator("#text").text_content() or ""
    values = page.locator(".record .ev[data-a]")
    assert values.count() > 3
    for i in range(values.count()):
        ev = values.nth(i)
        if not ev.is_visible():
            continue
        a, b = int(ev.get_attribute("data-a") or 0), int(ev.get_attribute("data-b") or 0)
        ev.hover()
        expect(page.locator("#text .lit").first).to_be_visible()
        assert "".join(page.locator("#text .lit").all_text_contents()) == text[a:b]
        # and where it came from is said in words, on hover as on keyboard focus
        expect(page.locator("#provenance")).to_contain_text(f"characters {a}–{b}")
        page.mouse.move(0, 0)
        expect(page.locator("#text .lit")).to_have_count(0)
    values.last.focus()
    last = values.last
    expect(page.locator("#provenance")).to_contain_text(
        f"characters {last.get_attribute('data-a')}–{last.get_attribute('data-b')}")
    expect(page.locator("#text .lit").first).to_be_visible()
    # the transmission chain reads as numbered steps, each with what was done
    steps = page.locator("ol.chain > li.step")
    assert steps.count() >= 2
    assert all((steps.nth(i).locator(".action").text_content() or "").strip() for i in range(steps.count()))
    expect(page.locator(".mk-supplied").first).to_be_visible()
    shot(page, "document-seed")
    mention = page.locator("#text a.mention.m-person").first
    name = mention.text_content() or ""
    mention.focus()
    expect(page.locator("#provenance")).to_contain_text("person named at characters")
    mention.click()
    expect(page.locator("h1.entity-name")).to_be_visible()
    assert name.strip() in page.locator("table.spellings").text_content()  # type: ignore[operator]
    expect(page.locator("table.links")).to_be_visible()
    shot(page, "entity")


def test_timeline_map_and_network_render_with_data(server: Server, page: Page) -> None:
    page.goto(server.url + "/timeline")
    assert page.locator(".timeline rect.bar").count() > 3
    expect(page.locator(".timeline-list li").first).to_be_visible()
    shot(page, "timeline")
    page.goto(server.url + "/map")
    expect(page.locator("svg.map image")).to_have_count(1)
    assert page.locator("svg.map circle").count() > 3
    box = page.locator("svg.map").bounding_box()
    assert box is not None and box["width"] > 600
    shot(page, "map")
    page.goto(server.url + "/network?min=1")
    expect(page.locator("#network[data-drawn]")).to_have_count(1)
    assert page.locator("#network circle").count() > 5
    assert page.locator("#network line").count() > 5
    # one person's own ties alone while they have the focus (keyboard as well as the pointer;
    # the floor on co-mentions, the dates and the spacing: test_overviews_browser.py)
    page.locator("#network a[data-id]").first.focus()
    expect(page.locator("#network.focused")).to_have_count(1)
    assert page.locator("#network line.hot").count() > 0
    shot(page, "network")
    for path, name in (("/login", "login"), ("/api", "api")):
        page.goto(server.url + path)
        expect(page.locator("main h1")).to_be_visible()
        shot(page, name)
    # filtered by the current search: fewer documents on the timeline than for the whole archive
    page.goto(server.url + "/timeline?q=Honduras")
    filtered = page.locator(".timeline-list li").count()
    page.goto(server.url + "/timeline")
    assert 0 < filtered < page.locator(".timeline-list li").count()


def test_a_script_inside_a_document_stays_inert(server: Server, page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with sqlite3.connect(server.archive) as c:
        sha = c.execute("SELECT sha256 FROM documents WHERE path LIKE '%hostile%'").fetchone()[0]
    c.close()
    for url in (f"/documents/{sha}", "/?q=" + quote("window __xss"), "/?q=Schoenfeld", "/timeline", "/network"):
        page.goto(server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__xss === undefined && window.parent.__xss === undefined")
    page.goto(f"{server.url}/documents/{sha}")
    text = page.locator("#text")
    assert "<script>window.__xss = 1</script>" in (text.text_content() or "")
    assert text.locator("script, img, svg, iframe").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "{{ 7*7 }} ${7*7}" in (text.text_content() or "")  # no template ran over the text either
    shot(page, "xss-inert")
    # names made from the hostile text (a sender, a mention) stay text on their entity pages too
    for link in [a.get_attribute("href") for a in page.locator(".record a.go, #text a.mention").all()][:6]:
        page.goto(server.url + str(link))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__xss === undefined")
        assert page.locator("main script, main img").count() == 0
    assert not dialogs


def test_merge_survives_a_reingest(writable: Server, page: Page) -> None:
    with open_archive(str(writable.archive)) as arc:
        people = list(arc.reading.network(None, limit=200).nodes)
    pair = next(((a, b) for a in people for b in people
                 if a.id != b.id and len(a.name) > 3 and b.name.split()[-1] == a.name and b.name != a.name), None)
    if pair is None:
        pair = (people[0], people[1])
    keep, other = pair
    page.goto(f"{writable.url}/entities/{quote(keep.id, safe=':')}")
    page.click("text=Sign in")
    page.fill("input[name=name]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    expect(page.locator("h1.entity-name")).to_contain_text(keep.name)
    page.fill("form[action$='/merge'] input[name=other]", "no such entity anywhere")
    page.fill("form[action$='/merge'] input[name=reason]", "a slip")
    with page.expect_response(lambda r: r.url.endswith("/merge")) as refused:
        page.click("form[action$='/merge'] button")
    assert refused.value.status == 422  # a failed merge is an error page, not a green note
    expect(page.locator(".flash")).to_have_count(0)
    expect(page.locator(".error-box[role=alert]")).to_contain_text("no entity")
    page.click("text=Back to the page")
    page.fill("form[action$='/merge'] input[name=other]", other.id)
    page.fill("form[action$='/merge'] input[name=reason]", "the same man: surname alone and in full")
    page.click("form[action$='/merge'] button")
    expect(page.locator(".flash")).to_contain_text("merge")
    expect(page.locator("table.spellings")).to_contain_text(other.name)
    expect(page.locator("#history")).to_contain_text("the same man")
    shot(page, "entity-merged")

    kartoteka("ingest", str(SEED), str(DEMO), "--archive", str(writable.archive), "--reparse", "-j", "1",
              "--no-progress")

    page.goto(f"{writable.url}/entities/{quote(other.id, safe=':')}")
    expect(page.locator("h1.entity-name")).to_contain_text(keep.name)
    expect(page.locator("table.spellings")).to_contain_text(other.name)
    expect(page.locator("table.spellings")).to_contain_text(keep.name)
    shot(page, "entity-merged-after-reingest")
    # split one mention off again, from the same page, with the keyboard-reachable form
    page.locator("form#mentions-form input[name=mention]").first.check()
    page.fill("input[form=mentions-form][name=reason]", "a namesake")
    page.fill("input[form=mentions-form][name=name]", "Another Man")
    page.click("button[form=mentions-form]:has-text('Split')")
    expect(page.locator(".flash")).to_contain_text("split 1 mention")
    expect(page.locator("#history")).to_contain_text("a namesake")


def test_a_date_corrected_on_the_page_is_marked_listed_and_undone(writable: Server, page: Page) -> None:
    with sqlite3.connect(writable.archive) as c:
        sha, parsed = c.execute("SELECT sha256, date_iso FROM documents WHERE path LIKE '%seed%'").fetchone()
    c.close()
    page.goto(f"{writable.url}/documents/{sha}")
    expect(page.locator("#history")).to_contain_text("No corrections")
    page.click("text=Sign in")
    page.fill("input[name=name]", USER)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.click("details.fix summary:has-text('Correct this document')")  # the forms are above the text
    date_form = page.locator("form[action$='/correct']:has(input[name=field][value=date])")
    date_form.locator("input[name=value]").fill("1946-12")
    date_form.locator("input[name=reason]").fill("the register dates it by month only")
    date_form.locator("button").click()
    expect(page.locator(".flash")).to_contain_text("Done")
    # the header marks the date corrected; opening the marker (keyboard or pointer) shows the parse
    mark = page.locator(".doc-meta .field-date details.corr-mark")
    expect(page.locator(".doc-meta .field-date time.value")).to_have_text("1946-12")
    expect(mark.locator(".corr-body")).to_be_hidden()
    mark.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(mark.locator(".corr-body")).to_be_visible()
    expect(mark.locator("q.parsed")).to_have_text(parsed)
    expect(mark.locator(".corr-body")).to_contain_text(DISPLAY)
    # open on a phone, the note stays within the screen
    page.set_viewport_size(PHONE)
    expect(mark.locator(".corr-body")).to_be_in_viewport()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "phone-document-corrected", full=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("#record dd details.corr-mark")).to_have_count(1)
    expect(page.locator("ol.chain details.corr-mark")).to_have_count(0)  # a step's own date is as written
    entry = page.locator("#history li.h-entry").first
    expect(entry.locator(".h-state")).to_have_text("in force")
    expect(entry).to_contain_text("the register dates it by month only")
    shot(page, "document-corrected")
    entry.locator("input[name=reason]").fill("the day is on the cover after all")
    entry.locator("button:has-text('Undo')").click()
    expect(page.locator(".flash")).to_contain_text("Undone")
    entry = page.locator("#history li.h-entry").first
    expect(entry.locator(".h-state")).to_have_text("undone")
    expect(entry.locator(".h-undone")).to_contain_text("the day is on the cover after all")
    expect(page.locator(".doc-meta details.corr-mark")).to_have_count(0)
    expect(page.locator(".doc-meta .field-date time.value")).to_have_text(parsed)
    shot(page, "document-correction-undone")


def _top_person(server: Server) -> str:
    with sqlite3.connect(server.archive) as c:
        eid = c.execute("SELECT id FROM entities WHERE kind = 'person' ORDER BY documents DESC, id LIMIT 1").fetchone()[0]
    c.close()
    return str(eid)


def test_phone_layout_and_keyboard(server: Server, browser: Browser) -> None:
    ctx = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(server.url + "/?q=Guatemala")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, "no sideways scrolling on a phone"
    shot(page, "phone-search", full=False)
    with sqlite3.connect(server.archive) as c:
        sha = c.execute("SELECT sha256 FROM documents WHERE path LIKE '%seed%'").fetchone()[0]
    c.close()
    page.goto(f"{server.url}/documents/{sha}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1
    shot(page, "phone-document", full=False)
    # the record is one link away from the top of the text
    page.locator("a[href='#record']").click()
    expect(page.locator("#record")).to_be_in_viewport()
    shot(page, "phone-record", full=False)
    for path in ("/timeline", "/map", "/network", "/entities/" + _top_person(server)):
        page.goto(server.url + path)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1, path
    shot(page, "phone-entity", full=False)
    ctx.close()
    # keyboard: skip link first, "/" focuses the search box, Enter searches
    kb = browser.new_page()
    kb.goto(server.url + "/timeline")
    kb.keyboard.press("Tab")
    assert kb.evaluate("() => document.activeElement.className") == "skip"
    kb.keyboard.press("Escape")
    kb.locator("body").click(position={"x": 5, "y": 400})
    kb.keyboard.press("/")
    assert kb.evaluate("() => document.activeElement.id") == "topq"
    kb.keyboard.type("Arbenz")
    kb.keyboard.press("Enter")
    kb.wait_for_url("**/?q=Arbenz")
    assert kb.locator("a.hit-title").count() > 0
    kb.close()


def test_reading_tools_sit_above_the_text_and_j_k_walk_the_search(server: Server, page: Page) -> None:
    page.goto(f"{server.url}/?q=Guatemala")
    total = int(page.locator(".count").inner_text().split()[0])
    assert total >= 3
    page.locator("ol.hits a.hit-title").nth(1).click()
    tools = page.locator(".reader-tools")
    expect(tools.locator(".docnav")).to_contain_text(f"In this search (2 of {total})")
    # the legend and the correction offer are above the text, on the first screen
    assert tools.bounding_box()["y"] < page.locator("#text").bounding_box()["y"]  # type: ignore[index]
    expect(tools.locator(".legend")).to_be_in_viewport()
    expect(tools.locator(".corrections")).to_be_in_viewport()
    # the record is part of the page, not a box scrolled on its own
    assert page.locator("#record").evaluate("e => getComputedStyle(e).overflowY") == "visible"
    second = page.url
    with page.expect_navigation():
        page.keyboard.press("j")
    expect(page.locator(".docnav")).to_contain_text(f"In this search (3 of {total})")
    assert "hit=2" in page.url and "q=Guatemala" in page.url
    with page.expect_navigation():
        page.keyboard.press("k")
    assert page.url == second
    # keys typed in a box stay there
    page.locator("#topq").focus()
    page.keyboard.press("j")
    assert page.url == second
    # a value of the record, clicked, stays lit in the text, scrolled into view
    page.set_viewport_size({"width": 1280, "height": 600})
    value = page.locator("#record button.ev").last
    value.click()
    page.mouse.move(2, 2)
    lit = page.locator("#text .lit").first
    expect(lit).to_be_in_viewport()
    shot(page, "document-tools-and-lit-value", full=False)


def test_previous_and_next_in_the_collection_go_by_date(server: Server, page: Page) -> None:
    with sqlite3.connect(server.archive) as c:
        ordered = [r[0] for r in c.execute(
            "SELECT sha256 FROM documents ORDER BY date_not_before IS NULL, date_not_before, path, id")]
    c.close()
    page.goto(f"{server.url}/documents/{ordered[1]}")
    expect(page.locator(".docnav a:has-text('earlier')")).to_have_attribute("href", f"/documents/{ordered[0]}")
    with page.expect_navigation():
        page.keyboard.press("j")
    assert page.url.endswith(f"/documents/{ordered[2]}")
    page.goto(f"{server.url}/documents/{ordered[0]}")
    expect(page.locator(".docnav .off")).to_have_text("← earlier")

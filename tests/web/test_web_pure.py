"""Pure parts of the reading room: transcript segments, figure geometry, the current search, passwords."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from kartoteka.store.pageviews import PlacePoint, script_of
from kartoteka.store.users import check_password, hash_password
from kartoteka.web.figures import (
    MAP_HEIGHT,
    MAP_WIDTH,
    Point,
    frame,
    labelled,
    located,
    map_points,
    month_bars,
    project,
    unlocated,
)
from kartoteka.web.finder import Query
from kartoteka.web.pages import (
    facet_link,
    facet_query,
    mark_titles,
    matches,
    snippet_parts,
)
from kartoteka.web.transcript import Marked, Named, segments

TEXT = "General-Major Yemel'yanov [signed] met Qavam in Tabriz [sic]."


@pytest.mark.parametrize(
    ("marks", "mentions", "cuts"),
    [
        ((), (), ()),
        ((Marked(26, 34, "signed"),), (), ()),
        ((), (Named(14, 25, "person", "per:y"), Named(39, 44, "person", "per:q")), ()),
        ((Marked(55, 60, "sic"),), (Named(48, 54, "place", "pla:t"),), (0, 5, 61, 999, -3)),
        ((Marked(10, 30, "supplied"),), (Named(14, 25, "person", None), Named(20, 40, "person", "p2")), (22,)),
    ],
)
def test_segments_give_back_the_text_exactly(marks: tuple[Marked, ...], mentions: tuple[Named, ...],
                                             cuts: tuple[int, ...]) -> None:
    segs = segments(TEXT, marks, mentions, cuts)
    assert "".join(s.text for s in segs) == TEXT
    for s in segs:
        assert TEXT[s.start:s.end] == s.text
        assert s.start < s.end
    assert [s.start for s in segs[1:]] == [s.end for s in segs[:-1]]


def test_segments_carry_marks_and_mentions() -> None:
    segs = segments(TEXT, [Marked(26, 34, "signed")], [Named(39, 44, "person", "per:q")])
    by_text = {s.text: s for s in segs}
    assert by_text["[signed]"].marks == ("signed",)
    assert by_text["Qavam"].mention is not None and by_text["Qavam"].mention.entity == "per:q"
    assert by_text["Qavam"].first_of_mention
    assert all(not s.marks for s in segs if s.text != "[signed]")


def test_overlapping_mentions_longest_wins() -> None:
    longer = Named(0, 25, "person", "per:long")
    shorter = Named(14, 25, "person", "per:short")
    segs = segments(TEXT, [], [shorter, longer])
    assert {s.mention.entity for s in segs if s.mention} == {"per:long"}


@pytest.mark.parametrize(
    ("snippet", "parts"),
    [
        ("plain", [("plain", False)]),
        ("a \x02b\x03 c", [("a ", False), ("b", True), (" c", False)]),
        ("\x02x\x03\x02y\x03", [("x", True), ("y", True)]),
        ("<script>\x02q\x03", [("<script>", False), ("q", True)]),
        ("stray \x03 close", [("stray  close", False)]),
    ],
)
def test_snippet_parts(snippet: str, parts: list[tuple[str, bool]]) -> None:
    assert snippet_parts(snippet) == parts


@pytest.mark.parametrize(
    ("kinds", "contains"),
    [(("sic",), "so in the original"), (("redaction",), "not declassified"), (("supplied", "foreign"), "; "),
     (("unknown-kind",), "unknown-kind")],
)
def test_mark_titles(kinds: tuple[str, ...], contains: str) -> None:
    assert contains in mark_titles(kinds)


@pytest.mark.parametrize(
    ("counts", "n_bars", "first", "last"),
    [
        ([("1953-06", 3)], 1, "1953-06", "1953-06"),
        ([("1952-11", 1), ("1953-02", 4)], 4, "1952-11", "1953-02"),
        ([("1953", 2)], 0, None, None),
        ([], 0, None, None),
    ],
)
def test_month_bars_cover_every_month(counts: list[tuple[str, int]], n_bars: int, first: str | None,
                                      last: str | None) -> None:
    bars, _ = month_bars(counts, width=400, height=100)
    assert len(bars) == n_bars
    if bars:
        assert (bars[0].key, bars[-1].key) == (first, last)
        top = max(b.count for b in bars)
        assert all(0 <= b.height <= 100 and abs(b.y + b.height - 100) < 1e-9 for b in bars)
        assert max(b.height for b in bars if b.count == top) > 0
        assert all(b.height == 0 for b in bars if b.count == 0)


@pytest.mark.parametrize(
    ("lat", "lon", "x", "y"),
    [(0, 0, MAP_WIDTH / 2, MAP_HEIGHT / 2), (90, -180, 0, 0), (-90, 180, MAP_WIDTH, MAP_HEIGHT),
     (14.64, -90.51, (180 - 90.51) / 360 * MAP_WIDTH, (90 - 14.64) / 180 * MAP_HEIGHT)],
)
def test_projection(lat: float, lon: float, x: float, y: float) -> None:
    assert project(lat, lon) == pytest.approx((x, y))


def test_map_points_and_frame() -> None:
    pts = map_points([("a", "Guatemala City", 14.6, -90.5, 9), ("b", "Tegucigalpa", 14.1, -87.2, 1),
                      ("bad", "Nowhere", 200, 0, 5)])
    assert [p.id for p in pts] == ["a", "b"]
    assert pts[0].r > pts[1].r
    view = frame(pts)
    for p in pts:
        assert view.x <= p.x <= view.x + view.width and view.y <= p.y <= view.y + view.height
    assert view.width <= MAP_WIDTH and view.height <= MAP_HEIGHT
    assert str(frame([])) == f"0.0 0.0 {MAP_WIDTH:.1f} {MAP_HEIGHT:.1f}"


@pytest.mark.parametrize(
    ("lat", "lon", "on_map"),
    [(14.6, -90.5, True), (None, None, False), (0.0, 0.0, False), (0.0, 10.0, True), (51.5, None, False)],
)
def test_only_the_archives_own_coordinates_reach_the_map(lat: float | None, lon: float | None, on_map: bool) -> None:
    place = PlacePoint("place:x", "Somewhere", lat, lon, 3)
    assert bool(located([place])) is on_map
    assert bool(unlocated([place])) is not on_map


@pytest.mark.parametrize("scale", [1.0, 0.3])
def test_map_labels_never_cover_each_other(scale: float) -> None:
    crowd = [Point(f"p{i}", f"Place number {i}", 100 + i * 3 * scale, 100 + (i % 3) * 4 * scale, 4, 30 - i)
             for i in range(30)]
    far = Point("far", "Far away", 900, 400, 2, 1)
    names = labelled([*crowd, far], scale)
    assert names[0].id == "p0" and far in names  # the best-known first; a place alone keeps its name
    boxes = [(p.x + p.r * scale, p.y - 6 * scale, p.x + p.r * scale + len(p.name) * 5.6 * scale, p.y + 4 * scale)
             for p in names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize(
    ("facet", "key", "qs"),
    [("person", "person:arbenz", "?q=oil&person=person%3Aarbenz"), ("organization", "org:ufco", "?q=oil&org=org%3Aufco"),
     ("classification", "secret", "?q=oil&classification=secret"), ("year", "1953", "?q=oil&from=1953&to=1953")],
)
def test_a_facet_links_to_what_it_counted(facet: str, key: str, qs: str) -> None:
    assert facet_query(Query(q="oil"), facet, key).qs() == qs


@pytest.mark.parametrize(
    ("query", "facet", "key", "on", "href"),
    [(Query(q="oil"), "person", "person:a", False, "/?q=oil&person=person%3Aa"),
     (Query(q="oil", person=("person:a", "Dulles")), "person", "person:a", True, "/?q=oil&person=Dulles"),
     (Query(q="oil", date_from="1953", date_to="1953"), "year", "1953", True, "/?q=oil"),
     (Query(q="oil", date_from="1953"), "year", "1953", False, "/?q=oil&from=1953&to=1953")],
)
def test_a_facet_in_force_links_to_its_removal(query: Query, facet: str, key: str, on: bool, href: str) -> None:
    link = facet_link(query, facet, key, "A", 3)
    assert (link["on"], link["href"]) == (on, href)


def _request(qs: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": qs.encode(), "headers": []})


@pytest.mark.parametrize(
    ("qs", "empty", "back"),
    [
        ("", True, ""),
        ("q=Arbenz", False, "?q=Arbenz"),
        ("q=+Arbenz+&offset=20", False, "?q=Arbenz"),
        ("person=Dulles&person=Dulles&classification=secret", False, "?person=Dulles&classification=secret"),
        ("from=1953&to=1954&offset=abc", False, "?from=1953&to=1954"),
        ("offset=40", True, ""),
    ],
)
def test_query_round_trip(qs: str, empty: bool, back: str) -> None:
    q = Query.of(_request(qs))
    assert q.empty() is empty
    assert q.qs() == back


def test_query_filters_add_and_remove() -> None:
    q = Query.of(_request("q=oil&offset=20"))
    more = q.with_(person="Qavam")
    assert more.offset == 0 and more.person == ("Qavam",)
    assert more.with_(person="Qavam").person == ("Qavam",)
    chips = more.active()
    assert chips == [("person", "Qavam", "/?q=oil")]
    assert q.with_(**{"from": "1946", "to": "1946"}).qs() == "?q=oil&from=1946&to=1946"
    two = more.with_(person="Pishevari")
    assert two.form()["person"] == "Qavam" and two.hidden() == [("person", "Pishevari")]


@pytest.mark.parametrize("password", ["correct horse battery", "пароль-кириллицей", "x" * 200])
def test_password_hash_round_trip(password: str) -> None:
    stored = hash_password(password)
    assert stored.startswith("scrypt$") and password not in stored
    assert check_password(password, stored)
    assert not check_password(password + "!", stored)
    assert hash_password(password) != stored  # a fresh salt each time


@pytest.mark.parametrize("stored", ["", "plain", "scrypt$1$2$3$zz$zz", "md5$a$b$c$d$e"])
def test_damaged_hashes_never_match(stored: str) -> None:
    assert not check_password("anything", stored)


@pytest.mark.parametrize(("form", "script"), [("Qavam", "Latin"), ("Кавам", "Cyrillic"), ("قوام", "Arabic"),
                                              ("  ", "Latin"), ("1946 Ἀθῆναι", "Greek")])
def test_script_of(form: str, script: str) -> None:
    assert script_of(form) == script


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ((), []),
        (("qavam",), ["Qavam", "QAVAM"]),
        (("Qavam's",), []),
        (("Tabriz", "Qav"), ["Tabriz"]),
        (("a+b",), ["a+b"]),
    ],
)
def test_matches_whole_words_any_case(words: tuple[str, ...], found: list[str]) -> None:
    text = "Qavam met QAVAM? no: Qavams. Qavam in Tabriz, a+b"
    spans = matches(text, words)
    assert [text[a:b] for a, b in spans][:2] == found[:2]
    assert all(text[a:b].casefold() in {w.casefold() for w in words} for a, b in spans)


@pytest.mark.parametrize("seed", range(25))
def test_segments_agree_with_a_character_by_character_reading(seed: int) -> None:
    import random

    rnd = random.Random(seed)
    text = "".join(rnd.choice("ab ц\n") for _ in range(rnd.randint(0, 80)))
    n = len(text) + 3

    def span() -> tuple[int, int]:
        a = rnd.randint(-2, n)
        return a, a + rnd.randint(-1, 12)

    marks = [Marked(*span(), rnd.choice(["sic", "supplied", "note"])) for _ in range(rnd.randint(0, 6))]
    mentions = [Named(*span(), "person", f"e{i}") for i in range(rnd.randint(0, 6))]
    segs = segments(text, marks, mentions, [rnd.randint(-5, n + 5) for _ in range(3)])
    assert "".join(s.text for s in segs) == text
    for s in segs:
        for i in range(s.start, s.end):
            kinds = tuple(sorted({m.kind for m in marks if m.start <= i < m.end}))
            covering = [x for x in mentions if x.start <= i < x.end]
            best = min(covering, key=lambda x: (x.start - x.end, x.start), default=None)
            assert s.marks == kinds
            assert (s.mention and s.mention.entity) == (best and best.entity)

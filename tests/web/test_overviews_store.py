"""The overviews' reads on both stores: a date range, a page of the timeline's list, the network
around one person, a place's documents in time — each against the archive's own rows."""

from __future__ import annotations

from typing import Any

import pytest
from web_harness import DEMO, SEED, kartoteka

from kartoteka.store import open_archive, open_dialect


def _rows(url: str, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, Any]]:
    db = open_dialect(url)
    try:
        return [dict(r) for r in db.rows(sql, params)]
    finally:
        db.close()


def test_dates_pages_ego_and_place_read_what_the_archive_holds(archive_url: str) -> None:
    if not SEED.is_dir() or not DEMO.is_dir():
        pytest.skip("the seed or the demo documents are missing")
    demo = sorted(str(p) for p in DEMO.iterdir() if p.suffix == ".txt")[:30]
    kartoteka("ingest", str(SEED), *demo, "--archive", archive_url, "-j", "1", "--no-progress")
    docs = _rows(archive_url, "SELECT id, date_not_before FROM documents")
    dated = sorted((str(r["date_not_before"]), int(r["id"])) for r in docs if r["date_not_before"])
    archive = open_archive(archive_url)
    reading = archive.reading
    try:
        # a range of months, either end open
        for start, end in (("1952-10", "1952-12"), ("1952-01", None), (None, "1950-12"), ("1953-02", "1953-02")):
            want = sorted(i for d, i in dated if (start is None or d[:7] >= start) and (end is None or d[:7] <= end))
            assert reading.within(None, start, end) == want, (start, end)
            some = [i for _, i in dated][::2]
            assert reading.within(some, start, end) == [i for i in want if i in some]
        assert reading.within(None, None, None) is None
        # the timeline's list: a page of the range, oldest first, and where a month begins in it
        start, end = "1952-01", "1953-12"
        in_range = [i for d, i in dated if start <= d[:7] <= end]
        assert len(in_range) > 10
        for offset in (0, 5, len(in_range) - 2, len(in_range) + 3):
            tl = reading.timeline(None, 5, start=start, end=end, offset=offset)
            assert [d.id for d in tl.documents] == in_range[offset:offset + 5]
            assert (tl.listed_total, tl.listed_from, tl.start, tl.end) == (len(in_range), offset, start, end)
        assert reading.timeline_position(None, start, "1952-10") == sum(1 for d, _ in dated if start <= d[:7] < "1952-10")
        # the network around one person: they come first, and everyone else shares a document with them
        net = reading.network(None, limit=200)
        ego = net.nodes[0].id
        around = reading.network(None, 12, ego=ego)
        assert around.nodes[0].id == ego and 1 < len(around.nodes) <= 12
        theirs = {int(r["document_id"]) for r in _rows(
            archive_url, "SELECT document_id FROM document_entities WHERE entity_id = ? UNION "
            "SELECT document_id FROM agents WHERE entity_id = ?", (ego, ego))}
        for n in around.nodes[1:]:
            shared = _rows(archive_url, "SELECT document_id FROM document_entities WHERE entity_id = ? UNION "
                           "SELECT document_id FROM agents WHERE entity_id = ?", (n.id, n.id))
            assert theirs & {int(r["document_id"]) for r in shared}, n
        people = {n.id for n in around.nodes}
        assert all(e.source in people and e.target in people for e in around.edges)
        strong = reading.network(None, 12, ego=ego, least=3)
        assert all(e.weight >= 3 for e in strong.edges if e.kind == "co-mention")
        # a place's documents in time: per year and in order, within the documents asked for
        place = _rows(archive_url, "SELECT entity_id FROM document_entities WHERE kind = 'place' "
                      "GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT 1")[0]["entity_id"]
        shown = reading.place_documents(place, None)
        assert shown.total == sum(c.count for c in shown.years) >= len(shown.documents) > 0
        assert [d.date_iso for d in shown.documents] == sorted(d.date_iso or "" for d in shown.documents)
        narrow = reading.place_documents(place, reading.within(None, "1953-01", "1953-12"))
        assert all(c.key == "1953" for c in narrow.years) and narrow.total < shown.total
        assert reading.place_documents("place:no-such-place", None).total == 0
    finally:
        archive.close()

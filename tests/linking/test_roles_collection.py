"""A role the document leaves unattached ("the Prime Minister asked…") is attached to the one
person the collection's documents of those years give that title, and to nobody where the
collection names several holders, where the years are far, or where too few documents say so.
In memory (``link``) and in an archive on both stores, the same."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from kartoteka import parse_text
from kartoteka.export.record_json import record_json
from kartoteka.ingest import ingest_records
from kartoteka.linking import link
from kartoteka.linking.roles import RoleHolders, tally_key, titled_owner
from kartoteka.model import Record, Role, Span
from kartoteka.store import open_archive
from role_telegrams import TELEGRAMS


def _iso(year: int) -> str:
    return f"{year}-05-01"


def _holders(rows: Sequence[tuple[str, str, int | None, int]], weak: frozenset[str] = frozenset()) -> RoleHolders:
    counts = [(tally_key(t, name, _iso(y) if y else None), n) for t, name, y, n in rows]
    return RoleHolders.of(counts, lambda name: None if name in weak else f"person:{name.lower()}")


_ROLE = Role(Span(10, 24, "Prime Minister"))


@pytest.mark.parametrize(("rows", "year", "want"), [
    # one holder in the document's years, in three documents
    ([("prime minister", "Hoveyda", 1971, 3)], 1971, ("person:hoveyda", 1.0)),
    ([("prime minister", "Hoveyda", 1970, 2), ("prime minister", "Hoveyda", 1972, 1)], 1971, ("person:hoveyda", 1.0)),
    # too few documents say so
    ([("prime minister", "Hoveyda", 1971, 2)], 1971, None),
    # the collection names a second holder in those years often enough to doubt
    ([("prime minister", "Hoveyda", 1971, 3), ("prime minister", "Heath", 1971, 2)], 1971, None),
    # a second holder named now and then does not take the title from the first
    ([("prime minister", "Hoveyda", 1971, 9), ("prime minister", "Heath", 1971, 1)], 1971, ("person:hoveyda", 0.9)),
    # the holders' years are far from the document's
    ([("prime minister", "Hoveyda", 1971, 5)], 1976, None),
    # another title's holder
    ([("minister", "Ansari", 1971, 5)], 1971, None),
    # an undated document: only a holder every year agrees on
    ([("prime minister", "Hoveyda", 1969, 2), ("prime minister", "Hoveyda", 1971, 2)], None, ("person:hoveyda", 1.0)),
    ([("prime minister", "Hoveyda", 1971, 5), ("prime minister", "Amini", 1961, 1)], None, None),
])
def test_the_collection_attaches_a_role_to_its_one_holder(rows: list[tuple[str, str, int | None, int]],
                                                          year: int | None, want: tuple[str, float] | None) -> None:
    (got,) = _holders(rows).attach([_ROLE], _iso(year) if year else None)
    assert ((got.entity, got.score) if got.entity else None) == want
    if want is not None:
        assert got.method == "collection" and got.referent is None


def test_a_weak_link_names_no_holder_and_a_documents_own_holder_stays() -> None:
    # a bare surname given to whoever is named in full most often cannot say who held a title
    holders = _holders([("prime minister", "Hoveyda", 1971, 5)], weak=frozenset({"Hoveyda"}))
    assert holders.attach([_ROLE], _iso(1971))[0].entity is None
    own = Role(_ROLE.span, None, "person:heath", "document", 1.0)
    assert _holders([("prime minister", "Hoveyda", 1971, 5)]).attach([own], _iso(1971)) == (own,)


def _roles(records: Sequence[Record]) -> list[list[tuple[str, str | None, str | None]]]:
    out = []
    for r in records:
        j = record_json(r)
        names = {e["id"]: e["name"] for e in j["entities"]}
        out.append([(x["text"], names.get(x["entity"]) if x["entity"] else None, x.get("method")) for x in j["roles"]])
    return out


_WANT = [[], [], [], [("Prime Minister", "Hoveyda", "collection")], [("Prime Minister", None, None)]]


def test_link_attaches_a_role_the_document_leaves_open() -> None:
    assert _roles(link([parse_text(t, path=f"t{i}.txt") for i, t in enumerate(TELEGRAMS)])) == _WANT


def test_an_archive_attaches_it_the_same(archive_url: str) -> None:
    records = [parse_text(t, path=f"t{i}.txt") for i, t in enumerate(TELEGRAMS)]
    with open_archive(archive_url, create=True) as arc:
        ingest_records(arc, records[:2])
        arc.relink()
        ingest_records(arc, records[2:])
        arc.relink()
        assert _roles(list(arc.records())) == _WANT
        arc.relink(full=True)
        assert _roles(list(arc.records())) == _WANT


@pytest.mark.parametrize(("title", "owners", "want"), [
    ("secretary", [("jfd", frozenset({"secretary of state"})), ("awd", frozenset({"director"}))], "jfd"),
    ("secretary of state", [("jfd", frozenset({"secretary"})), ("awd", frozenset())], "jfd"),
    ("director", [("jfd", frozenset({"secretary of state"})), ("awd", frozenset({"director"}))], "awd"),
    # two bearers fit, or none does: the title does not decide
    ("secretary", [("jfd", frozenset({"secretary of state"})), ("cew", frozenset({"secretary of defense"}))], None),
    ("ambassador", [("jfd", frozenset({"secretary of state"})), ("awd", frozenset({"director"}))], None),
    # a word's beginning is no title's
    ("secretar", [("jfd", frozenset({"secretary of state"}))], None),
])
def test_a_title_says_which_bearer_of_a_surname_is_meant(title: str, owners: list[tuple[str, frozenset[str]]],
                                                         want: str | None) -> None:
    assert titled_owner(title, owners) == want


# made-up memoranda: one Dulles is named in full far more often, the other is the Secretary of State
_MEMORANDA = [
    *(f"SECRET\n\nWashington, May {d}, 1956.\n\n1. Allen Dulles briefed the Council on item {d}.\n\nGoodpaster\n"
      for d in (2, 3, 4, 7)),
    "SECRET\n\nWashington, May 8, 1956.\n\n1. Secretary of State John Foster Dulles opened the meeting.\n\nGoodpaster\n",
    "SECRET\n\nWashington, May 9, 1956.\n\n1. Secretary Dulles said the note would go out today.\n\nGoodpaster\n",
    "SECRET\n\nWashington, May 10, 1956.\n\n1. Dulles said the estimate was not yet ready.\n\nGoodpaster\n",
]


def test_a_titled_surname_goes_to_the_bearer_with_that_title() -> None:
    linked = link([parse_text(t, path=f"m{i}.txt") for i, t in enumerate(_MEMORANDA)])
    ids = [{m.span.text: m.entity for m in r.mentions if m.span.text.endswith("Dulles")} for r in linked]
    jfd, awd = ids[4]["John Foster Dulles"], ids[0]["Allen Dulles"]
    assert jfd != awd
    # "Secretary Dulles" is the Secretary of State; a bare "Dulles" stays with the one most named
    assert ids[5]["Dulles"] == jfd and ids[6]["Dulles"] == awd


_KNIGHTS = [
    "SECRET\n\nWashington, May 2, 1956.\n\n1. Sir Roger Makins called on the Secretary this morning.\n\nGoodpaster\n",
    "SECRET\n\nWashington, May 3, 1956.\n\n1. Ambassador Makins saw Murphy. Sir Roger said London agreed.\n\nGoodpaster\n",
    "SECRET\n\nWashington, May 4, 1956.\n\n1. Roger Hilsman called. Sir Roger said nothing.\n\nGoodpaster\n",
]


def test_a_knight_called_by_his_given_name_is_the_one_the_document_names() -> None:
    linked = link([parse_text(t, path=f"k{i}.txt") for i, t in enumerate(_KNIGHTS)])
    ids = [{m.span.text: m.entity for m in r.mentions} for r in linked]
    makins = ids[0]["Roger Makins"]
    assert ids[1]["Makins"] == makins and ids[1]["Roger"] == makins
    # the one Roger of the document is no knight in the collection: "Sir Roger" is not he
    assert ids[2]["Roger"] != ids[2]["Roger Hilsman"]

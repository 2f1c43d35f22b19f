"""Roles: a title standing alone for its holder, attached only where the document says who."""

from __future__ import annotations

import pytest

from kartoteka import parse_text
from kartoteka.entities.roles import roles
from kartoteka.export.record_json import record_json
from kartoteka.linking import link

_CABLE = "SECRET\n\nTehran, May 2, 1971, 1400Z.\n\n1. {body}\n\nMacArthur\n"


def _roles(body: str) -> list[tuple[str, str | None]]:
    text = _CABLE.format(body=body)
    found = roles(text, parse_text(text).mentions)
    return [(r.span.text, r.referent.span.text if r.referent else None) for r in found]


@pytest.mark.parametrize(("body", "want"), [
    # an apposition says who, for every "the Shah" of the telegram
    ("Received by the Shah, Mohammad Reza Pahlavi, at noon. The Shah asked for our reply.",
     [("Shah", "Mohammad Reza Pahlavi"), ("Shah", "Mohammad Reza Pahlavi")]),
    # the one person the telegram gives the title
    ("Handed President Nixon's letter to Hoveyda. The President's words were well received.",
     [("President", "Nixon")]),
    ("Prime Minister Hoveyda called. Later the Prime Minister repeated his request.",
     [("Prime Minister", "Hoveyda")]),
    ("Chancellor Brandt spoke first. The Chancellor then left.", [("Chancellor", "Brandt")]),
    # nobody holds the title in the telegram: the role stays unattached
    ("The Ambassador will call on the Minister tomorrow.", [("Ambassador", None), ("Minister", None)]),
    # two persons bear the title: the telegram does not say which is meant
    ("Minister Ansari and Minister Amuzegar met. The Minister said nothing.", [("Minister", None)]),
    # a sentence's full stop, a new clause after the comma: no title, no apposition
    ("Ambassador Dobrynin asked to see the President. Dobrynin said the matter was urgent.",
     [("President", None)]),
    ("Before he saw the President, Dobrynin called Kissinger.", [("President", None)]),
    # an office named in full, a titled name: no role standing alone
    ("The Minister of Court called. The Shah Mohammad Reza left.", []),
])
def test_a_role_is_attached_where_the_document_says_who(body: str, want: list[tuple[str, str | None]]) -> None:
    assert _roles(body) == want


def test_a_role_is_no_person_mention_and_the_record_carries_it() -> None:
    text = _CABLE.format(body="Received by the Shah, Mohammad Reza Pahlavi. The Shah asked for our reply.")
    record = parse_text(text)
    assert not [m for m in record.mentions if m.span.text == "Shah"]
    out = record_json(link([record])[0])
    shah = [p for p in out["entities"] if p["name"] == "Mohammad Reza Pahlavi"]
    assert [(r["text"], r["entity"]) for r in out["roles"]] == [("Shah", shah[0]["id"])] * 2
    assert all(text[r["start"]:r["end"]] == r["text"] for r in out["roles"])

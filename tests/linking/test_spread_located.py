"""A one-word "person" the collection writes after "in", "at", "near"… in a quarter of its
mentions or more is a place the model misread; a person written so now and then stays a person,
and so does one a title or a rule names. The made-up sentences follow cable style."""

from __future__ import annotations

import pytest

from kartoteka.linking.spread import spread
from kartoteka.model import Document, Mention, MentionKind, Record, Span

_P = MentionKind.PERSON


def _record(n: int, sentence: str, name: str, method: str = "model", title: str | None = None) -> Record:
    text = f"SECRET\n\nTelegram {n}.\n\n1. {sentence}\n"
    doc = Document.from_text(text, path=f"t{n}.txt")
    start = text.index(name, text.index("1. "))
    span = Span(start, start + len(name), name)
    t = None
    if title is not None:
        at = text.rindex(title, 0, start)
        t = Span(at, at + len(title), title)
    return Record(source=doc.source, document=doc, mentions=(Mention(span, _P, method=method, title=t),))


_LOCATED = ["Submarine tender remains at Kalvana since Monday.", "Flak positions reported near Kalvana."]
_ELSEWHERE = ["Kalvana reported quiet tonight.", "Kalvana has two piers.", "Kalvana works continue.",
              "Kalvana blockade discussed."]


def _kinds(records: list[Record]) -> list[str]:
    return [str(m.kind) for r in spread(records) for m in r.mentions if m.span.text == "Kalvana"]


def test_a_name_often_written_after_in_or_at_is_a_place() -> None:
    records = [_record(i, s, "Kalvana") for i, s in enumerate(_LOCATED + _ELSEWHERE)]
    assert _kinds(records) == ["place"] * 6


@pytest.mark.parametrize(("located", "method", "title"), [
    # written after "at" once in seven: a person now and then is ("confidence in Somoza")
    (1, "model", None),
    # a title says person
    (2, "rule:title", "General"),
    # a rule that reads names (a closing, a speaker) says person
    (2, "rule:closing", None),
])
def test_a_person_written_after_in_now_and_then_stays_a_person(located: int, method: str, title: str | None) -> None:
    records = [_record(i, s, "Kalvana") for i, s in enumerate(_LOCATED[:located] + _ELSEWHERE + _ELSEWHERE[:1])]
    sentence = f"{title} Kalvana arrived today." if title else "Kalvana arrived today."
    records.append(_record(99, sentence, "Kalvana", method, title))
    assert set(_kinds(records)) == {"person"}

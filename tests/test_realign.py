"""Carrying a correction from one transcription to the next: a span moves only when every one of
its characters stands, unchanged, in the new text."""

from __future__ import annotations

import pytest

from kartoteka.corrections import (
    EntityRef,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetDate,
    SetTitle,
    Split,
)
from kartoteka.corrections.realign import Carry, Realignment, carry

OLD = "Tabriz, 3.IX.47\n\nMore than four hundred families live in Nakhichevan.\nSend them to Ganja.\n"
NEW = "Tabriz, 3.IX.47\n\nMore than 400 families live in Nakhchivan.\nSend them to Ganja at once.\n"


def at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@pytest.mark.parametrize(("word", "moved"), [
    ("Tabriz", True),  # before any change: same offsets
    ("families", True),  # after a shorter change on its own line: shifted
    ("Ganja", True),  # on a later line, the line itself changed after it
    ("Nakhichevan", False),  # its spelling changed
    ("four hundred", False),  # replaced by digits
    ("Nakhichevan.\nSend", False),  # crosses a changed character
])
def test_a_span_moves_only_when_all_its_characters_remain(word: str, moved: bool) -> None:
    r = Realignment(OLD, NEW)
    got = r.span(*at(OLD, word))
    if moved:
        assert got is not None and NEW[got[0]:got[1]] == word
    else:
        assert got is None


def test_identical_and_empty_texts() -> None:
    assert Realignment(OLD, OLD).span(0, len(OLD)) == (0, len(OLD))
    assert Realignment(OLD, "").span(0, 3) is None
    assert Realignment("", NEW).span(0, 0) is None


def _m(sha: str, word: str, text: str = OLD) -> MentionRef:
    return MentionRef(sha, *at(text, word))


E = EntityRef("place:ganja", "Ganja", "place", (_m("old", "Ganja"), _m("other", "Ganja")))
N = EntityRef("place:nakhichevan", "Nakhichevan", "place", (_m("old", "Nakhichevan"),))


@pytest.mark.parametrize(("correction", "status", "kept", "lost"), [
    (SetTitle("old", "Refugees"), Carry.CARRIED, 0, 0),  # a document's value belongs to the document
    (SetDate("old", "1947-09-03", "1947-09-03", "1947-09-03"), Carry.CARRIED, 0, 0),
    (Reattach(_m("old", "Ganja"), None), Carry.CARRIED, 1, 0),
    (Reattach(_m("old", "Nakhichevan"), E), Carry.LOST, 0, 1),  # its mention is gone
    (Split(E, (_m("old", "Ganja"), _m("old", "Nakhichevan")), "Ganja (town)"), Carry.PARTLY, 2, 1),
    (Split(N, (_m("old", "Nakhichevan"),), "Nakhichevan ASSR"), Carry.LOST, 0, 1),
    (Merge(E, N), Carry.PARTLY, 1, 1),  # an entity keeps its id and name as fallbacks
    (Rename(E, "Gyandzha"), Carry.CARRIED, 1, 0),
    (Reattach(_m("other", "Ganja"), E), Carry.CARRIED, 1, 0),  # another document's anchor is left as it is
])
def test_carry(correction: object, status: Carry, kept: int, lost: int) -> None:
    done = carry(correction, "old", "new", Realignment(OLD, NEW))  # type: ignore[arg-type]
    assert (done.status, done.kept, done.lost) == (status, kept, lost)
    if status == Carry.LOST:
        assert done.correction is None
        return
    assert done.correction is not None
    moved = [a for a in _anchors(done.correction) if a.sha256 == "new"]
    assert all(NEW[a.start:a.end] == OLD[slice(*_old(a, correction))] for a in moved)
    assert not [a for a in _anchors(done.correction) if a.sha256 == "old"]
    assert getattr(done.correction, "sha256", "new") == "new"


def _anchors(c: object) -> list[MentionRef]:
    from kartoteka.corrections import mention_refs

    return list(mention_refs(c))  # type: ignore[arg-type]


def _old(a: MentionRef, c: object) -> tuple[int, int]:
    """The old span a moved anchor came from (the same word)."""
    word = NEW[a.start:a.end]
    return at(OLD, word)

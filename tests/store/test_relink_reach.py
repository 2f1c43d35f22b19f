"""Which documents a change of spreading verdicts reaches (``linking.spread.reach``): a re-link
spreads anew only those, so every document it does not reach must spread alike under both."""

from __future__ import annotations

import pytest
from test_relink import dev_records

from kartoteka.linking.spread import Evidence, Reach, Spreading, reach
from kartoteka.model import Record


@pytest.fixture(scope="module")
def records(soviet_records: list[Record]) -> list[Record]:
    return [*soviet_records, *dev_records(6)]


def _rules(records: list[Record]) -> Spreading:
    evidence = Evidence()
    for r in records:
        evidence.add(r)
    return evidence.rules()


def _reached(found: Reach, r: Record) -> bool:
    return r.document is not None and (found.touches(r.document.text) or any(
        found.touches_mention(str(m.kind), m.method, m.span.text) for m in r.mentions))


@pytest.mark.parametrize("cut", [0.5, 0.8, 0.95])
def test_documents_not_reached_spread_alike(records: list[Record], cut: float) -> None:
    n = int(len(records) * cut)
    old, new = _rules(records[:n]), _rules(records)
    assert old.fingerprint() != new.fingerprint()
    found = reach(old, new)
    reached = [r for r in records[:n] if _reached(found, r)]
    assert reached, "the verdicts changed: some document must be reached"
    for r in records[:n]:
        if not _reached(found, r):
            assert old.apply(r) == new.apply(r), r.source.path
    if cut == 0.95:  # a small change does not reach everything
        assert len(reached) < n


@pytest.mark.parametrize(("old", "new", "text", "touched"), [
    # the same verdicts reach nothing
    (Spreading(True, known=frozenset({"Qavam"})), Spreading(True, known=frozenset({"Qavam"})), "said Qavam", False),
    # a person's name that came or went: as written
    (Spreading(True), Spreading(True, known=frozenset({"Qavam"})), "QAVAM", False),
    (Spreading(True), Spreading(True, known=frozenset({"Qavam"})), "said Qavam", True),
    (Spreading(True, known=frozenset({"Qavam"})), Spreading(True), "said Qavam", True),
    # a surname key that came: any capitalised spelling of it
    (Spreading(True), Spreading(True, keys=frozenset({"javid"})), "Dzhavid spoke", True),
    (Spreading(True), Spreading(True, keys=frozenset({"javid"})), "Dzhafar spoke", False),
    # a lower-case word spelled like a key: its capitalised form, whatever the case
    (Spreading(True), Spreading(True, lower=frozenset({"javid"})), "JAVID spoke", True),
    # a common word is a mention's business, not the text's
    (Spreading(True), Spreading(True, frozenset({"memos"})), "The Memos came.", False),
    # spreading turned on or off: everything
    (Spreading(False), Spreading(True), "anything", True),
])
def test_reach_of_a_text(old: Spreading, new: Spreading, text: str, touched: bool) -> None:
    assert reach(old, new).touches(text) is touched


@pytest.mark.parametrize(("old", "new", "mention", "touched"), [
    # a guessed person whose word became or stopped being common
    (Spreading(True), Spreading(True, frozenset({"memos"})), ("person", "model", "Memos"), True),
    (Spreading(True, frozenset({"memos"})), Spreading(True), ("person", "model", "C. Memos"), True),
    # a person the rules found is never dropped as common; nor is a place
    (Spreading(True), Spreading(True, frozenset({"memos"})), ("person", "rule:signature-block", "Memos"), False),
    (Spreading(True), Spreading(True, frozenset({"memos"})), ("place", "model", "Memos"), False),
    # a name the collection places, or reads as two joined
    (Spreading(True), Spreading(True, placed=frozenset({"Adam"})), ("person", "model", "Adam"), True),
    (Spreading(True), Spreading(True, joined=frozenset({"Calligeris Bannister"})),
     ("person", "rule:title", "Calligeris Bannister"), True),
    (Spreading(True), Spreading(True, placed=frozenset({"Adam"})), ("person", "model", "Adams"), False),
])
def test_reach_of_a_mention(old: Spreading, new: Spreading, mention: tuple[str, str, str], touched: bool) -> None:
    assert reach(old, new).touches_mention(*mention) is touched

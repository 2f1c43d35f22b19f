"""Corrections carried from one transcription of a document to the next: where the characters a
correction is anchored to still stand, unchanged, in the new text.

:class:`Realignment` matches the old text to the new one (lines first, then the characters of the
lines that changed), so a span moves only when every one of its characters is in one unchanged
run. :func:`carry` gives a correction its new anchors (document values — date, title,
classification — belong to the document and always carry); a mention that is gone is dropped
from the correction, and a correction left with nothing to act on no longer applies.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import StrEnum
from itertools import accumulate

from kartoteka.corrections.correction import (
    Correction,
    EntityRef,
    MentionRef,
    Merge,
    Reattach,
    Rename,
    SetClassification,
    SetDate,
    SetTitle,
    Split,
)


class Realignment:
    """Unchanged runs of an old text in a new one: ``(old start, new start, length)``, in order."""

    def __init__(self, old: str, new: str) -> None:
        self.runs = _runs(old, new)
        self._starts = [r[0] for r in self.runs]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the old characters ``start:end`` stand in the new text, or None when any of them changed."""
        i = bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        old, new, length = self.runs[i]
        if end > old + length or end < start:
            return None
        return new + start - old, new + end - old


def _runs(old: str, new: str) -> list[tuple[int, int, int]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    a_at = [0, *accumulate(len(x) for x in a)]
    b_at = [0, *accumulate(len(x) for x in b)]
    runs: list[tuple[int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((a_at[i1], b_at[j1], a_at[i2] - a_at[i1]))
        elif tag == "replace":
            sa, sb = old[a_at[i1]:a_at[i2]], new[b_at[j1]:b_at[j2]]
            for blk in SequenceMatcher(None, sa, sb, autojunk=False).get_matching_blocks():
                if blk.size:
                    runs.append((a_at[i1] + blk.a, b_at[j1] + blk.b, blk.size))
    merged: list[tuple[int, int, int]] = []
    for run in runs:  # adjacent runs that continue each other are one run
        if merged and merged[-1][0] + merged[-1][2] == run[0] and merged[-1][1] + merged[-1][2] == run[1]:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + run[2])
        else:
            merged.append(run)
    return merged


class Carry(StrEnum):
    CARRIED = "carried"  # every anchor in the document found again
    PARTLY = "partly"  # some anchors in the document are gone; it still acts on the rest
    LOST = "lost"  # nothing left to act on: it no longer applies


@dataclass(frozen=True, slots=True)
class Carried:
    """A correction as it reads on the new text (None when it no longer applies), and how many of
    its anchors in the document were found and lost."""

    status: Carry
    correction: Correction | None
    kept: int = 0
    lost: int = 0


def carry(c: Correction, old_sha: str, new_sha: str, realign: Realignment) -> Carried:
    """``c`` with its anchors in the document ``old_sha`` moved to ``new_sha`` (see the module)."""
    kept = lost = 0

    def moved(m: MentionRef) -> MentionRef | None:
        nonlocal kept, lost
        if m.sha256 != old_sha:
            return m
        at = realign.span(m.start, m.end)
        if at is None:
            lost += 1
            return None
        kept += 1
        return MentionRef(new_sha, *at)

    def entity(e: EntityRef) -> EntityRef:
        return replace(e, anchors=tuple(a for a in (moved(x) for x in e.anchors) if a is not None))

    out: Correction | None
    if isinstance(c, SetDate | SetClassification | SetTitle):
        out = replace(c, sha256=new_sha) if c.sha256 == old_sha else c
    elif isinstance(c, Merge):
        out = Merge(entity(c.into), entity(c.other))
    elif isinstance(c, Rename):
        out = replace(c, entity=entity(c.entity))
    elif isinstance(c, Split):
        mentions = tuple(a for a in (moved(m) for m in c.mentions) if a is not None)
        out = replace(c, entity=entity(c.entity), mentions=mentions) if mentions else None
    else:
        assert isinstance(c, Reattach)
        mention = moved(c.mention)
        out = None if mention is None else Reattach(mention, entity(c.entity) if c.entity else None)
    if out is None:
        return Carried(Carry.LOST, None, kept, lost)
    return Carried(Carry.PARTLY if lost else Carry.CARRIED, out, kept, lost)


__all__ = ["Carried", "Carry", "Realignment", "carry"]

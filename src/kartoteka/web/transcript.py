"""The transcription as the reading room shows it: the source text cut into segments, never changed.

Every boundary of a mark, a mention or a record value cuts the text, so each segment knows the
offsets it covers (the page highlights a value's evidence by offsets) and the mark kinds and the
mention it belongs to. Joining the segments' text gives back the source exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Marked:
    """A translator's or editor's bracket over ``[start, end)``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Named:
    """A mention over ``[start, end)``; ``entity`` is None when linking left it alone."""

    start: int
    end: int
    kind: str
    entity: str | None


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[str, ...] = ()
    mention: Named | None = None
    first_of_mention: bool = False


def segments(
    text: str, marks: Sequence[Marked], mentions: Sequence[Named], cuts: Iterable[int] = ()
) -> list[Segment]:
    """``text`` cut at every boundary; ``"".join(s.text for s in result) == text`` always.

    Offsets out of the text are clipped; where mentions overlap, the longest wins its characters.
    """
    n = len(text)
    bounds = {0, n}
    for m in marks:
        bounds.update((max(0, min(n, m.start)), max(0, min(n, m.end))))
    for x in mentions:
        bounds.update((max(0, min(n, x.start)), max(0, min(n, x.end))))
    bounds.update(max(0, min(n, c)) for c in cuts)
    points = sorted(bounds)
    by_length = sorted(mentions, key=lambda x: (x.start - x.end, x.start))
    out: list[Segment] = []
    started: set[Named] = set()
    for a, b in pairwise(points):
        if a == b:
            continue
        kinds = tuple(sorted({m.kind for m in marks if m.start <= a and b <= m.end}))
        mention = next((x for x in by_length if x.start <= a and b <= x.end), None)
        first = mention is not None and mention not in started
        if mention is not None:
            started.add(mention)
        out.append(Segment(a, b, text[a:b], kinds, mention, first))
    return out


__all__ = ["Marked", "Named", "Segment", "segments"]

"""The transcription as the reading room shows it: the source text cut into segments, never changed.

Every boundary of a mark, a mention or a record value cuts the text, so each segment knows the
offsets it covers (the page highlights a value's evidence by offsets) and the mark kinds and the
mention it belongs to. Joining the segments' text gives back the source exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from kartoteka.store.page_roles import RoleShown

_DECIDED = {
    "apposition": "named beside it in this document",
    "document": "the one person this document gives that title",
    "collection": "the one person the archive's documents of those years give that title",
}


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
    note: str = ""  # what the page says of it where its kind alone does not ("title standing for …")


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
    One sweep over the boundaries: what starts at a boundary joins, what ends there leaves.
    """
    n = len(text)

    def clip(x: int) -> int:
        return max(0, min(n, x))

    bounds = {0, n, *(clip(c) for c in cuts)}
    opening: dict[int, list[Marked | Named]] = {}
    closing: dict[int, list[Marked | Named]] = {}
    spans: list[Marked | Named] = [*marks, *mentions]
    for x in spans:
        a, b = clip(x.start), clip(x.end)
        if a >= b:
            continue
        bounds.update((a, b))
        opening.setdefault(a, []).append(x)
        closing.setdefault(b, []).append(x)
    points = sorted(bounds)
    open_marks: list[Marked] = []
    open_mentions: list[Named] = []
    out: list[Segment] = []
    started: set[Named] = set()
    for a, b in pairwise(points):
        for x in closing.get(a, ()):
            if isinstance(x, Marked):
                open_marks.remove(x)
            else:
                open_mentions.remove(x)
        for x in opening.get(a, ()):
            if isinstance(x, Marked):
                open_marks.append(x)
            else:
                open_mentions.append(x)
        kinds = tuple(sorted({m.kind for m in open_marks}))
        mention = min(open_mentions, key=lambda x: (x.start - x.end, x.start), default=None)
        first = mention is not None and mention not in started
        if mention is not None:
            started.add(mention)
        out.append(Segment(a, b, text[a:b], kinds, mention, first))
    return out


def role_note(role: RoleShown) -> str:
    """What the page says of a title standing alone: whom it stands for, and who says so."""
    if role.entity is None:
        return f"title standing alone: who the {role.text} is, neither the document nor the archive says"
    who = role.entity_name or role.entity
    share = f", {role.score:.0%} of them" if role.method == "collection" else ""
    return f"the {role.text}: {who}, {_DECIDED.get(role.method, role.method)}{share} (open the page)"


__all__ = ["Marked", "Named", "Segment", "role_note", "segments"]

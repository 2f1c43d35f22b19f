"""Speaker labels of a transcript: "K: I'm seeing you Monday", "D: You want Geneva?".

Transcripts of telephone calls and minutes of talks open each turn with the speaker's
initial. An initial is a person where the document names exactly one person whose surname
begins with it; it then stands for that person (``referent``), and linking gives it that
person's entity. Letters that name nobody in the document ("P" for the President) stay
unmarked: the document does not say who they are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

INITIAL_METHOD = "rule:initial"  # the recogniser's name for a speaker's initial
# a turn: a line that opens with one to three capitals and a colon, then speech
_TURN = re.compile(r"^[ \t]*([A-Z]{1,3})[ \t]*:[ \t]+\S", re.MULTILINE)
_MIN_TURNS = 4  # a transcript takes turns; two labelled lines are a list, not a conversation


def labels(text: str) -> list[tuple[int, int]]:
    """The spans of the speaker initials of a transcript, or none where the text takes no turns
    (at least two speakers and four turns)."""
    found = [(m.start(1), m.end(1)) for m in _TURN.finditer(text)]
    speakers = Counter(text[s:e] for s, e in found)
    if len(speakers) < 2 or len(found) < _MIN_TURNS:
        return []
    return found


def referent(initial: str, names: Iterable[str]) -> str | None:
    """The one name among ``names`` (persons the document names) whose surname begins with
    ``initial`` (or whose words' initials spell it), or None where none or several do."""
    fits = {n for n in names if _fits(initial, n)}
    surnames = {n.split()[-1] for n in fits}
    if len(surnames) != 1:
        return None
    return min(fits, key=lambda n: (-len(n), n))


def _fits(initial: str, name: str) -> bool:
    words: list[str] = [w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[:1].isupper()]
    if not words or len(words[-1]) < 3:
        return False
    if len(initial) == 1:
        return words[-1].startswith(initial)
    return "".join(w[0] for w in words) == initial or words[-1].upper().startswith(initial)


def referents(text: str, persons: Sequence[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each speaker initial that stands for one person of the document, the span of the
    first mention of that person (``persons`` are the spans of the document's person mentions)."""
    spans = labels(text)
    if not spans:
        return {}
    named = [p for p in persons if p not in spans]
    first: dict[str, tuple[int, int]] = {}
    for s, e in sorted(named):
        first.setdefault(text[s:e], (s, e))
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for s, e in spans:
        name = referent(text[s:e], first)
        if name is not None:
            out[(s, e)] = first[name]
    return out


__all__ = ["INITIAL_METHOD", "labels", "referent", "referents"]

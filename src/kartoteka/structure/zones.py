"""Zones of a transcription: its lines, each typed by shape (prose, dateline, name line, apparatus…).

Everything here keeps the document's own offsets: a Line is a stretch of the source text, and
every later step cuts spans out of it rather than out of a copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

from kartoteka.model import Span
from kartoteka.structure.wordlists import alternation, rows

_BREAK = re.compile(r"\r\n|\r|\n")

_CLASS_WORD = (
    r"top\s+secret|strictly\s+secret|secret|confidential|restricted|unclassified|personal|urgent|"
    r"most\s+urgent|immediate|priority|niact|nodis|limdis|exdis|eyes\s+only|special\s+file|special\s+folder|"
    r"of\s+special\s+importance|us\s+urgent|official\s+use\s+only|limited\s+official\s+use|"
    r"for\s+personal\s+use|rybat|sensitive|operational\s+immediate|copy\s+(?:no\.?|number)\s*\d+|"
    r"copy\s+\d+|only\s+copy|single\s+copy|экз\.?\s*№?\s*\d+|"
    + alternation([r["phrase"] for r in rows("classification")])
)
_CLASSIFICATION_LINE = re.compile(rf"^\W*(?:(?:{_CLASS_WORD})[\s.;,/:—–!-]*)+$", re.IGNORECASE)
# A source note (FRUS "Source: …", 1948-style "891.00/12–946: Telegram"), a Russian archival
# citation (fond/opis/delo), or a register number on a line of its own.
_APPARATUS = re.compile(
    r"^\s*(?:\[?Source:|\d{3}[A-Z]?\.[\dA-Z]+(?:\s+[A-Z][\w ]*)?/[\d–-]|"
    r"No\.?\s*\d[\w/–-]*\.?\s*$|Nos?\.?\s+\d[\d,/–\- ]*$)"
    r"|\b(?:f|op|inv|d|fold|ll?|pp?)\.\s*\d+\s*,\s*(?:op|inv|d|fold|file|ll?|pp?|sheet)\.?\s*\d",
)
# A copy or distribution list ("Copies: Stalin (2), Molotov, …", "Distributed: …", "Копии: …"):
# a list however long, never a sentence of the text.
LIST_LINE = re.compile(
    r"^\s*(?:Copies|COPIES|Copy\s+to|Copies(?:\s+sent)?\s+to|Sent\s+to|Distribution|Distributed(?:\s+to)?|cc|CC|"
    r"Addressees?|Копии|КОПИИ|Копия|Рассылка|Разослано|Разослать)"
    r"\s*:\s*"
)
_SENTENCE_END = re.compile(r"[.!?…][\"”’'\])]*\s*$")
_WORD = re.compile(r"\S+")
_BRACKET = re.compile(r"\[[^\]]*\]")
# "[Handwritten:] To Cde. Molotov. Agree. J. St[alin]", "[Stamp: …]": a hand or a stamp on the
# page, not the writer's text, whether its words stand inside the bracket or after it
_ANNOTATION = re.compile(
    r"^\s*\[\s*(?:(?:in\s+)?hand\s*writ\w*|handwrit\w*|hand-writ\w*|in\s+(?:the\s+)?(?:margin|hand|pencil|ink)|"
    r"in\s+\w+['’]s\s+hand|marginal|margin|resolution|stamp\w*|seal|notation|manuscript|annotation|"
    # "[CPSU CC stamp: …", "[Embassy seal]": whose stamp, then the word
    r"(?:[\w.()’'-]+\s+){1,3}(?:stamp|seal))\b",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?$", re.IGNORECASE)
_CLOCK = re.compile(r"\b[ap]\.\s?m\.?|\bnoon\b|\bmidnight\b|\bundated\b", re.IGNORECASE)


class LineKind(StrEnum):
    BLANK = "blank"
    APPARATUS = "apparatus"
    CLASSIFICATION = "classification"
    PROSE = "prose"
    SHORT = "short"  # anything short that is not prose: heading, name, office, dateline…


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the source, ``start``/``end`` in document offsets, end of line excluded."""

    index: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def span(self, source: str, start: int | None = None, end: int | None = None) -> Span:
        """The trimmed span of this line, or of ``[start, end)`` given as offsets inside it."""
        s = self.start if start is None else self.start + start
        e = self.end if end is None else self.start + end
        return Span.of(source, s, e)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def split_lines(text: str) -> tuple[Line, ...]:
    """Every line of ``text`` with its offsets, whatever the line endings."""
    out: list[Line] = []
    pos = 0
    for i, m in enumerate(_BREAK.finditer(text)):
        out.append(Line(i, pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append(Line(len(out), pos, len(text), text[pos:]))
    return tuple(out)


def is_classification(line: str) -> bool:
    return bool(line.strip()) and bool(_CLASSIFICATION_LINE.match(line.strip()))


def is_list_line(text: str) -> bool:
    """A copy or distribution list: "Copies: Cde. Stalin, Cde. Molotov, file"."""
    return bool(LIST_LINE.match(text))


def is_annotation(line: str) -> bool:
    """A line opening with an editor's bracket that describes a hand or stamp on the page."""
    return bool(_ANNOTATION.match(line))


def is_apparatus(line: str) -> bool:
    return bool(_APPARATUS.search(line))


def drop_brackets(line: str, repl: str = " ") -> str:
    """``line`` with each editor's bracket replaced by ``repl``. Only the part up to the last "]"
    is searched: a "[" with no "]" after it would otherwise be tried at every one (quadratic)."""
    k = line.rfind("]")
    return _BRACKET.sub(repl, line[:k + 1]) + line[k + 1:] if k >= 0 else line


def _without_trailing_bracket(line: str) -> str:
    """``line`` without a bracket that ends it (and the blanks before it), in one look."""
    s = line.rstrip()
    if not s.endswith("]"):
        return line
    k = len(s) - 1
    i = s.find("[", s.rfind("]", 0, k) + 1, k)
    return line if i < 0 else s[:i].rstrip()


def is_prose(line: str) -> bool:
    """A sentence of running text: several words ending a sentence, or simply long."""
    n = len(_WORD.findall(line))
    # an editor's bracket ("[place not declassified]") is not the writer's sentence
    words = _WORD.findall(_CLOCK.sub(" ", drop_brackets(line)))
    # a dateline ("Guatemala City, May 16, 1954, 0925Z.") has the length and the full stop of a
    # sentence but hardly a lower-case word
    lower = sum(1 for w in words if w[0].islower())
    # telegrams of the 1960s run in capitals: count the words of a sentence, not their case
    wordy = sum(1 for w in words if len(w) >= 3 and w.strip(".,;:!?\"”“'’").isalpha() and not _MONTH_WORD.match(w))
    # a sentence may end under an editor's bracket ("… behind it. [1 line not declassified]")
    ends = bool(_SENTENCE_END.search(line) or _SENTENCE_END.search(_without_trailing_bracket(line)))
    return (n >= 6 and (lower >= 2 or wordy >= 4 or n >= 12) and ends) or n >= 40


def kind_of(line: str) -> LineKind:
    s = line.strip()
    if not s:
        return LineKind.BLANK
    if is_classification(s):
        return LineKind.CLASSIFICATION
    if is_apparatus(s):
        return LineKind.APPARATUS
    if is_list_line(s) and len(s.split()) <= 60:
        return LineKind.SHORT
    if is_prose(s):
        return LineKind.PROSE
    return LineKind.SHORT


@dataclass(frozen=True, slots=True)
class Zones:
    """The lines of a document and where its parts lie.

    ``heading`` are the non-blank lines before the first prose line; ``closing_end`` is the
    index past the last line of the document proper (before source notes, citations, an
    editor's summary and a trailing classification).
    """

    lines: tuple[Line, ...]
    kinds: tuple[LineKind, ...]
    heading: tuple[Line, ...]
    closing_end: int


def _covered(line: Line, spans: tuple[Span, ...]) -> bool:
    """Most of the line's characters lie in one of ``spans``."""
    s = line.text.strip()
    if not s:
        return False
    for sp in spans:
        inside = max(0, min(line.end, sp.end) - max(line.start, sp.start))
        if inside * 2 >= len(s):
            return True
    return False


def _spans_by_line(lines: tuple[Line, ...], spans: tuple[Span, ...]) -> dict[int, tuple[Span, ...]]:
    """The spans touching each line (by line index): each line looks only at its own, not at every
    span of the document (which made a document of many short lines quadratic)."""
    starts = [ln.start for ln in lines]
    out: dict[int, list[Span]] = {}
    for sp in spans:
        first = max(0, bisect_right(starts, sp.start) - 1)
        last = max(first, bisect_left(starts, sp.end))
        for i in range(first, min(last, len(lines))):
            out.setdefault(i, []).append(sp)
    return {i: tuple(v) for i, v in out.items()}


def zones(text: str, apparatus: tuple[Span, ...] = (), summary: Span | None = None) -> Zones:
    """Lines typed by shape; ``apparatus`` (reference/classification spans found elsewhere) and
    ``summary`` mark lines that belong to the editors rather than to the document."""
    lines = split_lines(text)
    near = _spans_by_line(lines, apparatus)
    kinds = []
    for ln in lines:
        k = kind_of(ln.text)
        editors = summary is not None and _covered(ln, (summary,))
        cited = (k not in (LineKind.BLANK, LineKind.CLASSIFICATION) and _covered(ln, near.get(ln.index, ()))
                 and not is_prose(ln.text))
        if k is not LineKind.BLANK and (editors or cited):
            k = LineKind.APPARATUS
        kinds.append(k)
    heading: list[Line] = []
    for ln in lines:
        k = kinds[ln.index]
        if k is LineKind.BLANK:
            continue
        # the first line is a heading even when it is long (FRUS titles run to 40 words)
        if k is LineKind.PROSE and heading:
            break
        heading.append(ln)
        if len(heading) >= 14:
            break
    return Zones(lines, tuple(kinds), tuple(heading), _closing_end(lines, kinds))


def _closing_end(lines: tuple[Line, ...], kinds: list[LineKind]) -> int:
    """Walk back over the editors' apparatus: notes, citations, register numbers, a trailing
    classification, and a summary paragraph standing after a citation or register number."""
    i = len(lines) - 1
    while i >= 0:
        k = kinds[i]
        if k in (LineKind.BLANK, LineKind.APPARATUS, LineKind.CLASSIFICATION):
            i -= 1
            continue
        if k is LineKind.PROSE:
            j = i - 1
            while j >= 0 and kinds[j] is LineKind.BLANK:
                j -= 1
            if j >= 0 and kinds[j] is LineKind.APPARATUS:
                i = j
                continue
        break
    return i + 1


__all__ = [
    "LIST_LINE",
    "Line",
    "LineKind",
    "Zones",
    "is_annotation",
    "is_apparatus",
    "is_classification",
    "is_list_line",
    "is_prose",
    "kind_of",
    "split_lines",
    "zones",
]

"""Text layout of TEI markup: whitespace-normalised text with the offsets of marked elements.

Blocks (paragraphs, lists, tables, openers and closers) are written as lines separated by blank
lines, phrase elements inline; ``choice`` is written as one of its readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from kartoteka.readers.tei.safexml import joined, local

_WORDS = re.compile(r"(\s*)(\S*)")
# The frus-dev texts close up a line break (not a space) after an opening quote and before a question mark.
# Pretty-printed TEI breaks lines around elements: a line break (not a space) before closing
# punctuation or after an opening bracket is layout, not a word gap ("Paris , February", "( Caffery )").
_NO_SPACE_AFTER = ("‘", "“", "(", "[")
_NO_SPACE_BEFORE = ("?", ",", ";", ":", ".", ")", "]")
# Which reading of a <choice> (or <app>) the text gets; the others are kept as marks.
REGULARISED = ("reg", "corr", "expan", "lem")
ORIGINAL = ("orig", "sic", "abbr", "lem")


@dataclass
class TextBuilder:
    """Builds whitespace-normalised text and records where marked elements start and end."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    pending_space: bool = False
    pending_newline: bool = False
    fresh: bool = False  # the next word starts a cell: no space before it
    waiting: list[list[int]] = field(default_factory=list)  # starts resolved at the next word

    def word_run(self, s: str, upper: bool = False) -> None:
        if not s:
            return
        for piece in _WORDS.finditer(s):
            gap, word = piece.group(1), piece.group(2)
            if gap:
                self.pending_space = True
                self.pending_newline = self.pending_newline or "\n" in gap
            if word:
                self._emit_word(word.upper() if upper else word)

    def _emit_word(self, w: str) -> None:
        joined = self.pending_newline and bool(self.parts) and (
            w.startswith(_NO_SPACE_BEFORE) or self.parts[-1].endswith(_NO_SPACE_AFTER))
        if self.pending_space and self.pos > 0 and not self._at_line_start() and not self.fresh and not joined:
            self._raw(" ")
        self.pending_space = self.pending_newline = self.fresh = False
        for box in self.waiting:
            box[0] = self.pos
        self.waiting.clear()
        self._raw(w)

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def _raw(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def literal(self, s: str) -> None:
        """Text written as it is (a heading line made from the header), no word gaps added."""
        self.pending_space = self.pending_newline = False
        self._raw(s)

    def newline(self) -> None:
        self.pending_space = self.pending_newline = False
        self._raw("\n")

    def break_line(self) -> None:
        """An ``<lb/>``: a newline, unless the line is still empty."""
        if not self._at_line_start():
            self.newline()

    def start_box(self) -> list[int]:
        box = [self.pos]
        self.waiting.append(box)
        return box

    def text(self) -> str:
        return joined(self.parts)


@dataclass
class Collect:
    """Annotations gathered while one document is written."""

    zone: str = "body"
    role: str | None = None
    in_attachment: bool = False
    persons: list[tuple[list[int], str | None, str, str | None, etree._Element]] = field(default_factory=list)
    senders: list[tuple[list[int], str, str | None]] = field(default_factory=list)
    recipients: list[tuple[list[int], str, str | None]] = field(default_factory=list)
    signatures: list[tuple[list[int], etree._Element, bool]] = field(default_factory=list)
    dates: list[tuple[list[int], etree._Element]] = field(default_factory=list)
    places: list[list[int]] = field(default_factory=list)
    ends: dict[int, int] = field(default_factory=dict)  # id(box) -> end offset
    readings: tuple[str, ...] = REGULARISED
    choices: list[tuple[list[int], str, str]] = field(default_factory=list)  # box, other reading's tag, text


SKIP = {"note", "pb", "figure", "graphic", "fw", "milestone", "anchor"}


def corresp_id(el: etree._Element) -> str | None:
    raw = el.get("corresp") or el.get("ref") or ""
    raw = raw.strip()
    if not raw:
        return None
    return raw.split("#", 1)[-1].split()[0] if raw else None


def write_inline(w: TextBuilder, el: etree._Element, col: Collect, upper: bool = False) -> None:
    """Write an element's inline content (text, phrase elements) and record marked spans."""
    name = local(el)
    if name in SKIP or not isinstance(el.tag, str):
        return
    if name == "lb":
        w.break_line()
        return
    up = upper or (name == "hi" and "smallcaps" in (el.get("rend") or "") and joined(el.itertext()).islower())
    if name == "list" and w.parts:
        _inline_list(w, el, col)
        return
    if name in ("choice", "app"):
        _one_reading(w, el, col, up)
        return
    box = w.start_box()
    role = el.get("type") if el.get("type") in ("from", "to") else None
    if role and col.zone == "title":
        col.role = role
    w.word_run(el.text or "", up)
    for child in el:
        if isinstance(child.tag, str):
            write_inline(w, child, col, up)
        w.word_run(child.tail or "", up)
    col.ends[id(box)] = w.pos
    if w.waiting and box in w.waiting:
        w.waiting.remove(box)
        box[0] = w.pos
    if name == "persName":
        col.persons.append((box, corresp_id(el), col.zone, role or (col.role if col.zone == "title" else None), el))
    elif name == "date":
        col.dates.append((box, el))
    elif name == "placeName":
        col.places.append(box)
    elif name == "signed":
        col.signatures.append((box, el, col.in_attachment))
    if role and col.zone == "title" and name in ("persName", "gloss", "orgName", "name", "rs"):
        target = col.senders if role == "from" else col.recipients
        target.append((box, name, corresp_id(el) if name == "persName" else None))
    if role and col.zone == "title":
        col.role = None


def _one_reading(w: TextBuilder, el: etree._Element, col: Collect, upper: bool) -> None:
    """A ``choice`` or ``app`` as the one reading ``col.readings`` prefers; each other reading is kept."""
    options = [c for c in el if isinstance(c.tag, str) and local(c) not in SKIP]
    if not options:
        return
    chosen = next((c for tag in col.readings for c in options if local(c) == tag), options[0])
    box = w.start_box()
    write_inline(w, chosen, col, upper)
    col.ends[id(box)] = w.pos
    if box in w.waiting:
        w.waiting.remove(box)
        box[0] = w.pos
    for other in options:
        if other is not chosen:
            col.choices.append((box, local(other), " ".join(joined(other.itertext()).split())))


def _inline_list(w: TextBuilder, el: etree._Element, col: Collect) -> None:
    """A list inside a paragraph: its head and each item on a line of their own, a label before its item."""
    w.word_run(el.text or "")
    after_label = False
    for child in el:
        if isinstance(child.tag, str) and local(child) not in SKIP:
            if not after_label:
                w.break_line()
            write_inline(w, child, col)
            after_label = local(child) == "label"
            if after_label:
                w.pending_space = True
        w.word_run(child.tail or "")
    w.break_line()


def _block_lines(w: TextBuilder, el: etree._Element, col: Collect) -> bool:
    """Write one block element; returns whether it wrote anything."""
    name = local(el)
    start = w.pos
    if name == "list":
        _list_lines(w, el, col, start)
    elif name == "table":
        _table_lines(w, el, col, start)
    elif name in ("closer", "opener"):
        _closer_lines(w, el, col, name)
    else:
        write_inline(w, el, col)
    written = w.text()
    end = w.pos
    while end > start and written[end - 1] == "\n":
        end -= 1
    if end < w.pos:
        truncate(w, end)
    return w.pos > start


def _list_lines(w: TextBuilder, el: etree._Element, col: Collect, start: int) -> None:
    """A list: a line per head and item, a label sharing its item's line, no line for an empty item."""
    after_label = False
    for child in el:
        cname = local(child)
        if cname not in ("head", "item", "label"):
            continue
        before = w.pos
        if after_label:
            w.pending_space = True  # a label and its item share a line
        elif w.pos > start:
            w.newline()
        mark = w.pos
        write_inline(w, child, col)
        if w.pos == mark:
            truncate(w, before)  # an empty item leaves no line behind
            continue
        after_label = cname == "label"


def _table_lines(w: TextBuilder, el: etree._Element, col: Collect, start: int) -> None:
    """A table: a line per row, its cells joined by " | ", no separator for an empty cell."""
    for row in el:
        if local(row) != "row":
            continue
        if w.pos > start:
            w.newline()
        cells = 0
        for cell in row:
            if local(cell) != "cell":
                continue
            mark = w.pos
            if cells:
                w._raw(" | ")
                w.fresh = True
            before = w.pos
            write_inline(w, cell, col)
            if w.pos == before:
                truncate(w, mark)  # an empty cell leaves no separator behind
                w.fresh = False
                continue
            cells += 1


def _closer_lines(w: TextBuilder, el: etree._Element, col: Collect, name: str) -> None:
    """An opener or closer (a closer's words in the closer zone): a line per signature, dateline,
    salute and the like, runs of text and inline elements on one line until a line break."""
    was, col.zone = col.zone, "closer" if name == "closer" else col.zone
    lines = 0
    pending_inline = False
    for node in _children_with_text(el):
        if isinstance(node, str):
            if node.strip():
                if lines and not pending_inline:
                    w.newline()
                w.word_run(node)
                pending_inline = True
                lines += 1
            continue
        cname = local(node)
        if cname in SKIP:
            continue
        if cname == "lb":
            pending_inline = False
            continue
        if cname in ("signed", "dateline", "salute", "p", "list", "address", "seg"):
            if lines:
                w.newline()
            write_inline(w, node, col)
            lines += 1
            pending_inline = False
        else:
            if lines and not pending_inline:
                w.newline()
            write_inline(w, node, col)
            pending_inline = True
            lines += 1
    col.zone = was


def _children_with_text(el: etree._Element) -> Iterator[str | etree._Element]:
    if el.text:
        yield el.text
    for child in el:
        yield child
        if child.tail:
            yield child.tail


def write_blocks(w: TextBuilder, parent: etree._Element, col: Collect, first_block: bool,
                  skip: set[int]) -> bool:
    """Write the block children of ``parent`` separated by blank lines; returns whether any was written."""
    wrote = not first_block
    for child in parent:
        if not isinstance(child.tag, str) or id(child) in skip:
            continue
        name = local(child)
        if name in SKIP:
            continue
        if name in ("div", "attachment"):
            was = col.in_attachment
            col.in_attachment = True
            wrote = write_blocks(w, child, col, not wrote, skip) or wrote
            col.in_attachment = was
            continue
        mark = w.pos
        if wrote:
            w.newline()
            w.newline()
        if _block_lines(w, child, col):
            wrote = True
        else:
            truncate(w, mark)
    return wrote


def truncate(w: TextBuilder, pos: int) -> None:
    text = w.text()[:pos]
    w.parts = [text] if text else []
    w.pos = pos

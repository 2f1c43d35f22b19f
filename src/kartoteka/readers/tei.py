"""TEI import: TEI P5 XML to Documents, refusing hostile XML, keeping editors' annotations.

Two shapes come in. A FRUS-style volume (one ``div type="document"`` per document) becomes one
Document per document, its text laid out as the frus-dev plain texts are (title line, dateline,
blank line, body blocks, closers, then the source note), together with what the editors marked
(dateline date and place, heading from/to, signatures, linked person names, the persons list)
as offsets into that text: authority data and gold. Any other TEI file becomes one Document
from the text of its ``<body>`` (all text nodes, exactly, as kartoteka's own export writes it)
with its header's title, and the annotations found inline.

XML is parsed without entity expansion, DTD loading or network access; a document that declares
entities or an external DTD, or that is larger than the limit, is refused with an XmlError.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from lxml import etree

from kartoteka.errors import Location, XmlError
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    Certainty,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Entity,
    Level,
    LinkDecision,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Place,
    Precision,
    Record,
    Reference,
    ReferenceKind,
    Span,
)
from kartoteka.readers.files import read_raw

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
ENTITY_ID_TYPE = "kartoteka-entity"  # the idno type kartoteka's TEI export gives an entity's own id

_NUMBER_PREFIX = re.compile(r"^\s*\d+[A-Za-z]?\.\s+")
_ISO_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
_WORDS = re.compile(r"(\s*)(\S*)")
# The frus-dev texts close up a line break (not a space) after an opening quote and before a question mark.
_NO_SPACE_AFTER = ("‘", "“")
_NO_SPACE_BEFORE = ("?",)


def _joined(parts: Iterable[str | bytes] | Iterable[str]) -> str:
    """Text pieces of lxml's itertext (typed str | bytes, always str for parsed XML) as one string."""
    return "".join(p if isinstance(p, str) else p.decode("utf-8") for p in parts)


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# ------------------------------------------------------------------ safe parsing


def parse_xml(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """The root element of ``data``, or :class:`XmlError` for malformed or hostile XML."""
    loc = Location(path)
    if len(data) > max_bytes:
        raise XmlError(f"XML file too large ({len(data)} bytes)", location=loc,
                       expected=f"at most {max_bytes} bytes")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise XmlError(f"malformed XML: {exc.msg}", location=Location(path, line),
                       expected="well-formed XML") from None
    docinfo: Any = root.getroottree().docinfo
    dtd: Any = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XmlError("XML declares entities (possible entity expansion or external entity attack)",
                       location=loc, expected="XML without <!ENTITY> declarations")
    if docinfo.system_url or docinfo.public_id:
        raise XmlError("XML refers to an external DTD", location=loc,
                       expected="XML without an external DOCTYPE")
    for el in root.iter():
        if isinstance(el, etree._Entity):
            raise XmlError(f"XML uses an undeclared entity &{el.name};", location=loc,
                           expected="XML without entity references")
    return root


# ------------------------------------------------------------------ imported values


@dataclass(frozen=True, slots=True)
class LinkedName:
    """A name the editors marked in the text: its span, the authority id it links to, where it is."""

    span: Span
    person_id: str | None
    zone: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class HeadingAgent:
    """A sender or recipient marked in the heading (``type="from"`` / ``"to"``)."""

    span: Span
    element: str
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Signature:
    span: Span
    person_ids: tuple[str, ...] = ()
    in_attachment: bool = False


@dataclass(frozen=True, slots=True)
class AuthorityPerson:
    """One entry of a TEI persons list: id, name as listed, identification, linked ids."""

    id: str
    name: str
    identification: str = ""
    see_also: tuple[str, ...] = ()

    @property
    def name_direct_order(self) -> str:
        if "," not in self.name:
            return self.name
        last, first = self.name.split(",", 1)
        return f"{first.strip()} {last.strip()}"


@dataclass(frozen=True, slots=True)
class Annotations:
    """What the editors marked in one document, as offsets into the imported text."""

    doc_id: str
    title: Span | None = None
    dateline: Span | None = None
    date: Span | None = None
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    place: Span | None = None
    senders: tuple[HeadingAgent, ...] = ()
    recipients: tuple[HeadingAgent, ...] = ()
    signatories: tuple[Signature, ...] = ()
    source_notes: tuple[Span, ...] = ()
    persons: tuple[LinkedName, ...] = ()
    opener: tuple[Span, ...] = ()  # lines of a 1940s opener after the dateline (the classification)


@dataclass(frozen=True, slots=True)
class Inline:
    """Annotations found inline in a TEI body (as kartoteka's export writes them), by offsets."""

    mentions: tuple[Mention, ...] = ()
    marks: tuple[Mark, ...] = ()
    dates: tuple[DateValue, ...] = ()
    references: tuple[Reference, ...] = ()
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class TeiDocument:
    """An imported document: its text, the editors' annotations, inline annotations, and, for a file
    kartoteka's own export wrote, the whole record it was written from."""

    document: Document
    annotations: Annotations
    inline: Inline = Inline()
    record: Record | None = None


@dataclass(frozen=True, slots=True)
class TeiImport:
    """A TEI file's documents, with its volume id and title and its persons list."""

    path: str
    volume_id: str
    title: str
    documents: tuple[TeiDocument, ...]
    persons: tuple[AuthorityPerson, ...] = ()
    is_volume: bool = False


# ------------------------------------------------------------------ text layout with offsets


@dataclass
class _Writer:
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
        return _joined(self.parts)


@dataclass
class _Collect:
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


_SKIP = {"note", "pb", "figure", "graphic", "fw", "milestone", "anchor"}


def _corresp_id(el: etree._Element) -> str | None:
    raw = el.get("corresp") or el.get("ref") or ""
    raw = raw.strip()
    if not raw:
        return None
    return raw.split("#", 1)[-1].split()[0] if raw else None


def _inline(w: _Writer, el: etree._Element, col: _Collect, upper: bool = False) -> None:
    """Write an element's inline content (text, phrase elements) and record marked spans."""
    name = _local(el)
    if name in _SKIP or not isinstance(el.tag, str):
        return
    if name == "lb":
        w.break_line()
        return
    up = upper or (name == "hi" and "smallcaps" in (el.get("rend") or "") and _joined(el.itertext()).islower())
    if name == "list" and w.parts:
        _inline_list(w, el, col)
        return
    box = w.start_box()
    role = el.get("type") if el.get("type") in ("from", "to") else None
    if role and col.zone == "title":
        col.role = role
    w.word_run(el.text or "", up)
    for child in el:
        if isinstance(child.tag, str):
            _inline(w, child, col, up)
        w.word_run(child.tail or "", up)
    col.ends[id(box)] = w.pos
    if w.waiting and box in w.waiting:
        w.waiting.remove(box)
        box[0] = w.pos
    if name == "persName":
        col.persons.append((box, _corresp_id(el), col.zone, role or (col.role if col.zone == "title" else None), el))
    elif name == "date":
        col.dates.append((box, el))
    elif name == "placeName":
        col.places.append(box)
    elif name == "signed":
        col.signatures.append((box, el, col.in_attachment))
    if role and col.zone == "title" and name in ("persName", "gloss", "orgName", "name", "rs"):
        target = col.senders if role == "from" else col.recipients
        target.append((box, name, _corresp_id(el) if name == "persName" else None))
    if role and col.zone == "title":
        col.role = None


def _inline_list(w: _Writer, el: etree._Element, col: _Collect) -> None:
    """A list inside a paragraph: its head and each item on a line of their own, a label before its item."""
    w.word_run(el.text or "")
    after_label = False
    for child in el:
        if isinstance(child.tag, str) and _local(child) not in _SKIP:
            if not after_label:
                w.break_line()
            _inline(w, child, col)
            after_label = _local(child) == "label"
            if after_label:
                w.pending_space = True
        w.word_run(child.tail or "")
    w.break_line()


def _block_lines(w: _Writer, el: etree._Element, col: _Collect) -> bool:
    """Write one block element; returns whether it wrote anything."""
    name = _local(el)
    start = w.pos
    if name == "list":
        after_label = False
        for child in el:
            cname = _local(child)
            if cname not in ("head", "item", "label"):
                continue
            before = w.pos
            if after_label:
                w.pending_space = True  # a label and its item share a line
            elif w.pos > start:
                w.newline()
            mark = w.pos
            _inline(w, child, col)
            if w.pos == mark:
                _truncate(w, before)  # an empty item leaves no line behind
                continue
            after_label = cname == "label"
    elif name == "table":
        for row in el:
            if _local(row) != "row":
                continue
            if w.pos > start:
                w.newline()
            cells = 0
            for cell in row:
                if _local(cell) != "cell":
                    continue
                mark = w.pos
                if cells:
                    w._raw(" | ")
                    w.fresh = True
                before = w.pos
                _inline(w, cell, col)
                if w.pos == before:
                    _truncate(w, mark)  # an empty cell leaves no separator behind
                    w.fresh = False
                    continue
                cells += 1
    elif name in ("closer", "opener"):
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
            cname = _local(node)
            if cname in _SKIP:
                continue
            if cname == "lb":
                pending_inline = False
                continue
            if cname in ("signed", "dateline", "salute", "p", "list", "address", "seg"):
                if lines:
                    w.newline()
                _inline(w, node, col)
                lines += 1
                pending_inline = False
            else:
                if lines and not pending_inline:
                    w.newline()
                _inline(w, node, col)
                pending_inline = True
                lines += 1
        col.zone = was
    else:
        _inline(w, el, col)
    written = w.text()
    end = w.pos
    while end > start and written[end - 1] == "\n":
        end -= 1
    if end < w.pos:
        _truncate(w, end)
    return w.pos > start


def _children_with_text(el: etree._Element) -> Iterator[str | etree._Element]:
    if el.text:
        yield el.text
    for child in el:
        yield child
        if child.tail:
            yield child.tail


def _write_blocks(w: _Writer, parent: etree._Element, col: _Collect, first_block: bool,
                  skip: set[int]) -> bool:
    """Write the block children of ``parent`` separated by blank lines; returns whether any was written."""
    wrote = not first_block
    for child in parent:
        if not isinstance(child.tag, str) or id(child) in skip:
            continue
        name = _local(child)
        if name in _SKIP:
            continue
        if name in ("div", "attachment"):
            was = col.in_attachment
            col.in_attachment = True
            wrote = _write_blocks(w, child, col, not wrote, skip) or wrote
            col.in_attachment = was
            continue
        mark = w.pos
        if wrote:
            w.newline()
            w.newline()
        if _block_lines(w, child, col):
            wrote = True
        else:
            _truncate(w, mark)
    return wrote


def _truncate(w: _Writer, pos: int) -> None:
    text = w.text()[:pos]
    w.parts = [text] if text else []
    w.pos = pos


# ------------------------------------------------------------------ FRUS documents


def _frus_document(div: etree._Element, volume_id: str) -> TeiDocument:
    doc_id = div.get(XML_ID) or div.get("n") or "doc"
    w = _Writer()
    col = _Collect()
    skip: set[int] = set()
    head = next((c for c in div if _local(c) == "head"), None)
    source_notes = [n for n in div.iter(f"{{{TEI_NS}}}note") if n.get("type") == "source"]
    title_box: list[int] | None = None
    if head is not None:
        skip.add(id(head))
        col.zone = "title"
        title_box = w.start_box()
        first = head.text or ""
        w.word_run(_NUMBER_PREFIX.sub("", first, count=1) if first.strip() else first)
        for child in head:
            if isinstance(child.tag, str):
                _inline(w, child, col)
            tail = child.tail or ""
            if not w.parts and tail.strip():
                tail = _NUMBER_PREFIX.sub("", tail, count=1)
            w.word_run(tail)
        col.ends[id(title_box)] = w.pos
        if title_box in w.waiting:
            w.waiting.remove(title_box)
            title_box[0] = w.pos
        col.zone = "body"
    # 1940s volumes put the dateline in an <opener> with the classification line ("SECRET US URGENT")
    opener = next((c for c in div if _local(c) == "opener"), None)
    dateline = next((c for c in div if _local(c) == "dateline"), None)
    if dateline is None and opener is not None:
        dateline = next((c for c in opener if _local(c) == "dateline"), None)
    dateline_box: list[int] | None = None
    n_dates, n_places = 0, 0
    if dateline is not None:
        skip.add(id(dateline))
        if w.pos:
            w.newline()
        dateline_box = w.start_box()
        n_dates, n_places = len(col.dates), len(col.places)
        _inline(w, dateline, col)
    main_dates = col.dates[n_dates:]
    main_places = col.places[n_places:]
    opener_spans: list[Span] = []
    if opener is not None and dateline is not None and dateline.getparent() is opener:
        skip.add(id(opener))
        for child in opener:
            if not isinstance(child.tag, str) or child is dateline or _local(child) in _SKIP:
                continue
            mark = w.pos
            if w.pos:
                w.newline()
            start = w.pos
            _inline(w, child, col)
            if w.pos == start:
                _truncate(w, mark)
            else:
                opener_spans.append(Span(start, w.pos, w.text()[start:w.pos]))
    col.zone = "body"
    wrote = _write_blocks(w, div, col, w.pos == 0, skip)
    notes_written: list[list[int]] = []
    for note in source_notes:
        col.zone = "source_note"
        if wrote or w.pos:
            w.newline()
            w.newline()
        box = w.start_box()
        _inline_note(w, note, col)
        col.ends[id(box)] = w.pos
        notes_written.append(box)
        wrote = True
    text = w.text()
    if not text.endswith("\n"):
        text += "\n"

    def span(box: list[int] | None) -> Span | None:
        if box is None:
            return None
        end = col.ends.get(id(box), box[0])
        return Span(box[0], end, text[box[0]:end])

    date_el = main_dates[0][1] if main_dates else None
    ann = Annotations(
        doc_id=doc_id,
        title=span(title_box),
        dateline=Span(dateline_box[0], _line_end(text, dateline_box[0]),
                      text[dateline_box[0]:_line_end(text, dateline_box[0])]) if dateline_box else None,
        date=span(main_dates[0][0]) if main_dates else None,
        when=date_el.get("when") if date_el is not None else None,
        not_before=(date_el.get("notBefore") or date_el.get("from")) if date_el is not None else None,
        not_after=(date_el.get("notAfter") or date_el.get("to")) if date_el is not None else None,
        place=span(main_places[0]) if main_places else None,
        senders=tuple(HeadingAgent(s, el, pid) for b, el, pid in col.senders if (s := span(b)) is not None),
        recipients=tuple(HeadingAgent(s, el, pid) for b, el, pid in col.recipients if (s := span(b)) is not None),
        signatories=tuple(
            Signature(s, _linked_ids(sig), att)
            for b, sig, att in col.signatures if (s := span(b)) is not None
        ),
        source_notes=tuple(s for b in notes_written if (s := span(b)) is not None),
        opener=tuple(opener_spans),
        persons=tuple(
            LinkedName(s, pid, zone, role)
            for b, pid, zone, role, _ in col.persons if (s := span(b)) is not None and s.text
        ),
    )
    data = text.encode("utf-8")
    doc = Document.from_text(text, path=f"{volume_id}/{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest(),
                             fmt="tei")
    return TeiDocument(doc, ann)


def _linked_ids(el: etree._Element) -> tuple[str, ...]:
    """Distinct person ids linked inside ``el``, footnotes left out."""
    out: list[str] = []
    for p in el.iter(f"{{{TEI_NS}}}persName"):
        if any(_local(a) == "note" for a in p.iterancestors()):
            continue
        pid = _corresp_id(p)
        if pid and pid not in out:
            out.append(pid)
    return tuple(out)


def _converted(div: etree._Element, volume_id: str, path: str) -> TeiDocument:
    """One document div, or an XmlError naming its line when its markup cannot be laid out."""
    try:
        return _frus_document(div, volume_id)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        line = div.sourceline if isinstance(div.sourceline, int) else None
        raise XmlError(f"cannot read document {div.get(XML_ID) or div.get('n') or '?'}: {exc}",
                       location=Location(path, line), expected="a FRUS-style document div") from None


def _inline_note(w: _Writer, note: etree._Element, col: _Collect) -> None:
    """A source note is written as text, its own nested notes left out."""
    w.word_run(note.text or "")
    for child in note:
        if isinstance(child.tag, str) and _local(child) == "p":
            w.newline()
        if isinstance(child.tag, str) and _local(child) != "note":
            _inline(w, child, col)
        w.word_run(child.tail or "")


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _text_without_notes(el: etree._Element) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and _local(child) != "note":
            yield from _text_without_notes(child)
        if child.tail:
            yield child.tail


def _persons_list(root: etree._Element) -> tuple[AuthorityPerson, ...]:
    """The volume's persons list: FRUS keeps it as a ``div xml:id="persons"`` of ``item``s."""
    out: list[AuthorityPerson] = []
    seen: set[str] = set()
    for el in root.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}person"):
        pid = el.get(XML_ID)
        if not pid or pid in seen:
            continue
        seen.add(pid)
        if _local(el) == "person":
            names = [n for n in el.iter(f"{{{TEI_NS}}}persName")]
            name = " ".join(_joined(names[0].itertext()).split()) if names else pid
            ident = " ".join(_joined(n.itertext()) for n in el.iter(f"{{{TEI_NS}}}note")).strip()
            out.append(AuthorityPerson(pid, name, " ".join(ident.split())))
            continue
        name = " ".join(_joined(el.itertext()).split()).rstrip(",")
        item = next((a for a in el.iterancestors() if _local(a) in ("item", "p", "entry")), None)
        ident = ""
        see: list[str] = []
        if item is not None:
            full = " ".join(_joined(_text_without_notes(item)).split())
            at = full.find(name)
            ident = full[at + len(name):].lstrip(" ,").strip() if at >= 0 else ""
            for other in item.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}ref"):
                target = _corresp_id(other) if _local(other) == "persName" else (other.get("target") or "").lstrip("#")
                if other is not el and target and target != pid and target not in see:
                    see.append(target)
        out.append(AuthorityPerson(pid, name, ident, tuple(see)))
    return tuple(out)


# ------------------------------------------------------------------ other TEI: body text and inline marks

_MARK_OF_TAG = {"supplied": MarkKind.SUPPLIED, "foreign": MarkKind.FOREIGN, "sic": MarkKind.SIC,
                "gloss": MarkKind.GLOSS}
_KIND_OF_NAME = {"persName": MentionKind.PERSON, "placeName": MentionKind.PLACE, "orgName": MentionKind.ORGANIZATION}


def _preserved_text(body: etree._Element) -> tuple[str, list[tuple[etree._Element, int, int]]]:
    """Every text node under ``body`` exactly, and each element's offsets in that text."""
    parts: list[str] = []
    pos = 0
    where: list[tuple[etree._Element, int, int]] = []

    def walk(el: etree._Element) -> None:
        nonlocal pos
        start = pos
        if _local(el) == "g" and el.get("type") == "control":
            n = el.get("n") or "U+FFFD"
            code = int(n[2:], 16) if re.fullmatch(r"U\+[0-9A-Fa-f]{1,6}", n) else 0xFFFD
            ch = chr(code) if code <= 0x10FFFF else "\ufffd"
            parts.append(ch)
            pos += 1
        elif el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        where.append((el, start, pos))

    walk(body)
    return _joined(parts), where


def _date_of(attrs: dict[str, str], span: Span) -> DateValue | None:
    when = attrs.get("when") or ""
    nb, na = attrs.get("notBefore") or attrs.get("from") or "", attrs.get("notAfter") or attrs.get("to") or ""
    iso = when or attrs.get("when-custom") or nb
    if not _ISO_DATE.match(iso) or (nb and not _ISO_DATE.match(nb)) or (na and not _ISO_DATE.match(na)):
        return None  # a date kartoteka's model cannot hold (a time, a BCE year): left out
    try:
        precision = Precision(attrs.get("type") or "")
    except ValueError:
        precision = {10: Precision.DAY, 7: Precision.MONTH, 4: Precision.YEAR}.get(len(iso), Precision.DAY)
    if not nb:
        nb = iso if len(iso) == 10 else (iso + "-01-01")[:10] if len(iso) == 4 else iso + "-01"
    if not na:
        na = iso if len(iso) == 10 else _last_day(iso)
    cert = Certainty.LOW if attrs.get("cert") == "low" else Certainty.HIGH
    return DateValue(span, iso, precision, nb, na, cert)


def _last_day(iso: str) -> str:
    import calendar

    if len(iso) == 4:
        return iso + "-12-31"
    y, m = int(iso[:4]), int(iso[5:7])
    return f"{iso}-{calendar.monthrange(y, m)[1]:02d}"


def _entities_of(root: etree._Element) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Entities of the standOff lists, and each list entry's xml:id mapped to the entity id."""
    out: list[tuple[int, Entity]] = []  # (place in the exported record's list, entity)
    ids: dict[str, str] = {}
    kinds = {"person": MentionKind.PERSON, "place": MentionKind.PLACE, "org": MentionKind.ORGANIZATION}
    for el in root.iter(f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}place", f"{{{TEI_NS}}}org"):
        xid = el.get(XML_ID)
        if not xid:
            continue
        if el.get("ana") == "#unlisted" or any(_local(c) == "note" and c.get("type") == "unlisted" for c in el):
            ids[xid] = next(((c.text or "").strip() for c in el if _local(c) == "idno"
                             and c.get("type") == ENTITY_ID_TYPE), xid)
            continue
        kind = kinds[_local(el)]
        if kind is MentionKind.ORGANIZATION and el.get("type") == "group":
            kind = MentionKind.GROUP
        names = [c for c in el if _local(c) in ("persName", "placeName", "orgName")]
        ours = any(n.get("type") == "preferred" for n in names)  # kartoteka's export: names kept as they are
        texts = [_joined(n.itertext()) if ours else " ".join(_joined(n.itertext()).split()) for n in names]
        preferred = next((t for n, t in zip(names, texts, strict=True) if n.get("type") == "preferred"),
                         texts[0] if texts else xid)
        eid = xid
        authority: list[tuple[str, str]] = []
        for idno in (c for c in el if _local(c) == "idno"):
            value = (idno.text or "").strip()
            if idno.get("type") == ENTITY_ID_TYPE:
                eid = value
            elif value:
                authority.append((idno.get("type") or "id", value))
        lat = lon = None
        geo = el.find(f"{{{TEI_NS}}}location/{{{TEI_NS}}}geo")
        if geo is not None and geo.text and len(geo.text.split()) == 2:
            try:
                lat, lon = (float(x) for x in geo.text.split())
            except ValueError:
                lat = lon = None
        note = next((c for c in el if _local(c) == "note" and not c.get("type")), None)
        desc = (_joined(note.itertext()) if ours else " ".join(_joined(note.itertext()).split())) \
            if note is not None else None
        links = []
        for c in el:
            if _local(c) == "note" and c.get("type") == "link":
                try:
                    score = float(c.get("n") or "")
                except ValueError:
                    continue
                links.append(LinkDecision(c.text or "", score, c.get("subtype") or ""))
        variants = [t for n, t in zip(names, texts, strict=True) if n.get("type") == "variant"]
        if not ours:
            variants = texts  # a list entry from elsewhere: every name is a variant
        n = el.get("n") or ""
        out.append((int(n) if n.isdigit() else len(out),
                    Entity(eid, kind, preferred, tuple(dict.fromkeys(variants)), desc, tuple(authority), lat, lon,
                           tuple(links))))
        ids[xid] = eid
    return tuple(e for _, e in sorted(out, key=lambda pair: pair[0])), ids


def _body_document(root: etree._Element, data: bytes, path: str) -> TeiDocument:
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if body is None:
        raise XmlError("TEI file has no <text><body>", location=Location(path), expected="a TEI text body")
    preserved = any(e.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for e in body.iter())
    if not preserved:
        w = _Writer()
        col = _Collect()
        _write_blocks(w, body, col, True, set())
        text = w.text() + "\n"
        doc = Document.from_text(text, path=path, sha256=hashlib.sha256(data).hexdigest(), fmt="tei")
        return TeiDocument(doc, Annotations(doc_id=_base(path)))
    text, where = _preserved_text(body)
    entities, ids = _entities_of(root)
    mentions: list[Mention] = []
    marks: list[Mark] = []
    dates: list[DateValue] = []
    refs: list[Reference] = []
    titles: dict[str, Span] = {}  # "start-end" of the name -> its title
    order: dict[int, int] = {}  # id(item) -> its index in the exported record's list

    def keep(item: Any, index: str | None) -> None:
        if index is not None and index.isdigit():
            order[id(item)] = int(index)

    for el, start, end in where:
        name = _local(el)
        span = Span(start, end, text[start:end])
        n_attr = el.get("n")
        if name == "roleName" and re.fullmatch(r"\d+-\d+", el.get("n") or ""):
            titles[(el.get("n") or "")] = span
        elif name in _KIND_OF_NAME:
            kind = _KIND_OF_NAME[name]
            if name == "orgName" and el.get("type") == "group":
                kind = MentionKind.GROUP
            ref = (el.get("ref") or "").lstrip("#")
            mentions.append(Mention(span, kind, ids.get(ref), method=el.get("subtype") or ""))
            keep(mentions[-1], n_attr)
        elif name in _MARK_OF_TAG:
            lang = el.get("{http://www.w3.org/XML/1998/namespace}lang") if name == "foreign" else None
            marks.append(Mark(span, _MARK_OF_TAG[name], _inside_brackets(span.text), lang))
            keep(marks[-1], n_attr)
        elif name == "gap":
            mkind = MarkKind.ILLEGIBLE if el.get("reason") == "illegible" else MarkKind.REDACTION
            marks.append(Mark(span, mkind, _inside_brackets(span.text)))
            keep(marks[-1], n_attr)
        elif name == "note":
            mkind = MarkKind.SIGNED if el.get("type") == "signed" else MarkKind.NOTE
            marks.append(Mark(span, mkind, _inside_brackets(span.text)))
            keep(marks[-1], n_attr)
        elif name == "date":
            d = _date_of({k: v for k, v in el.attrib.items() if isinstance(k, str) and isinstance(v, str)}, span)
            if d is not None:
                dates.append(d)
                keep(d, n_attr)
        elif name == "idno":
            try:
                rkind = ReferenceKind(el.get("type") or "other")
            except ValueError:
                rkind = ReferenceKind.OTHER
            refs.append(Reference(span, rkind))
            keep(refs[-1], n_attr)
    for el in root.iterfind(f".//{{{TEI_NS}}}standOff/{{{TEI_NS}}}spanGrp/{{{TEI_NS}}}span"):
        crossing = _crossing(el, text, ids)
        tokens = dict(kv.split("=", 1) for kv in (el.text or "").split() if "=" in kv)
        if crossing is not None and not isinstance(crossing, tuple):
            keep(crossing, tokens.get("i"))
        if isinstance(crossing, Mention):
            mentions.append(crossing)
        elif isinstance(crossing, Mark):
            marks.append(crossing)
        elif isinstance(crossing, Reference):
            refs.append(crossing)
        elif isinstance(crossing, DateValue):
            dates.append(crossing)
        elif isinstance(crossing, tuple):
            titles[crossing[0]] = crossing[1]
    with_titles = []
    for m in mentions:
        title = titles.get(f"{m.span.start}-{m.span.end}")
        with_titles.append(Mention(m.span, m.kind, m.entity, title, m.method) if title else m)
    sha = _source_sha(root) or hashlib.sha256(text.encode("utf-8")).hexdigest()
    src_path = _source_path(root) or path
    encoding = _source_idno(root, "encoding") or "utf-8"
    doc = Document.from_text(text, path=src_path, sha256=sha, fmt="tei", encoding=encoding)
    for m_old, m_new in zip(mentions, with_titles, strict=True):
        if id(m_old) in order:
            order[id(m_new)] = order[id(m_old)]

    def order_key(x: Any) -> tuple[int, int, int]:
        # the exported record's order where it is known, else the order of the text
        return (order.get(id(x), -1), x.span.start, -x.span.end)

    inline = Inline(tuple(sorted(with_titles, key=order_key)), tuple(sorted(marks, key=order_key)),
                    tuple(sorted(dates, key=order_key)), tuple(sorted(refs, key=order_key)), entities)
    record = _record_of(root, doc, inline, ids) if _source_path(root) is not None else None
    return TeiDocument(doc, Annotations(doc_id=_base(path)), inline, record)


def _span_at(el: etree._Element | None, text: str) -> Span | None:
    """The span a header element of kartoteka's export names in ``n="start-end"``."""
    if el is None:
        return None
    m = re.fullmatch(r"(\d+)-(\d+)", el.get("n") or "")
    if not m or int(m.group(2)) > len(text) or int(m.group(1)) > int(m.group(2)):
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return Span(start, end, text[start:end])


def _agent_of(el: etree._Element, text: str, ids: dict[str, str]) -> Agent | None:
    span = _span_at(el, text)
    if span is None:
        return None
    kind = AgentKind.PERSON if _local(el) == "persName" else (
        AgentKind.OFFICE if el.get("type") == "office" else AgentKind.ORGANIZATION)
    roles = {r.get("type"): _span_at(r, text) for r in el if _local(r) == "roleName"}
    return Agent(span, kind, ids.get((el.get("ref") or "").lstrip("#")), roles.get("office"), roles.get("rank"))


def _agents_in(el: etree._Element, text: str, ids: dict[str, str]) -> tuple[Agent, ...]:
    return tuple(a for c in el if _local(c) in ("persName", "orgName")
                 if (a := _agent_of(c, text, ids)) is not None)


def _header_date(el: etree._Element | None, text: str) -> DateValue | None:
    span = _span_at(el, text)
    if el is None or span is None:
        return None
    return _date_of({k: v for k, v in el.attrib.items() if isinstance(k, str) and isinstance(v, str)}, span)


def _record_of(root: etree._Element, doc: Document, inline: Inline, ids: dict[str, str]) -> Record:
    """The record a kartoteka TEI export was written from, read back from its header and body."""
    text = doc.text

    def find(xpath: str) -> etree._Element | None:
        found = root.find(xpath.replace("t:", f"{{{TEI_NS}}}"))
        return found

    place_el = find("t:teiHeader/t:profileDesc/t:creation/t:placeName")
    place_span = _span_at(place_el, text)
    place = None
    if place_el is not None and place_span is not None:
        place = Place(place_span, ids.get((place_el.get("ref") or "").lstrip("#")))
    classification = None
    cl_span = _span_at(find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl/t:note[@type='classification']"), text)
    if cl_span is not None:
        terms = root.findall(f".//{{{TEI_NS}}}keywords[@scheme='#classification']/{{{TEI_NS}}}term")
        level_text = next((t.text or "" for t in terms if t.get("type") == "level"), None)
        try:
            level = Level(level_text) if level_text else None
        except ValueError:
            level = None
        classification = Classification(cl_span, level,
                                         tuple(t.text or "" for t in terms if t.get("type") == "caveat"))
    groups: dict[str, tuple[Agent, ...]] = {}
    for p in root.iterfind(f".//{{{TEI_NS}}}particDesc/{{{TEI_NS}}}p"):
        groups[p.get("n") or ""] = _agents_in(p, text, ids)
    chain: list[ChainStep] = []
    desc = find("t:teiHeader/t:profileDesc/t:correspDesc")
    if desc is not None and desc.get("type") == "chain":
        for act in desc:
            if _local(act) != "correspAction":
                continue
            try:
                action = Action(act.get("type") or "")
            except ValueError:
                continue
            place_step = next((c for c in act if _local(c) == "placeName"), None)
            date_step = next((c for c in act if _local(c) == "date"), None)
            chain.append(ChainStep(action, _agents_in(act, text, ids), _header_date(date_step, text),
                                   _span_at(place_step, text)))
    return Record(
        source=doc.source, document=doc,
        title=_span_at(find("t:teiHeader/t:fileDesc/t:titleStmt/t:title"), text),
        date=_header_date(find("t:teiHeader/t:profileDesc/t:creation/t:date"), text),
        place=place,
        senders=groups.get("senders", ()), recipients=groups.get("recipients", ()),
        signatories=groups.get("signatories", ()), chain=tuple(chain), classification=classification,
        references=inline.references,
        summary=_span_at(find("t:teiHeader/t:profileDesc/t:abstract/t:p"), text),
        marks=inline.marks, dates=inline.dates, mentions=inline.mentions, entities=inline.entities,
    )


def _crossing(
    el: etree._Element, text: str, ids: dict[str, str]
) -> Mention | Mark | Reference | DateValue | tuple[str, Span] | None:
    """An annotation kept in standOff because it crosses another (``n`` holds its offsets)."""
    m = re.fullmatch(r"(\d+)-(\d+)", el.get("n") or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    if not 0 <= start <= end <= len(text):
        return None
    span = Span(start, end, text[start:end])
    # the element's attributes as "key=value" words (%-quoted); older exports kept the type in @ana
    attrs = {unquote(k): unquote(v) for k, v in (kv.split("=", 1) for kv in (el.text or "").split() if "=" in kv)}
    tag = el.get("type") or ""
    ana = attrs.get("type") or attrs.get("reason") or (el.get("ana") or "").lstrip("#")
    if tag in _KIND_OF_NAME:
        kind = MentionKind.GROUP if ana == "group" else _KIND_OF_NAME[tag]
        return Mention(span, kind, ids.get((el.get("corresp") or el.get("target") or "").lstrip("#")),
                       method=attrs.get("subtype") or el.get("source") or "")
    if tag in _MARK_OF_TAG:
        return Mark(span, _MARK_OF_TAG[tag], _inside_brackets(span.text),
                    el.get("{http://www.w3.org/XML/1998/namespace}lang"))
    if tag == "gap":
        return Mark(span, MarkKind.ILLEGIBLE if ana == "illegible" else MarkKind.REDACTION,
                    _inside_brackets(span.text))
    if tag == "note":
        return Mark(span, MarkKind.SIGNED if ana == "signed" else MarkKind.NOTE, _inside_brackets(span.text))
    if tag == "idno":
        try:
            return Reference(span, ReferenceKind(ana or "other"))
        except ValueError:
            return Reference(span, ReferenceKind.OTHER)
    if tag == "date":
        return _date_of(attrs, span)
    if tag == "roleName" and "n" in attrs:
        return (attrs["n"], span)
    return None


def _inside_brackets(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] in "[(" and s[-1] in "])":
        return s[1:-1].strip()
    return s


def _base(path: str) -> str:
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def _source_idno(root: etree._Element, kind: str) -> str | None:
    for idno in root.iterfind(f".//{{{TEI_NS}}}sourceDesc/{{{TEI_NS}}}bibl/{{{TEI_NS}}}idno"):
        if idno.get("type") == kind and (idno.text or "").strip():
            return (idno.text or "").strip()
    return None


def _source_sha(root: etree._Element) -> str | None:
    return _source_idno(root, "sha256")


def _source_path(root: etree._Element) -> str | None:
    return _source_idno(root, "path")


# ------------------------------------------------------------------ entry points


def _title_of(root: etree._Element) -> str:
    for t in root.iter(f"{{{TEI_NS}}}title"):
        parent = t.getparent()
        if parent is not None and _local(parent) == "titleStmt":
            return " ".join(_joined(t.itertext()).split())
    return ""


def _volume_id(root: etree._Element, path: str) -> str:
    for idno in root.iter(f"{{{TEI_NS}}}idno"):
        if idno.get("type") == "frus" and (idno.text or "").strip():
            return (idno.text or "").strip()
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def read_tei(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TeiImport:
    """A TEI file's bytes as imported documents (a FRUS volume: one per document div)."""
    root = parse_xml(data, path, max_bytes)
    if _local(root) not in ("TEI", "teiCorpus") or root.nsmap.get(root.prefix) != TEI_NS:
        raise XmlError(f"not a TEI document (root element <{_local(root) or root.tag}>)", location=Location(path),
                       expected="a TEI P5 <TEI> root in the TEI namespace")
    volume_id = _volume_id(root, path)
    divs = [d for d in root.iter(f"{{{TEI_NS}}}div") if d.get("type") == "document"]
    if divs:
        docs = tuple(_converted(d, volume_id, path) for d in divs)
        return TeiImport(path, volume_id, _title_of(root), docs, _persons_list(root), True)
    return TeiImport(path, volume_id, _title_of(root), (_body_document(root, data, path),))


def read_tei_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TeiImport:
    """Read a TEI file from disk (the file-system edge), refusing one larger than ``max_bytes``."""
    return read_tei(read_raw(path, what="TEI file", max_bytes=max_bytes, error=XmlError), path, max_bytes)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Annotations",
    "AuthorityPerson",
    "HeadingAgent",
    "Inline",
    "LinkedName",
    "Signature",
    "TeiDocument",
    "TeiImport",
    "parse_xml",
    "read_tei",
    "read_tei_file",
]

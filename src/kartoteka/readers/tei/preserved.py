"""A TEI body whose text nodes are the source exactly (``xml:space="preserve"``, as kartoteka's
export writes it): the text, and every inline annotation by its offsets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from kartoteka.model import (
    DateValue,
    Document,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Reference,
    ReferenceKind,
    Span,
)
from kartoteka.readers.tei.record import base_name, record_of, source_idno, source_path, source_sha
from kartoteka.readers.tei.revisions import changes_of
from kartoteka.readers.tei.safexml import TEI_NS, joined, local
from kartoteka.readers.tei.standoff import (
    KIND_OF_NAME,
    MARK_OF_TAG,
    crossing_annotation,
    date_of,
    entities_of,
    inside_brackets,
)
from kartoteka.readers.tei.values import Annotations, Inline, TeiDocument


def preserved_text(body: etree._Element) -> tuple[str, list[tuple[etree._Element, int, int]]]:
    """Every text node under ``body`` exactly, and each element's offsets in that text."""
    parts: list[str] = []
    pos = 0
    where: list[tuple[etree._Element, int, int]] = []

    def walk(el: etree._Element) -> None:
        nonlocal pos
        start = pos
        if local(el) == "g" and el.get("type") == "control":
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
    return joined(parts), where


def is_preserved(body: etree._Element) -> bool:
    """Whether a body keeps its text exactly (``xml:space="preserve"`` on it or inside it)."""
    return any(e.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for e in body.iter())


@dataclass(slots=True)
class _Found:
    """The annotations of a preserved body as they are read, and the exported record's order of each
    (``order``: id(item) -> its index in the record's list)."""

    mentions: list[Mention] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    titles: dict[str, Span] = field(default_factory=dict)  # "start-end" of the name -> its title
    order: dict[int, int] = field(default_factory=dict)

    def keep(self, item: Any, index: str | None) -> None:
        if index is not None and index.isdigit():
            self.order[id(item)] = int(index)


def body_document(root: etree._Element, body: etree._Element, path: str) -> TeiDocument:
    """A preserved body's text and inline annotations, and for kartoteka's own export the record."""
    text, where = preserved_text(body)
    entities, ids = entities_of(root)
    found = _Found()
    _read_inline(found, where, text, ids)
    _read_crossing(found, root, text, ids)
    with_titles = []
    for m in found.mentions:
        title = found.titles.get(f"{m.span.start}-{m.span.end}")
        with_titles.append(Mention(m.span, m.kind, m.entity, title, m.method) if title else m)
    sha = source_sha(root) or hashlib.sha256(text.encode("utf-8")).hexdigest()
    src_path = source_path(root) or path
    encoding = source_idno(root, "encoding") or "utf-8"
    doc = Document.from_text(text, path=src_path, sha256=sha, fmt="tei", encoding=encoding)
    for m_old, m_new in zip(found.mentions, with_titles, strict=True):
        if id(m_old) in found.order:
            found.order[id(m_new)] = found.order[id(m_old)]

    def order_key(x: Any) -> tuple[int, int, int]:
        # the exported record's order where it is known, else the order of the text
        return (found.order.get(id(x), -1), x.span.start, -x.span.end)

    inline = Inline(tuple(sorted(with_titles, key=order_key)), tuple(sorted(found.marks, key=order_key)),
                    tuple(sorted(found.dates, key=order_key)), tuple(sorted(found.refs, key=order_key)), entities)
    record = record_of(root, doc, inline, ids) if source_path(root) is not None else None
    changes = changes_of(root, path) if record is not None else ()
    return TeiDocument(doc, Annotations(doc_id=base_name(path)), inline, record, changes=changes)



def _read_inline(found: _Found, where: list[tuple[etree._Element, int, int]], text: str, ids: dict[str, str]) -> None:
    """The annotations written as elements around their words."""
    for el, start, end in where:
        name = local(el)
        span = Span(start, end, text[start:end])
        n_attr = el.get("n")
        if name == "roleName" and re.fullmatch(r"\d+-\d+", el.get("n") or ""):
            found.titles[(el.get("n") or "")] = span
        elif name in KIND_OF_NAME:
            kind = KIND_OF_NAME[name]
            if name == "orgName" and el.get("type") == "group":
                kind = MentionKind.GROUP
            ref = (el.get("ref") or "").lstrip("#")
            found.mentions.append(Mention(span, kind, ids.get(ref), method=el.get("subtype") or ""))
            found.keep(found.mentions[-1], n_attr)
        elif name in MARK_OF_TAG:
            lang = el.get("{http://www.w3.org/XML/1998/namespace}lang") if name == "foreign" else None
            found.marks.append(Mark(span, MARK_OF_TAG[name], inside_brackets(span.text), lang))
            found.keep(found.marks[-1], n_attr)
        elif name == "gap":
            mkind = MarkKind.ILLEGIBLE if el.get("reason") == "illegible" else MarkKind.REDACTION
            found.marks.append(Mark(span, mkind, inside_brackets(span.text)))
            found.keep(found.marks[-1], n_attr)
        elif name == "note":
            mkind = MarkKind.SIGNED if el.get("type") == "signed" else MarkKind.NOTE
            found.marks.append(Mark(span, mkind, inside_brackets(span.text)))
            found.keep(found.marks[-1], n_attr)
        elif name == "date":
            d = date_of({k: v for k, v in el.attrib.items() if isinstance(k, str) and isinstance(v, str)}, span)
            if d is not None:
                found.dates.append(d)
                found.keep(d, n_attr)
        elif name == "idno":
            try:
                rkind = ReferenceKind(el.get("type") or "other")
            except ValueError:
                rkind = ReferenceKind.OTHER
            found.refs.append(Reference(span, rkind))
            found.keep(found.refs[-1], n_attr)


def _read_crossing(found: _Found, root: etree._Element, text: str, ids: dict[str, str]) -> None:
    """The annotations that cross the elements, written in the stand-off part by their offsets."""
    for el in root.iterfind(f".//{{{TEI_NS}}}standOff/{{{TEI_NS}}}spanGrp/{{{TEI_NS}}}span"):
        crossing = crossing_annotation(el, text, ids)
        tokens = dict(kv.split("=", 1) for kv in (el.text or "").split() if "=" in kv)
        if crossing is not None and not isinstance(crossing, tuple):
            found.keep(crossing, tokens.get("i"))
        if isinstance(crossing, Mention):
            found.mentions.append(crossing)
        elif isinstance(crossing, Mark):
            found.marks.append(crossing)
        elif isinstance(crossing, Reference):
            found.refs.append(crossing)
        elif isinstance(crossing, DateValue):
            found.dates.append(crossing)
        elif isinstance(crossing, tuple):
            found.titles[crossing[0]] = crossing[1]

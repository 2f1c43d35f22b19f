"""The TEI body: the source text in one ``<ab>``, its annotations wrapped around their spans where
they nest (those that cross another are left for the ``standOff``), and the text read back."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from kartoteka.export.tei_element import MENTION_TAG, XML_FORBIDDEN, XML_NS, date_attrs, tei_tag, xml_id
from kartoteka.model import Mark, MarkKind, Mention, Record


@dataclass(frozen=True, slots=True)
class InlineElement:
    """One element to wrap around ``[start, end)`` of the text; ``rank`` orders equal spans (outer first)."""

    start: int
    end: int
    rank: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    leaf: bool = False  # content that TEI does not allow to hold further elements
    index: int = -1  # the place in the record's list (written as n), so an importer keeps the order

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.start, -self.end, self.rank)


def _mark_inline(m: Mark) -> InlineElement:
    s, e = m.span.start, m.span.end
    match m.kind:
        case MarkKind.SUPPLIED:
            return InlineElement(s, e, 1, "supplied", ())
        case MarkKind.FOREIGN:
            attrs: list[tuple[str, str]] = []
            if m.lang:
                attrs.append((f"{{{XML_NS}}}lang", m.lang))
            return InlineElement(s, e, 1, "foreign", tuple(attrs))
        case MarkKind.SIC:
            return InlineElement(s, e, 1, "sic", ())
        case MarkKind.GLOSS:
            return InlineElement(s, e, 1, "gloss", ())
        case MarkKind.ILLEGIBLE:
            return InlineElement(s, e, 1, "gap", (("reason", "illegible"),), leaf=True)
        case MarkKind.REDACTION:
            return InlineElement(s, e, 1, "gap", (("reason", "redaction"),), leaf=True)
        case MarkKind.SIGNED:
            return InlineElement(s, e, 1, "note", (("type", "signed"),))
        case _:
            return InlineElement(s, e, 1, "note", (("type", "editorial"),))


def _mention_inline(m: Mention, known: set[str]) -> list[InlineElement]:
    # @type is the kind ("group" for an orgName of a group), so that @subtype (the method) may follow it
    attrs: list[tuple[str, str]] = [("type", str(m.kind))]
    if m.entity is not None and m.entity in known:
        attrs.append(("ref", "#" + xml_id(m.entity)))
    if m.method:
        attrs.append(("subtype", m.method))
    out = [InlineElement(m.span.start, m.span.end, 3, MENTION_TAG[m.kind], tuple(attrs))]
    if m.title is not None:
        # n names the span of the name this title belongs to (they need not be adjacent)
        out.append(InlineElement(m.title.start, m.title.end, 4, "roleName", (("n", f"{m.span.start}-{m.span.end}"),)))
    return out


def inlines(record: Record, known: set[str]) -> list[InlineElement]:
    out: list[InlineElement] = []
    for i, mk in enumerate(record.marks):
        out.append(replace(_mark_inline(mk), index=i))
    for i, r in enumerate(record.references):
        # idno holds text only (a date inside a file number, "761.00/5–555", is kept by offsets)
        out.append(InlineElement(r.span.start, r.span.end, 2, "idno", (("type", str(r.kind)),), leaf=True, index=i))
    for i, d in enumerate(record.dates):
        out.append(InlineElement(d.span.start, d.span.end, 5, "date", tuple(date_attrs(d)), index=i))
    for i, mn in enumerate(record.mentions):
        name, *title = _mention_inline(mn, known)
        out.append(replace(name, index=i))
        out.extend(title)
    return out


Node = tuple[InlineElement, list[int]]


def nest(items: list[InlineElement]) -> tuple[list[Node], list[int], list[InlineElement]]:
    """Properly nested annotations (children by index), the top-level ones, and those that cross."""
    items = sorted(items, key=lambda a: a.key)
    nodes: list[tuple[InlineElement, list[int]]] = []
    roots: list[int] = []
    stack: list[int] = []
    crossing: list[InlineElement] = []
    for a in items:
        if a.end <= a.start:  # an empty span has no text to wrap
            crossing.append(a)
            continue
        while stack and nodes[stack[-1]][0].end <= a.start:
            stack.pop()
        if stack:
            top = nodes[stack[-1]][0]
            if a.end > top.end or top.leaf:
                crossing.append(a)
                continue
        nodes.append((a, []))
        idx = len(nodes) - 1
        (nodes[stack[-1]][1] if stack else roots).append(idx)
        stack.append(idx)
    return nodes, roots, crossing


def fill(parent: etree._Element, text: str, start: int, end: int,
          children: list[int], nodes: list[Node]) -> None:
    """Write ``text[start:end]`` into ``parent``, wrapping each child annotation in its element."""
    pos = start
    last: etree._Element | None = None

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    def put(chunk: str) -> None:
        nonlocal last
        forbidden = XML_FORBIDDEN.findall(chunk)
        for i, piece in enumerate(XML_FORBIDDEN.split(chunk)):
            if i:
                last = etree.SubElement(parent, tei_tag("g"), type="control", n=f"U+{ord(forbidden[i - 1]):04X}")
            add_text(piece)

    for ci in children:
        a, grand = nodes[ci]
        put(text[pos:a.start])
        el = etree.SubElement(parent, tei_tag(a.tag))
        for k, v in a.attrs:
            el.set(k, v)
        if a.index >= 0:
            el.set("n", str(a.index))
        if a.tag == "gap":
            # gap holds no text of its own; the words as written go into its description
            desc = etree.SubElement(el, tei_tag("desc"))
            fill(desc, text, a.start, a.end, [], nodes)
        else:
            fill(el, text, a.start, a.end, grand, nodes)
        last = el
        pos = a.end
    put(text[pos:end])


def body_text(tree: etree._Element) -> str:
    """The plain text of an exported body: every text node under ``<body>``, control characters restored."""
    body = tree.find(f".//{tei_tag('body')}")
    if body is None:
        return ""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == tei_tag("g") and el.get("type") == "control":
            n = el.get("n", "U+FFFD")
            parts.append(chr(int(n[2:], 16)))
        elif el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(body)
    return "".join(parts)


__all__ = ["InlineElement", "Node", "body_text", "fill", "inlines", "nest"]

"""FRUS-style volumes: one Document per ``div type="document"``, laid out as the frus-dev plain
texts are (title line, dateline, blank line, body blocks, closers, then the source note), with
what the editors marked (dateline date and place, heading from/to, signatures, linked person
names) as offsets into that text, and the volume's persons list."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from lxml import etree

from kartoteka.errors import Location, XmlError
from kartoteka.model import Document, Span
from kartoteka.readers.tei.layout import (
    SKIP,
    Collect,
    TextBuilder,
    corresp_id,
    truncate,
    write_blocks,
    write_inline,
)
from kartoteka.readers.tei.safexml import TEI_NS, XML_ID, joined, local
from kartoteka.readers.tei.values import (
    Annotations,
    AuthorityPerson,
    HeadingAgent,
    LinkedName,
    Signature,
    TeiDocument,
)

_NUMBER_PREFIX = re.compile(r"^\s*\d+[A-Za-z]?\.\s+")


def _frus_document(div: etree._Element, volume_id: str) -> TeiDocument:
    doc_id = div.get(XML_ID) or div.get("n") or "doc"
    w = TextBuilder()
    col = Collect()
    skip: set[int] = set()
    head = next((c for c in div if local(c) == "head"), None)
    source_notes = [n for n in div.iter(f"{{{TEI_NS}}}note") if n.get("type") == "source"]
    title_box: list[int] | None = None
    if head is not None:
        skip.add(id(head))
        title_box = _write_head(w, col, head)
    # 1940s volumes put the dateline in an <opener> with the classification line ("SECRET US URGENT")
    opener = next((c for c in div if local(c) == "opener"), None)
    dateline = next((c for c in div if local(c) == "dateline"), None)
    if dateline is None and opener is not None:
        dateline = next((c for c in opener if local(c) == "dateline"), None)
    dateline_box: list[int] | None = None
    n_dates, n_places = 0, 0
    if dateline is not None:
        skip.add(id(dateline))
        if w.pos:
            w.newline()
        dateline_box = w.start_box()
        n_dates, n_places = len(col.dates), len(col.places)
        write_inline(w, dateline, col)
    main_dates = col.dates[n_dates:]
    main_places = col.places[n_places:]
    opener_spans: list[Span] = []
    if opener is not None and dateline is not None and dateline.getparent() is opener:
        skip.add(id(opener))
        opener_spans = _write_opener(w, col, opener, dateline)
    col.zone = "body"
    wrote = write_blocks(w, div, col, w.pos == 0, skip)
    notes_written = _write_source_notes(w, col, source_notes, wrote)
    text = w.text()
    if not text.endswith("\n"):
        text += "\n"
    ann = _annotations(doc_id, text, col, title_box, dateline_box, main_dates, main_places, notes_written,
                       opener_spans)
    data = text.encode("utf-8")
    doc = Document.from_text(text, path=f"{volume_id}/{doc_id}.txt", sha256=hashlib.sha256(data).hexdigest(),
                             fmt="tei")
    return TeiDocument(doc, ann)


def _write_head(w: TextBuilder, col: Collect, head: etree._Element) -> list[int]:
    """The document's heading, its number ("12.") left out: the title's box."""
    col.zone = "title"
    title_box = w.start_box()
    first = head.text or ""
    w.word_run(_NUMBER_PREFIX.sub("", first, count=1) if first.strip() else first)
    for child in head:
        if isinstance(child.tag, str):
            write_inline(w, child, col)
        tail = child.tail or ""
        if not w.parts and tail.strip():
            tail = _NUMBER_PREFIX.sub("", tail, count=1)
        w.word_run(tail)
    col.ends[id(title_box)] = w.pos
    if title_box in w.waiting:
        w.waiting.remove(title_box)
        title_box[0] = w.pos
    col.zone = "body"
    return title_box


def _write_opener(w: TextBuilder, col: Collect, opener: etree._Element, dateline: etree._Element) -> list[Span]:
    """An opener's lines besides its dateline (the classification line), a line each."""
    opener_spans: list[Span] = []
    for child in opener:
        if not isinstance(child.tag, str) or child is dateline or local(child) in SKIP:
            continue
        mark = w.pos
        if w.pos:
            w.newline()
        start = w.pos
        write_inline(w, child, col)
        if w.pos == start:
            truncate(w, mark)
        else:
            opener_spans.append(Span(start, w.pos, w.text()[start:w.pos]))
    return opener_spans


def _write_source_notes(w: TextBuilder, col: Collect, source_notes: list[etree._Element], wrote: bool
                        ) -> list[list[int]]:
    """The source notes after the body, a blank line before each: their boxes."""
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
    return notes_written


def _annotations(doc_id: str, text: str, col: Collect, title_box: list[int] | None, dateline_box: list[int] | None,
                 main_dates: list[tuple[list[int], etree._Element]], main_places: list[list[int]], notes_written: list[list[int]],
                 opener_spans: list[Span]) -> Annotations:
    """The gold annotations of the written text: each box a span of it."""
    def span(box: list[int] | None) -> Span | None:
        if box is None:
            return None
        end = col.ends.get(id(box), box[0])
        return Span(box[0], end, text[box[0]:end])

    date_el = main_dates[0][1] if main_dates else None
    return Annotations(
        doc_id=doc_id,
        title=span(title_box),
        dateline=Span(dateline_box[0], line_end(text, dateline_box[0]),
                      text[dateline_box[0]:line_end(text, dateline_box[0])]) if dateline_box else None,
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


def _linked_ids(el: etree._Element) -> tuple[str, ...]:
    """Distinct person ids linked inside ``el``, footnotes left out."""
    out: list[str] = []
    for p in el.iter(f"{{{TEI_NS}}}persName"):
        if any(local(a) == "note" for a in p.iterancestors()):
            continue
        pid = corresp_id(p)
        if pid and pid not in out:
            out.append(pid)
    return tuple(out)


def volume_document(div: etree._Element, volume_id: str, path: str) -> TeiDocument:
    """One document div, or an XmlError naming its line when its markup cannot be laid out."""
    try:
        return _frus_document(div, volume_id)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        line = div.sourceline if isinstance(div.sourceline, int) else None
        raise XmlError(f"cannot read document {div.get(XML_ID) or div.get('n') or '?'}: {exc}",
                       location=Location(path, line), expected="a FRUS-style document div") from None


def _inline_note(w: TextBuilder, note: etree._Element, col: Collect) -> None:
    """A source note is written as text, its own nested notes left out."""
    w.word_run(note.text or "")
    for child in note:
        if isinstance(child.tag, str) and local(child) == "p":
            w.newline()
        if isinstance(child.tag, str) and local(child) != "note":
            write_inline(w, child, col)
        w.word_run(child.tail or "")


def line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _text_without_notes(el: etree._Element) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and local(child) != "note":
            yield from _text_without_notes(child)
        if child.tail:
            yield child.tail


def persons_list(root: etree._Element) -> tuple[AuthorityPerson, ...]:
    """The volume's persons list: FRUS keeps it as a ``div xml:id="persons"`` of ``item``s."""
    out: list[AuthorityPerson] = []
    seen: set[str] = set()
    for el in root.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}person"):
        pid = el.get(XML_ID)
        if not pid or pid in seen:
            continue
        seen.add(pid)
        if local(el) == "person":
            names = [n for n in el.iter(f"{{{TEI_NS}}}persName")]
            name = " ".join(joined(names[0].itertext()).split()) if names else pid
            ident = " ".join(joined(n.itertext()) for n in el.iter(f"{{{TEI_NS}}}note")).strip()
            out.append(AuthorityPerson(pid, name, " ".join(ident.split())))
            continue
        name = " ".join(joined(el.itertext()).split()).rstrip(",")
        item = next((a for a in el.iterancestors() if local(a) in ("item", "p", "entry")), None)
        ident = ""
        see: list[str] = []
        if item is not None:
            full = " ".join(joined(_text_without_notes(item)).split())
            at = full.find(name)
            ident = full[at + len(name):].lstrip(" ,").strip() if at >= 0 else ""
            for other in item.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}ref"):
                target = corresp_id(other) if local(other) == "persName" else (other.get("target") or "").lstrip("#")
                if other is not el and target and target != pid and target not in see:
                    see.append(target)
        out.append(AuthorityPerson(pid, name, ident, tuple(see)))
    return tuple(out)

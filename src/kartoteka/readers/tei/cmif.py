"""CMIF files (correspondence metadata, as correspSearch harvests it) as correspondence records.

Each ``correspDesc`` is one letter without its text: a document of heading lines made from its
actions ("Sender to Recipient"; "From: …"; "To: …", each with the action's place and date), so
its senders, recipients, dates and places are values with offsets like any other record's.
"""

from __future__ import annotations

import hashlib

from lxml import etree

from kartoteka.model import Document
from kartoteka.readers.tei.layout import TextBuilder
from kartoteka.readers.tei.letters import ActionFacts, actions_of, listed_persons, write_heading
from kartoteka.readers.tei.safexml import TEI_NS, joined
from kartoteka.readers.tei.values import Annotations, AuthorityPerson, TeiDocument


def is_cmif(root: etree._Element) -> bool:
    """A file of correspDesc entries and no text: CMIF (its body is an empty ``<p/>``)."""
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    descs = root.findall(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}profileDesc/{{{TEI_NS}}}correspDesc")
    return bool(descs) and (body is None or not joined(body.itertext()).strip())


def _letter_id(desc: etree._Element, n: int) -> str:
    """The letter's id in its edition: ``key``, else the last part of its URL, else its place in the file."""
    key = (desc.get("key") or "").strip()
    if key:
        return key
    ref = (desc.get("ref") or "").strip().rstrip("/")
    tail = ref.rsplit("/", 1)[-1].rsplit("#", 1)[-1] if ref else ""
    return tail or f"letter-{n}"


def cmif_documents(root: etree._Element, path: str, volume_id: str
                   ) -> tuple[tuple[TeiDocument, ...], tuple[AuthorityPerson, ...]]:
    """One record per ``correspDesc`` of a CMIF file, and the persons it identifies by URI."""
    out = []
    every: list[ActionFacts] = []
    descs = root.findall(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}profileDesc/{{{TEI_NS}}}correspDesc")
    for n, desc in enumerate(descs, 1):
        actions = actions_of(desc)
        every.extend(actions)
        names = ["; ".join(p.name for p in a.parties) or "Unknown" for a in actions if a.action.value in
                 ("sent", "received")]
        title = " to ".join(names) if len(names) == 2 else ""
        w = TextBuilder()
        letter = write_heading(w, title, actions)
        text = w.text() or "\n"
        letter_id = _letter_id(desc, n)
        doc = Document.from_text(text, path=f"{volume_id}/{letter_id}",
                                 sha256=hashlib.sha256(f"{path}\n{letter_id}\n{text}".encode()).hexdigest(),
                                 fmt="cmif")
        out.append(TeiDocument(doc, Annotations(doc_id=letter_id), letter=letter))
    return tuple(out), listed_persons(tuple(every))


__all__ = ["cmif_documents", "is_cmif"]

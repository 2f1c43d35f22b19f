"""CMIF 1.1 (Correspondence Metadata Interchange Format): the collection's letters for correspSearch.

One ``correspDesc`` per document that has senders, recipients or a transmission chain, with
exactly the two actions CMIF knows: ``sent`` (the senders, or the chain's first step, with the
document's date and place) and ``received`` (the recipients, or the chain's receiving step);
relaying and forwarding stay in the TEI export, whose ``correspAction`` types are open. A party
nobody can name is "Unknown", as CMIF asks; a name or place inside a redaction ("[place not
declassified]") is no party and is left out. Persons, organisations and places carry a ``ref``
to an authority URI when one is known (Wikidata, VIAF, GND, GeoNames, or a persons list's id
through a URL pattern). The file's and the letters' URLs come from a base URL; the ``bibl`` has
a UUID derived from it, so it stays the same each time the file is written again.
"""

from __future__ import annotations

import itertools
import re
import uuid
from dataclasses import dataclass

from lxml import etree

from kartoteka.export.collection import Collection, authority_uris
from kartoteka.export.tei import TEI_NS, XML_NS, date_bounds
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    DateValue,
    Entity,
    MarkKind,
    Record,
    Span,
)

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
UNKNOWN = "Unknown"  # CMIF's word for a sender or addressee nobody can name
_DAYS = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class CmifHeader:
    """What the CMIF header says about the file: its title, who answers for it and publishes it,
    when it was published (ISO date or dateTime), where it lives (``base_url``, ending in "/"),
    and the URL pattern of the persons list's ids (``{id}`` in it), if there is one."""

    title: str
    published: str
    editor: str = "kartoteka"
    editor_email: str | None = None
    publisher: str = "kartoteka"
    base_url: str | None = None
    person_uri: str | None = None


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def stable_uuid(seed: str) -> str:
    """A UUID (version 5) made from ``seed``, the same every time; it starts with a letter, as an
    xml:id must."""
    for i in itertools.count():
        u = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}#{i}" if i else seed))
        if u[0].isalpha():
            return u
    raise AssertionError("unreachable")  # pragma: no cover


def _uri(e: Entity | None, person_uri: str | None) -> str | None:
    uris = authority_uris(e, person_uri)
    return uris[0] if uris else None


def _date(parent: etree._Element, d: DateValue) -> None:
    el = etree.SubElement(parent, _t("date"))
    if _DAYS.match(d.iso) and date_bounds(d.iso) == (d.not_before, d.not_after):
        el.set("when", d.iso)
    else:
        el.set("notBefore", d.not_before)
        el.set("notAfter", d.not_after)


def _placeholder(r: Record, span: Span) -> bool:
    """A span that is an editor's placeholder rather than a name: inside a redaction, or bracketed whole."""
    words = span.text.strip()
    if len(words) > 1 and words[0] == "[" and words[-1] == "]":
        return True
    return any(m.kind is MarkKind.REDACTION and m.span.start <= span.start and span.end <= m.span.end
               for m in r.marks)


_BRACKETED = re.compile(r"\[[^\]]*\]")
_DANGLING = re.compile(r"(?:\s+(?:in|at|of|from|to|for))+\s*$|^[\s,;:/]+|[\s,;:]+$")


def _declassified(r: Record, span: Span, name: str) -> str:
    """A name without the redactions inside it ("CIA Station in [place not declassified]" is "CIA
    Station"); empty when nothing but a placeholder is left."""
    out = name
    for m in r.marks:
        if m.kind is MarkKind.REDACTION and span.start <= m.span.start and m.span.end <= span.end:
            out = out.replace(m.span.text, " ")
    out = _BRACKETED.sub(lambda x: " " if "declassified" in x.group().lower() else x.group(), out)
    out = re.sub(r"\s*([/(])\s*[,;]\s*", r"\1 ", " ".join(out.split()))
    return _DANGLING.sub("", out).strip()


def _agents(act: etree._Element, r: Record, agents: tuple[Agent, ...], c: Collection, h: CmifHeader) -> None:
    named = []
    for a in agents:
        ent = c.entity(a.entity)
        name = _declassified(r, a.span, ent.name if ent is not None else a.span.text)
        if name and not _placeholder(r, a.span):
            named.append((a, ent, name))
    for a, ent, name in named:
        el = etree.SubElement(act, _t("persName" if a.kind is AgentKind.PERSON else "orgName"))
        el.text = name
        uri = _uri(ent, h.person_uri)
        if uri:
            el.set("ref", uri)
    if not named:
        etree.SubElement(act, _t("persName")).text = UNKNOWN


def _sent(r: Record) -> tuple[tuple[Agent, ...], DateValue | None, Span | None]:
    """Who sent the document, when and where: its senders, or else the first step of its chain."""
    first = r.chain[0] if r.chain else None
    agents = r.senders or (first.agents if first is not None else ())
    date = r.date or (first.date if first is not None else None)
    place = r.place.span if r.place is not None else (first.place if first is not None else None)
    return agents, date, place


def _received(r: Record) -> tuple[tuple[Agent, ...], DateValue | None, Span | None]:
    """Who received the document (its recipients, or the chain's receiving step), and when and where
    the chain says it was received."""
    step = next((st for st in reversed(r.chain) if st.action is Action.RECEIVED), None)
    agents = r.recipients or (step.agents if step is not None else ())
    return agents, step.date if step is not None else None, step.place if step is not None else None


def _place(act: etree._Element, r: Record, place: Span | None, c: Collection) -> None:
    if place is None or _placeholder(r, place):
        return
    place_entity = c.entity(r.place.entity) if r.place is not None and r.place.span == place else None
    el = etree.SubElement(act, _t("placeName"))
    el.text = place_entity.name if place_entity is not None else place.text
    uri = _uri(place_entity, None)
    if uri:
        el.set("ref", uri)


def _corresp(profile: etree._Element, r: Record, c: Collection, h: CmifHeader, bibl_id: str,
             file_name: str) -> None:
    if not (r.senders or r.recipients or r.chain):
        return
    desc = etree.SubElement(profile, _t("correspDesc"), source=f"#{bibl_id}")
    if h.base_url:
        desc.set("ref", h.base_url + file_name)
    else:
        desc.set("key", file_name)
    for action, (agents, date, place) in ((Action.SENT, _sent(r)), (Action.RECEIVED, _received(r))):
        act = etree.SubElement(desc, _t("correspAction"), type=str(action))
        _agents(act, r, agents, c, h)
        _place(act, r, place, c)
        if date is not None:
            _date(act, date)
    for v in c.fixes(r).values():
        etree.SubElement(desc, _t("note"), type="correction", subtype=v.field).text = (
            f"Historian's correction: {v.label()}." + (f" Reason: {v.reason}" if v.reason else ""))


def to_cmif(c: Collection, header: CmifHeader) -> str:
    """The collection as one CMIF file."""
    h = header
    seed = h.base_url or f"urn:kartoteka:{h.title}"
    bibl_id = stable_uuid(seed)
    root = etree.Element(_t("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    fdesc = etree.SubElement(etree.SubElement(root, _t("teiHeader")), _t("fileDesc"))
    tstmt = etree.SubElement(fdesc, _t("titleStmt"))
    etree.SubElement(tstmt, _t("title")).text = h.title
    editor = etree.SubElement(tstmt, _t("editor"))
    editor.text = h.editor
    if h.editor_email:
        editor.text += " "
        etree.SubElement(editor, _t("email")).text = h.editor_email
    pub = etree.SubElement(fdesc, _t("publicationStmt"))
    etree.SubElement(pub, _t("publisher")).text = h.publisher
    # without a base URL the file has no address yet: a URN made from its title stands in
    etree.SubElement(pub, _t("idno"), type="url").text = (
        h.base_url + "cmif.xml" if h.base_url else f"urn:uuid:{bibl_id}")
    etree.SubElement(pub, _t("date"), when=h.published)
    lic = etree.SubElement(etree.SubElement(pub, _t("availability")), _t("licence"), target=LICENCE)
    lic.text = "This file is licensed under the terms of the Creative Commons License CC-BY 4.0"
    bibl = etree.SubElement(etree.SubElement(fdesc, _t("sourceDesc")), _t("bibl"), type="online")
    bibl.set(f"{{{XML_NS}}}id", bibl_id)
    bibl.text = h.title
    profile = etree.SubElement(root[0], _t("profileDesc"))
    names = c.file_names()
    for r in c.records:
        _corresp(profile, r, c, h, bibl_id, names[r.source.sha256])
    body = etree.SubElement(etree.SubElement(root, _t("text")), _t("body"))
    etree.SubElement(body, _t("p"))
    out: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out


__all__ = ["CmifHeader", "stable_uuid", "to_cmif"]

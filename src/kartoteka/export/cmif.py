"""CMIF (Correspondence Metadata Interchange Format): the collection's letters as TEI correspDesc entries.

One ``correspDesc`` per document that has senders, recipients or a transmission chain, each
pointing to the collection's ``bibl`` as its source. Persons, organisations and places carry a
``ref`` to an authority URI when the entity has one (Wikidata, VIAF, GND, GeoNames), as CMIF
aggregators (correspSearch) expect.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from kartoteka.export.collection import Collection, authority_uris, doc_key
from kartoteka.export.tei import TEI_NS, XML_NS
from kartoteka.model import Action, Agent, AgentKind, ChainStep, DateValue, Entity, Precision, Record, Span

BIBL_ID = "kartoteka-collection"


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _authority_uri(e: Entity | None) -> str | None:
    uris = authority_uris(e)
    return uris[0] if uris else None


def _date(parent: etree._Element, d: DateValue) -> None:
    el = etree.SubElement(parent, _t("date"))
    if d.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        el.set("when", d.iso)
    else:
        el.set("notBefore", d.not_before)
        el.set("notAfter", d.not_after)


def _agent(parent: etree._Element, a: Agent, c: Collection) -> None:
    el = etree.SubElement(parent, _t("persName" if a.kind is AgentKind.PERSON else "orgName"))
    ent = c.entity(a.entity)
    el.text = ent.name if ent is not None else a.span.text
    uri = _authority_uri(ent)
    if uri:
        el.set("ref", uri)


def _place(parent: etree._Element, span: Span, entity: Entity | None) -> None:
    el = etree.SubElement(parent, _t("placeName"))
    el.text = entity.name if entity is not None else span.text
    uri = _authority_uri(entity)
    if uri:
        el.set("ref", uri)


def _steps(r: Record, c: Collection) -> list[ChainStep]:
    if r.chain:
        steps = list(r.chain)
        if r.date is not None and "date" in c.fixes(r):
            # the document's date a historian set is its sending's, whatever the chain said
            at = next((i for i, st in enumerate(steps) if st.action is Action.SENT), 0)
            steps[at] = replace(steps[at], date=r.date)
        return steps
    steps = []
    if r.senders:
        steps.append(ChainStep(Action.SENT, r.senders, r.date, r.place.span if r.place else None))
    if r.recipients:
        steps.append(ChainStep(Action.RECEIVED, r.recipients))
    return steps


def _corresp(profile: etree._Element, r: Record, c: Collection, base_url: str) -> None:
    steps = _steps(r, c)
    if not steps:
        return
    desc = etree.SubElement(profile, _t("correspDesc"), ref=base_url + doc_key(r), source=f"#{BIBL_ID}")
    fixes = c.fixes(r)
    for st in steps:
        act = etree.SubElement(desc, _t("correspAction"), type=str(st.action))
        for a in st.agents:
            _agent(act, a, c)
        if st.place is not None:
            place_entity = c.entity(r.place.entity) if r.place is not None and r.place.span == st.place else None
            _place(act, st.place, place_entity)
        if st.date is not None:
            _date(act, st.date)
        if len(act) == 0:
            etree.SubElement(act, _t("persName")).text = "unknown"
    for v in fixes.values():
        etree.SubElement(desc, _t("note"), type="correction", subtype=v.field).text = (
            f"Historian's correction: {v.label()}." + (f" Reason: {v.reason}" if v.reason else ""))


def to_cmif(c: Collection, *, title: str, published: str, publisher: str = "kartoteka",
            base_url: str = "urn:kartoteka:") -> str:
    """The collection as one CMIF file. ``published`` is the ISO date of publication (CMIF requires it)."""
    root = etree.Element(_t("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    header = etree.SubElement(root, _t("teiHeader"))
    fdesc = etree.SubElement(header, _t("fileDesc"))
    etree.SubElement(etree.SubElement(fdesc, _t("titleStmt")), _t("title")).text = title
    pub = etree.SubElement(fdesc, _t("publicationStmt"))
    etree.SubElement(pub, _t("publisher")).text = publisher
    etree.SubElement(pub, _t("idno"), type="url").text = base_url
    etree.SubElement(pub, _t("date"), when=published)
    avail = etree.SubElement(pub, _t("availability"))
    lic = etree.SubElement(avail, _t("licence"), target="https://creativecommons.org/licenses/by/4.0/")
    lic.text = "This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0"
    bibl = etree.SubElement(etree.SubElement(fdesc, _t("sourceDesc")), _t("bibl"), type="online")
    bibl.set(f"{{{XML_NS}}}id", BIBL_ID)
    bibl.text = title
    profile = etree.SubElement(header, _t("profileDesc"))
    for r in c.records:
        _corresp(profile, r, c, base_url)
    body = etree.SubElement(etree.SubElement(root, _t("text")), _t("body"))
    etree.SubElement(body, _t("p"))
    out: str = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out


__all__ = ["to_cmif"]

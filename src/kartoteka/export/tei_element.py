"""TEI elements as kartoteka writes them: the namespace, elements whose text stays valid XML 1.0,
entity ids as xml:ids, and dates as TEI's dating attributes."""

from __future__ import annotations

import hashlib
import re

from lxml import etree

from kartoteka.model import Certainty, DateValue, MentionKind

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
KARTOTEKA_SCHEME = "kartoteka-entity"  # the idno type of an entity's own id
UNLISTED = "\u2063unlisted"  # marks list entries made for ids the record has no Entity for

# XML 1.0 cannot carry these characters even as references; they travel as <g> elements.
XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9._-]")

MENTION_TAG = {
    MentionKind.PERSON: "persName",
    MentionKind.PLACE: "placeName",
    MentionKind.ORGANIZATION: "orgName",
    MentionKind.GROUP: "orgName",
}
LIST_TAG = {
    MentionKind.PERSON: ("listPerson", "person", "persName"),
    MentionKind.PLACE: ("listPlace", "place", "placeName"),
    MentionKind.ORGANIZATION: ("listOrg", "org", "orgName"),
    MentionKind.GROUP: ("listOrg", "org", "orgName"),
}


def tei_tag(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def sub_element(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tei_tag(tag))
    for k, v in attrs.items():
        el.set(k.rstrip("_").replace("__", ":"), v)
    if text is not None:
        set_text(el, text)
    return el


def set_text(el: etree._Element, text: str) -> None:
    el.text = XML_FORBIDDEN.sub("\ufffd", text)


def xml_id(entity_id: str) -> str:
    """An entity id as an xml:id (an NCName): unsafe characters become ``_`` and a prefix keeps it a name;
    a short hash of the id is added then, so that two ids never share one xml:id."""
    safe = _NCNAME_BAD.sub("_", entity_id)
    if safe == entity_id:
        return "e-" + safe
    return f"e-{safe}-{hashlib.sha1(entity_id.encode('utf-8')).hexdigest()[:6]}"


_W3C_DATE = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def date_bounds(iso: str) -> tuple[str, str]:
    """The first and last day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value covers."""
    import calendar

    if len(iso) == 4:
        return f"{iso}-01-01", f"{iso}-12-31"
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:7])
        return f"{iso}-01", f"{iso}-{calendar.monthrange(y, m)[1]:02d}"
    return iso, iso


def date_attrs(d: DateValue) -> list[tuple[str, str]]:
    """TEI dating attributes; ``type`` carries the precision so that an importer gets the same value back.

    TEI allows ``when`` with no other dating attribute: a value whose bounds are the days its ISO
    form covers is ``when`` alone; any other (a decade, a range) is ``notBefore``/``notAfter``,
    with the ISO value kept in ``when-custom``."""
    attrs: list[tuple[str, str]] = []
    iso = d.iso if d.iso and _W3C_DATE.match(d.iso) else ""
    nb = d.not_before if d.not_before and _W3C_DATE.match(d.not_before) else ""
    na = d.not_after if d.not_after and _W3C_DATE.match(d.not_after) else ""
    if iso and (not iso.startswith("-")) and (nb, na) == date_bounds(iso):
        attrs.append(("when", iso))
    else:
        if nb:
            attrs.append(("notBefore", nb))
        if na:
            attrs.append(("notAfter", na))
        if iso:
            attrs.append(("when-custom", iso))
    attrs.append(("type", str(d.precision)))
    if d.certainty is Certainty.LOW:
        attrs.append(("cert", "low"))
    return attrs


__all__ = ["KARTOTEKA_SCHEME", "LIST_TAG", "MENTION_TAG", "TEI_NS", "UNLISTED", "XML_FORBIDDEN", "XML_NS",
           "date_attrs", "date_bounds", "set_text", "sub_element", "tei_tag", "xml_id"]

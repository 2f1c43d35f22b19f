"""Annotations of kartoteka's own TEI export read back: dates, the standOff entity lists, and the
annotations kept there by offsets because they cross another."""

from __future__ import annotations

import re
from urllib.parse import unquote

from lxml import etree

from kartoteka.model import (
    Certainty,
    DateValue,
    Entity,
    LinkDecision,
    Mark,
    MarkKind,
    Mention,
    MentionKind,
    Precision,
    Reference,
    ReferenceKind,
    Span,
)
from kartoteka.readers.tei.safexml import TEI_NS, XML_ID, joined, local

ENTITY_ID_TYPE = "kartoteka-entity"  # the idno type kartoteka's TEI export gives an entity's own id
_ISO_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


MARK_OF_TAG = {"supplied": MarkKind.SUPPLIED, "foreign": MarkKind.FOREIGN, "sic": MarkKind.SIC,
                "gloss": MarkKind.GLOSS}


KIND_OF_NAME = {"persName": MentionKind.PERSON, "placeName": MentionKind.PLACE, "orgName": MentionKind.ORGANIZATION}


def date_of(attrs: dict[str, str], span: Span) -> DateValue | None:
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


def entities_of(root: etree._Element) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Entities of the standOff lists, and each list entry's xml:id mapped to the entity id."""
    out: list[tuple[int, Entity]] = []  # (place in the exported record's list, entity)
    ids: dict[str, str] = {}
    kinds = {"person": MentionKind.PERSON, "place": MentionKind.PLACE, "org": MentionKind.ORGANIZATION}
    for el in root.iter(f"{{{TEI_NS}}}person", f"{{{TEI_NS}}}place", f"{{{TEI_NS}}}org"):
        xid = el.get(XML_ID)
        if not xid:
            continue
        if el.get("ana") == "#unlisted" or any(local(c) == "note" and c.get("type") == "unlisted" for c in el):
            ids[xid] = next(((c.text or "").strip() for c in el if local(c) == "idno"
                             and c.get("type") == ENTITY_ID_TYPE), xid)
            continue
        kind = kinds[local(el)]
        if kind is MentionKind.ORGANIZATION and el.get("type") == "group":
            kind = MentionKind.GROUP
        names = [c for c in el if local(c) in ("persName", "placeName", "orgName")]
        ours = any(n.get("type") == "preferred" for n in names)  # kartoteka's export: names kept as they are
        texts = [joined(n.itertext()) if ours else " ".join(joined(n.itertext()).split()) for n in names]
        preferred = next((t for n, t in zip(names, texts, strict=True) if n.get("type") == "preferred"),
                         texts[0] if texts else xid)
        eid = xid
        authority: list[tuple[str, str]] = []
        for idno in (c for c in el if local(c) == "idno"):
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
        note = next((c for c in el if local(c) == "note" and not c.get("type")), None)
        desc = (joined(note.itertext()) if ours else " ".join(joined(note.itertext()).split())) \
            if note is not None else None
        links = []
        for c in el:
            if local(c) == "note" and c.get("type") == "link":
                try:
                    score = float(c.get("n") or "")
                except ValueError:
                    continue
                # the export percent-encodes a space in the method, @subtype being one word
                links.append(LinkDecision(c.text or "", score, unquote(c.get("subtype") or "")))
        variants = [t for n, t in zip(names, texts, strict=True) if n.get("type") == "variant"]
        if not ours:
            variants = texts  # a list entry from elsewhere: every name is a variant
        n = el.get("n") or ""
        out.append((int(n) if n.isdigit() else len(out),
                    Entity(eid, kind, preferred, tuple(dict.fromkeys(variants)), desc, tuple(authority), lat, lon,
                           tuple(links))))
        ids[xid] = eid
    return tuple(e for _, e in sorted(out, key=lambda pair: pair[0])), ids


def crossing_annotation(
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
    if tag in KIND_OF_NAME:
        kind = MentionKind.GROUP if ana == "group" else KIND_OF_NAME[tag]
        return Mention(span, kind, ids.get((el.get("corresp") or el.get("target") or "").lstrip("#")),
                       method=attrs.get("subtype") or el.get("source") or "")
    if tag in MARK_OF_TAG:
        return Mark(span, MARK_OF_TAG[tag], inside_brackets(span.text),
                    el.get("{http://www.w3.org/XML/1998/namespace}lang"))
    if tag == "gap":
        return Mark(span, MarkKind.ILLEGIBLE if ana == "illegible" else MarkKind.REDACTION,
                    inside_brackets(span.text))
    if tag == "note":
        return Mark(span, MarkKind.SIGNED if ana == "signed" else MarkKind.NOTE, inside_brackets(span.text))
    if tag == "idno":
        try:
            return Reference(span, ReferenceKind(ana or "other"))
        except ValueError:
            return Reference(span, ReferenceKind.OTHER)
    if tag == "date":
        return date_of(attrs, span)
    if tag == "roleName" and "n" in attrs:
        return (attrs["n"], span)
    return None


def inside_brackets(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] in "[(" and s[-1] in "])":
        return s[1:-1].strip()
    return s

"""The record a kartoteka TEI export was written from, read back from its header (``n="start-end"``
offsets of the words each header element repeats) and its body's annotations."""

from __future__ import annotations

import re

from lxml import etree

from kartoteka.model import (
    Agent,
    AgentKind,
    ChainStep,
    Classification,
    DateValue,
    Document,
    Level,
    Place,
    Record,
    Span,
)
from kartoteka.readers.tei.letters import corresp_actions
from kartoteka.readers.tei.safexml import TEI_NS, local
from kartoteka.readers.tei.standoff import date_of
from kartoteka.readers.tei.values import Inline


def span_at(el: etree._Element | None, text: str) -> Span | None:
    """The span a header element of kartoteka's export names in ``n="start-end"``."""
    if el is None:
        return None
    m = re.fullmatch(r"(\d+)-(\d+)", el.get("n") or "")
    if not m or int(m.group(2)) > len(text) or int(m.group(1)) > int(m.group(2)):
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return Span(start, end, text[start:end])


def _agent_of(el: etree._Element, text: str, ids: dict[str, str]) -> Agent | None:
    span = span_at(el, text)
    if span is None:
        return None
    kind = AgentKind.PERSON if local(el) == "persName" else (
        AgentKind.OFFICE if el.get("type") == "office" else AgentKind.ORGANIZATION)
    roles = {r.get("type"): span_at(r, text) for r in el if local(r) == "roleName"}
    return Agent(span, kind, ids.get((el.get("ref") or "").lstrip("#")), roles.get("office"), roles.get("rank"))


def _agents_in(el: etree._Element, text: str, ids: dict[str, str]) -> tuple[Agent, ...]:
    return tuple(a for c in el if local(c) in ("persName", "orgName")
                 if (a := _agent_of(c, text, ids)) is not None)


def _header_date(el: etree._Element | None, text: str) -> DateValue | None:
    span = span_at(el, text)
    if el is None or span is None:
        return None
    return date_of({k: v for k, v in el.attrib.items() if isinstance(k, str) and isinstance(v, str)}, span)


def record_of(root: etree._Element, doc: Document, inline: Inline, ids: dict[str, str]) -> Record:
    """The record a kartoteka TEI export was written from, read back from its header and body."""
    text = doc.text

    def find(xpath: str) -> etree._Element | None:
        found = root.find(xpath.replace("t:", f"{{{TEI_NS}}}"))
        return found

    place_el = find("t:teiHeader/t:profileDesc/t:creation/t:placeName")
    place_span = span_at(place_el, text)
    place = None
    if place_el is not None and place_span is not None:
        place = Place(place_span, ids.get((place_el.get("ref") or "").lstrip("#")))
    classification = None
    cl_span = span_at(find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl/t:note[@type='classification']"), text)
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
        for action, act in corresp_actions(desc):
            place_step = next((c for c in act if local(c) == "placeName"), None)
            date_step = next((c for c in act if local(c) == "date" and c.get("type") != "clock"), None)
            clock = next((c for c in act if local(c) == "date" and c.get("type") == "clock"), None)
            chain.append(ChainStep(action, _agents_in(act, text, ids), _header_date(date_step, text),
                                   span_at(place_step, text), span_at(clock, text)))
    return Record(
        source=doc.source, document=doc,
        title=span_at(find("t:teiHeader/t:fileDesc/t:titleStmt/t:title"), text),
        date=_header_date(find("t:teiHeader/t:profileDesc/t:creation/t:date"), text),
        place=place,
        senders=groups.get("senders", ()), recipients=groups.get("recipients", ()),
        signatories=groups.get("signatories", ()), chain=tuple(chain), classification=classification,
        references=inline.references,
        summary=span_at(find("t:teiHeader/t:profileDesc/t:abstract/t:p"), text),
        marks=inline.marks, dates=inline.dates, mentions=inline.mentions, entities=inline.entities,
    )


def base_name(path: str) -> str:
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def source_idno(root: etree._Element, kind: str) -> str | None:
    for idno in root.iterfind(f".//{{{TEI_NS}}}sourceDesc/{{{TEI_NS}}}bibl/{{{TEI_NS}}}idno"):
        if idno.get("type") == kind and (idno.text or "").strip():
            return (idno.text or "").strip()
    return None


def source_sha(root: etree._Element) -> str | None:
    return source_idno(root, "sha256")


def source_path(root: etree._Element) -> str | None:
    return source_idno(root, "path")

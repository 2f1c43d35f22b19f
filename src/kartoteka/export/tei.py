"""TEI P5 export of one record: header metadata, correspondence, and the text with its annotations.

The body is the source text itself, in one ``<ab xml:space="preserve">``: the concatenated text
nodes of ``<body>`` equal the source exactly, so every offset of the record still points into
the exported text. Mentions, marks, dates and references are wrapped around their spans where
they nest; a span that crosses another (or is empty) is kept in ``<standOff>`` by offsets. Header
elements that repeat words of the text carry their offsets in ``n="start-end"``, and inline
elements their place in the record's lists, so that the TEI reader gets the same record back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

from lxml import etree

from kartoteka.corrections import CorrectedValue, EntityCorrection, LoggedCorrection
from kartoteka.export.revisions import resp_ids, revision_desc
from kartoteka.export.tei_body import InlineElement, body_text
from kartoteka.export.tei_body import fill as _fill
from kartoteka.export.tei_body import inlines as _inlines
from kartoteka.export.tei_body import nest as _nest
from kartoteka.export.tei_element import KARTOTEKA_SCHEME, TEI_NS, UNLISTED, XML_NS, date_bounds, xml_id
from kartoteka.export.tei_element import LIST_TAG as _LIST_TAG
from kartoteka.export.tei_element import date_attrs as _date_attrs
from kartoteka.export.tei_element import sub_element as _sub
from kartoteka.export.tei_element import tei_tag as _t
from kartoteka.model import (
    Action,
    Agent,
    AgentKind,
    DateValue,
    Entity,
    MentionKind,
    Record,
    Span,
)

# _sub, _t, _fill…: the element helpers of tei_element and tei_body under short local names, as
# nearly every line of the header writes an element

# ------------------------------------------------------------------ header


def _at(el: etree._Element, span: Span) -> etree._Element:
    """Mark a header element with the offsets of the words it repeats (``n="start-end"``)."""
    el.set("n", f"{span.start}-{span.end}")
    return el


def _agent_el(parent: etree._Element, a: Agent, known: set[str]) -> None:
    tag = "persName" if a.kind is AgentKind.PERSON else "orgName"
    el = _at(_sub(parent, tag, a.span.text), a.span)
    if a.kind is AgentKind.OFFICE:
        el.set("type", "office")
    if a.entity is not None and a.entity in known:
        el.set("ref", "#" + xml_id(a.entity))
    if a.rank is not None:
        _at(_sub(el, "roleName", None, type="rank"), a.rank).text = a.rank.text
        _reorder_text_first(el)
    if a.office is not None:
        _at(_sub(el, "roleName", None, type="office"), a.office).text = a.office.text
        _reorder_text_first(el)


def _reorder_text_first(el: etree._Element) -> None:
    """Keep the name's own words first and the roles after them, separated by a comma."""
    last = el[-1]
    last.tail = None
    if len(el) == 1:
        el.text = (el.text or "") + ", "
    else:
        el[-2].tail = ", "


def _date_el(parent: etree._Element, d: DateValue, fixed: CorrectedValue | None = None,
             resp: Mapping[str, str] | None = None) -> None:
    if fixed is not None and not d.span.text:
        # a date the historian supplied: not in the text, so no offsets
        el = _by_historian(_sub(parent, "date", d.iso), fixed, resp)
    else:
        el = _by_historian(_at(_sub(parent, "date", d.span.text), d.span), fixed, resp)
    for k, v in _date_attrs(d):
        el.set(k, v)


def _correspondence(profile: etree._Element, record: Record, known: set[str]) -> None:
    """One correspAction per chain step; without a chain, the senders' and recipients' actions."""
    steps: list[tuple[str, tuple[Agent, ...], DateValue | None, Span | None, Span | None]] = []
    for st in record.chain:
        steps.append((str(st.action), st.agents, st.date, st.place, st.time))
    kind = "chain"
    if not steps:
        kind = "derived"
        if record.senders:
            place = record.place.span if record.place else None
            steps.append((str(Action.SENT), record.senders, record.date, place, None))
        if record.recipients:
            steps.append((str(Action.RECEIVED), record.recipients, None, None, None))
    if not steps:
        return
    desc = _sub(profile, "correspDesc", None, type=kind)
    for action, agents, date, place, time in steps:
        act = _sub(desc, "correspAction", None, type=action)
        for a in agents:
            _agent_el(act, a, known)
        if place is not None:
            _at(_sub(act, "placeName", place.text), place)
        if date is not None:
            _date_el(act, date)
        if time is not None:
            # the clerk's clock time beside the date ("03:20"), by its offsets
            _at(_sub(act, "date", time.text, type="clock"), time)
        if len(act) == 0:
            _sub(act, "note", "unknown")


def _participants(profile: etree._Element, record: Record, known: set[str]) -> None:
    """Senders, recipients and signatories as written, each group a paragraph of names."""
    groups = [(role, agents) for role, agents in (("senders", record.senders), ("recipients", record.recipients),
                                                  ("signatories", record.signatories)) if agents]
    if not groups:
        return
    partic = _sub(profile, "particDesc")
    for role, agents in groups:
        p = _sub(partic, "p", None, n=role)
        for i, a in enumerate(agents):
            _agent_el(p, a, known)
            if i + 1 < len(agents):
                p[-1].tail = "; "


def _entity_lists(record: Record) -> tuple[list[Entity], set[str]]:
    """The record's entities, plus a minimal entry for every id a mention or agent points to without one."""
    ents: dict[str, Entity] = {e.id: e for e in record.entities}
    seen: dict[str, tuple[MentionKind, list[str]]] = {}
    for m in record.mentions:
        if m.entity is not None and m.entity not in ents:
            kind, names = seen.setdefault(m.entity, (m.kind, []))
            if m.span.text not in names:
                names.append(m.span.text)
    agents = [*record.senders, *record.recipients, *record.signatories]
    for st in record.chain:
        agents.extend(st.agents)
    for a in agents:
        if a.entity is not None and a.entity not in ents and a.entity not in seen:
            kind = MentionKind.PERSON if a.kind is AgentKind.PERSON else MentionKind.ORGANIZATION
            seen[a.entity] = (kind, [a.span.text])
    if record.place is not None and record.place.entity is not None and record.place.entity not in ents:
        seen.setdefault(record.place.entity, (MentionKind.PLACE, [record.place.span.text]))
    for eid, (kind, names) in seen.items():
        ents[eid] = Entity(id=eid, kind=kind, name=names[0], variants=tuple(names), description=UNLISTED)
    return list(ents.values()), set(ents)


def _entity_el(parent: etree._Element, e: Entity, index: int, fixes: Sequence[EntityCorrection] = ()) -> None:
    _, item_tag, name_tag = _LIST_TAG[e.kind]
    item = _sub(parent, item_tag, None, n=str(index))
    item.set(f"{{{XML_NS}}}id", xml_id(e.id))
    if e.kind is MentionKind.GROUP:
        item.set("type", "group")
    _sub(item, name_tag, e.name, type="preferred")
    for v in e.variants:  # all of them, in order, the preferred form among them
        _sub(item, name_tag, v, type="variant")
    if e.kind is MentionKind.PLACE and e.latitude is not None and e.longitude is not None:
        loc = _sub(item, "location")
        _sub(loc, "geo", f"{e.latitude} {e.longitude}")
    _sub(item, "idno", e.id, type=KARTOTEKA_SCHEME)
    for scheme, value in e.authority:
        _sub(item, "idno", value, type=scheme)
    if e.description is UNLISTED:
        # made here for a pointer without an entity record; an importer drops it again
        _sub(item, "note", "listed for a pointer of this record only", type="unlisted")
    elif e.description:
        _sub(item, "note", e.description)
    for link in e.links:  # why each spelling was joined to the entity
        # @subtype is one word (no spaces): a space (and "%") is percent-encoded, so that the import reads
        # the method back exactly ("given name" is given%20name, "correction #8: merge" correction%20#8:%20merge)
        method = re.sub(r"[\s%]", lambda x: quote(x.group()), link.method)
        _sub(item, "note", link.variant, type="link", subtype=method or "unknown", n=repr(link.score))
    for x in fixes:  # what historians changed about it (merged into it, split off, renamed, given mentions)
        why = f" Reason: {x.reason}" if x.reason else ""
        _sub(item, "note", f"Historian's correction by {x.author} ({x.created_at}): {x.description}.{why}",
             type="correction", subtype=x.action, n=str(x.correction_id))


def _by_historian(el: etree._Element, value: CorrectedValue | None,
                  resp: Mapping[str, str] | None = None) -> etree._Element:
    """Mark a header element as a historian's value: who (``resp``) and that it is certain to them."""
    if value is not None:
        el.set("resp", "#" + (resp or resp_ids([value.author]))[value.author])
        el.set("cert", "high")
    return el


def _header(root: etree._Element, record: Record, known: set[str],
            corrected: Sequence[CorrectedValue] = (), source_name: str | None = None,
            changes: Sequence[LoggedCorrection] = ()) -> None:
    fixes = {v.field: v for v in corrected}
    resp = resp_ids([*(v.author for v in corrected), *(x.author for x in changes)])
    header = _sub(root, "teiHeader")
    fdesc = _sub(header, "fileDesc")
    _title_stmt(fdesc, record, fixes.get("title"), resp)
    pub = _sub(fdesc, "publicationStmt")
    _sub(pub, "p", "Structured by kartoteka from a translated archival transcription.")
    if corrected:
        _correction_notes(fdesc, corrected, resp)
    _source_desc(fdesc, record, fixes.get("classification"), resp, source_name)
    if record.classification is not None:
        # the taxonomy that keywords/@scheme="#classification" points to
        tax = _sub(_sub(_sub(header, "encodingDesc"), "classDecl"), "taxonomy")
        tax.set(f"{{{XML_NS}}}id", "classification")
        _sub(tax, "desc", "Security classification: the level the document was marked with and its caveats.")
    _profile(header, record, known, fixes, resp)
    revision_desc(header, changes, resp)


def _title_stmt(fdesc: etree._Element, record: Record, fixed_title: CorrectedValue | None,
                resp: Mapping[str, str]) -> None:
    """The title (the historian's, else the record's, else the file's name) and who corrected what."""
    tstmt = _sub(fdesc, "titleStmt")
    title = record.title.text if record.title else record.source.path.rsplit("/", 1)[-1]
    if fixed_title is not None:
        title = fixed_title.value
    title_el = _by_historian(_sub(tstmt, "title", title), fixed_title, resp)
    if record.title is not None and record.title.text == title:
        _at(title_el, record.title)
    for author, rid in resp.items():
        stmt = _sub(tstmt, "respStmt")
        stmt.set(f"{{{XML_NS}}}id", rid)
        _sub(stmt, "resp", "historian's correction")
        _sub(stmt, "name", author)


def _correction_notes(fdesc: etree._Element, corrected: Sequence[CorrectedValue], resp: Mapping[str, str]) -> None:
    notes = _sub(fdesc, "notesStmt")
    for v in corrected:
        why = f" Reason: {v.reason}" if v.reason else ""
        _by_historian(_sub(notes, "note", f"Historian's correction of the {v.field} by {v.author} "
                                          f"({v.created_at}): {v.value}.{why}", type="correction",
                           subtype=v.field), v, resp)


def _source_desc(fdesc: etree._Element, record: Record, fixed_class: CorrectedValue | None,
                 resp: Mapping[str, str], source_name: str | None) -> None:
    """The source: its path, hash, encoding, file references and classification marking."""
    sdesc = _sub(fdesc, "sourceDesc")
    bibl = _sub(sdesc, "bibl")
    # the source by its path relative to the collection's root, never the exporting machine's folders
    name = source_name or record.source.path.replace("\\", "/").rsplit("/", 1)[-1]
    _sub(bibl, "idno", name, type="path")
    if record.source.sha256:
        _sub(bibl, "idno", record.source.sha256, type="sha256")
    if record.document is not None:
        _sub(bibl, "idno", record.document.encoding, type="encoding")
    for r in record.references:
        _at(_sub(bibl, "idno", r.span.text, type=str(r.kind)), r.span)
    if record.classification is not None:
        c = record.classification
        words = c.span.text
        if fixed_class is not None and not words:  # a marking the historian supplied, not in the text
            words = str(c.level) if c.level else "; ".join(c.caveats)
        note = _by_historian(_sub(bibl, "note", words, type="classification"), fixed_class, resp)
        if c.span.text or fixed_class is None:
            _at(note, c.span)


def _profile(header: etree._Element, record: Record, known: set[str], fixes: Mapping[str, CorrectedValue],
             resp: Mapping[str, str]) -> None:
    """The abstract, the date and place of writing, the classification's terms and the correspondents."""
    profile = _sub(header, "profileDesc")
    if record.summary is not None:
        abstract = _sub(profile, "abstract")
        _at(_sub(abstract, "p", record.summary.text), record.summary)
    if record.date is not None or record.place is not None:
        creation = _sub(profile, "creation")
        if record.date is not None:
            _date_el(creation, record.date, fixes.get("date"), resp)
        if record.place is not None:
            if len(creation):
                creation[-1].tail = ", "
            pl = _at(_sub(creation, "placeName", record.place.span.text), record.place.span)
            if record.place.entity is not None and record.place.entity in known:
                pl.set("ref", "#" + xml_id(record.place.entity))
    if record.classification is not None:
        c = record.classification
        kw = _sub(_sub(profile, "textClass"), "keywords", None, scheme="#classification")
        if c.level is not None:
            _by_historian(_sub(kw, "term", str(c.level), type="level"), fixes.get("classification"), resp)
        for cav in c.caveats:
            _sub(kw, "term", cav, type="caveat")
        if len(kw) == 0:
            _sub(kw, "term", c.span.text, type="marking")
    _correspondence(profile, record, known)
    _participants(profile, record, known)


def _standoff(root: etree._Element, entities: Iterable[Entity], crossing: list[InlineElement],
              entity_fixes: Mapping[str, Sequence[EntityCorrection]]) -> None:
    by_list: dict[str, list[tuple[int, Entity]]] = {}
    for i, e in enumerate(entities):
        by_list.setdefault(_LIST_TAG[e.kind][0], []).append((i, e))
    if not by_list and not crossing:
        return
    so = _sub(root, "standOff")
    for list_tag in ("listPerson", "listPlace", "listOrg"):
        if list_tag in by_list:
            lst = _sub(so, list_tag)
            for i, e in by_list[list_tag]:
                _entity_el(lst, e, i, entity_fixes.get(e.id, ()))
    if crossing:
        # spans that overlap another without nesting: kept by offsets into the body text
        spans = _sub(so, "spanGrp", None, type="crossing")
        for a in sorted(crossing, key=lambda a: a.key):
            sp = _sub(spans, "span", None, type=a.tag)
            # TEI's string-range pointer: the body's text from an offset, for a length
            sp.set("from", f"#string-range(//body/ab,{a.start},{a.end - a.start})")
            sp.set("n", f"{a.start}-{a.end}")
            # the element's attributes travel as "key=value" words (values %-quoted); a pointer
            # to an entity stays a pointer (@corresp: @target may not stand beside @from) and a
            # language stays @xml:lang
            tokens = [f"i={a.index}"] if a.index >= 0 else []
            for k, v in a.attrs:
                if k == "ref":
                    sp.set("corresp", v)
                elif k == f"{{{XML_NS}}}lang":
                    sp.set(k, v)
                else:
                    tokens.append(f"{quote(k, safe='')}={quote(v, safe='')}")
            if tokens:
                sp.text = " ".join(tokens)


def tei_tree(record: Record, corrected: Sequence[CorrectedValue] = (),
             entity_fixes: Mapping[str, Sequence[EntityCorrection]] | None = None,
             source_name: str | None = None, changes: Sequence[LoggedCorrection] = ()) -> etree._Element:
    """The record as a TEI P5 element tree (``<TEI>``); ``corrected`` are the values historians set
    for it (an archive's), written with who set them and a note saying so; ``entity_fixes``, by
    entity id, their changes to the entities it names, as notes in the ``standOff`` lists;
    ``changes``, the active corrections about it whole, in ``<revisionDesc>`` for an import."""
    if record.document is None:
        from kartoteka.errors import ExportError, Location

        raise ExportError("the record has no text to export", location=Location(record.source.path),
                          expected="a parsed record (not an error record)")
    text = record.document.text
    entities, known = _entity_lists(record)
    root = etree.Element(_t("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    _header(root, record, known, corrected, source_name, changes)
    nodes, roots, crossing = _nest(_inlines(record, known))
    _standoff(root, entities, crossing, entity_fixes or {})
    body = _sub(_sub(root, "text"), "body")
    ab = _sub(body, "ab")
    ab.set(f"{{{XML_NS}}}space", "preserve")
    _fill(ab, text, 0, len(text), roots, nodes)
    return root


def to_tei(record: Record, corrected: Sequence[CorrectedValue] = (),
           entity_fixes: Mapping[str, Sequence[EntityCorrection]] | None = None,
           source_name: str | None = None, changes: Sequence[LoggedCorrection] = ()) -> str:
    """One record as a standalone TEI P5 document (UTF-8 XML text, ending with a newline)."""
    tree = tei_tree(record, corrected, entity_fixes, source_name, changes)
    out: str = etree.tostring(tree, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out + "\n"


__all__ = ["KARTOTEKA_SCHEME", "TEI_NS", "XML_NS", "body_text", "date_bounds", "tei_tree", "to_tei", "xml_id"]

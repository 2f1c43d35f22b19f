"""The historians' corrections of a record in TEI: who answers for them (``respStmt``) and each
active correction whole in ``<revisionDesc>``, so that ``kartoteka import`` logs them again.

One ``<change>`` per correction: ``when`` it was made, ``who`` made it (a ``respStmt``), ``type``
its action and ``n`` its number in the exporting archive's log; its text is the log's line, then
a ``note type="reason"`` (why) and a ``note type="correction"`` holding the correction as the log
keeps it (JSON: anchors by document sha256 and offsets), which an importer reads back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import etree

from kartoteka.corrections import LoggedCorrection, action_of, describe, to_payload

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PAYLOAD = "correction"  # the note type of a change's correction
REASON = "reason"
# XML 1.0 cannot carry these even as references (JSON escapes the control characters itself)
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    return _XML_FORBIDDEN.sub("\ufffd", s)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-") or "historian"


def resp_ids(authors: Iterable[str]) -> dict[str, str]:
    """An xml:id for each author, in order: ``resp-<slug>``, numbered when two share a slug."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for a in authors:
        if a in out:
            continue
        base = f"resp-{_slug(a)}"
        rid, n = base, 1
        while rid in taken:
            n += 1
            rid = f"{base}-{n}"
        taken.add(rid)
        out[a] = rid
    return out


def revision_desc(header: etree._Element, changes: Sequence[LoggedCorrection], resp: dict[str, str]) -> None:
    """``<revisionDesc>`` (the last child of ``teiHeader``) with one ``<change>`` per correction."""
    if not changes:
        return
    desc = etree.SubElement(header, f"{{{TEI_NS}}}revisionDesc")
    for x in changes:
        ch = etree.SubElement(desc, f"{{{TEI_NS}}}change", n=str(x.correction_id), when=x.created_at,
                              who=f"#{resp[x.author]}", type=str(action_of(x.correction)))
        ch.text = _text(describe(x.correction)) + ". "
        why = etree.SubElement(ch, f"{{{TEI_NS}}}note", type=REASON)
        why.text = _text(x.reason)
        payload = etree.SubElement(ch, f"{{{TEI_NS}}}note", type=PAYLOAD)
        payload.text = _text(to_payload(x.correction))


__all__ = ["PAYLOAD", "REASON", "resp_ids", "revision_desc"]

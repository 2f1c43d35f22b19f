"""Safe XML parsing for TEI import: no entity expansion, no DTD loading, no network, a size limit.

A document that declares entities or an external DTD, or that is larger than the limit, is
refused with an XmlError; an odd but well-formed ``xml:id`` (``"#William"``) is not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lxml import etree

from kartoteka.errors import Location, XmlError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_DECLARES_ENTITY = re.compile(rb"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY")
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s+(?:SYSTEM|PUBLIC)\b")


def joined(parts: Iterable[str | bytes] | Iterable[str]) -> str:
    """Text pieces of lxml's itertext (typed str | bytes, always str for parsed XML) as one string."""
    return "".join(p if isinstance(p, str) else p.decode("utf-8") for p in parts)


def local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_xml(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """The root element of ``data``, or :class:`XmlError` for malformed or hostile XML."""
    loc = Location(path)
    if len(data) > max_bytes:
        raise XmlError(f"XML file too large ({len(data)} bytes)", location=loc,
                       expected=f"at most {max_bytes} bytes")
    if _DECLARES_ENTITY.search(data[:65536]):
        # refused before parsing: a parameter entity would otherwise reach out while the DTD is read
        raise XmlError("XML declares entities (possible entity expansion or external entity attack)",
                       location=loc, expected="XML without <!ENTITY> declarations")
    if _EXTERNAL_DTD.search(data[:65536]):
        raise XmlError("XML refers to an external DTD", location=loc, expected="XML without an external DOCTYPE")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
        collect_ids=False,  # an odd xml:id ("#William") is no reason to refuse a well-formed file
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise XmlError(f"malformed XML: {exc.msg}", location=Location(path, line),
                       expected="well-formed XML") from None
    docinfo: Any = root.getroottree().docinfo
    dtd: Any = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XmlError("XML declares entities (possible entity expansion or external entity attack)",
                       location=loc, expected="XML without <!ENTITY> declarations")
    if docinfo.system_url or docinfo.public_id:
        raise XmlError("XML refers to an external DTD", location=loc,
                       expected="XML without an external DOCTYPE")
    for el in root.iter():
        if isinstance(el, etree._Entity):
            raise XmlError(f"XML uses an undeclared entity &{el.name};", location=loc,
                           expected="XML without entity references")
    return root

__all__ = ["DEFAULT_MAX_BYTES", "TEI_NS", "XML_ID", "joined", "local", "parse_xml"]

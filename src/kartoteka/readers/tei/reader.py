"""TEI import entry points: a file's bytes to its documents, by the file's shape (a FRUS-style
volume, a CMIF file, kartoteka's own export, or a TEI document from another edition)."""

from __future__ import annotations

import hashlib

from lxml import etree

from kartoteka.errors import Location, XmlError
from kartoteka.readers.files import read_raw
from kartoteka.readers.tei.cmif import cmif_documents, is_cmif
from kartoteka.readers.tei.layout import REGULARISED
from kartoteka.readers.tei.letters import letter_document
from kartoteka.readers.tei.preserved import body_document, is_preserved
from kartoteka.readers.tei.safexml import DEFAULT_MAX_BYTES, TEI_NS, joined, local, parse_xml
from kartoteka.readers.tei.values import TeiImport
from kartoteka.readers.tei.volume import persons_list, volume_document


def _title_of(root: etree._Element) -> str:
    for t in root.iter(f"{{{TEI_NS}}}title"):
        parent = t.getparent()
        if parent is not None and local(parent) == "titleStmt":
            return " ".join(joined(t.itertext()).split())
    return ""


def _volume_id(root: etree._Element, path: str) -> str:
    for idno in root.iter(f"{{{TEI_NS}}}idno"):
        if idno.get("type") == "frus" and (idno.text or "").strip():
            return (idno.text or "").strip()
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


def read_tei(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES,
             readings: tuple[str, ...] = REGULARISED) -> TeiImport:
    """A TEI file's bytes as imported documents: a FRUS volume one per document div, a CMIF file one
    per letter, any other file one; ``readings`` says which reading of a ``choice`` the text takes."""
    root = parse_xml(data, path, max_bytes)
    if local(root) not in ("TEI", "teiCorpus") or root.nsmap.get(root.prefix) != TEI_NS:
        raise XmlError(f"not a TEI document (root element <{local(root) or root.tag}>)", location=Location(path),
                       expected="a TEI P5 <TEI> root in the TEI namespace")
    volume_id = _volume_id(root, path)
    divs = [d for d in root.iter(f"{{{TEI_NS}}}div") if d.get("type") == "document"]
    if divs:
        docs = tuple(volume_document(d, volume_id, path) for d in divs)
        return TeiImport(path, volume_id, _title_of(root), docs, persons_list(root), True)
    if is_cmif(root):
        letters, persons = cmif_documents(root, path, volume_id)
        return TeiImport(path, volume_id, _title_of(root), letters, persons)
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    if body is None:
        raise XmlError("TEI file has no <text><body>", location=Location(path), expected="a TEI text body")
    if is_preserved(body):
        doc = body_document(root, body, path)
    else:
        doc = letter_document(root, body, path, hashlib.sha256(data).hexdigest(), readings)
    return TeiImport(path, volume_id, _title_of(root), (doc,))


def read_tei_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES, readings: tuple[str, ...] = REGULARISED) -> TeiImport:
    """Read a TEI file from disk (the file-system edge), refusing one larger than ``max_bytes``."""
    return read_tei(read_raw(path, what="TEI file", max_bytes=max_bytes, error=XmlError), path, max_bytes, readings)

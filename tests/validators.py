"""The official validators the export tests hold kartoteka's output to, each compiled once per run.

``tei_all.rng`` (shipped in the package) and the 85 Schematron constraints embedded in it
(``data/schema/tei_all_embedded.sch``), CMIF 1.1's RelaxNG and Schematron
(``data/schema/cmif/``), Schematron run by the SchXslt 2.0 stylesheets on Saxon-HE (``saxonche``),
as ``../shared/tools/schematron.py`` runs them. Sources and licences: ``data/schema/LICENSE.md``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor, PyXsltExecutable

from kartoteka.schema import schema_path

SCHEMA = Path(__file__).resolve().parent / "data" / "schema"
CMIF_RNG = SCHEMA / "cmif" / "cmi-customization.rng"
CMIF_SCH = SCHEMA / "cmif" / "cmif.sch"
TEI_SCH = SCHEMA / "tei_all_embedded.sch"
PIPELINE = SCHEMA / "schxslt" / "2.0" / "pipeline-for-svrl.xsl"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed assertion or successful report of a Schematron run, or one RelaxNG error."""

    file: str
    role: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.role}: {self.text}"


_PROCESSOR: list[PySaxonProcessor] = []


@functools.cache
def _schematron(schema: Path) -> PyXsltExecutable:
    if not _PROCESSOR:
        _PROCESSOR.append(PySaxonProcessor(license=False))
    xslt = _PROCESSOR[0].new_xslt30_processor()
    compiled = xslt.compile_stylesheet(stylesheet_file=str(PIPELINE)).transform_to_string(source_file=str(schema))
    return xslt.compile_stylesheet(stylesheet_text=compiled)


def schematron(schema: Path, xml: str, name: str = "<xml>") -> list[Finding]:
    """Every failed assert and successful report of ``schema`` on the document ``xml`` (errors and warnings)."""
    assert _PROCESSOR or _schematron(schema) is not None
    doc = _PROCESSOR[0].parse_xml(xml_text=xml)
    svrl = etree.fromstring(_schematron(schema).transform_to_string(xdm_node=doc).encode("utf-8"))
    found = svrl.findall(".//svrl:failed-assert", SVRL) + svrl.findall(".//svrl:successful-report", SVRL)
    return [Finding(name, (a.get("role") or "error").lower(),
                    " ".join((a.findtext("svrl:text", namespaces=SVRL) or "").split()) + f" at {a.get('location')}")
            for a in found]




@functools.cache
def relaxng(path: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(path))


def tei_rng() -> etree.RelaxNG:
    """tei_all.rng is big (about ten seconds to compile): compiled once for the whole run."""
    return relaxng(schema_path())


def rng_errors(schema: etree.RelaxNG, xml: str, name: str = "<xml>") -> list[Finding]:
    tree = etree.fromstring(xml.encode("utf-8"))
    if schema.validate(tree):
        return []
    return [Finding(name, "error", f"line {e.line}: {e.message}") for e in schema.error_log]


def dangling_pointers(xml: str, name: str = "<xml>") -> list[Finding]:
    """Local pointers (``#id`` in ref, target, ana, scheme, resp, source, corresp, from …) naming no xml:id."""
    tree = etree.fromstring(xml.encode("utf-8"))
    ids = set(tree.xpath("//@xml:id"))
    out = []
    for el in tree.iter():
        for attr, value in el.attrib.items():
            if attr in ("n", "when", "notBefore", "notAfter", "type", "subtype") or not isinstance(value, str):
                continue
            for token in value.split():
                if token.startswith("#") and not token.startswith("#string-range(") and token[1:] not in ids:
                    out.append(Finding(name, "error", f"<{etree.QName(el).localname} {attr}> points to {token}"))
    return out


def tei_errors(xml: str, name: str = "<xml>") -> list[Finding]:
    """A TEI document against tei_all.rng, its embedded Schematron, and its local pointers."""
    return [*rng_errors(tei_rng(), xml, name), *schematron(TEI_SCH, xml, name),
            *dangling_pointers(xml, name)]


def cmif_errors(xml: str, name: str = "<xml>") -> list[Finding]:
    """A CMIF file against CMIF 1.1's RelaxNG and Schematron."""
    return [*rng_errors(relaxng(str(CMIF_RNG)), xml, name), *schematron(CMIF_SCH, xml, name)]

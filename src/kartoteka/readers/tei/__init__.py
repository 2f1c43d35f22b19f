"""TEI import: TEI P5 XML to Documents, refusing hostile XML, keeping editors' annotations."""

from kartoteka.readers.tei.reader import read_tei, read_tei_file
from kartoteka.readers.tei.safexml import DEFAULT_MAX_BYTES, parse_xml
from kartoteka.readers.tei.values import (
    Annotations,
    AuthorityPerson,
    HeadingAgent,
    Inline,
    LinkedName,
    Signature,
    TeiDocument,
    TeiImport,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Annotations",
    "AuthorityPerson",
    "HeadingAgent",
    "Inline",
    "LinkedName",
    "Signature",
    "TeiDocument",
    "TeiImport",
    "parse_xml",
    "read_tei",
    "read_tei_file",
]

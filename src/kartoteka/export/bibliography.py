"""Citations as files a reference manager imports: CSL-JSON, BibTeX (biblatex fields, TeX's special
characters escaped) and RIS, one entry per document, in the order given; and each format's media
type and file name.

BibTeX entries are ``@misc`` with the key of the citation (stable: made from the document's bytes);
every name is braced whole, so "Central Intelligence Agency" stays one author. RIS entries are
``MANSCPT`` (manuscript) with ``DA`` as RIS writes dates (``YYYY/MM/DD/``, a range's ISO form in
the last part), ``AV`` the archival reference and ``Y2`` the access date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kartoteka.export.citation import LANGUAGES, Citation, csl_json

# TeX's special characters and what stands for them in a field
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
        "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_TEX_RE = re.compile("|".join(re.escape(ch) for ch in _TEX))


@dataclass(frozen=True, slots=True)
class CitationFormat:
    """A bibliography file format: its name on the command line and in URLs, media type and suffix."""

    name: str
    media_type: str
    suffix: str


FORMATS = {
    "csl-json": CitationFormat("csl-json", "application/vnd.citationstyles.csl+json; charset=utf-8", ".json"),
    "bibtex": CitationFormat("bibtex", "application/x-bibtex; charset=utf-8", ".bib"),
    "ris": CitationFormat("ris", "application/x-research-info-systems; charset=utf-8", ".ris"),
}


def tex(text: str) -> str:
    """``text`` safe inside a braced BibTeX field: TeX's specials escaped, white space one space."""
    return _TEX_RE.sub(lambda m: _TEX[m.group(0)], " ".join(text.split()))


def bibtex_key(key: str) -> str:
    """A citation key BibTeX and biber read: letters, digits and ``-_:.`` only."""
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", key) or "document"


def bibtex_entry(c: Citation) -> str:
    fields: list[tuple[str, str]] = []
    if c.authors:
        fields.append(("author", " and ".join("{" + tex(a) + "}" for a in c.authors)))
    fields.append(("title", "{" + tex(c.title) + "}"))
    if c.date is not None:
        fields.append(("date", c.date.start + (f"/{c.date.end}" if c.date.end else "")))
        fields.append(("year", c.date.start[:4]))
    optional = (("location", c.place), ("howpublished", c.reference or None), ("series", c.collection),
                ("number", c.number))
    fields += [(name, tex(value)) for name, value in optional if value]
    if c.language:
        fields.append(("langid", LANGUAGES.get(c.language, c.language).lower()))
    fields += [("url", c.url.replace("{", "%7B").replace("}", "%7D")), ("urldate", c.accessed)]
    if c.recipients:
        fields.append(("note", "To " + tex(", ".join(c.recipients))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(c.key)},\n{body}\n}}\n"


def _ris_date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def ris_entry(c: Citation) -> str:
    lines: list[tuple[str, str]] = [("TY", "MANSCPT"), ("ID", c.key), ("T1", c.title)]
    lines += [("AU", a) for a in c.authors]
    if c.date is not None:
        lines.append(("PY", c.date.start[:4]))
        other = f"{c.date.start}/{c.date.end}" if c.date.end else ""
        lines.append(("DA", _ris_date(c.date.start) + other))
    optional = (("CY", c.place), ("AV", c.reference or None), ("T2", c.collection), ("M1", c.number),
                ("LA", c.language))
    lines += [(tag, value) for tag, value in optional if value]
    if c.recipients:
        lines.append(("N1", "To " + ", ".join(c.recipients)))
    lines += [("UR", c.url), ("Y2", _ris_date(c.accessed)), ("ER", "")]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def render(citations: Iterable[Citation], fmt: str) -> str:
    """The citations in one of ``FORMATS``: a CSL-JSON array, BibTeX entries or RIS records."""
    items = list(citations)
    if fmt == "csl-json":
        return json.dumps([csl_json(c) for c in items], ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        return "\n".join(bibtex_entry(c) for c in items)
    if fmt == "ris":
        return "\r\n".join(ris_entry(c) for c in items)
    raise ValueError(f"no citation format {fmt!r}")


def filename(stem: str, fmt: str) -> str:
    """The download's file name: ``stem`` with the format's suffix (``.csl.json`` for CSL-JSON)."""
    suffix = ".csl.json" if fmt == "csl-json" else FORMATS[fmt].suffix
    return re.sub(r"[^A-Za-z0-9_.-]", "-", stem)[:80] + suffix


__all__ = ["FORMATS", "CitationFormat", "bibtex_entry", "bibtex_key", "filename", "render", "ris_entry", "tex"]

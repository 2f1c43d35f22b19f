"""Gold documents for evaluation: the frus-dev gold format read from disk, or derived from a TEI volume.

A gold volume is a folder with ``text/<doc>.txt`` and ``gold/<doc>.json`` (schema
``kartoteka-frus-gold/1``); the same values come out of a FRUS TEI volume's editorial markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kartoteka.errors import Location, ReadError
from kartoteka.model import Span
from kartoteka.readers.tei import TeiDocument, TeiImport

GOLD_SCHEMA = "kartoteka-frus-gold/1"


@dataclass(frozen=True, slots=True)
class GoldPlace:
    span: Span
    declassified: bool = True


@dataclass(frozen=True, slots=True)
class GoldClassification:
    level: str | None
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldPerson:
    span: Span
    person_id: str | None
    zone: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """What a gold document says, with the text its offsets point into."""

    volume: str
    basename: str
    text: str
    sha256: str | None = None
    title: Span | None = None
    date_iso: str | None = None
    place: GoldPlace | None = None
    senders: tuple[Span, ...] = ()
    recipients: tuple[Span, ...] = ()
    signatories: tuple[Span, ...] = ()
    classification: GoldClassification | None = None
    references: tuple[Span, ...] = ()
    citation: Span | None = None
    persons: tuple[GoldPerson, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldVolume:
    key: str
    volume_id: str
    path: str
    docs: tuple[GoldDoc, ...]

    def by_basename(self) -> dict[str, GoldDoc]:
        return {d.basename: d for d in self.docs}


# ------------------------------------------------------------------ the frus-dev files


def _read_exact(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _span(obj: Any) -> Span | None:
    if not isinstance(obj, dict):
        return None
    s, e, t = obj.get("start"), obj.get("end"), obj.get("text", obj.get("surface"))
    if not isinstance(s, int) or not isinstance(e, int):
        return None
    return Span(s, e, t if isinstance(t, str) else "")


def _spans(objs: Any) -> tuple[Span, ...]:
    return tuple(s for o in (objs if isinstance(objs, list) else []) if (s := _span(o)) is not None)


def gold_doc(volume: str, basename: str, g: dict[str, Any], text: str) -> GoldDoc:
    """One gold JSON object (already parsed) as a GoldDoc."""
    date = g.get("date") if isinstance(g.get("date"), dict) else {}
    place = g.get("place")
    gp = None
    if isinstance(place, dict) and (sp := _span(place)) is not None:
        gp = GoldPlace(sp, bool(place.get("declassified", True)))
    cl = g.get("classification")
    gc = None
    if isinstance(cl, dict):
        gc = GoldClassification(cl.get("level"), tuple(x for x in cl.get("caveats") or [] if isinstance(x, str)))
    persons = []
    for m in g.get("person_mentions") or []:
        sp = _span(m)
        if sp is not None:
            persons.append(GoldPerson(sp, m.get("person_id") or None, m.get("zone")))
    return GoldDoc(
        volume=volume, basename=basename, text=text, sha256=g.get("text_sha256"),
        title=_span(g.get("title")), date_iso=(date or {}).get("iso_date") or None, place=gp,
        senders=_spans(g.get("sender")), recipients=_spans(g.get("recipient")),
        signatories=_spans(g.get("signatories")), classification=gc,
        references=_spans(g.get("archival_refs")), citation=_span(g.get("archival_citation")),
        persons=tuple(persons),
    )


def gold_dirs(dirs: list[str]) -> list[Path]:
    """Volume folders named on the command line; a folder of volumes expands to them."""
    out: list[Path] = []
    for d in dirs:
        p = Path(d)
        if (p / "gold").is_dir():
            out.append(p)
            continue
        subs = sorted(s for s in p.iterdir() if (s / "gold").is_dir()) if p.is_dir() else []
        if not subs:
            raise ReadError("not a gold volume folder", location=Location(d),
                            expected="a folder with gold/ and text/, or a folder of such folders")
        out.extend(subs)
    return out


def load_volume(path: Path) -> GoldVolume:
    """Read a gold volume folder (the file-system edge of evaluation)."""
    files = sorted((path / "gold").glob("*.json"))
    if not files:
        raise ReadError("gold/ holds no .json files", location=Location(str(path)), expected="gold JSON files")
    docs: list[GoldDoc] = []
    volume_id = path.name
    for f in files:
        try:
            g = json.loads(_read_exact(f))
            text_file = g["text_file"]
            text = _read_exact(path / text_file)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ReadError(f"cannot read gold: {exc}", location=Location(str(f)),
                            expected=f"a {GOLD_SCHEMA} JSON file and its text") from None
        volume_id = g.get("volume_id") or volume_id
        docs.append(gold_doc(path.name, Path(text_file).name, g, text))
    return GoldVolume(path.name, volume_id, str(path), tuple(docs))


# ------------------------------------------------------------------ gold from a TEI volume

_LEVELS = ("top secret", "secret", "confidential", "restricted", "limited official use",
           "official use only", "unclassified")
_REF_PATTERNS = (
    ("cia_job", re.compile(r"\bJob \d+[-–]\d+[A-Z]?, Box \d+, Folder \d+")),
    ("lot_file", re.compile(r"\bLot \d+ ?[A-Z] ?\d+")),
    ("decimal_file", re.compile(r"\b\d{3}[A-Z]?\.\d+[A-Z0-9]*(?:/[\w–-]+)?")),
    ("subject_numeric_file", re.compile(r"\b[A-Z]{2,5} \d+(?:[-–]\d+)* [A-Z][A-Z-]+\b")),
    ("record_group", re.compile(r"\b(?:RG|Record Group) \d+")),
    ("frc_accession", re.compile(r"\bFRC \d+[-–]\d+(?:, box \d+)?", re.IGNORECASE)),
)
_TERM = re.compile(r"^[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}$")


_LEVEL_NAMES = {lv: " ".join(w if w == "of" else w.capitalize() for w in lv.split()) for lv in _LEVELS}
_UNMARKED = "no classification marking"


def _statement(sentence: str) -> GoldClassification | None:
    """A classification sentence of a source note ("Secret; Priority"), or None if it is not one."""
    terms = [t.strip() for t in re.split(r"[;,]", sentence.strip().rstrip(".")) if t.strip()]
    if not terms:
        return None
    first = terms[0].casefold().removesuffix(" security information")
    if first == _UNMARKED:
        rest = terms[1:]
        return GoldClassification("Unmarked", tuple(rest)) if all(_TERM.match(t) for t in rest) else None
    if first in _LEVELS:
        return GoldClassification(_LEVEL_NAMES[first], tuple(terms[1:]))
    if not all(_TERM.match(t) for t in terms):
        return None
    if len(terms) > 1 or terms[0].isupper():
        return GoldClassification(None, tuple(terms))
    return None


def opener_classification(line: str) -> GoldClassification | None:
    """A 1940s opener line ("SECRET US URGENT", "TOP SECRET", "CONFIDENTIAL NIACT") as level and caveats."""
    words = " ".join(line.split()).rstrip(".")
    folded = words.casefold()
    for level in sorted(_LEVELS, key=len, reverse=True):
        if folded == level or folded.startswith(level + " ") or folded.startswith(level + ";"):
            rest = words[len(level):].strip(" ;,")
            caveats = tuple(t.strip() for t in re.split(r"[;,]", rest) if t.strip())
            return GoldClassification(_LEVEL_NAMES[level], caveats)
    if words and words.isupper() and len(words.split()) <= 4:
        return GoldClassification(None, (words,))
    return None


def _sentence_ends(text: str, start: int) -> list[int]:
    """Offsets of ". " that end a sentence (not an initial such as "J.F. " or "S. ")."""
    out = []
    for m in re.finditer(r"\. ", text[start:]):
        at = start + m.start()
        if re.search(r"(?:^|[\s.])[A-Z]$", text[:at]):
            continue
        out.append(at)
    return out


def source_note_fields(note: Span) -> tuple[Span | None, tuple[tuple[str, Span], ...], GoldClassification | None]:
    """The archival citation, the file numbers in it and the classification of a FRUS source note."""
    text = note.text
    body_start = len("Source: ") if text.startswith("Source: ") else 0
    ends = _sentence_ends(text, body_start)
    classification = None
    end = len(text.rstrip().rstrip("."))
    for i, cut in enumerate(ends):
        nxt = ends[i + 1] if i + 1 < len(ends) else len(text.rstrip().rstrip("."))
        found = _statement(text[cut + 2:nxt])
        if found is not None:
            classification, end = found, cut
            break
    else:
        if ends:
            end = ends[0]
    cit_text = text[body_start:end]
    citation = Span(note.start + body_start, note.start + end, cit_text) if cit_text else None
    refs: list[tuple[str, Span]] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _REF_PATTERNS:
        for m in pat.finditer(cit_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            refs.append((kind, Span(note.start + body_start + m.start(), note.start + body_start + m.end(),
                                    m.group())))
    refs.sort(key=lambda r: r[1].start)
    return citation, tuple(refs), classification


def gold_from_tei(imp: TeiImport) -> GoldVolume:
    """A gold volume from a FRUS TEI volume's markup (documents without a dateline, i.e. editorial notes, left out)."""
    docs = tuple(_gold_of(imp.volume_id, td) for td in imp.documents if td.annotations.dateline is not None)
    return GoldVolume(imp.volume_id, imp.volume_id, imp.path, docs)


def _gold_of(volume: str, td: TeiDocument) -> GoldDoc:
    a = td.annotations
    citation: Span | None = None
    refs: tuple[tuple[str, Span], ...] = ()
    classification: GoldClassification | None = None
    if a.source_notes:
        citation, refs, classification = source_note_fields(a.source_notes[0])
    if classification is None and a.opener:
        classification = opener_classification(a.opener[0].text)
    place = None
    if a.place is not None:
        hidden = a.place.text.startswith("[") and "not declassified" in a.place.text.casefold()
        place = GoldPlace(a.place, not hidden)
    iso = None
    if a.when:
        iso = a.when[:10] if len(a.when) >= 10 else a.when
    elif a.not_before:
        iso = a.not_before[:10]
    return GoldDoc(
        volume=volume, basename=td.document.source.path.rsplit("/", 1)[-1], text=td.document.text,
        sha256=td.document.source.sha256, title=a.title, date_iso=iso, place=place,
        senders=tuple(x.span for x in a.senders), recipients=tuple(x.span for x in a.recipients),
        signatories=tuple(x.span for x in a.signatories), classification=classification,
        references=tuple(sp for _, sp in refs), citation=citation,
        persons=tuple(GoldPerson(p.span, p.person_id, p.zone) for p in a.persons),
    )


# ------------------------------------------------------------------ writing a derived gold set


def _span_json(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"text": s.text, "start": s.start, "end": s.end}


def gold_json(doc: GoldDoc, td: TeiDocument, volume_id: str, volume_title: str) -> dict[str, Any]:
    """A derived gold document in the frus-dev gold format (the fields kscore reads, and the editors' links)."""
    a = td.annotations
    date = _span_json(a.date)
    if date is not None:
        date.update({"when": a.when, "iso_date": doc.date_iso})
        if a.not_before:
            date["notBefore"] = a.not_before
        if a.not_after:
            date["notAfter"] = a.not_after
    place = _span_json(a.place)
    if place is not None and doc.place is not None:
        place["declassified"] = doc.place.declassified
    cl = None
    if doc.classification is not None:
        cl = {"level": doc.classification.level, "caveats": list(doc.classification.caveats), "from": "source_note"}
    return {
        "schema": GOLD_SCHEMA,
        "volume_id": volume_id,
        "volume_title": volume_title,
        "doc_id": a.doc_id,
        "text_file": f"text/{doc.basename}",
        "text_sha256": doc.sha256,
        "text_length": len(doc.text),
        "title": _span_json(doc.title),
        "dateline": _span_json(a.dateline),
        "date": date,
        "place": place,
        "sender": [{**(_span_json(x.span) or {}), "element": x.element, "person_id": x.person_id}
                   for x in a.senders],
        "recipient": [{**(_span_json(x.span) or {}), "element": x.element, "person_id": x.person_id}
                      for x in a.recipients],
        "signatories": [{**(_span_json(x.span) or {}), "person_ids": list(x.person_ids),
                         "in_attachment": x.in_attachment} for x in a.signatories],
        "classification": cl,
        "source_note": [_span_json(s) for s in a.source_notes],
        "archival_citation": _span_json(doc.citation),
        "archival_refs": [{**(_span_json(s) or {}), "kind": kind}
                          for kind, s in (source_note_fields(a.source_notes[0])[1] if a.source_notes else ())],
        "person_mentions": [{"start": p.span.start, "end": p.span.end, "surface": p.span.text,
                             "person_id": p.person_id, "zone": p.zone, "role": p.role} for p in a.persons],
    }


def gold_files(imp: TeiImport) -> dict[str, str]:
    """A FRUS TEI volume as a gold folder's files (relative path -> content): text/, gold/, persons.json."""
    volume = gold_from_tei(imp)
    by_name = {td.document.source.path.rsplit("/", 1)[-1]: td for td in imp.documents}
    files: dict[str, str] = {}
    for doc in volume.docs:
        files[f"text/{doc.basename}"] = doc.text
        record = gold_json(doc, by_name[doc.basename], imp.volume_id, imp.title)
        files[f"gold/{doc.basename.rsplit('.', 1)[0]}.json"] = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    persons = [{"id": p.id, "name": p.name, "name_direct_order": p.name_direct_order,
                "identification": p.identification, "see_also": list(p.see_also)} for p in imp.persons]
    files["persons.json"] = json.dumps({"schema": GOLD_SCHEMA, "volume_id": imp.volume_id,
                                        "volume_title": imp.title, "persons": persons},
                                       ensure_ascii=False, indent=1) + "\n"
    return files


__all__ = [
    "GOLD_SCHEMA",
    "GoldClassification",
    "GoldDoc",
    "GoldPerson",
    "GoldPlace",
    "GoldVolume",
    "gold_dirs",
    "gold_doc",
    "gold_files",
    "gold_from_tei",
    "gold_json",
    "load_volume",
    "opener_classification",
    "source_note_fields",
]

"""Property-based tests (Hypothesis) of TEI import: whatever XML comes in — random TEI, or real TEI
(kartoteka's own export of the seed and genre documents, with corrections in its revisionDesc;
documents of the FRUS volumes) cut, pasted and broken at random — reading it either yields
documents whose every span's text is its slice of the document's text (the editors' annotations,
the inline ones, the record kartoteka exported, a letter's header, the parse with that header),
with every correction it carries well-formed, or refuses it with the project's error. Hostile
XML (entity expansion, external entities and DTDs) is refused.

As in ``test_properties``, generation is derandomized: the same examples on every run, so a
failure seen once replays everywhere (``print_blob`` prints its reproduction).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from kartoteka.corrections import LoggedCorrection, Rename, SetDate, SetTitle, from_payload, to_payload
from kartoteka.errors import KartotekaError, XmlError
from kartoteka.model import Document, Span
from kartoteka.pipeline import parse_source
from kartoteka.readers.tei import TeiImport, read_tei
from kartoteka.readers.tei.letters import with_letter
from kartoteka.readers.tei.revisions import problem
from test_properties import KEPT

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEI = "http://www.tei-c.org/ns/1.0"
VOLUMES = sorted((SHARED / "corpus" / "frus-tei").glob("*.xml"))
SOVIET = sorted((SHARED / "seed").glob("*.txt")) + sorted((SHARED / "corpus" / "genre-dev" / "docs").glob("*.txt"))
WHEN = "2026-01-02T03:04:05Z"

# what TEI is made of, broken parts included: tags of every kind the readers look at, offsets that
# run backwards or past the end, entities, a DOCTYPE, control characters as kartoteka writes them
XML_PIECES = ["<", ">", "</", "/>", "&amp;", "&lt;", "&#x1;", "&#12;", "&nbsp;", "&bogus;", "\n", " ", '"', "'",
              "<persName>", "</persName>", '<persName ref="#e-x" n="0">', '<placeName type="place">', "</placeName>",
              '<date when="1946-12-10" n="0">', '<date notBefore="1946" notAfter="1945">', "</date>",
              '<note type="signed">', "</note>", '<gap reason="illegible"><desc>', "</desc></gap>",
              '<g type="control" n="U+0001"/>', '<g type="control" n="U+110000"/>', '<roleName n="3-1">',
              '<idno type="path">x.txt</idno>', '<idno type="sha256">00</idno>', 'n="5-2"', 'n="0-99999999"',
              '<ab xml:space="preserve">', "</ab>", "<div type=\"document\">", "</div>", "<p>", "</p>",
              '<change n="1" when="2026-01-02T03:04:05Z" who="#resp-h" type="set_title">',
              '<note type="correction">{"sha256": "ab", "title": "T"}</note>', "</change>",
              '<note type="correction">[[[[[[[[[[</note>', '<!DOCTYPE TEI [<!ENTITY a "aaaa">]>', "&a;",
              "Tehran", "Tabriz", "December 9, 1946", "TOP SECRET", "Джавид", "—", "\u00a0"]

HOSTILE = [
    ("entity expansion", '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                         '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&b;</p></body></text></TEI>'),
    ("external entity", '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>'),
    ("external DTD", '<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "http://example.org/tei.dtd">'
                     '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'),
    ("parameter entity", '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY % p SYSTEM "http://example.org/p">%p;]>'
                         '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>'),
    ("undeclared entity", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>'),
    ("not TEI", '<html><body>x</body></html>'),
    ("no body", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>'),
]


def spans(value: Any, seen: set[int] | None = None) -> Iterator[Span]:
    """Every Span inside a reader's value (dataclasses and tuples, however deep; not the Document)."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, Document):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from spans(v)


def check(data: bytes) -> TeiImport | None:
    """Read ``data`` as a TEI file: every span true to its document's text, every correction well
    formed; or a KartotekaError (anything else fails the test). The first document is parsed too,
    with its letter's header in place of what the parser read."""
    try:
        imp = read_tei(data, "generated.xml", max_bytes=1 << 22)
    except KartotekaError:
        return None
    for td in imp.documents:
        text = td.document.text
        for sp in spans((td.annotations, td.inline, td.record, td.letter)):
            assert 0 <= sp.start <= sp.end <= len(text), sp
            assert text[sp.start:sp.end] == sp.text, sp
        for x in td.changes:
            assert problem(x.correction) is None and x.author.strip() and x.reason.strip()
            assert from_payload(_action(x), to_payload(x.correction)) == x.correction
    if imp.documents:
        td = imp.documents[0]
        record = with_letter(parse_source(td.document), td.letter)
        text = td.document.text
        for sp in spans(record):
            assert 0 <= sp.start <= sp.end <= len(text), sp
            assert text[sp.start:sp.end] == sp.text, sp
    return imp


def _action(x: LoggedCorrection) -> str:
    from kartoteka.corrections import action_of

    return str(action_of(x.correction))


@functools.cache
def exported() -> tuple[str, ...]:
    """kartoteka's TEI of the seed and genre documents, each carrying corrections of its own."""
    from kartoteka.export.tei import to_tei
    from kartoteka.ingest import parse_collection

    records = parse_collection([str(p) for p in SOVIET[:6]])
    out = []
    for r in records:
        sha = r.source.sha256
        changes = [LoggedCorrection(1, SetDate(sha, "1946-12", "1946-12-01", "1946-12-31"), "Dr. Amanat", WHEN,
                                    "the dateline is torn"),
                   LoggedCorrection(2, SetTitle(sha, "A title <as> typed & kept"), "historian", WHEN, "as filed")]
        named = [m for m in r.mentions if m.entity]
        if named:
            from kartoteka.corrections import EntityRef, MentionRef

            m = named[0]
            ref = EntityRef(str(m.entity), m.span.text, str(m.kind), (MentionRef(sha, m.span.start, m.span.end),))
            changes.append(LoggedCorrection(3, Rename(ref, "Renamed, with \"quotes\""), "historian", WHEN, "known"))
        out.append(to_tei(r, changes=changes))
    return tuple(out)


@functools.cache
def volume_slices() -> tuple[str, ...]:
    """A few documents of each FRUS volume (with its persons list) as small TEI files."""
    out = []
    for path in VOLUMES:
        root = etree.parse(str(path)).getroot()
        divs = [d for d in root.iter(f"{{{TEI}}}div") if d.get("type") == "document"][:4]
        persons = [d for d in root.iter(f"{{{TEI}}}div")
                   if d.get("{http://www.w3.org/XML/1998/namespace}id") == "persons"][:1]
        inner = "".join(etree.tostring(d, encoding="unicode") for d in [*persons, *divs])
        out.append(f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>slice</title></titleStmt>'
                   f"</fileDesc></teiHeader><text><body>{inner}</body></text></TEI>")
    return tuple(out)


def test_the_real_files_read_whole() -> None:
    """The unmutated files are read with every span true, and the corrections come back as written."""
    files = exported()
    if not files or not VOLUMES:
        pytest.skip("the seed, genre and FRUS TEI files are not in ../shared")
    for tei in files:
        imp = check(tei.encode("utf-8"))
        assert imp is not None and imp.documents[0].record is not None
        assert [x.correction_id for x in imp.documents[0].changes][:2] == [1, 2]
        assert imp.documents[0].changes[1].correction == SetTitle(imp.documents[0].document.source.sha256,
                                                                  "A title <as> typed & kept")
    for tei in volume_slices():
        imp = check(tei.encode("utf-8"))
        assert imp is not None and imp.is_volume and len(imp.documents) == 4


@pytest.mark.parametrize(("what", "xml"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_xml_is_refused(what: str, xml: str) -> None:
    with pytest.raises(XmlError):
        read_tei(xml.encode("utf-8"), "hostile.xml")


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tag = st.sampled_from(["p", "persName", "placeName", "orgName", "date", "note", "gap", "sic", "foreign",
                           "roleName", "idno", "supplied", "hi", "lb", "choice", "reg", "orig", "g", "ab"])
    attr = st.sampled_from(['', ' n="0"', ' n="2-7"', ' n="9-3"', ' n="0-999999"', ' ref="#e-a"', ' type="group"',
                            ' when="1946-12-10"', ' notBefore="1946-13" notAfter="x"', ' reason="redaction"',
                            ' xml:space="preserve"', ' type="control" n="U+0007"', ' xml:lang="ru"'])
    return st.builds(lambda t, a, c: f"<{t}{a}>{c}</{t}>", tag, attr, children)


TEXT = st.lists(st.sampled_from(["Tehran", " ", "\n", "December 9, 1946", "Bagirov", "&amp;", "—", "To:", "Signed"])
                | st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="<&"),
                          max_size=6), max_size=6).map("".join)
BODY = st.recursive(TEXT, lambda inner: st.lists(inner | _element(inner), max_size=4).map("".join), max_leaves=25)
HEADER = st.sampled_from(["", "<title>A letter</title>", '<title n="0-5">Tehran</title>',
                          '<respStmt xml:id="resp-h"><resp>r</resp><name>historian</name></respStmt>'])
PROFILE = st.sampled_from(["", '<correspDesc><correspAction type="sent"><persName>Bagirov</persName>'
                               '<placeName>Baku</placeName><date when="1946-12-09"/></correspAction>'
                               '<correspAction type="received"><persName ref="http://x">Stalin</persName>'
                               "</correspAction></correspDesc>",
                           '<creation><date when="1946-12-10" n="0-7">x</date><placeName n="2-1">y</placeName></creation>'])
REVISIONS = st.sampled_from(["", '<revisionDesc><change n="1" when="2026-01-02T03:04:05Z" who="#resp-h" '
                                 'type="set_title">t<note type="reason">r</note><note type="correction">'
                                 '{"sha256": "' + "a" * 64 + '", "title": "T"}</note></change></revisionDesc>',
                             '<revisionDesc><change n="2" when="yesterday" type="rename"><note type="correction">'
                             '{"entity": [], "name": ""}</note></change></revisionDesc>'])


@st.composite
def random_tei(draw: st.DrawFn) -> str:
    """A TEI document from parts: header, correspondence, revisions and a body of nested elements."""
    source = draw(st.sampled_from(["", '<sourceDesc><bibl><idno type="path">a.txt</idno></bibl></sourceDesc>']))
    return (f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt>{draw(HEADER)}</titleStmt>{source}</fileDesc>'
            f"<profileDesc>{draw(PROFILE)}</profileDesc>{draw(REVISIONS)}</teiHeader>"
            f"<text><body>{draw(BODY)}</body></text></TEI>")


@settings(KEPT, max_examples=80)
@given(random_tei())
def test_random_tei_reads_true_or_is_refused(xml: str) -> None:
    check(xml.encode("utf-8"))


ATTRS = ["n", "when", "notBefore", "notAfter", "when-custom", "type", "ref", "who", "reason", "subtype", "cert",
         "{http://www.w3.org/XML/1998/namespace}space", "{http://www.w3.org/XML/1998/namespace}id"]
VALUES = ["0", "3", "-1", "2-7", "7-2", "0-0", "0-99999999", "1946-12-10", "1946-13-40", "1946", "1946-02",
          "preserve", "default", "#e-x", "#resp-historian", "#nowhere", "chain", "derived", "sent", "group",
          "set_date", "set_title", "merge", "split", "reattach", "rename", "bogus", "U+0001", "", "x" * 300]
JSON_PIECES = ['"', "{", "}", "[", "]", ":", ",", "null", "-1", "1e400", '"sha256"', '"start"', '"end"', '"iso"',
               '"level"', '"secret"', '"caveats"', "[[[[[[[[[[[[", '"' + "f" * 64 + '"', '"anchors": {}']


def _mutate_tree(draw: st.DrawFn, root: etree._Element) -> None:
    """One change that keeps the XML well formed: an attribute set, a text replaced, an element
    removed or unwrapped, or a correction's JSON cut and pasted."""
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    el = elements[draw(st.integers(0, len(elements) - 1))]
    what = draw(st.sampled_from(["attr", "text", "tail", "remove", "unwrap", "json"]))
    notes = [e for e in elements if e.get("type") == "correction" and e.text]
    if what == "json" and notes:
        note = notes[draw(st.integers(0, len(notes) - 1))]
        body = note.text or ""
        at, cut = draw(st.integers(0, len(body))), draw(st.integers(0, 12))
        note.text = body[:at] + draw(st.sampled_from(JSON_PIECES)) + body[at + cut:]
    elif what == "attr":
        el.set(draw(st.sampled_from(ATTRS)), draw(st.sampled_from(VALUES)))
    elif what in ("text", "tail"):
        setattr(el, what, draw(TEXT))
    elif el.getparent() is not None:
        parent = el.getparent()
        assert parent is not None
        if what == "unwrap":  # its words stay where they were, the element goes
            words = (el.text or "") + "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
            prev = el.getprevious()
            keep = words if "<" not in words else (el.text or "")
            if prev is not None:
                prev.tail = (prev.tail or "") + keep + (el.tail or "")
            else:
                parent.text = (parent.text or "") + keep + (el.tail or "")
        parent.remove(el)


@st.composite
def mutated_tei(draw: st.DrawFn) -> bytes:
    """A real TEI file changed at random: mostly in ways that keep it well formed (an offset, a
    date, a type, a pointer, a text, an element gone, a correction's JSON broken), sometimes cut and
    pasted as plain text (inside a tag, an entity, a DOCTYPE)."""
    files = [*exported(), *volume_slices()]
    text = files[draw(st.integers(0, len(files) - 1))] if files else "<TEI/>"
    root = etree.fromstring(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        _mutate_tree(draw, root)
    text = etree.tostring(root, encoding="unicode")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at, cut = draw(st.integers(0, len(text))), draw(st.integers(0, 30))
        text = text[:at] + draw(st.sampled_from(XML_PIECES) | st.text(max_size=4)) + text[at + cut:]
    return text.encode("utf-8", "surrogatepass")


@settings(KEPT, max_examples=100)
@given(mutated_tei())
def test_mutated_real_tei_reads_true_or_is_refused(data: bytes) -> None:
    check(data)

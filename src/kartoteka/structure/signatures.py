"""Signatures and closings: who signed, under which office and rank, and who relayed on the way.

A closing is read line by line over the short lines that follow a stretch of prose:
"With deep respect: Pishevari, Shabustari, …" (the authors), "Pishevari, Padegan, Biriya",
an office line with the name under it ("Minister of State Security … / General-Major
Yemel’yanov [signed]"), a name with its office under it (FRUS "J.C. King / CWH"), a relay line
("7 December 46   Kuliyev"), and a date alone on a line, which dates the signature above it.
Bare name lines count only in the document's last closing, after a closing formula or above an
attachment; elsewhere a signature needs an office line, a rank or "[signed]" to be told from a
heading. Copy lists, "[signature]", a hand's resolution and typists' notes may stand below a
signature without ending the closing; names on consecutive lines sign together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kartoteka.model import Agent, AgentKind, DateValue, Span
from kartoteka.structure.address import is_list_line
from kartoteka.structure.agent_lists import agents_in_list
from kartoteka.structure.agents import agent_of, looks_like_name, redaction
from kartoteka.structure.dateline import date_only, place_date
from kartoteka.structure.placenames import is_place
from kartoteka.structure.relays import Relay, dated_name, relay_of
from kartoteka.structure.signature_lines import SIGNED_MARK, authenticator, own_signature, rank_signed_name
from kartoteka.structure.zones import Line, LineKind, Zones, is_annotation

_SIGNED_MARK = SIGNED_MARK
_SIGNED = re.compile(rf"\s*{_SIGNED_MARK}\s*$", re.IGNORECASE)
_SIGNED_BEFORE = re.compile(rf"\s*{_SIGNED_MARK}\s*", re.IGNORECASE)  # used with match(source, pos)
_ILLEGIBLE = re.compile(r"^\s*\[(?:signature\s+)?illegible(?:\s+signature)?\]\s*$", re.IGNORECASE)
_CLOSING = re.compile(
    r"^\s*(?P<formula>With\s+(?:(?:deep|deepest|profound|sincere|great|comradely|communist|revolutionary|fraternal|"
    r"Bolshevik|warm|best|kind|high|the\s+highest)\s+)*(?:respect|greetings|regards|salutations|esteem|wishes)|"
    r"Respectfully(?:\s+yours)?|Sincerely(?:\s+yours)?|Yours\s+(?:sincerely|faithfully|truly|respectfully)|"
    r"Faithfully\s+yours|Very\s+truly\s+yours|Cordially(?:\s+yours)?|Best\s+regards|Kind\s+regards|Regards|"
    r"Signed|Signatures?|For\s+the\s+(?:Ambassador|Secretary|Minister|Director|Chargé))\s*(?:[,:;.—–-]\s*|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "On behalf of the Central Committee …", "In the name of the Presidium": the body the signer
# under it speaks for is the signature's office
_ON_BEHALF = re.compile(r"^\s*(?:On\s+behalf\s+of|In\s+the\s+name\s+of|By\s+order\s+of)\s+(?P<body>\S.*?)\s*[:,]?\s*$",
                        re.IGNORECASE)
# the group and end marks that close a telegram under its signature: "GP-3", "BT", "NNNN"
_WIRE_END = re.compile(r"^\s*(?:GP-\d|BT|NNNN|END(?:\s+OF\s+MESSAGE)?|EXDIS|LIMDIS|NODIS)\.?\s*$", re.IGNORECASE)
_ABOVE_ATTACHMENT = 3  # how many lines above an attachment a signature block may span
_ATTACHMENT = re.compile(
    r"^\s*(?:Attachments?|Enclosures?|Annex|Appendix|Tab\s+[A-Z0-9])\b(?!\s*:\s*(?:\d|(?:on|in)\s+\d|as\s+stated))"
)
# a typist's or registry's note at the foot: "Printed in 3 copies", "Typed by …", "Recorded by"
_FOOT_NOTE = re.compile(
    r"^\s*(?:Printed|Typed|Typewritten|Copies\s+made|Executed|Recorded|Prepared|Translated|Translator|Interpreter|"
    r"Перевёл|Перевел|Перевод|Отпечатано|Typist|Ex(?:ec)?\.|"
    r"Attachments?\s*:\s*(?:on|in)\s+\d|Enclosures?\s*:\s*(?:on|in)\s+\d|\d+\s+copies|"
    r"(?:True|Correct)\s+copy|Correct\s*:|Verified\s*:)\b",
    re.IGNORECASE,
)
# "CWH", "Chief, WHD", "WH/CPP", "CPM/PBSUCCESS": the short office a FRUS signature carries under the name
_ABBREV_OFFICE = re.compile(
    r"^\s*(?:(?:Chief|Deputy|Acting|Director|Head|Officer|Assistant)\b[,\s]*)?[A-Z][A-Za-z]{0,3}[A-Z/.&-][A-Z/.&-]{0,14}"
    r"(?:[,\s/]+[A-Z][A-Z/.&-]{1,15})*\s*$"
)


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """One signature (or a closing's list of signers) and the date written under it."""

    agents: tuple[Agent, ...]
    line: int
    signed: bool = False
    date: DateValue | None = None
    closing: bool = False  # a closing formula or a bare list of names: the authors of the text
    last: int = -1  # the block's last line when a column of names spans several


@dataclass(frozen=True, slots=True)
class Closings:
    blocks: tuple[SignatureBlock, ...]
    relays: tuple[Relay, ...]

    @property
    def signatories(self) -> tuple[Agent, ...]:
        return tuple(a for b in self.blocks for a in b.agents)


def _office_line(source: str, ln: Line, under_name: bool = False) -> Span | None:
    """The office a line names; under a name, a short capitalised abbreviation ("CWH") counts."""
    a = agent_of(source, ln.start, ln.end)
    if a is not None and a.kind is AgentKind.OFFICE:
        return a.span
    if _ABBREV_OFFICE.match(ln.text) and not looks_like_name(ln.text):
        return ln.span(source)
    # under a name a short code is its office ("CWH"); a long word in capitals is a second signer
    if under_name and _ABBREV_OFFICE.match(ln.text) and (
        sum(c.isalpha() for c in ln.text) <= 5 or re.search(r"[/,]", ln.text)
    ):
        return ln.span(source)
    return None


def _signature_like(source: str, zs: Zones, ln: Line, dates: tuple[DateValue, ...]) -> bool:
    """A line that may stand in a closing: a name, an office, a date, a relay, a formula, a mark."""
    if zs.kinds[ln.index] in (LineKind.APPARATUS, LineKind.CLASSIFICATION):
        return True
    if _special(source, ln) is not None:
        return True
    # a copy list, a hand's resolution, a bare "[signature]" close a telegram under its signer
    if is_list_line(ln.text) or is_annotation(ln.text) or _ON_BEHALF.match(ln.text) or _FOOT_NOTE.match(ln.text):
        return True
    text = _SIGNED.sub("", ln.text)
    if not text.strip() or date_only(ln, dates) is not None or place_date(ln, dates, source) is not None or _CLOSING.match(text) or _ILLEGIBLE.match(text) or redaction(text):
        return True
    if _WIRE_END.match(text):
        return True
    if relay_of(source, ln, dates) is not None or dated_name(source, ln, dates) is not None:
        return True
    if _office_line(source, ln) is not None:
        return True
    who = agent_of(source, ln.start, ln.start + len(text)) if not text.rstrip().endswith(":") else None
    return who is not None and who.kind is AgentKind.PERSON and not is_place(who.span.text)


def _special(source: str, ln: Line) -> Agent | None:
    """A signature line of the special shapes: rank, mark, name; an approval bracket; a copy's
    authentication."""
    return (rank_signed_name(source, ln.start, ln.end) or own_signature(source, ln.start, ln.end)
            or authenticator(source, ln.start, ln.end))


@dataclass(slots=True)
class _RunReading:
    """One run of short lines as it is read: the blocks and relays so far, an office waiting for the
    name under it, whether a closing formula opened, and whether the last line made a block."""

    source: str
    zs: Zones
    run: list[Line]
    dates: tuple[DateValue, ...]
    blocks: list[SignatureBlock] = field(default_factory=list)
    relays: list[Relay] = field(default_factory=list)
    office: Span | None = None
    closing_open: bool = False
    last_was_block: bool = False


def _read_run(source: str, zs: Zones, run: list[Line], dates: tuple[DateValue, ...], final: bool
              ) -> tuple[list[SignatureBlock], list[Relay]]:
    st = _RunReading(source, zs, run, dates)
    # A bare name signs where a signature stands: among the last lines of the document's last
    # closing, or of the text above an attachment, or after a closing formula. Further up such
    # a run it is a heading or a table row.
    attached = next((n for n, ln in enumerate(run) if _ATTACHMENT.match(ln.text)), -1)
    # the closing is the run's tail of lines that may stand in one, a column of signers included
    # ("Pishevari / Shabustari / Padegan / …"); a table row or a label above it ends it
    tail = len(run)
    while tail > 0 and _signature_like(source, zs, run[tail - 1], dates):
        tail -= 1
    i = 0
    while i < len(run):
        ln = run[i]
        i += 1
        here = i - 1
        weak_ok = st.closing_open or (final and attached < 0 and here >= tail) or (
            attached >= 0 and attached - _ABOVE_ATTACHMENT <= here < attached
        )
        lists_ok = final or st.closing_open or here < attached
        if not _read_apart(st, ln):
            i = _read_signer(st, ln, i, weak_ok, lists_ok, final)
    return st.blocks, st.relays


def _read_apart(st: _RunReading, ln: Line) -> bool:
    """A line read by its shape alone (a special signature, apparatus, "[signature]", a date or a
    place and date, a relay, "for the …", a closing formula): True when it was one."""
    source, dates, kind = st.source, st.dates, st.zs.kinds[ln.index]
    special = _special(source, ln)
    if special is not None:
        if special.role is None and st.office is not None and special.office is None:
            special = Agent(special.span, special.kind, office=st.office, rank=special.rank)
        st.blocks.append(SignatureBlock((special,), ln.index, True))
        st.office, st.last_was_block = None, special.role is None
        return True
    if kind in (LineKind.APPARATUS, LineKind.CLASSIFICATION) or is_list_line(ln.text) or is_annotation(ln.text) or (
        _FOOT_NOTE.match(ln.text)
    ):
        st.office, st.last_was_block = None, False
        return True
    if not _SIGNED.sub("", ln.text).strip():
        # "[signature]" under the name: the block above it was signed
        if st.last_was_block and st.blocks and not st.blocks[-1].signed:
            b = st.blocks[-1]
            st.blocks[-1] = SignatureBlock(b.agents, b.line, True, b.date, b.closing)
        st.office = None
        return True
    d = date_only(ln, dates)
    relay = relay_of(source, ln, dates) if d is None else None
    if d is None and relay is None and dated_name(source, ln, dates) is None:
        # "Tabriz, 9 May 1946" under a signature dates it as a date alone would; a relay
        # line ("Atakishiyev, 8.V.46") has the same shape, and a known place tells them apart
        pd = place_date(ln, dates, source)
        d = (pd.date or True) if pd is not None else None
    if d is not None:
        if st.last_was_block and st.blocks and st.blocks[-1].date is None and isinstance(d, DateValue):
            b = st.blocks[-1]
            st.blocks[-1] = SignatureBlock(b.agents, b.line, b.signed, d, b.closing)
        st.office, st.last_was_block = None, False
        return True
    if relay is not None:
        st.relays.append(relay)
        st.office, st.last_was_block = None, False
        return True
    m = _ON_BEHALF.match(ln.text)
    if m:
        body = agent_of(source, ln.start + m.start("body"), ln.start + m.end("body"))
        st.office = body.span if body is not None and body.kind is not AgentKind.PERSON else None
        st.closing_open, st.last_was_block = True, False
        return True
    m = _CLOSING.match(ln.text)
    if m:
        rest_start = ln.start + m.start("rest")
        listed = agents_in_list(source, rest_start, ln.end) if m.group("rest").strip() else ()
        if listed:
            st.blocks.append(SignatureBlock(listed, ln.index, closing=True))
            st.last_was_block = True
        else:
            st.closing_open, st.last_was_block = True, False
        st.office = None
        return True
    return False


def _read_signer(st: _RunReading, ln: Line, i: int, weak_ok: bool, lists_ok: bool, final: bool) -> int:
    """A line that may name signers (a list of names, a dated name, a person with an office above or
    below, an office alone): the index of the next line to read (one more when the office under the
    name was taken)."""
    source, dates, zs, run, kind = st.source, st.dates, st.zs, st.run, st.zs.kinds[ln.index]
    sm = _SIGNED.search(ln.text)
    end = ln.start + sm.start() if sm else ln.end
    sb = _SIGNED_BEFORE.match(source, ln.start, end)
    begin = sb.end() if sb else ln.start
    signed = sm is not None or sb is not None
    if _ILLEGIBLE.match(ln.text):
        if st.office is not None:
            st.blocks.append(SignatureBlock((Agent(st.office, AgentKind.OFFICE),), ln.index, True))
            st.last_was_block = True
        st.office = None
        return i
    if redaction(source[begin:end]):
        st.office, st.last_was_block = None, False
        return i
    if "," in source[begin:end] and st.office is None:
        names = agents_in_list(source, begin, end)
        parts = [p for p in source[begin:end].split(",") if p.strip()]
        if len(names) >= 2 and len(names) == len(parts) and all(
            a.kind is AgentKind.PERSON and a.office is None for a in names
        ):
            if (lists_ok or signed) and not any(is_place(a.span.text) for a in names):
                st.blocks.append(SignatureBlock(names, ln.index, signed, closing=True))
                st.last_was_block = True
            return i
    dated = dated_name(source, ln, dates)
    if dated is not None and (weak_ok or signed or st.office is not None or dated.agent.rank is not None):
        signer = dated.agent
        if st.office is not None and signer.office is None:
            signer = Agent(signer.span, signer.kind, office=st.office, rank=signer.rank)
        st.blocks.append(SignatureBlock((signer,), ln.index, signed, dated.date))
        st.office, st.last_was_block = None, True
        return i
    who = agent_of(source, begin, end) if not ln.text.rstrip().endswith(":") else None
    if who is not None and who.kind is AgentKind.PERSON and zs.kinds[ln.index] is LineKind.SHORT:
        return _read_person(st, ln, i, who, signed, weak_ok)
    off = _office_line(source, ln) if kind is LineKind.SHORT else None
    st.office, st.last_was_block = off, False
    stamped = i < len(run) and is_annotation(run[i].text)
    if off is not None and ln.text.isupper() and ln.words >= 3 and (stamped or (i >= len(run) and (final or st.closing_open))):
        # "SECRETARY OF THE CC" with no name under it (a stamp follows): the office signs
        st.blocks.append(SignatureBlock((Agent(off, AgentKind.OFFICE),), ln.index))
        st.office = None
    return i


def _read_person(st: _RunReading, ln: Line, i: int, who: Agent, signed: bool, weak_ok: bool) -> int:
    """A person's name: a signer with the office above it or the one under it (then one more line
    read), where a signature may stand; the index of the next line to read."""
    source, zs, run = st.source, st.zs, st.run
    paired = st.office is not None and who.office is None
    if paired and st.office is not None:
        who = Agent(who.span, who.kind, office=st.office, rank=who.rank)
    elif who.office is None and i < len(run) and zs.kinds[run[i].index] is LineKind.SHORT:
        under = _office_line(source, run[i], under_name=True)
        if under is not None and not _SIGNED.search(run[i].text):
            who = Agent(who.span, who.kind, office=under, rank=who.rank)
            i += 1
    # a bare "Turkey" closing a list is a place, not a signer
    bare_place = not (signed or paired or who.rank) and is_place(who.span.text)
    if (signed or weak_ok or paired or who.rank is not None) and not bare_place:
        st.blocks.append(SignatureBlock((who,), ln.index, signed))
        st.last_was_block = True
    else:
        st.last_was_block = False
    st.office = None
    return i


def find_closings(source: str, zs: Zones, dates: tuple[DateValue, ...], skip: frozenset[int]) -> Closings:
    """Every signature and relay line in the runs of short lines between stretches of prose.

    ``skip`` are lines already read as heading (title, dateline, address)."""
    runs: list[list[Line]] = []
    cur: list[Line] = []
    seen_prose = False
    heading = {ln.index for ln in zs.heading}
    for ln in zs.lines[: zs.closing_end]:
        kind = zs.kinds[ln.index]
        if kind is LineKind.BLANK:
            continue
        # a resolution written across the page below the signature does not end the closing
        if kind is LineKind.PROSE and not is_annotation(ln.text):
            if cur:
                runs.append(cur)
            cur = []
            seen_prose = True
            continue
        if ln.index in skip or (ln.index in heading and not seen_prose):
            continue
        cur.append(ln)
    # the run after the last prose is the document's last closing, where bare names are signatures
    last_open = bool(cur)
    if cur:
        runs.append(cur)
    blocks: list[SignatureBlock] = []
    relays: list[Relay] = []
    for n, run in enumerate(runs):
        final = last_open and n == len(runs) - 1
        b, r = _read_run(source, zs, run, dates, final)
        blocks.extend(b)
        relays.extend(r)
    return Closings(_columns(blocks), tuple(relays))


def _surnames(b: SignatureBlock) -> set[str]:
    return {a.span.text.split()[-1].casefold() for a in b.agents if a.kind is AgentKind.PERSON and a.span.text.split()}


def _columns(blocks: list[SignatureBlock]) -> tuple[SignatureBlock, ...]:
    """Signatures on consecutive lines ("M. Bagirov / Maslennikov") sign together: one block;
    a copy's "Signed: Krasnykh" under "A. KRASNYKH" repeats the signature above it."""
    out: list[SignatureBlock] = []
    for b in blocks:
        prev = out[-1] if out else None
        near = prev is not None and b.line - max(prev.line, prev.last) <= 3
        if prev is not None and near and _surnames(b) and _surnames(b) <= _surnames(prev) and b.date is None:
            out[-1] = SignatureBlock(prev.agents, prev.line, True, prev.date, prev.closing, last=max(b.line, b.last))
            continue
        if prev is not None and prev.date is None and b.line == max(prev.line, prev.last) + 1:
            out[-1] = SignatureBlock(prev.agents + b.agents, prev.line, prev.signed or b.signed, b.date,
                                     prev.closing or b.closing, last=max(b.line, b.last))
        else:
            out.append(b)
    return tuple(out)


__all__ = ["Closings", "Relay", "SignatureBlock", "find_closings"]

"""Derived fields: what the structure stage adds to spans and can read again from the source text.

A citation's repository and parts, an addressee's lemma, a signatory's role (authenticator,
approver) and a cipher clerk's time are all determined by a span and the text around it, so a
record read back from an archive that keeps only the spans gets them again here, unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from kartoteka.model import Agent, AgentKind, ChainStep, Record, Reference, ReferenceKind, Span
from kartoteka.structure.chain import clock_after
from kartoteka.structure.citations import find_citations
from kartoteka.structure.declension import nominative
from kartoteka.structure.signature_lines import authenticator, own_signature


def _line(text: str, span: Span) -> tuple[int, int]:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return start, len(text) if end < 0 else end


def _reference(text: str, r: Reference) -> Reference:
    if r.kind is not ReferenceKind.ARCHIVE_CITATION or r.parts or r.repository is not None:
        return r
    found = [c for c in find_citations(text[r.span.start:r.span.end])]
    if len(found) != 1:
        return r
    c = found[0]
    return replace(r, repository=c.repository.shifted(r.span.start) if c.repository else None,
                   parts=tuple(replace(p, span=p.span.shifted(r.span.start)) for p in c.parts))


def _signer(text: str, a: Agent) -> Agent:
    if a.role is not None or a.kind is not AgentKind.PERSON:
        return a
    start, end = _line(text, a.span)
    special = authenticator(text, start, end) or own_signature(text, start, end)
    return replace(a, role=special.role) if special is not None and special.span == a.span else a


def _step(text: str, s: ChainStep) -> ChainStep:
    agents = tuple(_signer(text, a) for a in s.agents)
    time = s.time if s.time is not None or s.date is None else clock_after(text, s.date.span)
    return replace(s, agents=agents, time=time)


def rederive(record: Record) -> Record:
    """``record`` with the fields derived from its spans filled in from its document's text."""
    if record.document is None:
        return record
    text = record.document.text
    return replace(
        record,
        references=tuple(_reference(text, r) for r in record.references),
        recipients=tuple(a if a.lemma is not None or a.kind is not AgentKind.PERSON
                         else replace(a, lemma=nominative(a.span.text)) for a in record.recipients),
        signatories=tuple(_signer(text, a) for a in record.signatories),
        chain=tuple(_step(text, s) for s in record.chain),
    )


__all__ = ["rederive"]

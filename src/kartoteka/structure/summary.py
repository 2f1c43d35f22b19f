"""Summary: an editor's one-paragraph description carried by the transcription.

Publishers of translated archival documents put their description of the document after the
document itself: below its closing apparatus (the cover date, the register number, the archival
citation), as in the seed's "Forwarding a message from …", or under a label ("Summary: …").
A digital archive's page reads title line, date line, body, description, citation; or it puts
the description first, under the title and date lines. A summary is prose in the third person
that describes a document (it names the document's kind, "Telegram from …", or says what it
does, "… forwards …", "… discuss …": the ``description`` word list); the document's own last
paragraph, a signature block or an editors' source note ("Source: …") is not one. When there is
none the answer is None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kartoteka.dates import find_dates
from kartoteka.model import Reference, Span
from kartoteka.structure.address import is_list_line
from kartoteka.structure.classification import find_classification
from kartoteka.structure.references import find_references
from kartoteka.structure.wordlists import rows

_LABEL = re.compile(r"(?i)^\s*(?:editor'?s\s+|editorial\s+)?(?:summary|abstract|description)\s*[:.—–-]\s*")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|you|You|your|Your)\b")
# a name as signed: initials and a surname, or a surname in capitals
_SIGNER = re.compile(r"^\s*(?:(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]+|[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]{2,})?)\s*$")
# words quoted in a description are the document's, not the describer's ("asks: 'We need arms'")
_QUOTED = re.compile(r"[\"“][^\"”\n]*[\"”]|(?<!\w)['‘][^'’\n]*['’](?!\w)")
_APPARATUS = re.compile(r"(?i)\[\s*signed\s*\]|\[\s*signature|\bcopy\s+no\b|^\s*(?:cc|copies|sent to|distributed)\s*:"
                        r"|^\s*\[\s*(?:handwritten|stamp|resolution|in\s+the\s+margin|typed)")


@dataclass(frozen=True, slots=True)
class _Para:
    start: int
    end: int
    text: str


# a paragraph ends at a line break with a blank line after it. (Matched as one pattern, a
# paragraph's every character was a step the regex engine kept to go back to: ~3 KB of memory
# per line of a paragraph, 700 MB for a list of 200,000 lines.)
_BREAK = re.compile(r"\n(?=[ \t]*\r?\n)")
_NONBLANK = re.compile(r"\S")


def _paragraphs(text: str) -> list[_Para]:
    out: list[_Para] = []
    pos = 0
    while (first := _NONBLANK.search(text, pos)) is not None:
        brk = _BREAK.search(text, first.start())
        pos = brk.start() if brk is not None else len(text)
        body = text[first.start():pos].rstrip()
        out.append(_Para(first.start(), first.start() + len(body), body))
    return out


def _is_apparatus(p: _Para, refs: tuple[Reference, ...]) -> bool:
    """A closing paragraph of short lines: a date, a number, a citation, a signature, a marking."""
    lines = [ln for ln in p.text.splitlines() if ln.strip()]
    if any(len(ln.split()) > 14 for ln in lines):
        return False
    return bool(find_dates(p.text) or _within(p, refs) or _APPARATUS.search(p.text)
                or find_classification(p.text) or _is_signature(lines))


def _is_signature(lines: list[str]) -> bool:
    """A signature block: a few short lines (an office, say) ending in a name ("I. Sadchikov", "SEROV")."""
    return 0 < len(lines) <= 4 and all(len(ln.split()) <= 8 for ln in lines) and bool(_SIGNER.match(lines[-1]))


def _is_prose(p: _Para, refs: tuple[Reference, ...]) -> bool:
    words = p.text.split()
    return (len(words) >= 5 and p.text[:1].isupper() and "\n" not in p.text.strip()
            and p.text.rstrip()[-1:] in ".)”\"" and not p.text.startswith("Source:")
            and not _FIRST_PERSON.search(_QUOTED.sub("", p.text))
            and not _is_citation(p, refs) and not is_list_line(p.text))


def _is_citation(p: _Para, refs: tuple[Reference, ...]) -> bool:
    return any(2 * (r.span.end - r.span.start) > len(p.text) for r in _within(p, refs))


def _within(p: _Para, refs: tuple[Reference, ...]) -> list[Reference]:
    """The document's references ``refs`` (in order) that lie in the paragraph."""
    # the document's, not the paragraph's own finding again: the paragraph of a long list is most
    # of the text, and reading it twice was a tenth of such a document's parse
    at = bisect_left(refs, p.start, key=_start)
    return [r for r in refs[at:bisect_left(refs, p.end, key=_start)] if r.span.end <= p.end]


def _start(r: Reference) -> int:
    return r.span.start


def _is_marking(p: _Para) -> bool:
    c = find_classification(p.text)
    return c is not None and len(c.span.text) >= len(p.text.strip()) - 1


_GENRE = frozenset(r["word"] for r in rows("description") if r["role"] == "genre")
_VERB = frozenset(r["word"] for r in rows("description") if r["role"] == "verb")
_OPENING_WORDS = 6  # a description names the document's kind among its first words
_DATE_LINE = re.compile(r"^\s*(?:\[?(?:undated|no date|not dated)\]?|[\w ,.–-]{0,24}\d{4}[\w ,.–-]{0,24})\s*$", re.IGNORECASE)


def _describes(p: _Para) -> bool:
    """Prose that describes a document: its kind among the opening words, or a verb of
    description ("forwards", "describing", "discuss") anywhere."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", _QUOTED.sub("", p.text))]
    return bool(_GENRE.intersection(words[:_OPENING_WORDS]) or _VERB.intersection(words))


def _is_date_line(p: _Para) -> bool:
    return "\n" not in p.text and bool(find_dates(p.text)) and bool(_DATE_LINE.match(p.text))


def _leading(paras: list[_Para], refs: tuple[Reference, ...]) -> _Para | None:
    """A description standing first: under the page's title line and its date line (either may
    be absent), with the document itself below it."""
    i = 0
    if i < len(paras) and "\n" not in paras[i].text and not _is_prose(paras[i], refs) and not _is_date_line(paras[i]):
        i += 1  # the title line
    if i < len(paras) and _is_date_line(paras[i]):
        i += 1
    if i == 0 or i + 1 >= len(paras):
        return None
    p = paras[i]
    return p if _is_prose(p, refs) and _describes(p) else None


def find_summary(text: str, references: tuple[Reference, ...] | None = None) -> Span | None:
    """The editor's description of the document, or None; ``references`` are the document's
    (``find_references(text)``, found here when not given)."""
    refs = find_references(text) if references is None else references
    paras = _paragraphs(text)
    for p in paras:
        label = _LABEL.match(p.text)
        if label and len(p.text) > label.end() + 10:
            return Span.of(text, p.start + label.end(), p.end)
    # A closing marking or archival citation may follow the description: look past them.
    cited = False
    while paras and (_is_marking(paras[-1]) or _is_citation(paras[-1], refs)):
        cited = cited or _is_citation(paras[-1], refs)
        paras.pop()
    if len(paras) < 3:
        return None
    last, before = paras[-1], paras[-2]
    # the body's last paragraph, above a citation, is no description unless it reads as one
    # (the page's own date line under its title is no closing apparatus)
    closing = _is_apparatus(before, refs) and not (len(paras) == 3 and _is_date_line(before))
    if _is_prose(last, refs) and (closing or (cited and _describes(last))):
        return Span.of(text, last.start, last.end)
    first = _leading(paras, refs)
    return Span.of(text, first.start, first.end) if first is not None else None


__all__ = ["find_summary"]

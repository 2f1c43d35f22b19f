"""Archival citations of Russian, Soviet-successor and East European archives, with their parts.

The shapes publishers give them: long ("APRF, Fond 45, Opis 1, Delo 347, Listy 12-13", with
"Papka 11" before or after the Delo), short ("RGANI, f. 89, op. 46, d. 12, ll. 1-4", a supplied
number kept in its bracket: "d. [115]"), Cyrillic ("ГАППОД АзР, ф. 1, оп. 89, д. 113, л. 45"),
with missing fields said so ("Fond and Opis not given"), and the shelfmarks of other archives
("MNL OL, XIX-J-1-j …", "PRC FMA 109-01794-02, 12-18") after an archive's acronym from the
``archives`` word list. Two citations joined by "and" are two. A citation never runs over a line.
"""

from __future__ import annotations

import re
from functools import cache

from kartoteka.model import Reference, ReferenceKind, ReferencePart, Span
from kartoteka.structure.wordlists import alternation, rows

_S = r"[ \t\u00a0]"
# field names, long, short and Cyrillic; the folio field last so "l." is not read as part of "ll."
_FIELDS: tuple[tuple[str, str], ...] = (
    ("fond", r"Fond|fond|F\.|f\.|Ф\.|ф\.|Fd\.|fd\."),
    ("opis", r"Opis['’]?|opis['’]?|Op\.|op\.|Оп\.|оп\.|Inv\.|inv\.|Per\.|per\.|Пер\.|пер\."),
    ("papka", r"Papka|papka|P\.|p\.|П\.|п\.|Pap\.|pap\."),
    ("delo", r"Delo|delo|D\.|d\.|Д\.|д\.|Sprava|sprava|Spr\.|spr\.|Dos\.|dos\."),
    ("list", r"Listy|listy|Listi|listi|List|list|Ll\.|ll\.|L\.|l\.|Лл\.|лл\.|Л\.|л\.|Ark\.|ark\.|Arkushi|arkushi"),
    ("dokument", r"Dokument|dokument|Dok\.|dok\.|Док\.|док\."),
)
_FIELD_NAMES = "|".join(n for _, n in _FIELDS)
_VALUE = (rf"\[?(?:[A-ZА-Я]{{1,2}}[-–])?\d+[0-9A-Za-zА-Яа-я]*\]?"
          rf"(?:{_S}*[-–]{_S}*\[?\d+[a-zа-я]?\]?)?(?:{_S}*(?:ob|об)\.?)?(?:,{_S}*\d+(?=,|$|{_S}and\b))*")
_PART = rf"(?:(?P<field>{_FIELD_NAMES}){_S}*(?P<value>{_VALUE})|(?P<missing>(?:Fond|Opis|Delo|Papka|Listy)(?:{_S}+and{_S}+(?:Fond|Opis|Delo|Papka|Listy))*{_S}+not{_S}+given))"
_PART_RE = re.compile(rf"(?<![\w.]){_PART}(?![\w])")
_SEP = re.compile(rf"{_S}*[,;]{_S}*")
# a repository the word list does not know: a few capitalised words and a comma before the fond
_HEAD = re.compile(rf"(?P<repo>[A-ZА-Я][\w'’-]*\.?(?:{_S}+(?:[A-ZА-Я][\w'’-]*\.?|of|the|for|and)){{0,5}}),{_S}*$")


# an archive's name written out before its acronym in parentheses, from the line's start
_NAMED = re.compile(rf"(?:^|(?<=\n)|(?<=Source:\s))[A-ZА-ЯÁÉÍÓÚ][^\n()]{{4,120}}\({_S}*$")


@cache
def _repositories() -> re.Pattern[str]:
    names = [r["acronym"] for r in rows("archives")]
    return re.compile(rf"(?<![\w])(?:{alternation(names)})(?![\w])")


def _parts_from(text: str, pos: int, limit: int) -> tuple[int, list[ReferencePart], bool]:
    """Fields read from ``pos`` while they follow one another: (end, parts, any field read)."""
    parts: list[ReferencePart] = []
    end, read = pos, False
    while True:
        sep = _SEP.match(text, end, limit) if read else None
        at = sep.end() if sep else end
        m = _PART_RE.match(text, at, limit)
        if m is None:
            return end, parts, read
        if m.group("field"):
            name = next(n for n, rx in _FIELDS if re.fullmatch(rx, m.group("field")))
            parts.append(ReferencePart(name, Span.of(text, m.start("value"), m.end("value"))))
        read, end = True, m.end()


def _line_end(text: str, pos: int) -> int:
    n = text.find("\n", pos)
    return len(text) if n < 0 else n


def _citation_at(text: str, start: int, repo: Span | None, fields_at: int) -> Reference | None:
    limit = _line_end(text, fields_at)
    end, parts, read = _parts_from(text, fields_at, limit)
    if not read or (repo is None and len(parts) < 2):
        return None
    while end > start and text[end - 1] in ".,;: ":
        end -= 1
    return Reference(Span.of(text, start, end), ReferenceKind.ARCHIVE_CITATION, repo, tuple(parts))


def _shelfmark(text: str, repo: re.Match[str], start: int) -> Reference | None:
    """An archive's acronym opening a line (alone or after the archive's name) and its shelfmark to
    the line's end (or to "and" and another citation): "MNL OL, XIX-J-1-j Szovjetunió, 1956, 4. d.,
    00712/1956"."""
    line_start = text.rfind("\n", 0, repo.start()) + 1
    if start == repo.start() and text[line_start:repo.start()].strip(" \t:") not in ("", "Source", "Citation"):
        return None
    limit = _line_end(text, repo.end())
    joined = re.search(rf"{_S}+and{_S}+(?=\S)", text[repo.end():limit])
    if joined and _repositories().match(text, repo.end() + joined.end()):
        limit = repo.end() + joined.start()
    rest = text[repo.end():limit].lstrip(")")
    if not re.search(r"\d", rest) or len(rest.split()) > 16 or re.search(r"[.!?]\s+[A-Z][a-z]", rest):
        return None
    end = limit
    while end > repo.end() and text[end - 1] in ".,;: \t\r":
        end -= 1
    return Reference(Span.of(text, start, end), ReferenceKind.ARCHIVE_CITATION,
                     Span.of(text, repo.start(), repo.end()))


def find_citations(text: str) -> tuple[Reference, ...]:
    """Every archival citation in ``text``, in order, each with its repository and parts."""
    found: list[Reference] = []

    def add(ref: Reference | None) -> None:
        if ref is not None and not any(r.span.overlaps(ref.span) for r in found):
            found.append(ref)

    for repo in _repositories().finditer(text):
        # "Archive of the President of the Russian Federation (APRF), Fond 45, …": the name, its acronym
        named = _NAMED.search(text, text.rfind("\n", 0, repo.start()) + 1, repo.start())
        start = named.start() if named else repo.start()
        sep = re.match(rf"{_S}*{re.escape(')') if named else ''}{_S}*,?{_S}*", text[repo.end():])
        fields_at = repo.end() + (sep.end() if sep else 0)
        span = Span.of(text, repo.start(), repo.end())
        add(_citation_at(text, start, span, fields_at) or _shelfmark(text, repo, start))
    for m in _PART_RE.finditer(text):
        if m.group("field") is None or any(r.span.start <= m.start() < r.span.end for r in found):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        head = _HEAD.search(text, line_start, m.start())
        written = Span.of(text, head.start("repo"), head.end("repo")) if head else None
        ref = _citation_at(text, head.start() if head else m.start(), written, m.start())
        if ref is not None and _has_opis(ref):
            add(ref)
    return tuple(sorted(found, key=lambda r: r.span.start))


def _has_opis(ref: Reference) -> bool:
    """A citation without a listed repository counts when it carries a fond or an opis, which
    only archival citations have ("IV, p. 1087" or "p. 5, l. 3" in prose are a page and a line)."""
    return any(p.name in ("fond", "opis") for p in ref.parts) and len(ref.parts) >= 2


__all__ = ["find_citations"]

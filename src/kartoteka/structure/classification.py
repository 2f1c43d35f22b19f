"""Classification markings: level and handling caveats, wherever the marking stands.

A marking is looked for where archives put it, in this order of trust: the editors' source note
("Source: … Secret; Priority; Eyes Only.", "No classification marking."), the opener lines at the
head of the document ("CONFIDENTIAL", "SECRET US URGENT", "Top Secret" + "Special File" on the
next line, or glued to a register number as in "Top Secret10586"), and last the foot of the
document (the seed's closing "Top Secret"). Soviet levels translated literally ("Strictly
Secret", "Sovershenno sekretno") are top secret. A word "secret" in body prose is never a marking:
only whole lines, line openers and source-note statements are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.model import Classification, Level, Span
from kartoteka.structure.wordlists import rows

# Level phrases, longest first so "Top Secret" wins over "Secret".
_LEVEL_WORDS: tuple[tuple[str, Level], ...] = (
    ("no classification marking", Level.UNMARKED),
    ("limited official use", Level.LIMITED_OFFICIAL_USE),
    ("for official use only", Level.OFFICIAL_USE_ONLY),
    ("official use only", Level.OFFICIAL_USE_ONLY),
    ("for official use", Level.OFFICIAL_USE_ONLY),
    ("sovershenno sekretno", Level.TOP_SECRET),
    ("sov. sekretno", Level.TOP_SECRET),
    ("sov. secret", Level.TOP_SECRET),
    ("strictly secret", Level.TOP_SECRET),
    ("completely secret", Level.TOP_SECRET),
    ("absolutely secret", Level.TOP_SECRET),
    ("top secret", Level.TOP_SECRET),
    ("strictly confidential", Level.CONFIDENTIAL),
    ("unclassified", Level.UNCLASSIFIED),
    ("confidential", Level.CONFIDENTIAL),
    ("restricted", Level.RESTRICTED),
    ("sekretno", Level.SECRET),
    ("secret", Level.SECRET),
)
# Levels in other languages and the Soviet handling words that imply a level ("Special Folder",
# osobaya papka, held only top-secret decisions): the ``classification`` word list.
_LISTED = rows("classification")
_LEVEL_WORDS += tuple((r["phrase"], Level(r["level"])) for r in _LISTED
                      if r["role"] == "level" and r["phrase"] not in dict(_LEVEL_WORDS))
_LEVEL_WORDS = tuple(sorted(_LEVEL_WORDS, key=lambda w: len(w[0]), reverse=True))
_IMPLIED = {r["phrase"]: Level(r["level"]) for r in _LISTED if r["role"] == "caveat" and r["level"]}
_LEVEL_BY_WORDS = dict(_LEVEL_WORDS)
# 1951-53 markings add "Security Information" ("Restricted Security Information"): part of the level.
LEVEL = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in _LEVEL_WORDS) + r")(?:\s+security\s+information)?"

# Handling words that make a line a marking on their own (never the document's subject).
_HANDLING = (
    "us urgent", "u.s. urgent", "eyes only", "exclusively eyes only", "eyes only for the secretary",
    "operational immediate", "immediate action", "limit distribution", "limited distribution",
    "special file", "special folder", "osobaya papka", "of special importance", "osoboy vazhnosti",
    "strictly personal", "personal", "personally", "personal and confidential",
    "urgent", "immediate", "priority", "routine", "flash", "niact", "nodis", "exdis", "limdis",
    "sensitive", "noforn", "rybat", "most urgent", "very urgent", "out of turn", "vne ocheredi",
    "srochno", "only addressee", "addressee only", "exclusive distribution", "no foreign dissem",
    "copying prohibited", "copying forbidden", "copying is prohibited", "not to be copied", "do not copy",
    "no copies to be made", "kopirovat' zapreshchayetsya", "special importance", "controlled dissem",
    "no dissem abroad", "limited dissem", "background use only", "not releasable to foreign nationals",
    *(r["phrase"] for r in _LISTED if r["role"] == "caveat"),
)
HANDLING = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_HANDLING, key=len, reverse=True))
# a Soviet special series ("Series “K”", seriya "K": a restricted distribution of ciphered traffic)
HANDLING += r"|series\s+[“\"«'‘]?[A-ZА-Я0-9]{1,3}[”\"»'’]?"

_LEVEL_RE = re.compile(rf"(?i:(?P<level>{LEVEL}))(?![A-Za-z])")
_WORD = r"[A-Z](?:[\w’'/\-–]|\.(?=\w))*"  # "Official–Informal" is one caveat
_CAVEAT_TOKEN = rf"(?:\[[^\]\n]{{1,60}}\]|{_WORD}(?:\s+(?:{_WORD}|for|the|of|and)){{0,4}})"
_STATEMENT = re.compile(
    rf"\s*(?P<stmt>(?:(?i:{LEVEL})\b|{_CAVEAT_TOKEN})(?:\s*[;,—/]\s*(?:{_CAVEAT_TOKEN}))*)\s*(?=\.|$)",
)
_HANDLING_RE = re.compile(rf"(?i:{HANDLING})")
_SPLIT = re.compile(r"\s*(?:;|/|,|—|–|\s-\s)\s*")
_COPY = re.compile(r"(?i)^\s*(?:copy|ex\.?|exemplar|экз\.?)\s*(?:No\.?|№|#)?\s*\d+\b")
_COPY_TAIL = re.compile(r"(?i)[\s,;]*(?:copy|ex\.?|exemplar|экз\.?)\s*(?:No\.?|№|#)?\s*\d+\.?\s*$")
_HEAD_LINES = 15
# a line that opens with the editors' source note (after blanks); its start ends the body
_SOURCE_LINE = re.compile(r"(?:\A|(?<=[\r\n]))[^\S\r\n]*Source:")
_FOOT_LINES = 6


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


_LINE = re.compile(r"[^\r\n]+")


def _lines(text: str, start: int = 0, end: int | None = None, most: int | None = None) -> list[_Line]:
    """The lines of ``text[start:end]`` that hold more than blanks, the first ``most`` of them."""
    out: list[_Line] = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        if m.group().strip():
            out.append(_Line(m.start(), m.end(), m.group()))
            if len(out) == most:
                break
    return out


def _last_lines(text: str, start: int, end: int, most: int) -> list[_Line]:
    """The last ``most`` lines of ``text[start:end]`` that hold more than blanks, in order (read
    from the end: a marking stands at a document's head or foot, and a list may be long)."""
    out: list[_Line] = []
    while end > start and len(out) < most:
        cut = max(text.rfind("\n", start, end), text.rfind("\r", start, end))
        line_start = start if cut < 0 else cut + 1
        if text[line_start:end].strip():
            out.append(_Line(line_start, end, text[line_start:end]))
        end = line_start - 1 if cut >= 0 else start
    return out[::-1]


def _level_of(words: str) -> Level | None:
    key = " ".join(words.lower().split())
    return _LEVEL_BY_WORDS.get(key.removesuffix(" security information"))


def _caveats(rest: str) -> tuple[str, ...]:
    """Handling words after a level, as written: known phrases whole, other words one by one."""
    out: list[str] = []
    for part in _SPLIT.split(rest.strip(" .;:,")):
        part = part.strip(" .;:,()")
        if not part:
            continue
        pos = 0
        while pos < len(part):
            m = _HANDLING_RE.match(part, pos)
            if m and (m.end() == len(part) or not part[m.end()].isalnum()):
                out.append(m.group())
                pos = m.end()
            else:
                nxt = re.search(r"\s+", part[pos:])
                word = part[pos:pos + nxt.start()] if nxt else part[pos:]
                if out and not _HANDLING_RE.fullmatch(out[-1]) and word[:1].isupper() == out[-1][:1].isupper():
                    out[-1] = f"{out[-1]} {word}"  # keep an unknown phrase ("LIMITED DISTRIBUTION X") together
                else:
                    out.append(word)
                pos += len(word)
            while pos < len(part) and part[pos].isspace():
                pos += 1
    return tuple(out)


def _from_source_note(text: str) -> Classification | None:
    notes = list(re.finditer(r"(?m)^[ \t]*Source:[^\n]*", text))
    for note in reversed(notes):
        body_start = note.start() + note.group().index("Source:") + len("Source:")
        body = text[body_start:note.end()]
        for pos in [0, *(d.end() for d in re.finditer(r"\.", body))]:
            m = _STATEMENT.match(body, pos)
            if m is None:
                continue
            stmt = m.group("stmt").rstrip(". ")
            tokens = [t.strip() for t in re.split(r"[;,—/]", stmt)]
            level = _level_of(tokens[0])
            rest = tokens[1:] if level else tokens
            if level is None and not all(_is_caveat(t) for t in rest):
                continue
            if level is None and (pos == 0 or not any(
                    _HANDLING_RE.fullmatch(t) or (t.isalpha() and t.isupper() and len(t) > 3) for t in rest)):
                continue  # the citation itself, or a sentence of the note that is no marking
            start = body_start + m.start("stmt")
            end = start + len(stmt)
            caveats = tuple(t for t in rest if t)
            if level is not None:
                end, more = _following_caveats(text, end, note.end())
                caveats += more
            return Classification(Span.of(text, start, end), level, caveats)
    return None


_NEXT_SENTENCE = re.compile(r"\.[ \t]+(?P<s>[^.\n]+?)(?=\.(?:\s|$)|$)")


def _following_caveats(text: str, end: int, limit: int) -> tuple[int, tuple[str, ...]]:
    """Handling words a note puts in sentences of their own after the level ("Secret. Limit
    Distribution."): taken only while every part of the next sentence is a known handling phrase."""
    found: list[str] = []
    while (m := _NEXT_SENTENCE.match(text, end, limit)) is not None:
        parts = [p.strip() for p in _SPLIT.split(m.group("s"))]
        if not parts or not all(p and _HANDLING_RE.fullmatch(p) for p in parts):
            break
        found.extend(parts)
        end = m.end("s")
    return end, tuple(found)


def _is_caveat(token: str) -> bool:
    token = token.strip()
    if not token:
        return True
    if token.startswith("["):
        return True
    words = token.split()
    return len(words) <= 4 and all(w[:1].isupper() or w.lower() in ("for", "the", "of", "and") for w in words)


def _marking_line(line: _Line) -> tuple[Level | None, tuple[str, ...], int, int] | None:
    """A line that is a marking: (level, caveats, start, end of the marking), else None."""
    s = line.text
    lead = len(s) - len(s.lstrip())
    body = s.strip()
    m = _LEVEL_RE.match(body)
    if m:
        level = _level_of(m.group("level"))
        rest = body[m.end():]
        if rest[:1].isdigit():  # glued to a number: "Top Secret10586"
            return level, (), line.start + lead, line.start + lead + m.end()
        # the rest of an opener line: handling words, or a wide gap before the dateline
        gap = re.search(r"\s{3,}|\t", rest)
        tail = rest[: gap.start()] if gap else rest
        # "Secret Copy No 3": the copy number glued to the level is no part of the marking
        copy = _COPY_TAIL.search(tail)
        if copy is not None:
            tail = tail[: copy.start()]
        tail_clean = tail.strip(" .;:,/()—–-!")
        is_upper = body[: m.end()].isupper()
        if not tail_clean or _HANDLING_RE.fullmatch(tail_clean) or (
            is_upper and tail_clean.isupper() and len(tail_clean.split()) <= 4
        ) or all(_HANDLING_RE.fullmatch(p.strip(" .()")) for p in _SPLIT.split(tail_clean) if p.strip(" .()")):
            end = line.start + lead + m.end() + len(tail.rstrip())
            return level, _caveats(tail_clean), line.start + lead, end
        return None
    clean = body.strip(" .;:")
    if clean and all(_HANDLING_RE.fullmatch(p.strip(" .()")) for p in _SPLIT.split(clean) if p.strip(" .()")):
        return None, _caveats(clean), line.start + lead, line.start + lead + len(body)
    return None


def _from_lines(text: str, lines: list[_Line]) -> Classification | None:
    """The first marking block (consecutive marking lines) whose lines carry a level or caveats."""
    i = 0
    while i < len(lines):
        found = _marking_line(lines[i])
        if found is None:
            i += 1
            continue
        level, caveats, start, end = found
        j = i + 1
        while j < len(lines):
            if _COPY.match(lines[j].text):
                j += 1
                continue
            nxt = _marking_line(lines[j])
            if nxt is None or (nxt[0] is not None and level is not None):
                break
            level = level or nxt[0]
            caveats += nxt[1]
            end = nxt[3]
            j += 1
        return Classification(Span.of(text, start, end), level, caveats)
    return None


@lru_cache(maxsize=4)  # a summary asks again of a paragraph that is the whole text (a list of lines)
def find_classification(text: str) -> Classification | None:
    """The document's classification marking, or None when it carries none."""
    noted = _from_source_note(text)
    if noted is not None and noted.level is not None:
        return noted
    # the body is the text above the last editors' source note
    notes = list(_SOURCE_LINE.finditer(text))
    body_end = notes[-1].start() if notes else len(text)
    head_lines = _lines(text, 0, body_end, _HEAD_LINES)
    after_head = head_lines[-1].end if len(head_lines) == _HEAD_LINES else body_end
    head = _from_lines(text, head_lines)
    foot = _from_lines(text, _last_lines(text, after_head, body_end, _FOOT_LINES))
    for found in (head, foot):
        if found is not None and found.level is not None:
            if noted is not None and not found.caveats:
                return Classification(found.span, found.level, noted.caveats)
            return found
    return _implied(noted or head or foot)


def _implied(c: Classification | None) -> Classification | None:
    """A marking of handling words alone whose words imply a level ("SPECIAL FOLDER")."""
    if c is None or c.level is not None:
        return c
    for caveat in c.caveats:
        level = _IMPLIED.get(" ".join(caveat.casefold().split()))
        if level is not None:
            return Classification(c.span, level, c.caveats)
    return c


__all__ = ["find_classification"]

"""Case restored for the model: text written in capitals ("DOBRYNIN CALLED ME ABOUT 3:30")
read as mixed case ("Dobrynin called me about 3:30"), character for character, so every offset
into the restored text is an offset into the original.

The statistical model and the name rules learnt names from their capital letters; a telegram
in capitals hides them. A word of a run in capitals takes the case the document itself gives it
elsewhere (its title, its source note, a paragraph in mixed case); a word the document never
writes otherwise is lowered where it is an English word and capitalised where it is not (a
name), and short words with no vowel or of two letters stay capitals (US, USSR, NSC); a word
after a title ("AMBASSADOR DOBRYNIN") or before a verb of saying is a name. Sentences open
with a capital.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from kartoteka.entities import cable
from kartoteka.entities.context import FUNCTION_WORDS
from kartoteka.entities.lexicon import cues
from kartoteka.entities.titles import is_title

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# verbs of saying in the past tense ("GROMYKO SAID"): the word in capitals before one is a name
_SAYING = cues("saying-past")
_MIN_RUN = 4  # capital words in a row that make a line "written in capitals", not an acronym or a heading
_VOWELS = frozenset("AEIOUY")


def restore(text: str) -> str:
    """``text`` with its lines in capitals put in mixed case; the same length, and the same
    characters but for their case. Text without such lines comes back as it is."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    if not any(_in_capitals(text[s:e]) for s, e in lines):
        return text
    # once the document writes in capitals, its short lines in capitals are of the same hand
    # (a signature "DULLES", "MR. MERCHANT" among the participants)
    caps = [(s, e) for s, e in lines if _all_capitals(text[s:e])]
    known = _document_case(text, caps)
    out = list(text)
    for s, e in caps:
        words = list(_WORD.finditer(text, s, e))
        named = _place_names(text, words)
        for i, m in enumerate(words):
            word = m.group()
            prev = words[i - 1].group() if i else ""
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            cased = _name(word) if i in named and word.isupper() else _case(word, known, prev, nxt)
            if _sentence_start(text, m.start(), s):
                cased = cased[:1].upper() + cased[1:]
            if len(cased) == len(word):
                out[m.start():m.end()] = cased
    return "".join(out)


def _place_names(text: str, words: list[re.Match[str]]) -> set[int]:
    """Indexes of the words that make a country's, a region's or a large city's name ("UNITED
    STATES", "MOSCOW"), the longest first, or a people's adjective ("SOVIET")."""
    from kartoteka.entities.shapes import is_demonym
    from kartoteka.gazetteer import places

    out: set[int] = set()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            run = words[i:i + n]
            if len(run) < n or run[0].group().lower() in FUNCTION_WORDS or any(run[k + 1].start() - run[k].end() != 1 for k in range(n - 1)):
                continue
            name = " ".join(_name(w.group()) for w in run)
            hit = places.resolve(name, alternates=False)
            if hit is not None and n == 1 and hit.name.lower() != name.lower():
                hit = None  # "USSR", "UAR": the letters of a longer name stay letters
            if (hit is not None and (hit.kind is not places.PlaceKind.CITY or hit.population >= _LARGE_CITY)) \
                    or (n == 1 and is_demonym(name)):
                out.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    return out


def in_capitals(text: str, pos: int) -> bool:
    """Whether the line at ``pos`` is written in capitals (a word in capitals there may be a
    name; in a mixed-case line it is an acronym or a code word)."""
    return _in_capitals(_line_at(text, pos))


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


def _all_capitals(line: str) -> bool:
    words = _WORD.findall(line)
    return (bool(words) and all(w.isupper() for w in words) and any(len(w) > 1 for w in words)) \
        or _in_capitals(line)


def _in_capitals(line: str) -> bool:
    words = _WORD.findall(line)
    if len(words) < _MIN_RUN:
        return False
    upper = sum(1 for w in words if w.isupper() and len(w) > 1)
    return upper >= 0.8 * len(words)


def _document_case(text: str, caps: list[tuple[int, int]]) -> dict[str, str]:
    """How the document writes each word outside its lines in capitals: the lower-case form if
    it ever writes it so mid-sentence, else its most frequent capitalised form."""
    forms: dict[str, Counter[str]] = {}
    at = 0
    for s, e in [*caps, (len(text), len(text))]:
        for m in _WORD.finditer(text, at, s):
            w = m.group()
            if w.isupper() and not _mixed_line(text, m.start()):
                continue  # a short heading in capitals says nothing of the word's case
            if w[:1].isupper() and _sentence_start(text, m.start(), 0):
                continue  # a capital that opens a sentence says nothing of the word
            forms.setdefault(w.lower(), Counter())[w] += 1
        at = e
    out: dict[str, str] = {}
    for low, seen in forms.items():
        out[low] = low if low in seen else seen.most_common(1)[0][0]
    return out


def _mixed_line(text: str, pos: int) -> bool:
    return any(c.islower() for c in _line_at(text, pos))


def _case(word: str, known: dict[str, str], prev: str, nxt: str) -> str:
    from kartoteka.entities.shapes import surname_shaped

    if not word.isupper():
        return word
    low = word.lower()
    if low in known:
        return known[low]
    if low == "i":
        return word
    style = cable.kind(word)
    if style == "letters":
        return word  # "USSR", "CPSU": initials, whatever a dictionary says
    if style is not None:
        return low  # "DEPTEL", "GOVT": cable words, never names
    if low in FUNCTION_WORDS:
        return low  # "OF", "HE", "WE": a function word before anything else
    if low in _CALENDAR:
        return _name(word)
    if len(word) <= 2 or not _VOWELS & set(word) or (len(word) <= 3 and not _english(low)):
        return word  # "NSC", "USSR", "CPSU": letters, not a word
    if (is_title(prev.capitalize()) and not is_title(word.capitalize())) or nxt.lower() in _SAYING:
        return _name(word)  # "AMBASSADOR DOBRYNIN", "GROMYKO SAID"
    if is_title(word.capitalize()) and nxt.isupper() and len(nxt) > 2 and not _english(nxt.lower()):
        return _name(word)  # the title itself: "AMBASSADOR DOBRYNIN"
    if surname_shaped(_name(word)):
        return _name(word)  # "KHRUSHCHEV", "MOLOTOV": a surname's ending before any dictionary
    return low if _english(low) else _name(word)


_LARGE_CITY = 100_000
_CALENDAR = frozenset(n.lower() for n in (*calendar.month_name[1:], *calendar.day_name))


def _name(word: str) -> str:
    """A name's case: "MACARTHUR" stays "Macarthur" (its inner capital is lost), "O'BRIEN" "O'Brien"."""
    return re.sub(r"(^|['’-])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())


def _english(low: str) -> bool:
    from kartoteka.marks import vocabulary

    return vocabulary().knows(low)


def _sentence_start(text: str, pos: int, floor: int) -> bool:
    """Whether ``pos`` opens a sentence: the line's start, or after ".", "!", "?" or ":"."""
    i = pos - 1
    while i >= floor and text[i] in " \t\"'“(":
        i -= 1
    return i < floor or text[i] in ".!?:\n"


__all__ = ["in_capitals", "restore"]

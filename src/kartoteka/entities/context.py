"""Context: what the words around a capitalised word say about it, where the word alone cannot.

A paragraph letter ("D. Galvez" in a list lettered A., B., C., D.) is no initial; a word the
document also writes in lower case is a common word when it opens a sentence ("Can produce",
"Subject"); a name in a place's slot ("Zacapa zone", "Vado Hondo", a route "from A to B to C",
a list of towns) is a place. Pure functions over the text and offsets into it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.entities.lexicon import cues, function_words
from kartoteka.entities.titles import is_title

_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
# an enumerated paragraph opens its line: "D. ", "(d) ", "d) "
_MARKER = re.compile(r"([A-Za-z])\.[ \t]+")
# the words a place's name sits before: "the Zacapa zone", "the Canales area", "Mazatenango region"
_PLACE_NOUNS = cues("place-noun")
# the first word of many places' names in the collections' languages ("Vado Hondo", "Santo Tomas",
# "Bandar Shahpur", "Qasr-e Shirin", "Ras Tanura", "Wadi Halfa", "Jebel Druze")
_PLACE_HEADS = cues("place-head")
_PEOPLE_ENDINGS = ("ans", "anos", "anas", "oan", "ese")
# words that end a place's name in running text: months, days, a clause's first word
_NOT_PLACE_WORDS = cues("not-place")
_SENTENCE_END = ".!?:;\u201c\"(\n"


# "the King and", "the Kremlin.": a lone word after "the" that no noun follows is a role or a
# thing ("the Kosygin letter", "the Nixon Doctrine" name the person); "Truman Library": a house
# named for a person, not the person
_THE_BEFORE = re.compile(r"(?<![\w-])the[ \t]+$")
_NO_NOUN_AFTER = re.compile(r"[ \t]*(?:[^\w \t]|$)|[ \t]+(\w+)")
_HOUSE_AFTER = re.compile(r"[ \t]+(?:Library|Center|Foundation|Museum)\b")

# compiled once: these are asked for every name and line of a document
_MARKER_BEFORE = re.compile(r"(?:^|[\n.!?;:])[ \t]*(?:\d{1,3}|[A-Za-z]|\(?[a-z0-9]{1,3}\))[.)][ \t]*$")
_HEAD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-zí]+\.?)[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-ZÀ-Þ][\w'’]*)")
_LOWER_AFTER = re.compile(r"[ \t]+([a-z]+)\b")


def not_a_person_here(text: str, start: int, end: int) -> bool:
    """Whether a lone name at ``start``-``end`` is used here for something other than the
    person: after "the" with no noun following, or naming a house."""
    if _HOUSE_AFTER.match(text, end):
        return True
    if not _THE_BEFORE.search(text, max(0, start - 5), start):
        return False
    after = _NO_NOUN_AFTER.match(text, end)
    return after is not None and (after.group(1) is None or after.group(1).lower() in FUNCTION_WORDS)


FUNCTION_WORDS = function_words()  # English function words: the package's one list (``lexicon``)


def outline_marker(text: str, start: int) -> int:
    """How many characters at ``start`` are a paragraph letter ("D. " of "D. Galvez has…")
    rather than an initial: the letter opens its line and the document letters its paragraphs
    with the letter next to it ("C. " or "E. " opening another line)."""
    m = _MARKER.match(text, start)
    if m is None:
        return 0
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return 0
    letter = m.group(1)
    neighbours = {chr(ord(letter) - 1), chr(ord(letter) + 1)} & set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return m.end() - start if neighbours & _line_letters(text) else 0


@lru_cache(maxsize=8)
def _line_letters(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in re.finditer(r"(?m)^[ \t]*([A-Za-z])\.[ \t]+\S", text))


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (or a line, or a lettered or numbered paragraph)."""
    i = start  # the character before ``start`` past blanks, found without copying the text before it
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    m = _MARKER_BEFORE.search(text[max(0, start - 12):start])
    if m is not None:
        return True
    return text[i - 1] in _SENTENCE_END


@lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*(?![\w'’-])", text))


def written_lower(text: str, word: str) -> bool:
    """Whether the document also writes ``word`` in lower case ("the junta", "the capital")."""
    return word.lower() in _lower_words(text)


_PRONOUN_AFTER = re.compile(r"[ \t]+(?:you|we|I|he|she|they|it|there|not)\b")


def asks(text: str, start: int, end: int) -> bool:
    """A word first in a sentence with a pronoun after it is a verb asking or bidding ("Can you
    obtain", "May we have", "Will he agree"), not a name."""
    return sentence_start(text, start) and _PRONOUN_AFTER.match(text, end) is not None


def common_word(text: str, word: str, start: int) -> bool:
    """A single word opening a sentence that the document also writes in lower case ("Can
    produce", "Content was aimed") and never capitalised inside a sentence: a common word."""
    if " " in word or not word[:1].isupper() or not sentence_start(text, start):
        return False
    if word.lower() not in _lower_words(text):
        return False
    return all(sentence_start(text, p) for p in occurrences(text, word))


_RUN = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=2)  # asked within one document's reading; a long text's index is large
def _runs(text: str) -> dict[str, list[int]]:
    """Where each maximal run of word characters, apostrophes and hyphens starts."""
    out: dict[str, list[int]] = {}
    for m in _RUN.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` stands alone in ``text`` (no word character, apostrophe or hyphen
    against it), in order. A word made of those characters alone stands alone exactly where
    it is a whole run of them, so the text's runs are indexed once, not searched per word."""
    if _RUN.fullmatch(word):
        return list(_runs(text).get(word, ()))
    return [m.start() for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text)]


def place_slot(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a place when the word at ``start:end`` stands in a place's slot, else None:
    after a place-name head word ("Vado Hondo", "Santo Tomas", "San Luis Jilotepeque": the head,
    the word and the capitalised words after it), or last before a word for a kind of ground
    ("the Zacapa zone", "the Puerto Barrios area": the capitalised words that end there, back to
    a title or a common word)."""
    if text[start:end].lower() in _lower_words(text) or text[start:end].endswith(_PEOPLE_ENDINGS):
        return None  # "Affected area", "Santo Domingoan": a common word, a people's word
    head = _HEAD_BEFORE.search(text[max(0, start - 12):start])
    if head is not None and head.group(1).rstrip(".") in _PLACE_HEADS:
        stop = end
        for w in _CAPITALISED_AFTER.finditer(text[end:end + 40]):
            if w.start() != stop - end or is_title(w.group(1)) or w.group(1).lower() in _NOT_PLACE_WORDS:
                break
            stop = end + w.end()
        return start - len(head.group()), stop
    after = _LOWER_AFTER.match(text[end:end + 20])
    if after is None or after.group(1) not in _PLACE_NOUNS:
        return None
    first = start
    for m in reversed(list(re.finditer(rf"{_WORD}[ \t]+", text[max(0, start - 40):start]))):
        s = max(0, start - 40) + m.start()
        if s + len(m.group()) != first or is_title(m.group().strip().rstrip(".")) \
                or m.group().strip().lower() in _lower_words(text):
            break
        first = s
    return first, end


_ROUTE = re.compile(rf"(?<![\w'’-]){_NAME}(?:[ \t]+(?:to|toward|towards)[ \t]+{_NAME}){{2,}}")


def routes(text: str) -> list[tuple[int, int]]:
    """Each name of a route of three stops or more ("from Copan Ruinas to Camotan to Jocotan"):
    a route runs between places."""
    out: list[tuple[int, int]] = []
    for m in _ROUTE.finditer(text):
        for part in re.finditer(rf"{_NAME}", m.group()):
            words = part.group().split()
            while words and words[-1] in ("to", "toward", "towards"):
                words.pop()
            s = m.start() + part.start()
            out.append((s, s + len(" ".join(words))))
    return out


_LIST = re.compile(rf"(?<![\w'’-]){_NAME}(?:,[ \t]+{_NAME})+,?[ \t]+(?:and|or)[ \t]+{_NAME}")


@lru_cache(maxsize=8)
def _country_words(text: str) -> frozenset[str]:
    """The document's words that name a country ("Guatemala") or its people ("Guatemalan")."""
    from kartoteka.entities.shapes import is_demonym
    from kartoteka.gazetteer import places

    out = set()
    for w in set(re.findall(r"(?<![\w'’-])[A-Z][a-z]{4,}(?![\w'’-])", text)):
        hit = places.resolve(w, alternates=False)
        if (hit is not None and hit.kind is places.PlaceKind.COUNTRY) or is_demonym(w):
            out.add(w)
    return frozenset(out)


def clipped_country(text: str, word: str) -> bool:
    """Cable style clips a country's name ("Guat Govt", "Nic patrols", "the Guats"): a word of
    four letters or more that begins a country's name or its people's word written in full
    elsewhere in the document, and is not that word itself."""
    stem = word[:-1] if word.endswith("s") and len(word) > 4 else word
    if len(stem) < 4 or not stem[:1].isupper() or not stem[1:].islower():
        return False
    return any(w != stem and w.startswith(stem) for w in _country_words(text))


def enumerations(text: str) -> list[list[tuple[int, int]]]:
    """Lists of three or more capitalised names ("Canales, Palencia and Quezaltenango"), each
    as the spans of its items."""
    out: list[list[tuple[int, int]]] = []
    for m in _LIST.finditer(text):
        items: list[tuple[int, int]] = []
        for part in re.finditer(rf"{_NAME}", m.group()):
            s = m.start() + part.start()
            items.append((s, s + len(part.group())))
        if len(items) >= 3:
            out.append(items)
    return out


__all__ = ["asks", "clipped_country", "common_word", "enumerations", "occurrences", "outline_marker", "place_slot",
           "routes", "sentence_start", "written_lower"]

"""Rules that find what the statistical model misses or mislabels in running text: names after
titles and offices, speakers, "the arrest of X", a person's papers, Russian and Persian surname
shapes, Cyrillic names, "the Soviet government"-style organisations. Lists and signatures are
``closings``; what a word says about itself is ``shapes``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kartoteka.entities import groups
from kartoteka.entities.lexicon import alternation, cues, function_words, stop_words
from kartoteka.entities.shapes import (
    NON_PERSON_WORDS,
    is_demonym,
    person_words_ok,
    strong_place,
    surname_shaped,
)
from kartoteka.entities.titles import (
    ABBREVIATIONS,
    PERSONAL_TITLES,
    RULERS,
    TITLE_ALTERNATION,
    is_title,
    split_title,
)
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold
from kartoteka.names.titles import titles

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁƏŞÇÜĞİ"
_LOW = "a-zß-öø-ÿа-яёəşçüğı"
# "MacDonald", "McCarthy", "O'Brien": a capital inside the word after its Gaelic head
_NAME_WORD = rf"(?:[{_UP}]\.[ ]?)*(?:(?:Ma?c|O['’])[{_UP}][{_LOW}]+|[{_UP}][{_LOW}'’\-]*[{_LOW}])"
_INITIAL = rf"[{_UP}]\.(?:[ ]?[{_UP}]\.)*"
# "os-Saltaneh", "ol-Molk", "al-Din": Persian and Arabic name particles joined by a hyphen
_PARTICLE_WORD = rf"(?:os|ol|ul|al|el|ad|ed|ud|as|es|us|ar|er|ash|osh)-[{_UP}][{_LOW}'’]*[{_LOW}]"
NAME = (rf"(?:{_INITIAL}[ ]?)?{_NAME_WORD}(?:[ \t]+(?:(?:{_INITIAL}[ ]?)?{_NAME_WORD}|{_PARTICLE_WORD})){{0,3}}")
_TITLED = re.compile(rf"\b(?:{TITLE_ALTERNATION})\.?[ \t]+({NAME})")


def _offices(use: str) -> str:
    """The titles of ``names/data/titles.csv`` with ``use``, as a regex alternation, longest first
    ("Consul General" before "Consul"), each written as the file writes it."""
    return "|".join(re.escape(t) for t in sorted(titles(use), key=lambda t: (-len(t), t)))


# "the Ambassador in Iran (Allen)": an office and the holder's name in brackets after it
_OFFICE_PAREN = re.compile(
    rf"\b((?:{_offices('bracketed-holder')})(?:\s+(?:in|to|at|of|for)\s+[A-Z][\w.’' -]{{1,40}}?)?)\s*\(("
    + NAME + r")\)"
)
# an office of a body and its holder's name run together: "Director of Central Intelligence Allen
# Dulles", "Minister of Foreign Affairs Entezam"
_OFFICE_OF = re.compile(
    rf"\b(?:{_offices('office-of')})"
    r"(?:[ \t]+General)?[ \t]+of[ \t]+(?:the[ \t]+)?((?:[A-Z][\w’'-]*[ \t]+){1,4}" + NAME + r")"
)
# a body named after a country, people or city before it: "the Soviet government"
_ORG_NOUN = re.compile(rf"\b(?:[Tt]he\s+)?([A-Z][a-z]+)\s+({alternation('body-noun')})\b")


@dataclass(frozen=True, slots=True)
class Found:
    """A rule's find: where the name is, where its title is (if any), and which rule found it."""

    start: int
    end: int
    method: str
    title: tuple[int, int] | None = None


@lru_cache(maxsize=8)  # asked once per name found: read the text's words once, not once per name
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))


def titled_names(text: str) -> Iterator[Found]:
    """Names right after a title: "Doctor Dzhavid", "General-Major Yemel'yanov", "Col. J.C. King"."""
    for m in _TITLED.finditer(text):
        if "." in text[m.start():m.start(1)] and text[m.start():m.start(1)].split(".")[0].split()[-1] not in ABBREVIATIONS:
            continue  # "approved by King. Repeated to": a full stop ends a sentence, not a title
        start, end = _trim_name(text, m.start(1), m.end(1))
        if text[m.start():m.start(1)].split()[0].rstrip(".") == "Acting":
            continue  # "Acting Manager United Fruit": an office held for now, no name after it
        personal = text[m.start():m.start(1)].split()[0].rstrip(".") in PERSONAL_TITLES
        if start < end and person_words_ok(text[start:end]) and not (
                _known_place(text[start:end]) if personal else strong_place(text[start:end])):
            yield Found(start, end, "rule:title", (m.start(), _title_end(text, m.start(), m.start(1))))
    for m in _OFFICE_PAREN.finditer(text):
        if person_words_ok(m.group(2)):
            yield Found(m.start(2), m.end(2), "rule:office", (m.start(1), m.end(1)))
    for m in _OFFICE_OF.finditer(text):
        # "Director of Central Intelligence Allen Dulles": the name follows the body's last word
        words = list(re.finditer(r"\S+", m.group(1)))
        body = [i for i, w in enumerate(words) if fold(w.group()) in NON_PERSON_WORDS or strong_place(w.group())]
        # the body is those words alone, and the name after it no word the text writes in lower case
        if not body or body != list(range(len(body))) or body[-1] == len(words) - 1:
            continue
        _, s = split_title(text, m.start(1) + words[body[-1] + 1].start(), m.start(1) + words[-1].end())
        e = m.start(1) + words[-1].end()
        if any(w.lower() in _lower_words(text) for w in text[s:e].split()) or "'s" in m.group(1) \
                or "’s" in m.group(1) or re.match(r"[ \t]+(?:of|de|del|for|y|and)\b", text[e:e + 6]):
            continue  # "Farm Workers of Guatemala", "State's Special Assistant": still the body's name
        if re.fullmatch(NAME, text[s:e]) and person_words_ok(text[s:e]) and not strong_place(text[s:e]):
            yield Found(s, e, "rule:office", (m.start(), _title_end(text, m.start(), s)))


def _known_place(name: str) -> bool:
    """A place in our own data or a country: never a surname after a title."""
    hit = places.resolve(name, alternates=False)
    return hit is not None and (hit.curated or hit.kind is places.PlaceKind.COUNTRY)


def _title_end(text: str, start: int, name_start: int) -> int:
    end = name_start
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing words that are not part of a name ("Peurifoy Embassy" → "Peurifoy")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for w in words[:-1]:
        possessive = re.search(r"['’]s?$", w.group())
        if possessive is not None:
            # "Peurifoy's Remarks Relevant": the name ends at its possessive
            return start + words[0].start(), start + w.end() - len(possessive.group())
    while words and (fold(words[-1].group()) in NON_PERSON_WORDS or is_demonym(words[-1].group())):
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


# a verb of speech right after a name makes the name a speaker's: "Mosadeq told me", "Ala said"
_SPEAKER = re.compile(
    rf"(?<![\w'’-])({NAME})[ \t]+(?:then[ \t]+|also[ \t]+|again[ \t]+)?(?:{alternation('saying')})\b"
    r"(?![ \t]+(?:by|that[ \t]+it\b))"
)


# words of time that open a sentence before its subject ("Later Zahedi said")
_OPENERS = cues("speech-opener")
_NOT_SPEAKER_AFTER = cues("not-speaker-after")


def speakers(text: str) -> Iterator[Found]:
    """A name before a verb of speech ("Mosadeq told me", "Zahedi said"): people speak, places
    and bodies speak through people. Not a place the gazetteer trusts, a body, a people, a word
    the document writes in lower case, or a lone word first in a sentence that the document
    never repeats inside one."""
    stop = function_words()
    lower = frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))
    for m in _SPEAKER.finditer(text):
        s, e = m.start(1), m.end(1)
        words = text[s:e].split()
        while words and (is_title(words[0]) or words[0].lower() in stop or words[0].lower() in lower
                         or words[0].lower() in _OPENERS):
            s = text.index(words[0], s) + len(words[0])
            s += len(text[s:e]) - len(text[s:e].lstrip())
            words.pop(0)
        name = text[s:e]
        before = re.search(r"(\w+)[ \t]+$", text[max(0, s - 20):s])
        if before is not None and before.group(1).lower() in _NOT_SPEAKER_AFTER:
            continue  # "Chief of Protocol told", "aboard Alfhem told": an office's or a ship's name
        if any(is_title(w) for w in words) or name in RULERS:
            continue  # "the Shah said": a ruler's title, no name
        hit = places.resolve(name, alternates=False) if words else None
        if not words or not person_words_ok(name) or strong_place(name) or (hit is not None and hit.capital):
            continue
        if any(w.lower() in stop or w.lower() in lower for w in words) or groups.is_group(name):
            continue
        yield Found(s, e, "rule:speaker")


# nouns whose "of" names a person: "the death of Stalin", "the arrest of Mosadeq", "your
# assessment of Hoveyda"
_OF_PERSON = re.compile(
    rf"\b(?:{alternation('person-of')})[ \t]+of[ \t]+({NAME})"
)


def persons_of(text: str) -> Iterator[Found]:
    """The name after a noun that only a person takes ("the arrest of Mosadeq"), where no place
    or body bears it and it is no English word."""
    from kartoteka.marks import vocabulary

    v = vocabulary()
    for m in _OF_PERSON.finditer(text):
        s, e = _trim_name(text, m.start(1), m.end(1))
        name = text[s:e]
        hit = places.resolve(name, alternates=False)
        if s >= e or not person_words_ok(name) or strong_place(name) or groups.is_group(name) \
                or (hit is not None and hit.capital):
            continue
        if len(name.split()) == 1 and v.knows(name):
            continue  # "the son of God", "assessment of Soviet": a word, not a name
        yield Found(s, e, "rule:of")


# grammar only a person takes: "Togliatti, who", "bitterness of Togliatti”, whom", "speeches by
# Togliatti and Nenni", "Togliatti’s interview"
_RELATIVE = re.compile(rf"(?<![\w'’-])({NAME})[”\"’)]?,[ \t]+(?:who|whom)\b")
_SAID_BY = re.compile(rf"\b(\w+)[ \t]+by[ \t]+({NAME})(?:[ \t]+and[ \t]+({NAME}))?")
# the end of a longer name or a quotation the word belongs to: "Federal Bureau of ", "“"
_INSIDE_NAME = re.compile(r"(?:[A-Z][\w'’-]*[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?|[“\"‘])$")
_WHOSE_SAYING = re.compile(rf"(?<![\w'’-])({NAME})['’]s[ \t]+(\w+)")


def agents(text: str) -> Iterator[Found]:
    """A one-word name in a person's grammar: before "who"/"whom", the maker of a speech or a
    statement ("speeches by X", "X's interview"). A capital, a country or our own data's place
    stays a place: "statements by Moscow" speak for a government."""
    speech = cues("speech-noun")
    spans = [(m.start(1), m.end(1)) for m in _RELATIVE.finditer(text)]
    for m in _SAID_BY.finditer(text):
        if m.group(1).lower() in speech:
            spans += [(m.start(g), m.end(g)) for g in (2, 3) if m.group(g)]
    spans += [(m.start(1), m.end(1)) for m in _WHOSE_SAYING.finditer(text) if m.group(2).lower() in speech]
    from kartoteka.marks import vocabulary

    v = vocabulary()
    for s, e in sorted(set(spans)):
        name = text[s:e]
        if _INSIDE_NAME.search(text, max(0, s - 40), s) or v.knows(name.lower()):
            continue  # "Bureau of Investigation, who", "“Inspectors”, who": a body's or a word's
        hit = places.resolve(name, alternates=False)
        if " " in name or not person_words_ok(name) or _known_place(name) or groups.is_group(name) \
                or (hit is not None and (hit.capital or hit.kind is not places.PlaceKind.CITY)):
            continue
        yield Found(s, e, "rule:agent")


# a person's papers kept as an archive's series: "Nixon Presidential Materials", "Kissinger Papers"
_PAPERS_OF = re.compile(rf"(?<![\w/-])({NAME})[ \t]+(?:Presidential[ \t]+Materials|Papers|Diaries|Diary)\b")


def papers_of(text: str) -> Iterator[Found]:
    """The person whose papers a source note cites: a series of papers, diaries or presidential
    materials is named for the one who kept them, where no place or body bears the name."""
    for m in _PAPERS_OF.finditer(text):
        s, e = m.start(1), m.end(1)
        name = text[s:e]
        if person_words_ok(name) and not strong_place(name) and not groups.is_group(name):
            yield Found(s, e, "rule:papers")


def surname_shapes(text: str) -> Iterator[Found]:
    """Capitalised words with a Russian, Caucasian or Persian surname ending."""
    for m in re.finditer(r"\b[A-Z][a-z'’]+[a-z]\b", text):
        word = m.group()
        if surname_shaped(word) and places.resolve(word) is None:
            yield Found(m.start(), m.end(), "rule:surname")


_CYRILLIC_WORD = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![\w-])")


def cyrillic_names(text: str) -> Iterator[tuple[int, int, str]]:
    """Capitalised words in Cyrillic (the English model cannot read them): places by the gazetteer
    (which knows Russian case endings), other names inside a sentence as persons."""
    for m in _CYRILLIC_WORD.finditer(text):
        word = m.group()
        if _INITIALS_AFTER.match(text, m.end()):
            yield m.start(), m.end(), "person"  # "Сталин И. В.": initials make a person, whatever town shares the name
            continue
        if places.resolve(word) is not None:
            yield m.start(), m.end(), "place"
            continue
        before = text[max(0, m.start() - 3):m.start()].rstrip(" \t")
        at_start = not before or before[-1] in ".!?\n"
        if len(word) >= 4 and (not at_start or surname_shaped(fold(word).capitalize())
                               or _cyrillic_subject(text, m.end(), word)):
            yield m.start(), m.end(), "person"


_INITIALS_AFTER = re.compile(r"[ \t]+[А-ЯЁ]\.[ \t]?[А-ЯЁ]\.")
# after a name at a sentence's start: initials ("Сталин И. В.") or a verb in the past tense
# of a man or a woman ("Пишевари заявил", "Ахмедова сообщила")
_AFTER_NAME = re.compile(r"[ \t]+(?:[А-ЯЁ]\.[ \t]?[А-ЯЁ]\.|[а-яё]{2,}(?:ал|ил|ел|ял|ул|ыл|ала|ила|ела|яла|ула|ыла)\b)")
# endings of Russian common nouns, which also stand first before a verb ("Делегация прибыла")
_NOUN_ENDINGS = ("ция", "ство", "ние", "ость", "ие", "ия", "ет", "ат", "ор", "ер", "ль", "ка", "ба", "на", "ча",
                 "жа", "ща", "ша", "ра", "та", "да", "па", "ма", "ня", "ня")


def _cyrillic_subject(text: str, end: int, word: str) -> bool:
    """A capitalised Cyrillic word first in a sentence is a name when initials or a verb in the
    past tense follow and it is neither a function word nor shaped like a common noun."""
    low = word.lower()
    if low in stop_words("ru") or low.endswith(_NOUN_ENDINGS) or re.search(rf"(?<![\w-]){low}(?![\w-])", text):
        return False
    return bool(_AFTER_NAME.match(text, end))


def organisations(text: str) -> Iterator[Found]:
    """"the Soviet government", "the American embassy", "the Tehran government"."""
    for m in _ORG_NOUN.finditer(text):
        word = m.group(1)
        if is_demonym(word) or places.resolve(word, alternates=False) is not None:
            yield Found(m.start(1), m.end(2), "rule:organization")


__all__ = [
    "NAME",
    "Found",
    "agents",
    "cyrillic_names",
    "organisations",
    "papers_of",
    "persons_of",
    "speakers",
    "surname_shapes",
    "titled_names",
]

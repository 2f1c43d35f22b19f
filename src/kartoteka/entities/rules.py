"""Rules that find what the statistical model misses or mislabels: names after titles,
name lists in closings, signature lines, Russian and Persian surname shapes, "the Soviet
government"-style organisations, and the words that are never a person."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from kartoteka.entities import cable, groups
from kartoteka.entities.titles import AMBIGUOUS_ALONE, RULERS, TITLE_ALTERNATION, is_title, split_title
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold


def _not_names() -> frozenset[str]:
    """Words that make a capitalised phrase something other than a person's name (markings,
    papers, bodies, calendar words, pronouns), from ``data/not_names.csv`` with a reason each."""
    with resources.files("kartoteka.entities").joinpath("data/not_names.csv").open(encoding="utf-8") as f:
        return frozenset(fold(row["word"]) for row in csv.DictReader(f))


NON_PERSON_WORDS = _not_names()


@cache
def _demonyms() -> frozenset[str]:
    """Peoples' words and adherents' words ("Greek", "Soviet", "Communist", "Shiite"), from
    ``data/demonyms.csv`` where each entry says whose word it is."""
    with resources.files("kartoteka.entities").joinpath("data/demonyms.csv").open(encoding="utf-8") as f:
        return frozenset(fold(row["word"]) for row in csv.DictReader(f))


_SURNAME_SHAPE = re.compile(
    r"^[A-Z][a-z'’]*[a-z](?:ov|ova|ev|eva|yev|yeva|iev|ovich|evich|enko|shvili|dze|skiy|skii|sky|zadeh|zade|yan|yants)$"
)
_UP = "A-ZÀ-ÖØ-ÞА-ЯЁƏŞÇÜĞİ"
_LOW = "a-zß-öø-ÿа-яёəşçüğı"
# "MacDonald", "McCarthy", "O'Brien": a capital inside the word after its Gaelic head
_NAME_WORD = rf"(?:[{_UP}]\.[ ]?)*(?:(?:Ma?c|O['’])[{_UP}][{_LOW}]+|[{_UP}][{_LOW}'’\-]*[{_LOW}])"
_INITIAL = rf"[{_UP}]\.(?:[ ]?[{_UP}]\.)*"
# "os-Saltaneh", "ol-Molk", "al-Din": Persian and Arabic name particles joined by a hyphen
_PARTICLE_WORD = rf"(?:os|ol|ul|al|el|ad|ed|ud|as|es|us|ar|er|ash|osh)-[{_UP}][{_LOW}'’]*[{_LOW}]"
NAME = (rf"(?:{_INITIAL}[ ]?)?{_NAME_WORD}(?:[ \t]+(?:(?:{_INITIAL}[ ]?)?{_NAME_WORD}|{_PARTICLE_WORD})){{0,3}}")
_TITLED = re.compile(rf"\b(?:{TITLE_ALTERNATION})\.?[ \t]+({NAME})")
# "the Ambassador in Iran (Allen)": an office and the holder's name in brackets after it
_OFFICE_PAREN = re.compile(
    r"\b((?:Ambassador|Minister|Consul General|Consul|Chargé|Charge|Secretary|Governor|Military Attaché|"
    r"Military Attache|Counselor)(?:\s+(?:in|to|at|of|for)\s+[A-Z][\w.’' -]{1,40}?)?)\s*\(("
    + NAME + r")\)"
)
# an office of a body and its holder's name run together: "Director of Central Intelligence Allen
# Dulles", "Minister of Foreign Affairs Entezam"
_OFFICE_OF = re.compile(
    r"\b(?:Director|Minister|Secretary|Chief|Commander|Chairman|Head|Governor|Ambassador|Deputy|Inspector)"
    r"(?:[ \t]+General)?[ \t]+of[ \t]+(?:the[ \t]+)?((?:[A-Z][\w’'-]*[ \t]+){1,4}" + NAME + r")"
)
_CLOSING = re.compile(
    r"^[ \t]*(?:With\s+(?:deep\s+|profound\s+|great\s+)?respect|Respectfully(?:\s+yours)?|Sincerely(?:\s+yours)?|"
    r"Signed|Signatures?|Signatories)\s*[:,—-]\s*(.+?)[ \t]*$",
    re.MULTILINE,
)
_SIGNED_TAIL = re.compile(r"\s*[\[(](?:signed|sgd|s)[\])]\.?\s*$", re.IGNORECASE)
_DATE_HEAD = re.compile(
    r"(?:\d{1,2}[ .]+(?:[A-Z][a-z]+|[IVX]+)[ .]+\d{2,4}|[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})\s+"
)
_ORG_NOUN = re.compile(
    r"\b(?:[Tt]he\s+)?([A-Z][a-z]+)\s+(government|embassy|legation|consulate|army|navy|command|parliament|"
    r"cabinet|mission|ministry|delegation|authorities)\b"
)


_ABBREVIATIONS = frozenset({"Cde", "Cdes", "Tov", "Mr", "Mrs", "Messrs", "Ms", "Dr", "Prof", "Mme", "M", "Gen", "Col",
                            "Lt", "Capt", "Maj", "Sgt", "Cmdr", "Adm", "Sen", "Rep", "Msgr", "Brig"})


@dataclass(frozen=True, slots=True)
class Found:
    """A rule's find: where the name is, where its title is (if any), and which rule found it."""

    start: int
    end: int
    method: str
    title: tuple[int, int] | None = None


def is_demonym(word: str) -> bool:
    """"Azerbaijani", "Iranian", "Guatemalan": a word for a people or a country's adjective."""
    key = fold(word)
    demonyms = _demonyms()
    if key in demonyms or (key.endswith("s") and key[:-1] in demonyms) or (key.endswith("es") and key[:-2] in demonyms):
        return True  # "Greek", "Greeks", "Cypriots"
    for suffix, repl in (("ian", ""), ("ian", "ia"), ("an", "a"), ("an", ""), ("n", ""), ("i", ""), ("ese", ""),
                         ("is", ""), ("ians", ""), ("ians", "ia"), ("ans", "a"), ("ns", "")):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)] + repl
            hit = places.resolve(stem, alternates=False)
            if hit is not None and (hit.curated or hit.kind is not places.PlaceKind.CITY):
                return True
    return False


# endings of Spanish common nouns that no surname of the collections' peoples shares:
# "Jefatura", "Federacion", "Infancia", "Bogotazo", "Seguridad"
_NOUN_SHAPE = re.compile(r"^[A-Z][a-záéíóúñ]+(?:atura|adura|ción|cion|sión|sion|idad|edad|ismo|azo|ancia|miento|ería)$")


def noun_shaped(word: str) -> bool:
    """One Spanish word shaped like a common noun, not a name ("Jefatura", "Infancia")."""
    return bool(_NOUN_SHAPE.match(word))


def surname_shaped(word: str) -> bool:
    """A Russian, Caucasian or Persian surname by its ending ("Kuliyev", "Daneshyan")."""
    return bool(_SURNAME_SHAPE.match(word)) and not is_demonym(word)


# endings of abstract nouns and of an archive's words that no personal name has
_ABSTRACT_ENDINGS = ("tions", "ities", "isms", "ness", "nesses", "papers")


def _region_word(word: str) -> bool:
    hit = places.resolve(word, alternates=False)
    return hit is not None and hit.curated and hit.kind is places.PlaceKind.REGION


def person_words_ok(name: str) -> bool:
    """No word of the phrase rules it out as a person's name."""
    words = fold(name).split()
    if not words or (is_title(name) and name.strip() not in AMBIGUOUS_ALONE):
        return False
    if len(re.sub(r"[^A-Za-zÀ-ÿ]", "", name)) < 3:
        return False  # "S", "Mc": fragments, not names
    if name.isupper() and len(name.replace(".", "")) > 1:
        return False  # cryptonyms (LINC, ODACID) and initials (CWH); names in capitals are headings
    if any(w.endswith(_ABSTRACT_ENDINGS) for w in words):
        return False  # "General Considerations", "Dulles Papers": a heading's or an archive's words
    if len(words) > 1 and any(_region_word(w) for w in name.split()):
        return False  # "Hizbi Demokrati Kurdistan": a body named for a region
    if any(w in NON_PERSON_WORDS for w in words) or any(cable.never_a_name(w) for w in name.split()):
        return False
    if any(_adherent_or_compound(w) for w in name.split()):
        return False
    return not all(is_demonym(w) for w in name.split())


# "Ba'thist", "Nasserite", "Titoism": a follower's or a doctrine's word; "-quist" is a surname's
_ADHERENT = re.compile(r"(?<!qu)(?<!qv)(?:ist|ists|ite|ites|ism|isms)$", re.IGNORECASE)
# "Pan-Arab", "Anti-Soviet", "Pro-Western", "Neo-Fascist": a prefix that makes an adjective
_PREFIXED = re.compile(r"^(?:pan|anti|pro|neo|non|ex)-", re.IGNORECASE)


def _adherent_or_compound(word: str) -> bool:
    """A follower's or doctrine's word, a prefixed adjective, or a compound of peoples or
    countries ("Greek-Turkish", "U.S.-Soviet")."""
    w = word.strip(".,;:()'’")
    if len(w) > 5 and _ADHERENT.search(w) and w[:1].isupper():
        return True
    if _PREFIXED.match(w):
        return True
    parts = [p for p in re.split(r"[-–—]", w) if p]
    return len(parts) > 1 and any(is_demonym(p) or _known_country(p) for p in parts)


def _known_country(word: str) -> bool:
    hit = places.resolve(word, alternates=False)
    return (hit is not None and hit.kind is places.PlaceKind.COUNTRY) or word in ("U.S", "US", "USSR", "UK")


def strong_place(name: str) -> bool:
    """A name that is a place even where the model says person: our own data, a country, a big city."""
    hit = places.resolve(name, alternates=False)
    if hit is None:
        return False
    return hit.curated or hit.kind is places.PlaceKind.COUNTRY or hit.population >= 300_000


@lru_cache(maxsize=8)  # asked once per name found: read the text's words once, not once per name
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))


def titled_names(text: str) -> Iterator[Found]:
    """Names right after a title: "Doctor Dzhavid", "General-Major Yemel'yanov", "Col. J.C. King"."""
    for m in _TITLED.finditer(text):
        if "." in text[m.start():m.start(1)] and text[m.start():m.start(1)].split(".")[0].split()[-1] not in _ABBREVIATIONS:
            continue  # "approved by King. Repeated to": a full stop ends a sentence, not a title
        start, end = _trim_name(text, m.start(1), m.end(1))
        if text[m.start():m.start(1)].split()[0].rstrip(".") == "Acting":
            continue  # "Acting Manager United Fruit": an office held for now, no name after it
        personal = text[m.start():m.start(1)].split()[0].rstrip(".") in _PERSONAL_TITLES
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


# titles only a person bears ("General Trujillo"), unlike an office a post may stand for
# ("Ambassador Moscow", "Consul Tabriz")
_PERSONAL_TITLES = frozenset(("Mr", "Mrs", "Messrs", "Miss", "Ms", "Dr", "Doctor", "General", "Gen", "Colonel", "Col",
                              "President", "Generalissimo", "Senor", "Señor", "Don", "Lt", "Capt", "Captain",
                              "Major", "Maj", "Admiral", "Adm", "Cde", "Comrade", "Tov", "Marshal"))


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


def closing_names(text: str) -> Iterator[Found]:
    """Names listed in a closing: "With deep respect: Pishevari, Shabustari, Doctor Dzhavid"."""
    for m in _CLOSING.finditer(text):
        pos = m.start(1)
        for item in re.finditer(r"[^,;]+", m.group(1)):
            part = item.group()
            s = pos + item.start()
            e = pos + item.end()
            s, e = _strip(text, s, e)
            if text[s:e].startswith("and "):
                s += 4
            title, name_start = split_title(text, s, e)
            if re.fullmatch(NAME, text[name_start:e]) and person_words_ok(text[name_start:e]) and part.strip():
                yield Found(name_start, e, "rule:closing", (title.start, title.end) if title else None)


# a list of those present: "PARTICIPANTS" over one person a line, or "Persons Present: A, B"
_LIST_HEAD = re.compile(
    r"^[ \t]*(?:PARTICIPANTS|Participants|PERSONS PRESENT|Persons [Pp]resent|PRESENT|Present|ALSO PRESENT|"
    r"Also [Pp]resent|ATTENDEES|Attendees|Participating)[ \t]*:?[ \t]*([^\n]*)$",
    re.MULTILINE,
)
# the people a source note or a telegram's first line names: "Drafted by Rockwell and approved by
# Talbot", "For Ambassador from Talbot"
_BY_LINE = re.compile(
    rf"\b(?:[Dd]rafted|[Aa]pproved|[Cc]leared|[Ii]nitialed|[Ii]nitialled|[Tt]ransmitted|[Ss]igned)"
    rf"(?:[ \t]+in[ \t]+draft)?[ \t]+by[ \t]+({NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+)(?!approved|cleared){NAME})*)"
)
_FOR_FROM = re.compile(rf"\bFor[ \t]+(?:the[ \t]+)?(?:{TITLE_ALTERNATION})\.?[ \t]+from[ \t]+({NAME})")


def name_lists(text: str) -> Iterator[Found]:
    """Names in a list of those present: each line under "PARTICIPANTS" (up to its first comma,
    the office after it left out), or the items after "Persons Present:" on its own line."""
    for m in _LIST_HEAD.finditer(text):
        if m.group(1).strip():
            items = [(m.start(1) + i.start(), m.start(1) + i.end()) for i in re.finditer(r"[^,;]+", m.group(1))]
        else:
            items = []
            for line in re.finditer(r"([^\n]*)\n?", text[m.end() + 1:m.end() + 2000]):
                if not line.group(1).strip():
                    break
                head = re.match(r"[^,;(—–]+", line.group(1))
                if head:
                    items.append((m.end() + 1 + line.start(), m.end() + 1 + line.start() + head.end()))
        for s, e in items:
            yield from _listed(text, s, e, "rule:participants")


def _listed(text: str, s: int, e: int, method: str) -> Iterator[Found]:
    bounds = [s, *(x for j in re.finditer(r"\s+and\s+|\s*&\s*", text[s:e]) for x in (s + j.start(), s + j.end())), e]
    for ps, pe in zip(bounds[::2], bounds[1::2], strict=True):
        ps, pe = _strip(text, ps, pe)
        title, name_start = split_title(text, ps, pe)
        name = text[name_start:pe]
        if re.fullmatch(NAME, name) and person_words_ok(name) and not strong_place(name):
            yield Found(name_start, pe, method, (title.start, title.end) if title else None)


def by_lines(text: str) -> Iterator[Found]:
    """Names after "Drafted by", "approved by", "cleared by", and the sender in "For Ambassador from X"."""
    for m in _BY_LINE.finditer(text):
        for part in re.finditer(rf"{NAME}", m.group(1)):
            s, e = m.start(1) + part.start(), m.start(1) + part.end()
            if person_words_ok(text[s:e]) and not strong_place(text[s:e]):
                yield Found(s, e, "rule:by")
    for m in _FOR_FROM.finditer(text):
        if person_words_ok(m.group(1)) and not strong_place(m.group(1)):
            yield Found(m.start(1), m.end(1), "rule:by")


def signature_lines(text: str) -> Iterator[Found]:
    """A name alone on a line near the end, or with "[signed]": "7 December 46   Kuliyev"."""
    lines = list(re.finditer(r"[^\n]+", text))
    tail_from = int(len(text) * 0.6)
    for lm in lines:
        line = lm.group()
        if line.rstrip().endswith(":"):
            continue
        signed = _SIGNED_TAIL.search(line)
        body_end = lm.start() + (signed.start() if signed else len(line))
        if not signed and lm.start() < tail_from:
            continue
        s, e = _strip(text, lm.start(), body_end)
        d = _DATE_HEAD.match(text, s, e)
        if d:
            s = d.end()
        title, name_start = split_title(text, s, e)
        name = text[name_start:e]
        if len(name.split()) > 4 or not re.fullmatch(NAME, name) or not person_words_ok(name):
            continue
        if strong_place(name) or _is_heading_word(name):
            continue
        yield Found(name_start, e, "rule:signature", (title.start, title.end) if title else None)


# a verb of speech right after a name makes the name a speaker's: "Mosadeq told me", "Ala said"
_SPEAKER = re.compile(
    rf"(?<![\w'’-])({NAME})[ \t]+(?:then[ \t]+|also[ \t]+|again[ \t]+)?(?:said|says|told|tells|stated|states|replied|"
    rf"declared|remarked|commented|insisted|explained|emphasized|emphasised|promised|added|asserted|admitted|"
    rf"complained|agreed|denied|retorted|warned|urged)\b(?![ \t]+(?:by|that[ \t]+it\b))"
)


# words of time that open a sentence before its subject ("Later Zahedi said")
_OPENERS = frozenset(("later", "earlier", "yesterday", "today", "tonight", "tomorrow", "meanwhile", "subsequently",
                      "afterwards", "afterward", "finally", "then", "now", "again", "still", "instead"))
_NOT_SPEAKER_AFTER = frozenset(("of", "aboard", "ship", "vessel", "steamer", "freighter", "tanker", "named"))


def speakers(text: str) -> Iterator[Found]:
    """A name before a verb of speech ("Mosadeq told me", "Zahedi said"): people speak, places
    and bodies speak through people. Not a place the gazetteer trusts, a body, a people, a word
    the document writes in lower case, or a lone word first in a sentence that the document
    never repeats inside one."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lower = frozenset(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))
    for m in _SPEAKER.finditer(text):
        s, e = m.start(1), m.end(1)
        words = text[s:e].split()
        while words and (is_title(words[0]) or words[0].lower() in STOP_WORDS or words[0].lower() in lower
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
        if any(w.lower() in STOP_WORDS or w.lower() in lower for w in words) or groups.is_group(name):
            continue
        yield Found(s, e, "rule:speaker")


# nouns whose "of" names a person: "the death of Stalin", "the arrest of Mosadeq", "your
# assessment of Hoveyda"
_OF_PERSON = re.compile(
    rf"\b(?:death|arrest|resignation|assassination|appointment|dismissal|execution|funeral|widow|wife|son|"
    rf"daughter|brother|assessment|biography)[ \t]+of[ \t]+({NAME})"
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


def _is_heading_word(name: str) -> bool:
    return len(name.split()) == 1 and fold(name) in NON_PERSON_WORDS


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
    from spacy.lang.ru.stop_words import STOP_WORDS

    low = word.lower()
    if low in STOP_WORDS or low.endswith(_NOUN_ENDINGS) or re.search(rf"(?<![\w-]){low}(?![\w-])", text):
        return False
    return bool(_AFTER_NAME.match(text, end))


def organisations(text: str) -> Iterator[Found]:
    """"the Soviet government", "the American embassy", "the Tehran government"."""
    for m in _ORG_NOUN.finditer(text):
        word = m.group(1)
        if is_demonym(word) or places.resolve(word, alternates=False) is not None:
            yield Found(m.start(1), m.end(2), "rule:organization")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—:.,;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


__all__ = [
    "NAME",
    "NON_PERSON_WORDS",
    "Found",
    "by_lines",
    "closing_names",
    "cyrillic_names",
    "is_demonym",
    "name_lists",
    "noun_shaped",
    "organisations",
    "person_words_ok",
    "persons_of",
    "signature_lines",
    "speakers",
    "strong_place",
    "surname_shaped",
    "surname_shapes",
    "titled_names",
]

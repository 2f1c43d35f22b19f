"""Classification: the kind of name (person, place, body, group, or none) a span the statistical
model labels is, after the checks the model cannot make: the word before it, the gazetteer,
titles, cable words, an archive's citation words, a sentence's telegraphic verb."""

from __future__ import annotations

import re

from kartoteka.entities import cable, context, groups, shapes
from kartoteka.entities.lexicon import cues
from kartoteka.entities.titles import RULERS, is_title, title_before
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold
from kartoteka.model import MentionKind

_P, _PL, _O, _G = MentionKind.PERSON, MentionKind.PLACE, MentionKind.ORGANIZATION, MentionKind.GROUP
MARKINGS = cues("marking")
_GENERIC_ORG = cues("generic-body")
_COMPASS = cues("compass")


_LETTER_OPENING = re.compile(r"[ \t]*\(?[A-Za-z][.)][ \t]+")


def lone_common_word(text: str, word: str, start: int) -> bool:
    """An English word opening a lettered paragraph ("c. Sudden letting-down", "D. Whereabouts
    of"), written nowhere else in the document: such paragraphs open on a noun or a verb far
    more often than on a name said once ("Morrison will make" opens a sentence, and stays); or
    an English word the document writes twice or more, always first in a sentence."""
    if " " in word:
        return False
    from kartoteka.marks import vocabulary

    if not vocabulary().knows(word) or shapes.surname_shaped(word):
        return False
    seen = context.occurrences(text, word)
    line = text.rfind("\n", 0, start) + 1
    if _LETTER_OPENING.fullmatch(text, line, start):  # in place: no copy of a long line's head per word
        return len(seen) == 1
    # said twice or more, each time first in a sentence, never inside one: "Content was aimed …
    # Content ranged", where a name would turn up inside a sentence too
    return len(seen) >= 2 and all(context.sentence_start(text, p) for p in seen) \
        and title_before(text, start) is None


def telegraphic_verb(word: str) -> bool:
    """A lone past participle opening a telegram's sentence ("Repeated to London", "Drafted by"):
    an English verb whose stem is an English word, not a name ending in -ed ("Ahmed", "Reed")."""
    if " " in word or not word.endswith("ed") or len(word) < 7:
        return False
    from kartoteka.marks import vocabulary

    v = vocabulary()
    low = word.lower()
    return v.knows(low) and (v.knows(low[:-2]) or v.knows(low[:-1]))


_PLACE_PREPOSITIONS = cues("place-preposition")
_DOCUMENT_WORDS = cues("document")
# a kind of paper: a heading or a reference, never a body's name ("Intelligence Note", "Reference Deptel")
_PAPER_WORDS = cues("paper")
# after these a single capitalised word is a place, not a person ("to" and "from" take both)
_PLACE_ONLY = cues("place-only")
# words that rule out a person but name a place alone ("the Atlantic", "the Americas")
_GEOGRAPHIC = cues("geographic")
# words of an archive's citation: "Central Files", "Whitman File", "Lot 58 D 776" name no place
_ARCHIVE_WORDS = cues("archive")
_ARCHIVE_SERIES = cues("archive-series")
# countries written as capitals, which the gazetteer does not list by themselves
_COUNTRY_ABBREVIATIONS = cues("country-abbreviation")
_VESSELS = cues("vessel")
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def word_before(text: str, start: int) -> str:
    """The word before ``start`` (lower case) within the 30 characters before it, or "". A line
    break right before ``start`` reads as a blank ("troops at\nCienfuegos": a hard-wrapped line);
    a blank line, or an indented line, opens afresh."""
    # read backwards from ``start`` (a search for the word at the end of the 30 characters
    # before it tried every one of them): a line break, blanks, then word characters
    lo, i = max(0, start - 30), start
    if i > lo and text[i - 1] == "\n":
        i -= 1
    while i > lo and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > lo and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i].lower()


# after these a single word the model takes for a body is where something is ("at Vnukovo")
# and prepositions of direction ("towards"): one unknown word after either is where, not who
_TOWARD = _PLACE_ONLY | cues("place-direction")


def _english(word: str) -> bool:
    """An English word ("Commonwealth", "Treasury", "Exile"): a body's name as often as a place's."""
    from kartoteka.marks import vocabulary

    return vocabulary().knows(word.lower())


def _unknown_name(surface: str, before: str) -> bool:
    """A capitalised word no gazetteer knows, not after "in"/"at"/"the": a surname the model misread."""
    return (bool(_NAME_SHAPE.fullmatch(surface)) and before not in _PLACE_PREPOSITIONS and before != "the"
            and before not in _PLACE_ONLY and before not in _VESSELS
            and places.resolve(surface) is None and shapes.person_words_ok(surface) and not shapes.is_demonym(surface))


def classify(surface: str, label: str, before: str = "", home: frozenset[str] = frozenset()) -> MentionKind | None:
    """The kind of a model entity after the checks the model cannot make; ``home`` holds the
    countries the document names (``setting.countries``)."""
    if any(ch.isdigit() for ch in surface) or "[" in surface or "]" in surface:
        return None
    if groups.is_group(surface):
        return _G
    words = surface.split()
    if _no_name(surface, label, words):
        return None
    hit = places.resolve(surface, alternates=False)
    if label != "PERSON" and len(words) > 1 and hit is not None and hit.kind is not places.PlaceKind.CITY:
        return _PL  # "Iranian Azerbaijan", "Southern Azerbaijan": a region, whatever the model says
    if label == "PERSON":
        return _as_person(surface, before, words)
    if label in ("GPE", "LOC", "FAC"):
        if shapes.is_demonym(surface) or (len(words) == 1 and fold(surface) in _GENERIC_ORG):
            return None
        if len(words) == 1 and (shapes.surname_shaped(surface) or _unknown_name(surface, before)) \
                and places.resolve(surface) is None:
            return _P
        return _PL
    if label == "ORG":
        return _as_organization(surface, before, words, home)
    if label == "MISC":
        if places.resolve(surface, alternates=False) is not None:
            return _PL
        return _P if len(words) == 1 and _unknown_name(surface, before) else None
    if label == "NORP":
        if places.resolve(surface, alternates=False) is not None and not shapes.is_demonym(surface):
            return _PL
        if len(words) == 1 and shapes.surname_shaped(surface):
            return _P
        return None
    return None


def _no_name(surface: str, label: str, words: list[str]) -> bool:
    """A title, an office, a direction, a document's part or heading, a marking, an archive's
    series or a cryptonym: words the model takes for an entity that name none."""
    if surface in RULERS:
        return True  # "the Shah", "the Emir": a title standing for a person, no name of one
    if is_title(surface):
        return True  # "Consul", "Ambassador": an office, not a name
    if surface.lower() in _COMPASS:
        return True  # "the West", "the East": a direction or a bloc, no place
    if cable.is_part(surface) or (len(words) == 1 and cable.never_a_name(surface)):
        return True  # "Tab B", "Vol", "Amembassy", "Deptel": a document's part, a cable's word
    if fold(words[0]) in _DOCUMENT_WORDS or any(fold(w) in MARKINGS for w in words):
        return True  # "Telegram Relayed", "Top Secret": a heading or a marking, not a name
    if (label in ("GPE", "LOC", "FAC", "MISC") and any(w.lower() in _ARCHIVE_WORDS for w in words)) \
            or (len(words) > 1 and any(w.lower() in _ARCHIVE_SERIES for w in words)):
        return True  # "Central Files", "Dulles Papers": an archive's series
    if label == "ORG" and any(fold(w) in _PAPER_WORDS for w in words):
        return True  # "Intelligence Note Prepared", "Reference Deptel": a heading, a telegram
    # "ZPSEMANTIC", "PP", "DD/P": a cryptonym or an office's letters, no place
    return (label in ("GPE", "LOC", "FAC", "MISC") and len(words) == 1 and surface.isupper() and "." not in surface
            and surface not in _COUNTRY_ABBREVIATIONS and places.resolve(surface) is None)


def _as_person(surface: str, before: str, words: list[str]) -> MentionKind | None:
    """What the model calls a person: a place when the gazetteer or the words around say so."""
    if before in _VESSELS:
        return None
    if before in _PLACE_ONLY and len(words) == 1:
        return _PL  # "flak over Adam", "in Adam": a place, known or not
    hit = places.resolve(surface, alternates=False)
    if hit is not None and (hit.curated or hit.kind is not places.PlaceKind.CITY or hit.capital
                            # a big city's name of several words is not a person's ("Buenos Aires")
                            or (shapes.strong_place(surface) and (before in _PLACE_PREPOSITIONS or len(words) > 1))):
        return _PL
    if not shapes.person_words_ok(surface):
        if places.resolve(surface, alternates=False) is not None:
            return _PL
        return _O if any(fold(w) in shapes.NON_PERSON_WORDS for w in words) and len(words) > 1 else None
    return _P


def _as_organization(surface: str, before: str, words: list[str], home: frozenset[str]) -> MentionKind | None:
    """What the model calls an organization: a person's surname, a town, or a body."""
    if all(shapes.is_demonym(w) for w in words):
        return None  # "Guatemalan", "Iranian": a people's adjective, no body
    if len(words) == 1 and (fold(surface) in _GENERIC_ORG or fold(surface) in shapes.NON_PERSON_WORDS):
        return None
    if len(words) == 1 and (shapes.surname_shaped(surface) or _unknown_name(surface, before)):
        return _P
    if any(fold(w) in MARKINGS for w in words):
        return None
    if len(words) == 1 and before in _TOWARD and not surface.isupper() and not _english(surface):
        return _PL  # "blown up at Karadonly", "retreating towards Sharafkhaneh": where, not who
    # one word may be a great city's other spelling ("Inchon"); a city of 250,000 or more
    # named alone is that city ("reached Murmansk"), not a body
    hit = places.resolve(surface, alternates=len(words) == 1)
    if hit is not None and not any(fold(w) in shapes.NON_PERSON_WORDS for w in words) and not surface.isupper() \
            and (hit.curated or hit.kind is not places.PlaceKind.CITY or hit.capital or hit.population >= 250_000
                 or hit.country in home):
        return _PL  # "La Union", "El Progreso": a town the model took for a body
    if surface.isupper() and len(words) == 1 and len(surface) > 5:
        return None  # a cryptonym or a heading word, not a body
    return _O


__all__ = ["MARKINGS", "classify", "lone_common_word", "telegraphic_verb", "word_before"]

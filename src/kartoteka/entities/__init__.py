"""Entities: mentions of people, places, organisations and groups in one document.

The statistical model proposes; rules, the gazetteer and the document's structure correct it.
Finds are ranked (rules and structure first, then longer spans) and kept where they do not
overlap a better one. A name seen as a person anywhere in the document is a person everywhere
in it. Titles stay outside the mention, in ``Mention.title``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kartoteka.entities import cable, casing, context, dialogue, groups, model, rules, setting
from kartoteka.entities.claims import Claims
from kartoteka.entities.grounds import listed_grounds, paired
from kartoteka.entities.titles import RULERS, is_title, split_title, title_before
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold
from kartoteka.model import AgentKind, Document, Mark, MarkKind, Mention, MentionKind, Span
from kartoteka.structure import Structure

_P, _PL, _O, _G = MentionKind.PERSON, MentionKind.PLACE, MentionKind.ORGANIZATION, MentionKind.GROUP
_POSSESSIVE = re.compile(r"['’]s$")
_MARKINGS = frozenset(("secret", "confidential", "urgent", "priority", "restricted", "unclassified", "copy"))
_GENERIC_ORG = frozenset(fold(w) for w in ("Party", "Government", "Embassy", "Department", "Ministry", "Station",
                                           "Headquarters", "Council", "Committee", "Army", "Center", "Centre"))


_NOT_NAMES = frozenset((
    "meanwhile", "said", "says", "repeat", "through", "once", "have", "has", "pres", "recd", "told", "asked",
    "advised", "reported", "also", "then", "now", "first", "however", "according", "dear", "cc", "subj", "re",
    "and", "or", "but", "with", "from", "to", "by", "for", "per", "via", "if", "when", "while", "since", "after",
    "before", "sent", "saw", "met", "called", "wants", "believes", "thinks", "feels", "informed", "stated",
    # telegraphic style drops the subject: "Believe Galvez will", "Request Seekford"
    "believe", "suggest", "request", "recommend", "understand", "hope", "expect", "propose", "consider",
    "advise", "urge", "note", "plan", "agree", "concur", "regret", "assume", "doubt", "fear", "learned",
    "tell", "ask", "inform", "instruct", "remind", "warn",  # "Tell Qavam", "Inform Hoveyda": an order
))


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_STOP = _stop_words()


@dataclass(frozen=True, slots=True)
class _Find:
    start: int
    end: int
    kind: MentionKind
    method: str
    rank: int  # lower wins an overlap
    title: tuple[int, int] | None = None


def warm() -> None:
    """Load the model and the gazetteer once per process before work arrives."""
    model.nlp()
    places.index()


def recognize(doc: Document, structure: Structure, marks: tuple[Mark, ...]) -> tuple[Mention, ...]:
    """Every mention in the document, in order of position (lines in capitals are read with
    their case restored: ``casing``)."""
    text = casing.restore(doc.text)
    finds: list[_Find] = []
    finds += _from_structure(structure, text)
    finds += _place_slots(text)
    finds += [_Find(s, e, _PL, "rule:place", 1) for s, e in listed_grounds(text) if _place_like(text[s:e])]
    finds += [_Find(f.start, f.end, _P, f.method, 1, f.title) for f in rules.closing_names(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 1, f.title) for f in rules.titled_names(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 1, f.title) for f in rules.name_lists(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 2, f.title) for f in rules.by_lines(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 2, f.title) for f in rules.signature_lines(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 3, f.title) for f in rules.speakers(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 3, f.title) for f in rules.persons_of(text)]
    finds += [_Find(f.start, f.end, _P, f.method, 3) for f in rules.papers_of(text)]
    finds += [_Find(s, e, _G, "rule:group", 2) for s, e in groups.find_groups(text)]
    finds += [_Find(f.start, f.end, _O, f.method, 3) for f in rules.organisations(text)]
    finds += _from_model(text)
    finds += [_Find(f.start, f.end, _P, f.method, 5) for f in rules.surname_shapes(text)]
    finds += _scan_places(text)
    finds += [_Find(s, e, _PL if k == "place" else _P, "rule:cyrillic", 3) for s, e, k in rules.cyrillic_names(text)]
    hidden = [(m.span.start, m.span.end) for m in marks if m.kind in (MarkKind.REDACTION, MarkKind.ILLEGIBLE)]
    # A classification marking or a file number is no name, whatever the model or gazetteer
    # reads into it ("Secret; Niact; Nodis", "POL 15-1 IRAN"); rules that read names stay.
    markings = [(r.span.start, r.span.end) for r in structure.references]
    if structure.classification is not None:
        markings.append((structure.classification.span.start, structure.classification.span.end))
    finds = [f for f in finds
             if not (f.method in ("model", "gazetteer") and any(s <= f.start and f.end <= e for s, e in markings))]
    kept = _select([f for f in finds if not any(s <= f.start and f.end <= e for s, e in hidden)])
    kept = _propagate(text, _listed_people(text, _paired_places(text, _listed_places(text, kept))))
    kept = _speaker_initials(text, kept)
    return tuple(_mention(doc.text, text, f) for f in sorted(kept, key=lambda f: (f.start, f.end)))


def _speaker_initials(text: str, kept: list[_Find]) -> list[_Find]:
    """A transcript's speaker initials that stand for a person the document names ("K:" for
    Kissinger) are persons; linking gives them that person's entity (``dialogue.referents``)."""
    labels = dialogue.referents(text, [(f.start, f.end) for f in kept if f.kind is _P])
    if not labels:
        return kept
    out = [f for f in kept if not any(f.start < e and s < f.end for s, e in labels)]
    return out + [_Find(s, e, _P, dialogue.INITIAL_METHOD, 0) for s, e in labels]


def _from_structure(structure: Structure, text: str) -> list[_Find]:
    out: list[_Find] = []
    agents = [*structure.senders, *structure.recipients, *structure.signatories]
    for step in structure.chain:
        agents += step.agents
    for a in agents:
        # a signature is a person's even where a far town shares the name ("Henderson")
        name = text[a.span.start:a.span.end]  # read with its case restored ("DULLES" signs as "Dulles")
        if a.kind is AgentKind.PERSON and rules.person_words_ok(name) and "[" not in name \
                and not rules.strong_place(name):
            title = (a.rank.start, a.rank.end) if a.rank and a.rank.end <= a.span.start else None
            out.append(_Find(a.span.start, a.span.end, _P, "structure", 0, title))
    return out


def _from_model(text: str) -> list[_Find]:
    out: list[_Find] = []
    for ent in _one_line(text, model.entities(text)):
        if _CYRILLIC.search(text, ent.start, ent.end):
            continue  # the English model cannot read Cyrillic: the Cyrillic rule does
        start, end = _trim(text, ent.start, ent.end)
        start += context.outline_marker(text, start)  # "D. Galvez": a paragraph letter, no initial
        if start >= end:
            continue
        if ent.label in ("ORG", "GPE", "LOC", "FAC") and "," in text[start:end]:
            start, end = _trim(text, start, text.index(",", start, end))  # "Embassy, Cde": a list, not a name
            if start >= end:
                continue
        surface = text[start:end]
        # "at Wisner's direction": a possessive's owner, not where something is
        before = "" if re.match(r"['’]s\b", text[end:end + 3]) else _context(text, start)
        kind = _classify(surface, ent.label, before, setting.countries(text))
        if kind is None or context.common_word(text, surface, start):
            continue
        if kind is _PL and " " not in surface and places.resolve(surface) is None \
                and (context.written_lower(text, surface)
                     or (fold(surface) in rules.NON_PERSON_WORDS and fold(surface) not in _GEOGRAPHIC)):
            continue  # "the Junta", "this Subject": a common noun, no place
        if " " not in surface and ((surface.lower() in _STOP and not surface.isupper())
                                   or context.asks(text, start, end)):
            continue  # "Whichever selected", "Can you obtain": a function word, a verb asking
        title = None
        if kind is not _P and ent.label != "PERSON":
            # "General Trujillo" read as an organisation: a title makes it a person
            t, name_start = split_title(text, start, end)
            if t is not None and rules.person_words_ok(text[name_start:end]) and len(text[name_start:end].split()) <= 3:
                kind = _P
        if kind is _P:
            t, start = split_title(text, start, end)
            title = (t.start, t.end) if t else None
            surface = text[start:end]
            if not rules.person_words_ok(surface) or not re.search(r"[A-Z]", surface[:1]):
                continue
            if _telegraphic_verb(surface) or _lone_common_word(text, surface, start) or rules.noun_shaped(surface):
                continue
        rank = 4 if len(surface.split()) > 1 else 6
        out.append(_Find(start, end, kind, "model", rank, title))
    return out


_LETTER_OPENING = re.compile(r"[ \t]*\(?[A-Za-z][.)][ \t]+")


def _lone_common_word(text: str, word: str, start: int) -> bool:
    """An English word opening a lettered paragraph ("c. Sudden letting-down", "D. Whereabouts
    of"), written nowhere else in the document: such paragraphs open on a noun or a verb far
    more often than on a name said once ("Morrison will make" opens a sentence, and stays); or
    an English word the document writes twice or more, always first in a sentence."""
    if " " in word:
        return False
    from kartoteka.marks import vocabulary

    if not vocabulary().knows(word) or rules.surname_shaped(word):
        return False
    seen = context.occurrences(text, word)
    line = text.rfind("\n", 0, start) + 1
    if _LETTER_OPENING.fullmatch(text, line, start):  # in place: no copy of a long line's head per word
        return len(seen) == 1
    # said twice or more, each time first in a sentence, never inside one: "Content was aimed …
    # Content ranged", where a name would turn up inside a sentence too
    return len(seen) >= 2 and all(context.sentence_start(text, p) for p in seen) \
        and title_before(text, start) is None


def _telegraphic_verb(word: str) -> bool:
    """A lone past participle opening a telegram's sentence ("Repeated to London", "Drafted by"):
    an English verb whose stem is an English word, not a name ending in -ed ("Ahmed", "Reed")."""
    if " " in word or not word.endswith("ed") or len(word) < 7:
        return False
    from kartoteka.marks import vocabulary

    v = vocabulary()
    low = word.lower()
    return v.knows(low) and (v.knows(low[:-2]) or v.knows(low[:-1]))


def _one_line(text: str, ents: tuple[model.Entity, ...]) -> list[model.Entity]:
    """Entities that run over a line break ("Teheran\n\nQavam") are read line by line, label unknown."""
    out: list[model.Entity] = []
    for ent in ents:
        if "\n" not in text[ent.start:ent.end]:
            out.append(ent)
            continue
        for m in re.finditer(r"[^\n]+", text[ent.start:ent.end]):
            out.append(model.Entity(ent.start + m.start(), ent.start + m.end(), "MISC"))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading "the", a trailing possessive or edge punctuation."""
    if text.startswith(("the ", "The "), start) and end - start > 4:
        start += 4
    m = _POSSESSIVE.search(text, start, end)
    if m:
        end = m.start()
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    return start, end


_PLACE_PREPOSITIONS = frozenset(("in", "at", "from", "to", "near", "of", "toward", "towards", "via", "into",
                                 "outside", "inside", "across", "through", "around", "between", "within"))
_DOCUMENT_WORDS = frozenset(("telegram", "memorandum", "memo", "letter", "note", "cable", "dispatch", "despatch",
                             "report", "information", "extract", "record", "copy", "translation", "translator"))
# a kind of paper: a heading or a reference, never a body's name ("Intelligence Note", "Reference Deptel")
_PAPER_WORDS = frozenset(("telegram", "memorandum", "memo", "letter", "note", "cable", "dispatch", "despatch",
                          "extract", "deptel", "embtel", "urtel", "circtel", "airgram"))
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# after these a single capitalised word is a place, not a person ("to" and "from" take both)
_PLACE_ONLY = frozenset(("in", "over", "at", "near", "into", "inside", "outside", "across", "around", "within"))
# words that rule out a person but name a place alone ("the Atlantic", "the Americas")
_GEOGRAPHIC = frozenset(("atlantic", "pacific", "america", "americas", "hemisphere", "caribbean"))
# words of an archive's citation: "Central Files", "Whitman File", "Lot 58 D 776" name no place
_ARCHIVE_WORDS = frozenset(("files", "file", "records", "papers", "library", "lot", "box", "folder", "collection",
                            "series", "archives", "archive", "registry"))
_ARCHIVE_SERIES = frozenset(("files", "file", "records", "papers", "lot", "box", "folder", "series"))
# countries written as capitals, which the gazetteer does not list by themselves
_COUNTRY_ABBREVIATIONS = frozenset(("US", "USA", "UK", "UAR", "GB", "FRG", "GDR", "PRC", "ROK", "DPRK", "UAE"))
_VESSELS = frozenset(("ship", "vessel", "steamer", "freighter", "boat", "tanker", "ss", "mv", "named", "aboard"))
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _context(text: str, start: int) -> str:
    """The word before ``start`` (lower case), or "" at the start of a line."""
    m = re.search(r"(\w+)[ \t]*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


# after these a single word the model takes for a body is where something is ("at Vnukovo")
_TOWARD = _PLACE_ONLY | {"towards", "toward"}


def _english(word: str) -> bool:
    """An English word ("Commonwealth", "Treasury", "Exile"): a body's name as often as a place's."""
    from kartoteka.marks import vocabulary

    return vocabulary().knows(word.lower())


def _unknown_name(surface: str, before: str) -> bool:
    """A capitalised word no gazetteer knows, not after "in"/"at"/"the": a surname the model misread."""
    return (bool(_NAME_SHAPE.fullmatch(surface)) and before not in _PLACE_PREPOSITIONS and before != "the"
            and before not in _PLACE_ONLY and before not in _VESSELS
            and places.resolve(surface) is None and rules.person_words_ok(surface) and not rules.is_demonym(surface))


def _classify(surface: str, label: str, before: str = "", home: frozenset[str] = frozenset()) -> MentionKind | None:
    """The kind of a model entity after the checks the model cannot make; ``home`` holds the
    countries the document names (``setting.countries``)."""
    if any(ch.isdigit() for ch in surface) or "[" in surface or "]" in surface:
        return None
    if groups.is_group(surface):
        return _G
    if surface in RULERS:
        return None  # "the Shah", "the Emir": a title standing for a person, no name of one
    if is_title(surface):
        return None  # "Consul", "Ambassador": an office, not a name
    words = surface.split()
    if cable.is_part(surface) or (len(words) == 1 and cable.never_a_name(surface)):
        return None  # "Tab B", "Vol", "Amembassy", "Deptel": a document's part, a cable's word
    if fold(words[0]) in _DOCUMENT_WORDS or any(fold(w) in _MARKINGS for w in words):
        return None  # "Telegram Relayed", "Top Secret": a heading or a marking, not a name
    if (label in ("GPE", "LOC", "FAC", "MISC") and any(w.lower() in _ARCHIVE_WORDS for w in words)) \
            or (len(words) > 1 and any(w.lower() in _ARCHIVE_SERIES for w in words)):
        return None  # "Central Files", "Dulles Papers": an archive's series
    if label == "ORG" and any(fold(w) in _PAPER_WORDS for w in words):
        return None  # "Intelligence Note Prepared", "Reference Deptel": a heading, a telegram
    if label in ("GPE", "LOC", "FAC", "MISC") and len(words) == 1 and surface.isupper() and "." not in surface \
            and surface not in _COUNTRY_ABBREVIATIONS and places.resolve(surface) is None:
        return None  # "ZPSEMANTIC", "PP", "DD/P": a cryptonym or an office's letters, no place
    hit = places.resolve(surface, alternates=False)
    if label != "PERSON" and len(words) > 1 and hit is not None and hit.kind is not places.PlaceKind.CITY:
        return _PL  # "Iranian Azerbaijan", "Southern Azerbaijan": a region, whatever the model says
    if label == "PERSON":
        if before in _VESSELS:
            return None
        if before in _PLACE_ONLY and len(words) == 1:
            return _PL  # "flak over Adam", "in Adam": a place, known or not
        hit = places.resolve(surface, alternates=False)
        if hit is not None and (hit.curated or hit.kind is not places.PlaceKind.CITY or hit.capital
                                # a big city's name of several words is not a person's ("Buenos Aires")
                                or (rules.strong_place(surface) and (before in _PLACE_PREPOSITIONS or len(words) > 1))):
            return _PL
        if not rules.person_words_ok(surface):
            if places.resolve(surface, alternates=False) is not None:
                return _PL
            return _O if any(fold(w) in rules.NON_PERSON_WORDS for w in words) and len(words) > 1 else None
        return _P
    if label in ("GPE", "LOC", "FAC"):
        if rules.is_demonym(surface) or (len(words) == 1 and fold(surface) in _GENERIC_ORG):
            return None
        if len(words) == 1 and (rules.surname_shaped(surface) or _unknown_name(surface, before)) \
                and places.resolve(surface) is None:
            return _P
        return _PL
    if label == "ORG":
        if all(rules.is_demonym(w) for w in words):
            return None  # "Guatemalan", "Iranian": a people's adjective, no body
        if len(words) == 1 and (fold(surface) in _GENERIC_ORG or fold(surface) in rules.NON_PERSON_WORDS):
            return None
        if len(words) == 1 and (rules.surname_shaped(surface) or _unknown_name(surface, before)):
            return _P
        if any(fold(w) in _MARKINGS for w in words):
            return None
        if len(words) == 1 and before in _TOWARD and not surface.isupper() and not _english(surface):
            return _PL  # "blown up at Karadonly", "retreating towards Sharafkhaneh": where, not who
        # one word may be a great city's other spelling ("Inchon"); a city of 250,000 or more
        # named alone is that city ("reached Murmansk"), not a body
        hit = places.resolve(surface, alternates=len(words) == 1)
        if hit is not None and not any(fold(w) in rules.NON_PERSON_WORDS for w in words) and not surface.isupper() \
                and (hit.curated or hit.kind is not places.PlaceKind.CITY or hit.capital or hit.population >= 250_000
                     or hit.country in home):
            return _PL  # "La Union", "El Progreso": a town the model took for a body
        if surface.isupper() and len(words) == 1 and len(surface) > 5:
            return None  # a cryptonym or a heading word, not a body
        return _O
    if label == "MISC":
        if places.resolve(surface, alternates=False) is not None:
            return _PL
        return _P if len(words) == 1 and _unknown_name(surface, before) else None
    if label == "NORP":
        if places.resolve(surface, alternates=False) is not None and not rules.is_demonym(surface):
            return _PL
        if len(words) == 1 and rules.surname_shaped(surface):
            return _P
        return None
    return None


def _scan_places(text: str) -> list[_Find]:
    """Gazetteer names in running text: capitalised words the model may have missed."""
    out: list[_Find] = []
    for m in re.finditer(r"\b[A-ZÀ-ÞА-ЯЁƏŞÇÖÜĞİ][\w'’-]*(?:[ \t]+[A-ZÀ-ÞА-ЯЁƏŞÇÖÜĞİ][\w'’-]*){0,2}", text):
        words = list(re.finditer(r"\S+", m.group()))
        # the longest run of words that the gazetteer trusts
        for n in range(len(words), 0, -1):
            found = False
            for i in range(0, len(words) - n + 1):
                s, e = m.start() + words[i].start(), m.start() + words[i + n - 1].end()
                if places.is_scannable(text[s:e]) and not (n == 1 and (context.common_word(text, text[s:e], s)
                                                                        or context.asks(text, s, e))):
                    # one word that is only the name of a town far from the collections' countries:
                    # the model's reading of it comes first
                    hit = places.resolve(text[s:e], alternates=False)
                    # (or only another spelling of a great city's name: "Riad" is a person as often)
                    weak = n == 1 and (hit is None or (hit.kind is places.PlaceKind.CITY and not hit.curated
                                                       and not hit.capital))
                    out.append(_Find(s, e, _PL, "gazetteer", 7 if weak else 5 if n == 1 else 4))
                    found = True
            if found:
                break
    return out


def _place_slots(text: str) -> list[_Find]:
    """Names in a place's slot, whatever the model reads into them: "Vado Hondo", "the Zacapa
    zone", the stops of a route, the unknown names in a list of known places."""
    out: list[_Find] = []
    for m in re.finditer(r"(?<![\w'’-])[A-Z][a-zà-ÿ'’]+(?:-[a-zà-ÿ'’]+)*", text):
        slot = context.place_slot(text, m.start(), m.end())
        if slot is not None and _place_like(text[slot[0]:slot[1]]):
            out.append(_Find(slot[0], slot[1], _PL, "rule:place", 1))
    for s, e in context.routes(text):
        if _place_like(text[s:e]):
            out.append(_Find(s, e, _PL, "rule:place", 1))
    return out


_PERSON_RULES = frozenset(("structure", "rule:title", "rule:office", "rule:closing", "rule:participants", "rule:by",
                           "rule:signature"))


def _listed_places(text: str, kept: list[_Find]) -> list[_Find]:
    """In a list of names ("Canales, Palencia and Quezaltenango") whose other items are places,
    two or more, and none a person, a name read as a person is a place too."""
    at = {(f.start, f.end): f for f in kept}
    swap: dict[tuple[int, int], _Find] = {}
    for items in context.enumerations(text):
        finds = [at.get(i) for i in items]
        for i, f in enumerate(finds):
            if f is None or f.kind is not _P or f.method in _PERSON_RULES or not _place_like(text[f.start:f.end]):
                continue
            others = [g for j, g in enumerate(finds) if j != i]
            placed = sum(1 for g in others if g is not None and g.kind is _PL)
            if placed >= 2 and not any(g is not None and g.kind is _P for g in others):
                swap[(f.start, f.end)] = _Find(f.start, f.end, _PL, "rule:place", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def _paired_places(text: str, kept: list[_Find]) -> list[_Find]:
    """A one-word name that only the model reads as a person, paired by "and" or "or" with a
    place of a country where the gazetteer has a town of that name ("to Saqqez and Baneh",
    "near Inchon and Kunsan"): a place. ("Moscow and Kennedy" stays: no Russian Kennedy.)"""
    order = sorted(kept, key=lambda f: f.start)
    swap: dict[tuple[int, int], _Find] = {}
    for i, f in enumerate(order):
        name = text[f.start:f.end]
        if f.kind is not _P or f.method != "model" or " " in name:
            continue
        countries = {p.country for p in places.candidates(name)}
        for j in (i - 1, i + 1):
            g = order[j] if 0 <= j < len(order) else None
            if g is None or g.kind is not _PL or not paired(text, *sorted([(g.start, g.end), (f.start, f.end)])):
                continue
            hit = places.resolve(text[g.start:g.end])
            if hit is not None and hit.country in countries:
                swap[(f.start, f.end)] = _Find(f.start, f.end, _PL, "rule:place", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def _place_like(name: str) -> bool:
    """No word of it is a title, a marking or a word for a body, and it is no people's name."""
    words = name.split()
    return (not is_title(name) and not any(fold(w) in rules.NON_PERSON_WORDS or fold(w) in _MARKINGS for w in words)
            and not any(rules.is_demonym(w) for w in words) and not groups.is_group(name) and len(name) >= 3)


def _select(finds: list[_Find]) -> list[_Find]:
    kept: list[_Find] = []
    taken = Claims(max((f.end for f in finds), default=0))
    for f in sorted(finds, key=lambda f: (f.rank, -(f.end - f.start), f.start)):
        if taken.overlaps(f.start, f.end):
            continue
        kept.append(f)
        taken.add(f.start, f.end)
    return kept


_COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|and|or)[ \t]*")


def _weak_town(text: str, f: _Find) -> bool:
    """A place of one word, found by the gazetteer or the model, that only a town (not our
    data's, not a country or a great city) bears."""
    if f.method not in ("gazetteer", "model") or f.kind is not _PL or " " in text[f.start:f.end]:
        return False
    hit = places.resolve(text[f.start:f.end], alternates=False)
    return hit is not None and hit.kind is places.PlaceKind.CITY and not hit.curated \
        and not rules.strong_place(text[f.start:f.end])


def _listed_people(text: str, kept: list[_Find]) -> list[_Find]:
    """A small town's name joined to a person's ("Delgado or Capt. Sierra", "known by Delgado,
    Col Somoza") and to no place is a person's name too."""
    order = sorted(kept, key=lambda f: f.start)
    swap: dict[tuple[int, int], _Find] = {}
    for i, f in enumerate(order):
        if not _weak_town(text, f):
            continue
        kinds: list[MentionKind | None] = []
        for j in (i - 1, i + 1):
            if not 0 <= j < len(order):
                continue
            g = order[j]
            lo, hi = (g.end, f.start) if j < i else (f.end, g.start)
            if hi < lo:
                continue
            between = text[lo:hi]
            title = title_before(text, hi) if j > i else None
            if title is not None and title.start >= lo:
                between = text[lo:title.start]
            if _COORDINATION.fullmatch(between):
                # a person only by the model's reading is too weak a neighbour ("Tiquisate and Bananera")
                kinds.append(g.kind if g.kind is not _P or g.method not in ("model", "rule:document") else None)
        if _P in kinds and _PL not in kinds:
            swap[(f.start, f.end)] = _Find(f.start, f.end, _P, "rule:list", f.rank)
    return [swap.get((f.start, f.end), f) for f in kept]


def _propagate(text: str, kept: list[_Find]) -> list[_Find]:
    """A name that is a person somewhere in the document is a person everywhere in it."""
    lower = {w for w in re.findall(r"(?<![\w-])[a-z][a-z'’-]+", text)} | _STOP
    persons = {text[f.start:f.end] for f in kept if f.kind is _P and len(text[f.start:f.end]) >= 4
               and not all(w.lower() in lower for w in text[f.start:f.end].split())}
    if not persons:
        return kept
    # a small town's name is a person's where the document names that person by a rule
    ruled = {text[f.start:f.end] for f in kept if f.kind is _P and f.method not in ("model", "rule:document")}
    strong = {f for f in kept if (f.method in ("gazetteer", "rule:place") or f.kind is _G)
              and not (_weak_town(text, f) and text[f.start:f.end] in ruled)}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(persons, key=len, reverse=True)) + r")\b")
    out: list[_Find] = []
    for f in kept:
        if f.kind is _P or f in strong:
            out.append(f)
            continue
        # "First Qavam" read as an organisation: the person inside it is what was meant
        inner = pattern.search(text, f.start, f.end)
        if inner is not None and (inner.end() == f.end or inner.start() == f.start):
            out.append(_Find(inner.start(), inner.end(), _P, "rule:document", f.rank))
        else:
            out.append(f)
    taken = Claims(len(text))
    for f in out:
        taken.add(f.start, f.end)  # kept finds overlap none another (``_select``), nor their inner names
    for m in pattern.finditer(text):
        if taken.overlaps(m.start(), m.end()) or re.match(r"[ \t]*\d", text[m.end():m.end() + 3]) \
                or (" " not in m.group() and context.not_a_person_here(text, m.start(), m.end())):
            continue
        out.append(_Find(m.start(), m.end(), _P, "rule:document", 7))
        taken.add(m.start(), m.end())
    return out


def _clean_person(text: str, start: int, end: int) -> tuple[int, int]:
    """Without words the model swept into a name: "Meanwhile Calligeris", "Said Arbenz", "Bissell Recd"."""
    start += context.outline_marker(text, start) if start + 3 < end else 0
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while len(words) > 1 and (_not_name_word(text[words[0][0]:words[0][1]])
                              or rules.strong_place(text[words[0][0]:words[0][1]])
                              # "ETA Givloch", "LINC Whiting": a code word or an office's letters
                              or re.fullmatch(r"[A-Z]{2,}", text[words[0][0]:words[0][1]]) is not None):
        words.pop(0)
    while len(words) > 1 and _not_name_word(text[words[-1][0]:words[-1][1]]):
        words.pop()
    inner = [i for i, (s, e) in enumerate(words[:-1]) if i > 0 and _not_name_word(text[s:e])]
    if inner:
        words = words[inner[-1] + 1:]
    # "A. Have Calligeris": an initial cut off from the name by a dropped word
    if len(words) > 1 and re.fullmatch(r"[A-Z]\.", text[words[0][0]:words[0][1]]) and \
            text[words[0][1]:words[1][0]].strip():
        words.pop(0)
    start, end = words[0][0], words[-1][1]
    m = _POSSESSIVE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    return start, end


def _not_name_word(word: str) -> bool:
    w = word.strip(".,;:()")
    low = w.lower()
    return low in _STOP or low in _NOT_NAMES or (w[:1].isupper() and rules.is_demonym(w))


def _mention(source: str, text: str, f: _Find) -> Mention:
    """The mention of a find made in ``text`` (``source`` with its case restored): its spans
    hold the source's own characters."""
    title: Span | None = None
    if f.kind is _P:
        start, end = _clean_person(text, f.start, f.end)
        f = _Find(start, end, f.kind, f.method, f.rank, f.title)
    if f.title is not None:
        title = Span.of(source, *f.title)
    elif f.kind is _P:
        found = title_before(text, f.start)
        title = Span(found.start, found.end, source[found.start:found.end]) if found is not None else None
    return Mention(Span(f.start, f.end, source[f.start:f.end]), f.kind, None, title, f.method)


__all__ = ["recognize", "warm"]

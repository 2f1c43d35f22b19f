"""Recognizer: every mention in one document. The statistical model proposes; rules, the
gazetteer and the document's structure correct it. Finds are ranked (rules and structure first,
then longer spans) and kept where they do not overlap a better one; the neighbours then revise
them (``neighbours``). Titles stay outside the mention, in ``Mention.title``."""

from __future__ import annotations

import re

from kartoteka.entities import casing, closings, context, dialogue, groups, model, rules, setting, shapes
from kartoteka.entities.claims import Claims
from kartoteka.entities.classification import classify, lone_common_word, telegraphic_verb, word_before
from kartoteka.entities.finds import Find
from kartoteka.entities.grounds import listed_grounds
from kartoteka.entities.lexicon import cues
from kartoteka.entities.mentions import POSSESSIVE, mention
from kartoteka.entities.neighbours import (
    among_people,
    listed_people,
    listed_places,
    paired_places,
    place_like,
    placed,
    propagate,
)
from kartoteka.entities.titles import split_title
from kartoteka.gazetteer import places
from kartoteka.linking.keys import fold
from kartoteka.model import AgentKind, Document, Mark, MarkKind, Mention, MentionKind
from kartoteka.structure import Structure

_P, _PL, _O, _G = MentionKind.PERSON, MentionKind.PLACE, MentionKind.ORGANIZATION, MentionKind.GROUP
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

# compiled once: these are asked for every name and line of a document
_POSSESSIVE_S = re.compile(r"['’]s\b")
_CAPITALISED_RUN = re.compile(r"\b[A-ZÀ-ÞА-ЯЁƏŞÇÖÜĞİ][\w'’-]*(?:[ \t]+[A-ZÀ-ÞА-ЯЁƏŞÇÖÜĞİ][\w'’-]*){0,2}")
_WORD_RUN = re.compile(r"\S+")
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-zà-ÿ'’]+(?:-[a-zà-ÿ'’]+)*")


def warm() -> None:
    """Load the model and the gazetteer once per process before work arrives."""
    model.nlp()
    places.index()


def recognize(doc: Document, structure: Structure, marks: tuple[Mark, ...]) -> tuple[Mention, ...]:
    """Every mention in the document, in order of position (lines in capitals are read with
    their case restored: ``casing``)."""
    text = casing.restore(doc.text)
    finds: list[Find] = []
    finds += _from_structure(structure, text)
    finds += _place_slots(text)
    finds += [Find(s, e, _PL, "rule:place", 1) for s, e in listed_grounds(text) if place_like(text[s:e])]
    finds += [Find(f.start, f.end, _P, f.method, 1, f.title) for f in closings.closing_names(text)]
    finds += [Find(f.start, f.end, _P, f.method, 1, f.title) for f in rules.titled_names(text)]
    finds += [Find(f.start, f.end, _P, f.method, 1, f.title) for f in closings.name_lists(text)]
    finds += [Find(f.start, f.end, _P, f.method, 2, f.title) for f in closings.by_lines(text)]
    finds += [Find(f.start, f.end, _P, f.method, 2, f.title) for f in closings.signature_lines(text)]
    finds += [Find(f.start, f.end, _P, f.method, 3, f.title) for f in rules.speakers(text)]
    finds += [Find(f.start, f.end, _P, f.method, 3, f.title) for f in rules.persons_of(text)]
    finds += [Find(f.start, f.end, _P, f.method, 3) for f in rules.agents(text)]
    finds += [Find(f.start, f.end, _P, f.method, 3) for f in rules.papers_of(text)]
    finds += [Find(s, e, _G, "rule:group", 2) for s, e in groups.find_groups(text)]
    finds += [Find(f.start, f.end, _O, f.method, 3) for f in rules.organisations(text)]
    finds += _from_model(text)
    finds += [Find(f.start, f.end, _P, f.method, 5) for f in rules.surname_shapes(text)]
    finds += _scan_places(text)
    finds += [Find(s, e, _PL if k == "place" else _P, "rule:cyrillic", 3) for s, e, k in rules.cyrillic_names(text)]
    hidden = [(m.span.start, m.span.end) for m in marks if m.kind in (MarkKind.REDACTION, MarkKind.ILLEGIBLE)]
    # A classification marking or a file number is no name, whatever the model or gazetteer
    # reads into it ("Secret; Niact; Nodis", "POL 15-1 IRAN"); rules that read names stay.
    markings = [(r.span.start, r.span.end) for r in structure.references]
    if structure.classification is not None:
        markings.append((structure.classification.span.start, structure.classification.span.end))
    finds = [f for f in finds
             if not (f.method in ("model", "gazetteer") and any(s <= f.start and f.end <= e for s, e in markings))]
    kept = _select([f for f in finds if not any(s <= f.start and f.end <= e for s, e in hidden)])
    kept = listed_people(text, paired_places(text, listed_places(text, kept)))
    kept = propagate(text, placed(text, among_people(text, kept)))
    kept = _speaker_initials(text, kept)
    return tuple(mention(doc.text, text, f) for f in sorted(kept, key=lambda f: (f.start, f.end)))


def _speaker_initials(text: str, kept: list[Find]) -> list[Find]:
    """A transcript's speaker initials that stand for a person the document names ("K:" for
    Kissinger) are persons; linking gives them that person's entity (``dialogue.referents``)."""
    labels = dialogue.referents(text, [(f.start, f.end) for f in kept if f.kind is _P])
    if not labels:
        return kept
    out = [f for f in kept if not any(f.start < e and s < f.end for s, e in labels)]
    return out + [Find(s, e, _P, dialogue.INITIAL_METHOD, 0) for s, e in labels]


def _from_structure(structure: Structure, text: str) -> list[Find]:
    out: list[Find] = []
    agents = [*structure.senders, *structure.recipients, *structure.signatories]
    for step in structure.chain:
        agents += step.agents
    for a in agents:
        # a signature is a person's even where a far town shares the name ("Henderson")
        name = text[a.span.start:a.span.end]  # read with its case restored ("DULLES" signs as "Dulles")
        if a.kind is AgentKind.PERSON and shapes.person_words_ok(name) and "[" not in name \
                and not shapes.strong_place(name):
            title = (a.rank.start, a.rank.end) if a.rank and a.rank.end <= a.span.start else None
            out.append(Find(a.span.start, a.span.end, _P, "structure", 0, title))
    return out


def _from_model(text: str) -> list[Find]:
    out: list[Find] = []
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
        before = "" if _POSSESSIVE_S.match(text[end:end + 3]) else word_before(text, start)
        kind = classify(surface, ent.label, before, setting.countries(text))
        if kind is None or context.common_word(text, surface, start):
            continue
        if kind is _PL and " " not in surface and places.resolve(surface) is None \
                and (context.written_lower(text, surface)
                     or (fold(surface) in shapes.NON_PERSON_WORDS and fold(surface) not in cues("geographic"))):
            continue  # "the Junta", "this Subject": a common noun, no place
        if " " not in surface and ((surface.lower() in context.FUNCTION_WORDS and not surface.isupper())
                                   or context.asks(text, start, end)):
            continue  # "Whichever selected", "Can you obtain": a function word, a verb asking
        title = None
        if kind is not _P and ent.label != "PERSON":
            # "General Trujillo" read as an organisation: a title makes it a person
            t, name_start = split_title(text, start, end)
            if t is not None and shapes.person_words_ok(text[name_start:end]) and len(text[name_start:end].split()) <= 3:
                kind = _P
        if kind is _P:
            t, start = split_title(text, start, end)
            title = (t.start, t.end) if t else None
            surface = text[start:end]
            if not shapes.person_words_ok(surface) or not re.search(r"[A-Z]", surface[:1]):
                continue
            if telegraphic_verb(surface) or lone_common_word(text, surface, start) or shapes.noun_shaped(surface) \
                    or context.clipped_country(text, surface):
                continue
        rank = 4 if len(surface.split()) > 1 else 6
        out.append(Find(start, end, kind, "model", rank, title))
    return out


def _one_line(text: str, ents: tuple[model.LabelledSpan, ...]) -> list[model.LabelledSpan]:
    """Entities that run over a line break ("Teheran\n\nQavam") are read line by line, label unknown."""
    out: list[model.LabelledSpan] = []
    for ent in ents:
        if "\n" not in text[ent.start:ent.end]:
            out.append(ent)
            continue
        for m in re.finditer(r"[^\n]+", text[ent.start:ent.end]):
            out.append(model.LabelledSpan(ent.start + m.start(), ent.start + m.end(), "MISC"))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading "the", a trailing possessive or edge punctuation."""
    if text.startswith(("the ", "The "), start) and end - start > 4:
        start += 4
    m = POSSESSIVE.search(text, start, end)
    if m:
        end = m.start()
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    return start, end


def _scan_places(text: str) -> list[Find]:
    """Gazetteer names in running text: capitalised words the model may have missed."""
    out: list[Find] = []
    for m in _CAPITALISED_RUN.finditer(text):
        words = list(_WORD_RUN.finditer(m.group()))
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
                    out.append(Find(s, e, _PL, "gazetteer", 7 if weak else 5 if n == 1 else 4))
                    found = True
            if found:
                break
    return out


def _place_slots(text: str) -> list[Find]:
    """Names in a place's slot, whatever the model reads into them: "Vado Hondo", "the Zacapa
    zone", the stops of a route, the unknown names in a list of known places."""
    out: list[Find] = []
    for m in _CAPITALISED_WORD.finditer(text):
        slot = context.place_slot(text, m.start(), m.end())
        if slot is not None and place_like(text[slot[0]:slot[1]]):
            out.append(Find(slot[0], slot[1], _PL, "rule:place", 1))
    for s, e in context.routes(text):
        if place_like(text[s:e]):
            out.append(Find(s, e, _PL, "rule:place", 1))
    return out


def _select(finds: list[Find]) -> list[Find]:
    kept: list[Find] = []
    taken = Claims(max((f.end for f in finds), default=0))
    for f in sorted(finds, key=lambda f: (f.rank, -(f.end - f.start), f.start)):
        if taken.overlaps(f.start, f.end):
            continue
        kept.append(f)
        taken.add(f.start, f.end)
    return kept


__all__ = ["recognize", "warm"]

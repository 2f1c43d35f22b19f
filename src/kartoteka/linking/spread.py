"""Collection-wide recognition: a name that the collection reads as a person is a person in
every document of it, where a single document's model missed it or called it an organisation."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

# modules, not names: the entities package reads linking's keys while it loads, so its modules
# may be half-loaded here; their functions are looked up when called
from kartoteka.entities import casing, shapes
from kartoteka.entities.context import clipped_country, not_a_person_here
from kartoteka.entities.lexicon import cues
from kartoteka.errors import KartotekaError
from kartoteka.linking.keys import spelling
from kartoteka.model import MarkKind, Mention, MentionKind, Record, Span

_P = MentionKind.PERSON
_KINDS = {str(k): k for k in MentionKind}
_CODE = hashlib.sha256(Path(__file__).read_bytes()).digest()
# findings the collection may overrule: the model's guesses and a gazetteer's homonyms (a
# collection's persons are never strong places: "President Nasser" is no village Nasser)
_OVERRULABLE = frozenset({"model", "gazetteer"})
# finds too weak to teach the collection a name: it could be a heading or a common word
_WEAK = frozenset({"rule:signature", "rule:document", "rule:collection", "rule:surname"})
# a word the collection also writes in lower case is an English word before it is a name
# a capitalised word, or a word in capitals ("DULLES") that a telegram in capitals writes
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-ÞА-ЯЁƏŞÇÜĞİ](?:[a-zß-öø-ÿа-яёəşçüğı'’]{3,}|[A-ZÀ-ÖØ-ÞА-ЯЁƏŞÇÜĞİ'’]{3,})(?![\w-])")
_JOINER = re.compile(r"[/\-–]")
_GUESSES = frozenset({"model", "rule:document", "rule:signature", "rule:title"})
_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )([A-Z][a-z'’-]+)")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’-]+(?![\w-])")


def spread(records: Sequence[Record]) -> list[Record]:
    """The records with persons added or relabelled where the collection knows better."""
    evidence = Evidence()
    for r in records:
        evidence.add(r)
    rules = evidence.rules()
    return [rules.apply(r) for r in records]


class Evidence:
    """What the collection says about its names, gathered one record at a time: every table here
    grows with the distinct words and names of the collection, never with its documents."""

    __slots__ = ("capital", "documents", "kinds", "located", "lower", "pairs", "placed", "ruled", "ships", "singles",
                 "sure", "titled")

    def __init__(self) -> None:
        self.documents = False
        self.kinds: dict[str, Counter[MentionKind]] = defaultdict(Counter)
        self.sure: set[str] = set()
        self.titled: set[str] = set()
        self.lower: Counter[str] = Counter()  # lower-case words of the texts, with their counts
        self.capital: Counter[str] = Counter()  # words capitalised mid-sentence, lower-cased
        self.placed: set[str] = set()
        self.ships: set[str] = set()
        self.singles: Counter[str] = Counter()
        self.pairs: Counter[str] = Counter()
        self.located: Counter[str] = Counter()  # one-word names after "in", "at", "near"…, of any kind
        self.ruled: set[str] = set()  # persons a rule, not a guess, found (a closing, a speaker, a list)

    def add(self, r: Record) -> None:
        for m in r.mentions:
            self.kinds[m.span.text][m.kind] += 1
            if m.kind is _P and m.method not in _WEAK:
                self.sure.add(m.span.text)
            if m.kind is _P and m.method not in _WEAK and m.method not in _GUESSES:
                self.ruled.add(m.span.text)
            if m.kind is _P and m.title is not None:
                self.titled.add(m.span.text)
            if m.kind is _P:
                words = m.span.text.split()
                if len(words) == 1:
                    self.singles[m.span.text] += 1
                elif len(words) == 2 and m.method == "model" and m.title is None:
                    self.pairs[m.span.text] += 1
        if r.document is None:
            return
        self.documents = True
        text = r.document.text
        self.lower.update(_LOWER_WORD.findall(text))
        self.capital.update(m.group(1).lower() for m in _MID_CAPITAL.finditer(text))
        # one-word names after "in", "over", "at" and the like: places the record places there, and
        # names of any kind it so writes, once per mention ("Adam" is a place wherever else the
        # model takes it for a person; "in Kissinger's office" is a possessive, not a place)
        located = [m for m in r.mentions if m.kind in (_P, MentionKind.PLACE) and _after_place_word(text, m)]
        self.placed.update(m.span.text for m in located if m.kind is MentionKind.PLACE)
        self.located.update(m.span.text for m in located)
        self.ships.update(v.group(1) for v in _VESSEL_NAME.finditer(text))

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """The evidence as (counter, key, count) rows, what a store keeps between linkings: a
        count for the counted tables, 1 for a member of a set."""
        if self.documents:
            yield "documents", "", 1
        for text, kinds in self.kinds.items():
            for kind, n in kinds.items():
                yield f"kind:{kind}", text, n
        for name, members in (("sure", self.sure), ("titled", self.titled), ("placed", self.placed),
                              ("ships", self.ships), ("ruled", self.ruled)):
            for s in members:
                yield name, s, 1
        for name, counter in (("lower", self.lower), ("capital", self.capital), ("singles", self.singles),
                              ("pairs", self.pairs), ("located", self.located)):
            for s, n in counter.items():
                yield name, s, n

    def add_rows(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """Add evidence kept as :meth:`rows` (of other documents): sums and unions, as
        :meth:`add` of those documents would have made them."""
        sets = {"sure": self.sure, "titled": self.titled, "placed": self.placed, "ships": self.ships,
                "ruled": self.ruled}
        counters = {"lower": self.lower, "capital": self.capital, "singles": self.singles, "pairs": self.pairs,
                    "located": self.located}
        for name, key, n in rows:
            if name in counters:
                counters[name][key] += n
            elif name in sets:
                sets[name].add(key)
            elif name.startswith("kind:"):
                self.kinds[key][_KINDS[name[5:]]] += n
            elif name == "documents":
                self.documents = True
            else:
                raise KartotekaError(f"unknown evidence counter {name!r}",
                                     expected="a counter Evidence.rows writes (kept by this version)")

    def rules(self) -> Spreading:
        """The collection's verdicts, to apply to each record."""
        if not self.documents:
            return Spreading(False)
        lower = frozenset(self.lower)
        # a name seen with a person's title ("General Trujillo") is a person even where the model
        # mostly read a town of that name
        persons = sorted(
            (s for s, c in self.kinds.items()
             if s in self.sure and not strong_place(s)
             and (c[_P] * 2 >= sum(c.values()) or s in self.titled)
             and len(s) >= 4 and shapes.person_words_ok(s)
             and not all(w.lower() in lower for w in s.split())),
            key=len, reverse=True,
        )
        # capitalised words the collection writes in lower case at least as often as capitalised mid-sentence
        common = frozenset(w for w, n in self.lower.items() if n >= 2 and n >= self.capital[w])
        # a name the collection's rules read as a person (a title, a signature, a speaker) stays
        # a person where one sentence puts it after "in" or "at"
        placed = frozenset(self.placed - self.sure - self.titled)
        # a one-word "person" the collection writes after "in", "at", "near"… in a quarter of its
        # mentions or more is a place the model misread ("the base at Cienfuegos", "flak over
        # Adam"): a person is written so now and then ("confidence in Somoza"), never that often
        # (under 1 in 15 on the dev volumes); unless a title or a rule says it is a person
        placed |= frozenset(s for s, n in self.located.items()
                            if n >= _LOCATED_MIN and n >= _LOCATED_SHARE * self.singles[s]
                            and s not in self.titled and s not in self.ruled)
        ships = frozenset(self.ships)
        # two-word "names" that are two people side by side ("Calligeris Bannister pilot"): seen once,
        # while each word alone names a person many times. A real two-word name ("Castillo Armas") recurs.
        joined = frozenset(p for p, n in self.pairs.items()
                           if n == 1 and all(self.singles[w] >= _ALONE_OFTEN for w in p.split()))
        persons = [p for p in persons if not _all_common(p, common) and p not in placed and p not in ships]
        dropped = common | {s.lower() for s in ships}
        if not persons:
            return Spreading(True, dropped, placed, joined)
        # a lone word spelled like a known person's surname (in any script) is that surname
        keys = frozenset(spelling(w) for p in persons for w in _surname_words(p) if w.lower() not in lower)
        multi = [p for p in persons if len(p.split()) > 1]
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in multi) + r")(?![\w-])") if multi else None
        # only the lower-case words spelled like a surname key matter to a record: the rest need not be kept
        lower_keyed = frozenset(w for w in lower if spelling(w) in keys)
        return Spreading(True, dropped, placed, joined, pattern, frozenset(persons), keys, lower_keyed)


@dataclass(frozen=True, slots=True)
class Spreading:
    """The collection's verdicts on its names, applied to one record at a time (a pure function
    of the record once the :class:`Evidence` of the whole collection is in)."""

    active: bool
    dropped: frozenset[str] = frozenset()  # common words and ships' names: no person's
    placed: frozenset[str] = frozenset()
    joined: frozenset[str] = frozenset()
    pattern: re.Pattern[str] | None = None
    known: frozenset[str] = frozenset()  # the collection's persons
    keys: frozenset[str] = frozenset()  # spelling keys of their surnames
    lower: frozenset[str] = frozenset()  # lower-case words of the collection spelled like a key

    def apply(self, record: Record) -> Record:
        if not self.active:
            return record
        record = _drop_common(record, self.dropped, self.placed, self.joined)
        if not self.known:
            return record
        return _spread_one(record, self.pattern, self.known, self.keys, self.lower)

    def fingerprint(self) -> str:
        """A digest of every verdict: equal digests spread every record alike."""
        h = hashlib.sha256()
        for part in (self.dropped, self.placed, self.joined, self.known, self.keys, self.lower):
            h.update("\x1f".join(sorted(part)).encode("utf-8"))
            h.update(b"\x1e")
        h.update(str(self.active).encode())
        h.update(_CODE)  # and the rules themselves: another version may spread alike verdicts otherwise
        return h.hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Reach:
    """Which records a change of verdicts can spread differently: those with a guessed person
    whose words' or name's verdict changed (:meth:`touches_mention`, on the parse's mentions),
    or whose text holds a person's name that came or went, or a capitalised word whose reading
    as a surname came or went (:meth:`touches`). A record it touches neither way is spread alike
    under both verdicts."""

    everything: bool = False
    names: re.Pattern[str] | None = None  # persons' names that came or went, as written
    words: re.Pattern[str] | None = None  # lower-case words spelled like a key that came or went
    keys: frozenset[str] = frozenset()  # surname keys that came or went
    common: frozenset[str] = frozenset()  # common words that came or went
    persons: frozenset[str] = frozenset()  # names placed or joined that came or went

    def touches(self, text: str) -> bool:
        """Whether a record's text can be spread otherwise (its mentions aside)."""
        if self.everything:
            return True
        if self.names is not None and self.names.search(text):
            return True
        if self.words is not None and self.words.search(text.lower()):
            return True
        return bool(self.keys) and any(spelling(w) in self.keys for w in _CAPITALISED.findall(text))

    def touches_mention(self, kind: str, method: str | None, text: str) -> bool:
        """Whether a parsed mention (its kind, recogniser and text) can be dropped, split or
        relabelled otherwise (as :func:`_drop_common` decides)."""
        if self.everything:
            return True
        if kind != _P or not (self.common or self.persons):
            return False
        if text in self.persons:
            return True
        return method in _GUESSES and any(w.lower().strip(".") in self.common for w in text.split()
                                          if len(w.strip(".")) > 1)

    @property
    def texts(self) -> bool:
        """Whether any text can be touched."""
        return self.everything or self.names is not None or self.words is not None or bool(self.keys)

    @property
    def mentions(self) -> bool:
        """Whether any mention can be touched."""
        return self.everything or bool(self.common or self.persons)


def reach(old: Spreading, new: Spreading) -> Reach:
    """The records ``new`` may spread otherwise than ``old`` (see :meth:`Spreading.apply`: a
    guessed person is dropped, split or made a place by its own words; persons are found where
    their names, or capitalised words spelled like their surnames, are written; a mention is
    relabelled a person by its name)."""
    if old.active != new.active:
        return Reach(everything=True)
    return Reach(names=_alternation(old.known ^ new.known),
                 # a capitalised word is taken lower-cased: matched in the lower-cased text
                 words=_alternation({w.lower() for w in old.lower ^ new.lower}),
                 keys=old.keys ^ new.keys, common=old.dropped ^ new.dropped,
                 persons=(old.placed ^ new.placed) | (old.joined ^ new.joined))


def _alternation(found: set[str] | frozenset[str]) -> re.Pattern[str] | None:
    if not found:
        return None
    return re.compile("|".join(re.escape(x) for x in sorted(found, key=lambda x: (-len(x), x))))


def strong_place(name: str) -> bool:
    """Our own data's places and countries: never read as a person, whatever the title before."""
    # imported here: the gazetteer folds names with this package's keys, so it imports us first
    from kartoteka.gazetteer.places import PlaceKind, resolve

    hit = resolve(name, alternates=False)
    return hit is not None and (hit.curated or hit.kind is not PlaceKind.CITY)


def _surname_words(name: str) -> list[str]:
    words = [w for w in name.split() if len(w.strip(".")) >= 4 and w[:1].isupper()]
    return words[-1:] if len(name.split()) > 1 else words


# after these a single word is where something is, not who ("flak over Adam", "garrisons in Hank")
_PLACE_ONLY = cues("place-only")  # the entities' list: a preposition that takes a place, not a person
_WORD_BEFORE = re.compile(r"(?<!\w)(\w+)[ \t]+$")
_VESSEL_NAME = re.compile(r"\b(?:ship|vessel|steamer|freighter|tanker|aboard|SS|S\.S\.)[ \t]+([A-Z][a-z]+)\b(?![ \t]+[A-Z])")


def _after_place_word(text: str, m: Mention) -> bool:
    """A one-word name right after "in", "over", "at" and the like ("in Kissinger's office": a
    possessive names whose room it is, not where)."""
    if " " in m.span.text:
        return False
    before = _WORD_BEFORE.search(text, max(0, m.span.start - 20), m.span.start)
    return before is not None and before.group(1).lower() in _PLACE_ONLY \
        and not _POSSESSIVE_AFTER.match(text, m.span.end)


_LOCATED_MIN, _LOCATED_SHARE = 2, 0.25
_POSSESSIVE_AFTER = re.compile(r"['’‘]s?\b")
_ALONE_OFTEN = 5


def _drop_common(record: Record, common: frozenset[str], placed: frozenset[str], joined: frozenset[str]) -> Record:
    """Without the model's "persons" that are common words ("C. Believe", "Memos", "Governments");
    the ones the collection reads as places become places; two names run together become two."""
    keep: list[Mention] = []
    for m in record.mentions:
        if m.kind is _P and m.method in _GUESSES and _all_common(m.span.text, common):
            continue
        if m.kind is _P and m.span.text in joined:
            for w in re.finditer(r"\S+", m.span.text):
                start = m.span.start + w.start()
                keep.append(Mention(Span(start, start + len(w.group()), w.group()), _P, None, None, "rule:collection"))
            continue
        if m.kind is _P and m.method in _GUESSES and m.title is None and m.span.text in placed:
            m = replace(m, kind=MentionKind.PLACE, method="rule:collection")
        keep.append(m)
    return record if keep == list(record.mentions) else replace(record, mentions=tuple(keep))


def _all_common(name: str, common: frozenset[str]) -> bool:
    """Every word but initials is a common word: "C. Believe", "Memos", "Planning"."""
    return all(w.lower().strip(".") in common for w in name.split() if len(w.strip(".")) > 1)


def _spread_one(record: Record, pattern: re.Pattern[str] | None, known: frozenset[str], keys: frozenset[str],
                lower: frozenset[str]) -> Record:
    if record.document is None:
        return record
    text = record.document.text
    mentions: list[Mention] = []
    for m in record.mentions:
        if m.kind is not _P and m.method in _OVERRULABLE and m.span.text in known \
                and not clipped_country(text, m.span.text):  # "Guat Govt": Guatemala, no person
            mentions.append(replace(m, kind=_P, method="rule:collection"))
        elif m.kind is not _P and m.method in _OVERRULABLE and _JOINER.search(m.span.text):
            mentions.extend(_split_compound(m, known))
        else:
            mentions.append(m)
    taken = sorted([(m.span.start, m.span.end) for m in mentions]
                   + [(k.span.start, k.span.end) for k in record.marks
                      if k.kind in (MarkKind.REDACTION, MarkKind.ILLEGIBLE)])
    found: list[tuple[int, int]] = []
    if pattern is not None:
        found += [(m.start(), m.end()) for m in pattern.finditer(text) if not clipped_country(text, m.group())]
    for w in _CAPITALISED.finditer(text):
        word = w.group()
        if word.lower() not in lower and spelling(word) in keys \
                and (not word.isupper() or casing.in_capitals(text, w.start())) \
                and shapes.person_words_ok(word) and not strong_place(word) and not clipped_country(text, word) \
                and not not_a_person_here(text, w.start(), w.end()):  # "Greek" is no "Grieg"
            found.append((w.start(), w.end()))
    added: list[Mention] = []
    for start, end in sorted(found, key=lambda se: (se[0], -se[1])):
        if _overlaps(taken, start, end) or re.match(r"[ \t]*\d", text[end:end + 3]):
            continue
        added.append(Mention(Span(start, end, text[start:end]), _P, None, None, "rule:collection"))
        bisect.insort(taken, (start, end))
    if not added and mentions == list(record.mentions):
        return record
    ordered = tuple(sorted([*mentions, *added], key=lambda x: (x.span.start, x.span.end)))
    return replace(record, mentions=ordered)


def _split_compound(m: Mention, known: frozenset[str]) -> list[Mention]:
    """"Whiting/Playdon/Lynade", "Cadick-Seekford-Calligeris": known persons joined into one span."""
    parts = list(re.finditer(r"[^/\-–]+", m.span.text))
    if len(parts) < 2 or not all(p.group().strip() in known for p in parts):
        return [m]
    out = []
    for p in parts:
        start = m.span.start + p.start() + (len(p.group()) - len(p.group().lstrip()))
        text = p.group().strip()
        out.append(Mention(Span(start, start + len(text), text), _P, None, None, "rule:collection"))
    return out


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of the sorted list (spans there do not nest deeply)."""
    i = bisect.bisect_left(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 8):i])


__all__ = ["Evidence", "Reach", "Spreading", "reach", "spread", "strong_place"]

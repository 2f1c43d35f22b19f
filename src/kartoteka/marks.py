"""Marks: the bracket grammar of translators and editors ([sic], [signed], [vystupleniye], …).

Every square bracket a translator or editor put into a transcription is typed by what it does:
``sic``, ``signed``, ``illegible``, ``redaction`` ("[name not declassified]"), ``note`` (an
editor's or translator's note, "[handwritten in the upper left corner: …]"), ``gloss`` (an
explanatory equivalent: "fedai [militia]", a variant spelling "Mianeh [Miyaneh]"), ``foreign``
(an original-language word kept in transliteration, "[vystupleniye]", with a language guess from
its shape) and ``supplied`` (English words the translator inserted, "[needs to be]", "[their]").

Telling supplied English from transliteration needs an English vocabulary: the lemma index,
exceptions and suffix rules of the spaCy English pipeline that the project already installs
(WordNet-derived), plus spaCy's stop words — no hand-made word list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from kartoteka.brackets import find_brackets
from kartoteka.model import Mark, MarkKind, Span
from kartoteka.names.spacy_data import LemmaTable, lemma_tables, stop_words

_SHORT = 6  # words: longer brackets are notes unless they are mostly foreign

# Russian editions write "[так в документе]", "[так в тексте; …]" for sic
_SIC = re.compile(r"(?i)^(?:sic\b|так\s+в\s+(?:документе|тексте|оригинале|подлиннике))")
_ILLEGIBLE = re.compile(r"(?i)\b(?:illegible|illeg\b|indecipherable|unreadable|undecipherable|garbled?|unclear|smudged)\b"
                        r"|(?i:неразборчив\w*|нрзб\.?)")
_SIGNED = re.compile(r"(?i)^(?:signed|signature|sgd\.?|s\.|initialed|initialled|manu propria|m\.p\.|подпись|подписано|подп\.)\s*[.:]?$")
_REDACTION = re.compile(
    r"(?i)\b(?:not\s+declassified|declassified|redacted|deleted|excised|withheld|sanitized|blacked\s+out|не\s+рассекречен\w*|"
    r"classified\s+(?:text|material|information)|security\s+deletion)\b"
)
_NOTE = re.compile(
    r"(?i)^(?:(?:translator|editor|transcriber|compiler|archivist)['’]?s?\s+(?:note|comment|remark)|"
    r"(?:ed|trans|transl|tr)\.\s*(?:note)?|note|nb|n\.b\.|comment|remark|ibid|idem|op\.\s*cit|"
    r"handwritten|handwriting|hand-written|in\s+(?:the\s+)?(?:margin|hand|pencil|ink)|marginal|margin|"
    r"typed|typewritten|stamp|stamped|seal|rubber\s+stamp|letterhead|resolution|crossed\s+out|struck\s+(?:out|through)|"
    r"underlined|underscored|inserted|added|omitted|omission|here\s+follows?|text\s+missing|missing|"
    r"page|pages|continued|end\s+of|beginning\s+of|attachment|enclosure|tab\s+[a-z]|facsimile|printed|"
    r"the\s+(?:rest|remainder)|remainder|blank|torn|damaged|lacuna|gap|words?\s+missing|unsigned|"
    r"no\s+signature|original|in\s+the\s+original|in\s+english|in\s+russian|in\s+persian|in\s+azerbaijani|"
    r"text|document|see|cf\.|sic\s*!|ellipsis|translation|translated|transcription|draft)\b"
)
# A physical description anywhere in a longer bracket makes it a note ("[in Bagirov's hand: …]").
_NOTE_ANYWHERE = re.compile(
    r"(?i)\b(?:hand|handwrit\w*|margin\w*|pencil|ink|stamp\w*|crossed\s+out|struck\s+(?:out|through)|"
    r"underlined|underscored|typewrit\w*|overwrit\w*|blank|torn)\b"
)
# an explicit equivalent: "[i.e. MGB]", "[now Sanmenxia city]", "[т. е. …]"
_EQUIVALENT = re.compile(r"(?i)^(?:i\.\s?e\.|viz\.|that\s+is|namely|now|formerly|today|present-day|modern|т\.\s?е\.|ныне)(?:\s|,|$)")
_ELLIPSIS = re.compile(r"^(?:\.\s*){2,}\.?$|^…$|^\?$|^-+$")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*['’]?")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_AZ_LETTERS = re.compile(r"[əƏğĞıİşŞçÇöÖüÜ]")
_PERSO_ARABIC = re.compile(r"[\u0600-\u06FF]")
_EZAFE = re.compile(r"(?i)[a-z](?:-e|-ye|-i)\b")

# Shapes of romanised Russian and Persian words (endings and letter clusters of the usual
# transliteration systems); each feature found adds to that language's score.
_RU_SHAPES = re.compile(
    r"(?i)(?:iye|iya|aya|oye|yye|yy|iy|oy|ykh|ogo|ego|oto|ovo|sto|sti|ost['’]|ov|ev|skiy|skaya|stvo|niye|tsiya|nyy|kom)$|"
    r"shch|zh|ts|['’](?=[bcdfghjklmnpqrstvwxzy])|['’]$|(?<=[bcdfghjklmnprstvz])y(?=[aeiou]|$)|^vy|vn|^vz|^vs|^sv"
)
_FA_SHAPES = re.compile(
    r"(?i)(?:eh|stan|abad|ian|khaneh|[ae]ndar|ardar|ollah)$|gh|aa|ou|q(?!u)|(?<=[aeiou])['’](?=[aeiou])|(?<=[a-z])-(?:e|ye)\b|^(?:hezb|majlis|milli|shah|bahr|dowlat|"
    r"vezarat|ostan|sepah|artesh|mellat|jebhe|ettehad|anjoman)"
)


# Persian and Arabic words never open on two consonants (a digraph such as kh, sh, ch, zh, gh,
# ts is one sound); Russian words often do ("vstrecha", "sdelka", "gruppa", "pravda").
_ONE_SOUND = r"(?:kh|sh|ch|zh|gh|ts|th|[bcdfghjklmnpqrstvwxz])"
_RU_ONSET = re.compile(rf"(?!{_ONE_SOUND}h){_ONE_SOUND}(?:{_ONE_SOUND})(?=[a-z])")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """An English vocabulary: lemma lists, inflection exceptions and suffix rules, stop words."""

    lemmas: frozenset[str]
    exceptions: frozenset[str]
    rules: tuple[tuple[str, str], ...]
    stop: frozenset[str]
    nouns: frozenset[str] = frozenset()
    noun_forms: frozenset[str] = frozenset()  # irregular plurals ("men", "data")
    noun_rules: tuple[tuple[str, str], ...] = ()
    not_nouns: frozenset[str] = frozenset()  # lemmas and irregular forms listed as verb, adjective or adverb

    def is_noun(self, word: str) -> bool:
        w = word.lower().replace("’", "'").removesuffix("'s").rstrip("'")
        if w in self.stop:
            return False
        return w in self.nouns or w in self.noun_forms or any(
            w.endswith(old) and (w[: len(w) - len(old)] + new) in self.nouns
            for old, new in self.noun_rules if len(w) > len(old))

    def is_common(self, word: str) -> bool:
        """A function word, or a word English uses as a verb, adjective or adverb. The lemma tables
        list people and places as nouns only ("molotov", "beria"), so a noun-only word may be a name."""
        w = word.lower().replace("’", "'").removesuffix("'s").rstrip("'")
        if w in self.stop or w in self.not_nouns:
            return True
        return any(w.endswith(old) and (w[: len(w) - len(old)] + new) in self.not_nouns
                   for old, new in self.rules if len(w) > len(old))

    def knows(self, word: str) -> bool:
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.rstrip("'")
        if not w:
            return True
        if w in self.stop or w in self.lemmas or w in self.exceptions:
            return True
        if "-" in w:
            return all(self.knows(part) for part in w.split("-") if part)
        return any(w.endswith(old) and (w[: len(w) - len(old)] + new) in self.lemmas
                   for old, new in self.rules if len(w) > len(old))


@cache
def vocabulary() -> _Vocabulary:
    """The English vocabulary shipped with the installed spaCy English pipeline (read once)."""
    lemmas: set[str] = set()
    exceptions: set[str] = set()
    rules: set[tuple[str, str]] = set()
    nouns: set[str] = set()
    noun_forms: set[str] = set()
    noun_rules: set[tuple[str, str]] = set()
    not_nouns: set[str] = set()
    tables = lemma_tables()
    if tables:
        if "lemma_index" in tables:
            for words in tables["lemma_index"].values():
                lemmas.update(w.lower() for w in words)
        if "lemma_exc" in tables:
            for table in tables["lemma_exc"].values():
                exceptions.update(w.lower() for w in table)
        if "lemma_rules" in tables:
            for pairs in tables["lemma_rules"].values():
                rules.update((old, new) for old, new in pairs if old and old.isalpha())
        # the same tables by part of speech: nouns tell an apposition ("the Majlis [parliament]")
        empty = LemmaTable({})
        index, exc, by_pos = (tables.get(n, empty) for n in ("lemma_index", "lemma_exc", "lemma_rules"))
        nouns.update(w.lower() for w in index.get("noun", ()))
        noun_forms.update(w.lower() for w in exc.get("noun", {}))
        noun_rules.update((old, new) for old, new in by_pos.get("noun", ()) if old and old.isalpha())
        for pos in ("verb", "adj", "adv"):  # the tables' keys are hashed: asked for by name
            not_nouns.update(w.lower() for w in index.get(pos, ()))
            not_nouns.update(w.lower() for w in exc.get(pos, {}))
    return _Vocabulary(frozenset(lemmas), frozenset(exceptions), tuple(sorted(rules)), stop_words("en"),
                       frozenset(nouns), frozenset(noun_forms), tuple(sorted(noun_rules)), frozenset(not_nouns))


def guess_language(value: str) -> str | None:
    """A BCP-47 guess for a romanised or native-script word: ru, fa, az, ar, or None."""
    if _CYRILLIC.search(value):
        return "ru"
    if _AZ_LETTERS.search(value):
        return "az"
    if _PERSO_ARABIC.search(value):
        return "fa"
    words = [w.lower() for w in _WORD.findall(value)]
    if any(w.startswith(("al-", "ibn", "abd")) for w in words):
        return "ar"
    ru, fa = _shape_scores(value)
    if ru == fa == 0:
        return None
    return "ru" if ru > fa else "fa"


def _shape_scores(value: str) -> tuple[int, int]:
    """How Russian and how Persian a romanised phrase looks (counts of shape features)."""
    words = [re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(value)]  # an English possessive
    ru = sum(len(_RU_SHAPES.findall(w)) + bool(_RU_ONSET.match(w)) for w in words)
    fa = sum(len(_FA_SHAPES.findall(w)) for w in words) + 2 * len(_EZAFE.findall(value))
    return ru, fa


def _skeleton(s: str) -> str:
    """A spelling-insensitive key for comparing two romanisations of one name."""
    s = s.lower()
    for a, b in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
                 ("y", "i"), ("w", "v"), ("q", "k"), ("ck", "k"), ("c", "k"), ("'", ""), ("’", "")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"h\b", "", s)


_COGNATE_PREFIX = 7


@cache
def _english_stems() -> frozenset[str]:
    """Spelling-insensitive openings of long English lemmas, for spotting cognates."""
    keys = (_skeleton(w[: _COGNATE_PREFIX + 4]) for w in vocabulary().lemmas if len(w) >= _COGNATE_PREFIX and w.isalpha())
    return frozenset(k[:_COGNATE_PREFIX] for k in keys if len(k) >= _COGNATE_PREFIX)


def _cognate(word: str) -> bool:
    """A romanised word that shares its opening with an English word ("Demokrati", "Kommunisticheskaya"):
    an institution's original name rather than a person's."""
    key = _skeleton(word)
    return len(key) >= _COGNATE_PREFIX and key[:_COGNATE_PREFIX] in _english_stems()


def _preceding_words(text: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` words just before ``pos`` on the same line, nearest last."""
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[max(line_start, pos - 200):pos]
    return _WORD.findall(before)[-n:] if re.search(r"[\w'’][ \t]*$", before) else []


def _is_variant(content_words: list[str], previous: list[str]) -> bool:
    """A capitalised name respelt: "Mianeh [Miyaneh]", "Ganja [Gyandzha]", "Mosaddyk [Mosaddegh]"."""
    if not content_words or len(previous) < len(content_words):
        return False
    prev = previous[-len(content_words):]
    if not all(w[:1].isupper() for w in content_words + prev):
        return False
    if prev == content_words:
        return False
    return all(fuzz.ratio(_skeleton(a), _skeleton(b)) >= 60 for a, b in zip(prev, content_words, strict=True))


def _known(voc: _Vocabulary, word: str) -> bool:
    """An English word; a hyphenated compound when most of its longer parts are ("Anglo-Soviet-Iranian"),
    never an ezafe ("Hezb-e", "bahre-ye")."""
    parts = [p for p in word.split("-") if len(p) >= 3]
    if "-" in word and len(parts) >= 2:
        return 2 * sum(voc.knows(p) for p in parts) > len(parts)
    return voc.knows(word)


def _after_name(voc: _Vocabulary, words: list[str], previous: list[str]) -> MarkKind | None:
    """Capitalised words in brackets after a capitalised word: after a name, another spelling or
    the full name of the same one ("Pak Heon-yeong [Pak Hon Yong]", "Bilasuvar [Pushkino]"), a
    gloss; after an English name with unknown words inside, the original name ("Petőfi Circle
    [Petőfi Kör]", "Xihua Hall [Xihuating]"), foreign."""
    prev = previous[-1] if previous else ""
    if not prev[:1].isupper() or not words or not words[0][:1].isupper() or prev.lower() in voc.stop:
        return None
    unknown = [w for w in words if w[:1].isupper() and not _known(voc, w) and not (w.isupper() and len(w) <= 6)]
    if voc.knows(prev):
        return MarkKind.FOREIGN if unknown and len(unknown) == sum(w[:1].isupper() for w in words) else None
    return MarkKind.GLOSS if unknown or len(words) >= 2 else None


def classify(content: str, previous: list[str]) -> tuple[MarkKind, str | None]:
    """The kind of a bracket's ``content`` (and a language for foreign words), given the words before it."""
    value = content.strip()
    words = _WORD.findall(value)
    editorial = _editorial(value, words)
    if editorial is not None:
        return editorial, None
    if _CYRILLIC.search(value) and any(_CYRILLIC.search(w) for w in previous):
        # a bracket in the text's own script is the editor's: a name's equivalent or supplied words
        return (MarkKind.GLOSS if value[:1].isupper() else MarkKind.SUPPLIED), None
    voc = vocabulary()
    if len(words) <= 2 and not _EZAFE.search(value) and _is_variant(words, previous):
        return MarkKind.GLOSS, None
    named = _after_name(voc, words, previous)
    if named is not None:
        return named, (guess_language(value) if named is MarkKind.FOREIGN else None)
    unknown = [w for w in words if not _known(voc, w) and not (w.isupper() and len(w) <= 6)]  # acronyms are English
    if len(words) > _SHORT and 2 * len(unknown) <= len(words):
        return MarkKind.NOTE, None
    if not unknown:
        return _of_known_words(voc, value, words, previous), None
    return _of_unknown_words(voc, value, words, unknown, previous)


def _editorial(value: str, words: list[str]) -> MarkKind | None:
    """The kinds an editor's bracket shows by its form: an ellipsis or note, [sic], an illegible
    word, a signature, a redaction, an inserted figure, an equivalent ("i.e. …")."""
    low = value.lower()
    if not value or _ELLIPSIS.match(value):
        return MarkKind.NOTE
    if _SIC.match(value):
        return MarkKind.SIC
    if _ILLEGIBLE.search(value) and len(words) <= 6:
        return MarkKind.ILLEGIBLE
    if _SIGNED.match(value) or (low.startswith("signed") and len(words) <= 3) or (
            re.search(r"\bsignature[.:]?$", low) and len(words) <= 3 and not re.match(r"(?:no|un)\b", low)):
        # "[Facsimile signature]", "[Typed signature]": the editor records the signing
        return MarkKind.SIGNED
    if _REDACTION.search(value):
        return MarkKind.REDACTION
    if _NOTE.match(value) or (":" in value and len(words) > 3) or (len(words) >= 2 and _NOTE_ANYWHERE.search(value)):
        return MarkKind.NOTE
    if not words:  # numbers, a question mark with digits: an inserted figure
        return MarkKind.SUPPLIED
    if _EQUIVALENT.match(value):
        return MarkKind.GLOSS
    return None


def _of_known_words(voc: _Vocabulary, value: str, words: list[str], previous: list[str]) -> MarkKind:
    """English words in brackets: a gloss of the word before them, or words the translator supplied."""
    prev = previous[-1] if previous else ""
    all_stop = all(w.lower() in voc.stop for w in words)
    if prev and not all_stop and not voc.knows(prev) and (prev[:1].islower() or value[:1].isupper()):
        return MarkKind.GLOSS
    if (prev and prev.lower() not in voc.stop and len(words) >= 2 and value[:1].isupper()
            and all(w[:1].isupper() or w.lower() in voc.stop for w in words)):
        # a capitalised English name after a noun explains it ("the Ba'th party [Arab Socialist
        # Renaissance Party]"); words the translator supplies are mostly lower case
        return MarkKind.GLOSS
    if len(words) == 1 and value.isupper() and 2 <= len(value) <= 6 and prev[:1].isupper() \
            and prev.lower() not in voc.stop:
        return MarkKind.GLOSS  # an abbreviation after the name it shortens: "State Security [MGB]"
    if (prev and prev.lower() not in voc.stop and (voc.is_noun(prev) or not voc.knows(prev))
            and voc.is_noun(words[-1]) and words[0].lower() not in voc.stop and "?" not in value):
        # a noun in apposition to the noun before it renders it ("the Majlis [parliament]",
        # "the ulama [clergy]"); supplied words complete the grammar instead ("the ships [were]")
        return MarkKind.GLOSS
    return MarkKind.SUPPLIED


def _of_unknown_words(voc: _Vocabulary, value: str, words: list[str], unknown: list[str],
                      previous: list[str]) -> tuple[MarkKind, str | None]:
    """Words English does not know in brackets: foreign words (with their language), or a name or
    words the editor supplied."""
    lang = guess_language(value)
    if any(w[:1].islower() for w in unknown) or _EZAFE.search(value):
        return MarkKind.FOREIGN, lang
    if len(words) > 1 and 2 * len(unknown) >= len(words):
        # Capitalised words: the original name of an institution after its translation ("National
        # Assembly [Milli Majlis]"), or a strongly romanised phrase, is foreign; a person's name
        # supplied after a title ("the Shah [Mohammad Reza]") is not.
        phrase = previous[-len(words):]
        translated = (len(phrase) == len(words) and phrase[0][:1].isupper()
                      and all(voc.knows(w) and (w[:1].isupper() or w.lower() in voc.stop) for w in phrase))
        if translated or max(_shape_scores(value)) >= 2 or any(_cognate(w) for w in unknown):
            return MarkKind.FOREIGN, lang
        return MarkKind.SUPPLIED, None
    # One capitalised unknown word: a name the editor supplied ("he [Arbenz] said"), unless it
    # stands after an English noun it renders ("the assembly [Majlis]").
    last = previous[-1] if previous else ""
    if last and voc.knows(last) and last.lower() not in voc.stop and (last[:1].islower() or lang is not None):
        return MarkKind.FOREIGN, lang
    return MarkKind.SUPPLIED, None


def _inside_word(text: str, start: int, end: int, content: str) -> bool:
    """A bracket of letters glued to a letter on either side."""
    glued = (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())
    return glued and bool(re.fullmatch(r"[^\W\d_]{1,15}", content))


def find_marks(text: str) -> tuple[Mark, ...]:
    """Every translator/editor bracket in ``text``, in order; a bracket holding another is a mark
    of its words up to the inner one ("[handwritten: agreed [[illegible]]]" → "handwritten:
    agreed"), and the inner one a mark of its own."""
    marks: list[Mark] = []
    for b in find_brackets(text):
        start, end = b.start, b.end
        inner = text.find("[", start + 1, end - 1)
        content = text[start + 1:end - 1] if inner < 0 else text[start + 1:inner]
        if not content.strip():
            continue
        kind, lang = classify(content, _preceding_words(text, start, 3))
        if kind in (MarkKind.FOREIGN, MarkKind.GLOSS) and _inside_word(text, start, end, content):
            kind, lang = MarkKind.SUPPLIED, None  # letters completing a word: "St[alin]", "gov[ernmen]t"
        marks.append(Mark(Span(start, end, text[start:end]), kind, content.strip(), lang))
    return tuple(marks)


__all__ = ["classify", "find_marks", "guess_language", "vocabulary"]

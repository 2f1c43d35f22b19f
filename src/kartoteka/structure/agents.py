"""Agents as written: a phrase such as "the Ambassador in Iran (Allen)", "Cde. V. M. Molotov",
"General-Major Yemel’yanov" or "the Central Intelligence Agency" split into the name, the office
and the rank, each its own span, and typed person / organization / office."""

from __future__ import annotations

import re
from functools import lru_cache

from kartoteka.model import Agent, AgentKind, Span
from kartoteka.names.titles import titles
from kartoteka.structure.placenames import is_place
from kartoteka.structure.wordlists import alternation, rows

# the ranks of the name knowledge's titles (``names/data/titles.csv``, use ``rank``)
_RANKS = sorted(titles("rank"))

# Honorifics are dropped from every span: they are neither name, office nor rank.
HONORIFIC = (r"(?:Cdes?\.|Comrades?|COMRADES?|Tovarishch|Messrs\.|Mr\.|Mrs\.|Mme\.|Miss|Ms\.|Sir|Gospodin|Herr|Monsieur|Mister|"
             r"(?:His|Her|Your)\s+(?:Excellency|Majesty|Highness)|"
             # Russian "comrade" in every case and abbreviation: "Тов. Багирову", "товарищу", "т. Атакишиеву"
             r"[Тт]ов\.|[Тт]\.|[Тт]оварищ(?:у|ам|ем|а|и)?|ТОВАРИЩ(?:У|АМ)?|[Гг]осподину|[Гг]-ну)")
_HONORIFIC = re.compile(rf"^{HONORIFIC}\s+", re.IGNORECASE)
# "Herbert Hoover, Jr.", "Douglas MacArthur II": a suffix belongs to the name
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
_GLOSS_AFTER = re.compile(r"(?<=\w)\s+\[[^\]]+\]$")
_EXPANDED = re.compile(r"(?<=[A-Z])\[([a-z’'.-]+)\]")
_MARK_AFTER = re.compile(r"\s+\[(?:illegible|sic|signature|signed|\?)[^\]]*\]$", re.IGNORECASE)
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|Jnr|Snr)\.?$|\s+(?:II|III|IV)$")
_SUFFIX_ENDS = ("Jr", "Jr.", "Sr", "Sr.", "Jnr", "Jnr.", "Snr", "Snr.", "II", "IV")  # what _SUFFIX can end in

RANK = (
    r"(?:General[- ]Major|General[- ]Lieutenant|General[- ]Colonel|Lieutenant[- ]General|Major[- ]General|"
    r"Colonel[- ]General|Brigadier[- ]General|Lieutenant[- ]Colonel|Lt\.\s?Col\.|Rear[- ]Admiral|Vice[- ]Admiral|"
    r"Commissar\s+of\s+State\s+Security(?:\s+\d+(?:st|nd|rd|th)\s+Rank)?|Marshal(?:\s+of\s+the\s+Soviet\s+Union)?|"
    r"Generalissimo|General|Gen\.|Colonel|Col\.|Major|Maj\.|Captain|Capt\.|Lieutenant|Lt\.|Admiral|Adm\.|"
    r"Sergeant|Sgt\.|Commander|Cmdr\.|Brigadier|Doctor|Dr\.|Professor|Prof\.|Ayatollah|Sheikh|Mullah|Sayyid|"
    r"Seyyed|Khan|Sardar|Sepahbod|Sarlashkar|Sartip|"
    # Soviet ranks in Russian and the commissar ranks in translation: the titles used as a ``rank``
    + "|".join(p.replace(r"\s+", r"[- ]") for p in alternation(_RANKS).split("|")) + ")"
)
_RANK = re.compile(rf"^(?:{RANK})(?=\s)")

# Russian office heads ("Заместитель начальника …"): the ``offices_nominative`` word list
_RU_OFFICE = alternation([r["word"] for r in rows("offices_nominative")])
# Words that open a description of an office ("Minister of …", "Chief, WHD", "Consul General"): the
# ``office_heads`` word list, and the Russian office heads
OFFICE_HEAD = "(?:" + alternation([r["word"] for r in rows("office_heads")]) + "|" + _RU_OFFICE + ")"
# Rulers open an office phrase ("the Shah of Iran") but are not kept out of names: "King" is a surname
# too. The titles used as ``ruler`` in ``names/data/titles.csv``.
_RULER = "(?:" + alternation(sorted(titles("ruler"))) + ")"
_OFFICE_HEAD = re.compile(rf"^(?:the\s+|The\s+)?(?:{OFFICE_HEAD}|{_RULER})\b")
_OFFICE_ANYWHERE = re.compile(rf"\b{OFFICE_HEAD}\b")
_QUALIFIED_OFFICE = re.compile(
    rf"^(?:(?:USSR|Soviet|U\.?S\.?|American|British|Iranian|Persian|Turkish|Iraqi|Azerbaijani?|Kurdish|French|"
    rf"Chinese|Egyptian|Israeli|Saudi|Afghan|Pakistani|Indian|Jordanian|Syrian|Lebanese|Hungarian|Polish|"
    rf"Czechoslovak|Czech|Romanian|Rumanian|Bulgarian|Yugoslav|Albanian|German|East\s+German|Korean|North\s+Korean|"
    rf"Mongolian|Vietnamese|Cuban|Finnish|Japanese)\s+){{1,2}}{OFFICE_HEAD}\b"
)

# Words that make a phrase an organisation ("the CIA Station in Guatemala", "Certain Posts"): the
# ``body_words`` word list
ORG_WORD = alternation([r["word"] for r in rows("body_words")])
_ORG_WORD = re.compile(rf"\b(?:{ORG_WORD})(?![\w(])")
# Words that end an office's description, so a capitalised word after them is a name
# ("Director of Central Intelligence Dulles", "Secretary of State John Foster Dulles").
_OFFICE_TAIL = re.compile(
    rf"^(?:{ORG_WORD}|{OFFICE_HEAD}|{RANK}|{alternation([r['word'] for r in rows('office_tails')])})$"
)
_CONNECTOR = {"of", "in", "the", "for", "to", "at", "and", "on", "with", "from", "by", "a", "an", "&"}
_PARTICLE = {"de", "del", "della", "di", "da", "van", "von", "der", "la", "le", "al", "el", "ul", "ud", "bin",
             "ibn", "y", "e", "ol", "os", "zadeh"}
_REDACTION = re.compile(r"^\[[^\]]*(?:not declassified|illegible|name|names)[^\]]*\]$", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"(?:[A-ZА-ЯЁ][a-zа-я]?\.\s?){1,3}(?:[A-ZА-ЯЁ][\w’'`‘-]+)?|[A-ZА-ЯЁ][\w’'`‘-]*[\w’']|[A-Z]{2,4}|[A-Z]\.?",
)
_TOKEN = re.compile(r"\[[^\]]*\]|\([^)]*\)|[^\s,;:\[]+(?:\[[a-z’'.-]+\][^\s,;:\[]*)*")
# words never part of a name as written (``not_name_words``): function words, a document's apparatus,
# closings, months and weekdays; and every office, body and rank word
_NOT_NAME_WORDS = re.compile(
    rf"^(?:{ORG_WORD}|{OFFICE_HEAD}|{RANK}|{alternation([r['word'] for r in rows('not_name_words')])})$"
)

# compiled once: these are asked for every name and line of a document
_ARTICLE = re.compile(r"(?:the|The|THE)\s+")
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ]\.)+")
_INITIAL = re.compile(r"[A-ZА-ЯЁ]\.")
_LATIN_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_WITHHELD_PLACE = re.compile(r"place|city|location|country", re.IGNORECASE)
_NAME_IN_PARENTHESES = re.compile(r"^(?P<office>.+?)\s+\((?P<name>[^()]+)\)$")
_NAME_OF = re.compile(r"^(?P<name>.+?)\s+of\s+(?P<rest>.+)$")
_POST_PLACE = re.compile(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past white space, edge punctuation and a leading article."""
    while True:
        s0, e0 = start, end
        while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
            # keep the full stop of a final initial ("S.H.", "J. C.")
            if text[end - 1] == "." and end - 2 >= start and text[end - 2].isupper() and (
                end - 3 < start or not text[end - 3].isalpha()
            ):
                break
            if text[end - 1] == "." and _generation_end(text, start, end - 1):
                break
            end -= 1
        m = _ARTICLE.match(text, start, end)
        if m:
            start = m.end()
        # "Mikoyan [illegible]": an editor's mark after the name is no part of it
        m = _MARK_AFTER.search(text, start, end) if text.find("[", start, end) >= 0 else None
        if m and m.start() > start:
            end = m.start()
        # "(M. Silin)": a signature in parentheses; "/M. Bagirov/": a typed copy's signature
        close = _ENCLOSED.get(text[start]) if end - start > 2 else None
        if close is not None and text[end - 1] == close and close not in text[start + 1:end - 1]:
            start, end = start + 1, end - 1
        if (start, end) == (s0, e0):
            return start, end


_ENCLOSED = {"(": ")", "/": "/"}


def _generation_end(text: str, start: int, stop: int) -> bool:
    """Whether ``text[start:stop]`` ends in the word "Jr" or "Sr" (a line break after it aside),
    read from the end: a search for it tried every character of the name."""
    if stop > start and text[stop - 1] == "\n":
        stop -= 1
    if stop - start < 2 or text[stop - 2:stop] not in ("Jr", "Sr"):
        return False
    return stop - 3 < start or not (text[stop - 3].isalnum() or text[stop - 3] == "_")


def looks_like_name(s: str) -> bool:
    """A personal name as written: one to five capitalised words or initials, or a redaction."""
    s = s.strip()
    if s.endswith(_SUFFIX_ENDS):
        s = _SUFFIX.sub("", s)
    if "[" in s:  # (each of these opens with one)
        if _REDACTION.match(s):
            return True
        # initials the editors expanded: "G[eorge] V. A[llen]", "L[oy] W. H[enderson]"; a footnote
        # marker ("Silin[1]"); a gloss after the name ("Filippov [Stalin]")
        s = _GLOSS_AFTER.sub("", _EXPANDED.sub(r"\1", _FOOTNOTE.sub("", s)))
    toks = s.split()
    if not toks or len(toks) > 5 or any(c.isdigit() for c in s):
        return False
    caps = 0
    for i, t in enumerate(toks):
        if t in _PARTICLE and 0 < i < len(toks) - 1:
            continue
        if not _NAME_TOKEN.fullmatch(t):
            return False
        if not _INITIALS.fullmatch(t) and _NOT_NAME_WORDS.match(t.rstrip(".")):
            return False
        caps += 1
    last = toks[-1]
    # a lone initial is not a name, but initials alone ("SH", "S.H.") are a signature
    if caps > 0 and len(toks) > 1 and _INITIAL.fullmatch(last):
        # the Russian order, initials after the surname: "STALIN I. V.", "Molotov V.M."
        return any(len(t) >= 2 and not _INITIALS.fullmatch(t) for t in toks[:-1])
    return caps > 0 and (len(last.rstrip(".")) >= 2 or (len(toks) == 1 and bool(_LATIN_INITIALS.fullmatch(last))))


def redaction(s: str) -> bool:
    return bool(_REDACTION.match(s.strip()))


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(start + m.start(), start + m.end(), m.group()) for m in _TOKEN.finditer(text[start:end])]


def _person(text: str, s: int, e: int, office: tuple[int, int] | None = None) -> Agent | None:
    """A person from ``[s, e)``: an honorific dropped, a leading rank kept apart."""
    s, e = _trim(text, s, e)
    m = _HONORIFIC.match(text[s:e])
    if m:
        s += m.end()
    rank = None
    m = _RANK.match(text[s:e])
    if m and looks_like_name(text[s + m.end():e]):
        rank = Span.of(text, s, s + m.end())
        s += m.end()
    s, e = _trim(text, s, e)
    if s >= e or not looks_like_name(text[s:e]):
        return None
    off = None
    if office is not None:
        os_, oe = _trim(text, *office)
        if os_ < oe:
            off = Span.of(text, os_, oe)
    return Agent(Span.of(text, s, e), AgentKind.PERSON, office=off, rank=rank)


def _named_last(text: str, s: int, e: int) -> Agent | None:
    """The person whose name ends an office or body phrase ("Minister … Yemel'yanov"), the
    words before the name as the office; None when no name ends it."""
    name_at = _trailing_name(text, s, e)
    return None if name_at is None else _person(text, name_at, e, (s, name_at))


def _trailing_name(text: str, s: int, e: int) -> int | None:
    """Where a name closing an office phrase begins ("Director of Central Intelligence |Dulles",
    "Secretary of the CC of the CP of Azerbaijan |T.A. Yakubov")."""
    toks = _tokens(text, s, e)
    j = len(toks)
    while j > 0:
        t = toks[j - 1][2]
        if t.lower() in _CONNECTOR or _OFFICE_TAIL.match(t) or not _NAME_TOKEN.fullmatch(t):
            break
        j -= 1
    if j == len(toks) or j == 0:
        return None
    before = toks[j - 1][2]
    if before.lower() in _CONNECTOR:
        # "… of Azerbaijan T.A. Yakubov": the place closes the office, the rest is the name
        k = j
        while k < len(toks):
            if k + 1 < len(toks) and is_place(f"{toks[k][2]} {toks[k + 1][2]}"):
                k += 2
            elif is_place(toks[k][2]):
                k += 1
            else:
                break
        if k == j or k >= len(toks):
            return None
        j = k
    elif not _OFFICE_TAIL.match(before):
        return None
    if len(toks) - j > 4:
        return None
    return toks[j][0]


@lru_cache(maxsize=64)  # a closing's rules ask a line and the one under it again (~0.1 ms each)
def agent_of(text: str, start: int, end: int) -> Agent | None:
    """The agent written in ``text[start:end]``, or None when it names nobody."""
    s, e = _trim(text, start, end)
    if s >= e:
        return None
    phrase = text[s:e]
    if redaction(phrase) and _WITHHELD_PLACE.search(phrase):
        # "Telegram From [place not declassified]": a post at a withheld place
        return Agent(Span.of(text, s, e), AgentKind.ORGANIZATION)
    # "the Ambassador in Iran (Allen)": the name in parentheses closes the phrase
    m = _NAME_IN_PARENTHESES.match(phrase)
    # "(King)" is a name, "(Plans)" in "Deputy Director (Plans)" part of the office
    if m and looks_like_name(m.group("name")) and not _OFFICE_TAIL.match(m.group("name").strip()):
        ns, ne = s + m.start("name"), s + m.end("name")
        return _person(text, ns, ne, (s, s + m.end("office")))
    who = _person_written(text, s, e, phrase)
    if who is not None:
        return who
    return _office_or_body(text, s, e, phrase)


def _person_written(text: str, s: int, e: int, phrase: str) -> Agent | None:
    """A person the phrase ``text[s:e]`` names, with an office or body beside the name, or alone."""
    # "the Soviet Ambassador in Iran, A. A. Lavrent'ev" / "Jerome Dunbar, Operation PBSUCCESS …"
    if "," in _SUFFIX.sub("", phrase):
        cut = s + phrase.rfind(",")
        right = _person(text, cut + 1, e, (s, cut)) if _OFFICE_ANYWHERE.search(text[s:cut]) else None
        if right is not None:
            return right
        first = s + phrase.find(",")
        left = _person(text, s, first, (first + 1, e))
        if left is not None and (_ORG_WORD.search(text[first + 1:e]) or _OFFICE_HEAD.match(text[first + 1:e].strip())):
            return left
    person = _person(text, s, e)
    if person is not None:
        return person
    # "Sadchikov in Tehran", "Puzanov in Kabul": a person at his post
    post = _AT_POST.search(phrase)
    if post is not None and post.start() > 0 and not _OFFICE_HEAD.match(phrase) and not _ORG_WORD.search(phrase[:post.start()]):
        who = _person(text, s, s + post.start())
        if who is not None and not is_place(who.span.text):
            return who
    # "[name not declassified] of the Western Hemisphere Division, Central Intelligence Agency",
    # "William Robertson of Operation PBSUCCESS"
    m = _NAME_OF.match(phrase)
    if m and not _OFFICE_HEAD.match(phrase) and _ORG_WORD.search(m.group("rest")) and (
        redaction(m.group("name")) or len(m.group("name").split()) >= 2
    ):
        who = _person(text, s + m.start("name"), s + m.end("name"), (s + m.start("rest"), e))
        if who is not None:
            return who
    return None


def _office_or_body(text: str, s: int, e: int, phrase: str) -> Agent | None:
    """An office or a body (or a person named last after one), or None when the phrase names neither."""
    if _OFFICE_HEAD.match(phrase):
        who = _named_last(text, s, e)
        if who is not None:
            return who
        # "Ambassador Sadchikov in Tehran": the post's place after the name
        post = _POST_PLACE.search(phrase)
        if post is not None and post.start() > 0:
            name_at = _trailing_name(text, s, s + post.start())
            if name_at is not None:
                who = _person(text, name_at, s + post.start(), (s, name_at))
                if who is not None and not is_place(who.span.text):
                    return who
        return Agent(Span.of(text, s, e), AgentKind.OFFICE)
    m = _QUALIFIED_OFFICE.match(phrase)
    if m:
        who = _named_last(text, s, e)
        if who is not None:
            return who
        return Agent(Span.of(text, s, e), AgentKind.OFFICE)
    m = _RANK.match(phrase)
    if m:
        who = _person(text, s, e)
        if who is not None:
            return who
    if _ORG_WORD.search(phrase):
        # "CC CPSU G.M. Malenkov": a person named after the body he belongs to
        who = _named_last(text, s, e)
        if who is not None:
            return who
        return Agent(Span.of(text, s, e), AgentKind.ORGANIZATION)
    if phrase.isupper():
        return Agent(Span.of(text, s, e), AgentKind.ORGANIZATION)
    if _SOME_OF.match(phrase):
        return Agent(Span.of(text, s, e), AgentKind.ORGANIZATION)
    return None


_SOME_OF = re.compile(r"^(?:Certain|All|Various|Several)\s")  # "Certain Posts": a body of people
_AT_POST = re.compile(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$")


__all__ = ["agent_of", "looks_like_name", "redaction"]

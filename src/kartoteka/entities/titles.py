"""Titles, ranks and offices written in front of a name ("Cde.", "General-Major", "Consul
General", "Prime Minister", "Doctor"): found so that they are kept apart from the name."""

from __future__ import annotations

import re

from kartoteka.model import Span

# longest first inside the alternation, so "Prime Minister" wins over "Minister"
_TITLES = (
    "Cde", "Cdes", "Comrade", "Comrades", "Tov", "Mr", "Mrs", "Messrs", "Miss", "Ms", "Dr", "Doctor", "Prof",
    "Professor", "Sir", "Lord", "Lady", "Dame", "Madame", "Mme", "Monsieur", "M", "Herr", "Senor", "Señor",
    "Senora", "Señora", "Don", "Dona", "Doña",
    "General-Major", "General-Lieutenant", "General-Colonel", "General of the Army", "Major-General",
    "Major General", "Lieutenant-General", "Lieutenant General", "Brigadier General", "Brigadier",
    "Lt. Gen", "Maj. Gen", "Brig. Gen", "Lt. Col", "Lieutenant Colonel", "Lieutenant-Colonel", "Gen",
    "General", "Col", "Colonel", "Lt", "Lieutenant", "Capt", "Captain", "Maj", "Major", "Sgt", "Sergeant",
    "Cmdr", "Commander", "Adm", "Admiral", "Vice Admiral", "Rear Admiral", "Marshal", "Field Marshal",
    "Ambassador", "Minister", "Prime Minister", "Foreign Minister", "War Minister", "Deputy Minister",
    "Deputy Prime Minister", "Premier", "President", "Vice President", "Secretary", "Secretary of State",
    "Under Secretary", "Undersecretary", "Assistant Secretary", "Deputy Secretary", "Senator", "Sen",
    "Congressman", "Rep", "Governor", "Governor-General", "Governor General", "Consul", "Consul General",
    "Consul-General", "Vice Consul", "Vice-Consul", "Counselor", "Counsellor", "Chargé", "Charge",
    "Chargé d'Affaires", "Charge d'Affaires", "Attaché", "Attache", "Military Attaché", "Military Attache",
    "Father", "Bishop", "Archbishop", "Monsignor", "Msgr", "Ayatollah", "Sheikh", "Shaikh", "Sheik",
    "Mullah", "Haji", "Hajji", "Seyyed", "Sayyid", "Prince", "Princess", "King", "Queen", "Emperor",
    "Director", "Deputy Director", "Chief", "Commissar", "People's Commissar", "Chairman", "Deputy Chairman",
    "Mayor", "Judge", "Justice", "Dictator", "Generalissimo", "Colonels", "Generals", "Lic", "Licenciado", "Ing",
    "Ingeniero", "Presidente", "Coronel", "Teniente", "Capitan", "Mayor",
    "Sec", "Secy", "Secty", "Acting",
    "His Imperial Majesty", "Her Imperial Majesty", "His Majesty", "Her Majesty", "His Royal Highness",
    "Her Royal Highness", "His Highness", "Her Highness", "His Excellency", "Her Excellency", "His Holiness",
    "H.E", "H. E", "Imam", "Emir", "Sultan", "Regent",
)
_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(set(_TITLES), key=len, reverse=True))
# one or more titles, each optionally with a full stop, directly before a name
TITLE_ALTERNATION = _ALT
_TITLE_RUN = re.compile(rf"(?:\b(?:{_ALT})\.?\s+)+$")
_TITLE_HEAD = re.compile(rf"^(?:(?:{_ALT})\.?\s+)+")
# rulers' titles that stand for the ruler alone ("the Shah", "the Ruler"): a role, no name
RULERS = frozenset(("Shah", "Shahanshah", "Sultan", "Emir", "Khedive", "Negus", "Caliph", "Mufti", "Imam", "Ruler",
                    "Regent"))
# a title that names a person by itself only with a name after it ("King" alone is a surname)
AMBIGUOUS_ALONE = frozenset({"King", "Don", "Miss", "Major", "Chief", "Justice", "Judge", "Father", "M"})


def title_before(text: str, start: int) -> Span | None:
    """The title run that ends right before ``start`` on the same line, or None."""
    # the line's start within the window only: on a line of megabytes, a search back to its
    # start for every name grew with the square of the line
    window_start = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    m = _TITLE_RUN.search(text, window_start, start)
    if m is None:
        return None
    span = Span.of(text, m.start(), m.end())
    if span.text in AMBIGUOUS_ALONE and _sentence_start(text, span.start):
        return None
    return span


def _sentence_start(text: str, pos: int) -> bool:
    i = pos  # past the blanks before ``pos``, without copying the text before it
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n"


def split_title(text: str, start: int, end: int) -> tuple[Span | None, int]:
    """A title run at the head of ``text[start:end]`` and where the name after it begins.

    The name must keep at least one word: "General" alone is not split into nothing.
    """
    m = _TITLE_HEAD.match(text[start:end])
    if m is None or start + m.end() >= end:
        return None, start
    return Span.of(text, start, start + m.end()), start + m.end()


def strip_title(name: str) -> str:
    """A name without the titles in front of it ("Colonel Carlos Castillo Armas" → "Carlos Castillo Armas")."""
    m = _TITLE_HEAD.match(name)
    if m is None or m.end() >= len(name):
        return name
    return name[m.end():].strip()


def is_title(words: str) -> bool:
    """Whether the words are titles and nothing else ("Ambassador", "Prime Minister")."""
    w = words.strip() + " "
    m = _TITLE_HEAD.match(w)
    return m is not None and m.end() == len(w)


__all__ = ["AMBIGUOUS_ALONE", "RULERS", "TITLE_ALTERNATION", "is_title", "split_title", "strip_title", "title_before"]
